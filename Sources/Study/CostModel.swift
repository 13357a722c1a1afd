import Foundation
import Transformer

/// Rough compute and time estimates for `--dry-run` and the ETA: FLOPs from the model size (nanoGPT's 6N + 12 L d T
/// per training token, 2N per generated or scored token), time from effective throughputs on a quiet 2-core
/// AVX-512 machine with the C kernels (`scaling bench` at d64/d128, L2, T 352, batch 16: ~180-270 GFLOP/s
/// training, i.e. ~136K and ~71K tokens/s). The executor's ETA rescales by the speed it observes.
public struct CostModel: Sendable {
    /// Effective training throughput (GFLOP/s), all cores. Before the C kernels 50 (measured: pretraining d64L2
    /// 46, d128L2 59); the quick study's SFT then went from 162 s to 48.8 s (x3.3), hence 165. Pretraining runs
    /// faster still (~180-270), so base estimates err long.
    public var trainGFLOPs: Double = 165
    /// Effective sampling throughput (GFLOP/s at 2N FLOPs per token) of the batched KV-cache sampler. Before the
    /// C kernels 20 (15 at d64L2 to 30 at d128L2); the quick study's evaluations went from 111 s to 69.7 s (x1.6).
    public var sampleGFLOPs: Double = 32
    /// Mean tokens (characters) of one chain-format document, question plus solution.
    public var documentTokens: Double = 230
    /// Mean tokens of a question prompt; the rest of a document is what sampling generates.
    public var promptTokens: Double = 120

    public init() {}

    /// Measured wall-clock time over this model's estimate for the runs of a finished study on one host
    /// (2 cores, `jobs` runs at a time).
    public struct Calibration: Sendable {
        public var host: String
        public var jobs: Int
        public var runs: Int
        public var measuredMinutes: Double
        public var estimatedMinutes: Double
        public var ratio: Double { measuredMinutes / estimatedMinutes }
    }

    /// The seeds-aware `paper` preset's runs with the current engine (SFT rows at their own lengths), from the
    /// shipped bases: 1h14m12s with `--jobs 2` on the slowest host we have measured (docs/presets.md, "From a
    /// clone"). Earlier engines' measurements (x1.05 on a model-207 Xeon, x1.94 here, one run at a time, SFT rows
    /// padded) no longer describe the code.
    public static let calibrations = [
        Calibration(host: "Intel Xeon model 167, 2.0 GHz", jobs: 2, runs: 114, measuredMinutes: 74.2, estimatedMinutes: 67.3),
    ]

    /// The trainer's parameter count (GPT-2 with tied embeddings, the character tokenizer's vocabulary).
    public func parameters(_ model: ModelShape, context: Int) -> Int {
        (try? Pipeline.modelConfig(model, context: context, tokenizer: Tokenizer()).parameterCount) ?? 0
    }

    public struct CostEstimate: Sendable {
        public var flops: Double = 0
        public var seconds: Double = 0
        static func + (a: CostEstimate, b: CostEstimate) -> CostEstimate { CostEstimate(flops: a.flops + b.flops, seconds: a.seconds + b.seconds) }
    }

    public func pretraining(_ base: BaseSpec) -> CostEstimate {
        training(base.model, context: base.pretrain.context, length: Double(base.pretrain.context), tokens: Double(base.pretrain.tokens))
    }

    /// SFT plus evaluation of one run (its base not included).
    public func run(_ run: RunSpec) -> CostEstimate {
        let p = parameters(run.base.model, context: run.base.pretrain.context)
        var e = training(run.base.model, context: run.base.pretrain.context, length: documentTokens,
                         tokens: Double(run.size * run.sft.epochs) * documentTokens)
        let sequences = Double(run.eval.testSize * (1 + run.eval.samples) * run.evalDomains.count)
        let generated = sequences * (documentTokens - promptTokens) + sequences / Double(1 + run.eval.samples) * promptTokens
        e = e + sampling(params: p, tokens: generated)
        if run.lmLoss {
            e = e + sampling(params: p, tokens: Double(run.eval.testSize + 2 * run.eval.regenSize) * documentTokens)
        }
        return e
    }

    /// Training FLOPs for sequences of `length` tokens: 6N + 12 L d length per token.
    func training(_ model: ModelShape, context: Int, length: Double, tokens: Double) -> CostEstimate {
        let perToken = 6 * Double(parameters(model, context: context)) + 12 * Double(model.layers * model.width) * length
        let flops = perToken * tokens
        return CostEstimate(flops: flops, seconds: flops / (trainGFLOPs * 1e9))
    }

    func sampling(params: Int, tokens: Double) -> CostEstimate {
        let flops = 2 * Double(params) * tokens
        return CostEstimate(flops: flops, seconds: flops / (sampleGFLOPs * 1e9))
    }
}
