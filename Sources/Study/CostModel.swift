import Foundation

/// Rough compute and time estimates for `--dry-run` and the ETA: FLOPs from the model size (6 per parameter per
/// training token, 2 per generated or scored token), time from effective throughputs measured on a 2-core machine.
public struct CostModel: Sendable {
    /// Effective training throughput (GFLOP/s), all cores.
    public var trainGFLOPs: Double = 40
    /// Effective sampling throughput (GFLOP/s) of the batched KV-cache sampler.
    public var sampleGFLOPs: Double = 20
    /// Mean tokens (characters) of one chain-format document, question plus solution.
    public var documentTokens: Double = 220
    /// Mean tokens of a question prompt; the rest of a document is what sampling generates.
    public var promptTokens: Double = 120
    /// Vocabulary size of the character tokenizer.
    public var vocabulary: Int = 80

    public init() {}

    /// GPT-2 parameter count with tied embeddings: wte + wpe + L x (attention + MLP + 2 layer norms) + final norm.
    public func parameters(_ model: ModelShape, context: Int) -> Int {
        let d = model.width
        return vocabulary * d + context * d + model.layers * (12 * d * d + 13 * d) + 2 * d
    }

    public struct Estimate: Sendable {
        public var flops: Double = 0
        public var seconds: Double = 0
        static func + (a: Estimate, b: Estimate) -> Estimate { Estimate(flops: a.flops + b.flops, seconds: a.seconds + b.seconds) }
    }

    public func pretraining(_ base: BaseSpec) -> Estimate {
        training(params: parameters(base.model, context: base.pretrain.context), tokens: Double(base.pretrain.tokens))
    }

    /// SFT plus evaluation of one run (its base not included).
    public func run(_ run: RunSpec) -> Estimate {
        let p = parameters(run.base.model, context: run.base.pretrain.context)
        var e = training(params: p, tokens: Double(run.size * run.sft.epochs) * documentTokens)
        let sequences = Double(run.eval.testSize * (1 + run.eval.samples) * run.evalDomains.count)
        let generated = sequences * (documentTokens - promptTokens) + sequences / Double(1 + run.eval.samples) * promptTokens
        e = e + sampling(params: p, tokens: generated)
        if run.lmLoss {
            e = e + sampling(params: p, tokens: Double(run.eval.testSize + 2 * run.eval.regenSize) * documentTokens)
        }
        return e
    }

    func training(params: Int, tokens: Double) -> Estimate {
        let flops = 6 * Double(params) * tokens
        return Estimate(flops: flops, seconds: flops / (trainGFLOPs * 1e9))
    }

    func sampling(params: Int, tokens: Double) -> Estimate {
        let flops = 2 * Double(params) * tokens
        return Estimate(flops: flops, seconds: flops / (sampleGFLOPs * 1e9))
    }
}

/// `1.2e12` as "1.2 TFLOP", seconds as "3m12s".
public enum Format {
    public static func flops(_ x: Double) -> String {
        let units = [(1e15, "PFLOP"), (1e12, "TFLOP"), (1e9, "GFLOP"), (1e6, "MFLOP")]
        for (scale, name) in units where x >= scale { return String(format: "%.1f ", x / scale) + name }
        return String(format: "%.0f FLOP", x)
    }

    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(String(s % 60).leftPadded(to: 2))s" }
        return "\(s / 3600)h\(String(s % 3600 / 60).leftPadded(to: 2))m"
    }

    /// Tokens as "32M", "250K".
    public static func count(_ x: Double) -> String {
        if x >= 1e6 { return String(format: x >= 1e7 ? "%.0fM" : "%.1fM", x / 1e6) }
        if x >= 1e3 { return String(format: x >= 1e4 ? "%.0fK" : "%.1fK", x / 1e3) }
        return String(format: "%.0f", x)
    }
}
