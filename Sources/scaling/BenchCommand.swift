import Arguments
import DataFiles
import Foundation
import Study
import Transformer

/// `scaling bench`: Measure trainer and sampler speed on this machine.
enum BenchCommand: Command {
    static let spec = CommandSpec(
        name: "bench", abstract: "Measure trainer and sampler speed on this machine.",
        discussion: """
        In one run: the sgemm peak of OpenBLAS (same threads; best of square 256..2048 and 4096x256x256),
        training tokens/s of the GPT (AdamW steps on random tokens, like benchmarks/torch_gpt.py), its GFLOP/s
        (nanoGPT's 6N + 12*L*d*T FLOPs per token) and fraction of the sgemm peak, sampling tokens/s with the KV
        cache, and peak memory (ru_maxrss right after training) against the bytes of parameters, gradients,
        Adam moments and activations. `make bench` compares with PyTorch on the same shapes. The kernels'
        instruction-set path (avx512, avx2, portable) is the widest the CPU supports; SCALING_KERNELS=avx2 (or
        portable) in the environment forces a narrower one. SCALING_ATTENTION=blocked (or fused-kept) picks
        another attention kernel than the default fused one, and SCALING_GEMM=kernels (or openblas) one GEMM
        engine for every product, for A/B measurements (docs/engine.md).

        --sft: SFT steps: row b holds T - b·T/(2B) tokens (rows of an SFT batch end at different lengths) and the
        loss skips the question (the first T/3); the rule of benchmarks/torch_gpt.py --sft, which pads every row to
        T while we run each at its own length, as the study's SFT does. tok/s counts B·T per step for both, so the
        ratio compares the time for the same documents. The study's SFT batches hold 16 rows of up to ~326 tokens.

        --sampling-workload evaluation: time only the sampling of one study evaluation (its 200 test prompts,
        1 greedy + 16 samples at temperature 0.7 each, every continuation exactly as long as the mean reference
        solution, no stop at <end>) on a random model of the given shape (the study's: --ctx 352 --vocab 101),
        exactly what benchmarks/torch_sample.py does with the JSON of --print-workload.
        """,
        options: [
            .option("d", "N", "model width", default: "128"),
            .option("layers", "N", "transformer blocks", default: "4"),
            .option("heads", "N", "attention heads", default: "4"),
            .option("ctx", "N", "context length T", default: "128"),
            .option("batch", "N", "batch size B", default: "32"),
            .option("vocab", "N", "vocabulary size V", default: "128"),
            .option("threads", "N", "threads for OpenBLAS and the kernels", default: "2"),
            .option("steps", "N", "timed training steps", default: "20"),
            .option("warmup", "N", "untimed training steps before timing", default: "3"),
            .flag("no-peak", "skip the sgemm peak measurement (for profiling the trainer alone)"),
            .flag("sft", "train with the masked loss of an SFT step"),
            .option("sampling-workload", "NAME", "time only this sampling workload: evaluation"),
            .option("prompts", "N", "with --sampling-workload: only the first N prompts (smoke runs)"),
            .option("new-tokens", "N", "with --sampling-workload: N new tokens per continuation (smoke runs)"),
            .flag("print-workload", "with --sampling-workload: print the workload as JSON (for torch_sample.py) and exit"),
            .flag("json", "print one JSON line instead of the table"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        func dimension(_ name: String) throws -> Int { try arguments.int(name, in: OptionRange.dimension)! }
        let config = try GPTConfig(vocabSize: dimension("vocab"), contextLength: dimension("ctx"), width: dimension("d"),
                                   layers: dimension("layers"), heads: dimension("heads"))
        let threads = try arguments.int("threads", in: OptionRange.threads)!
        func positiveIfGiven(_ name: String) throws -> Int? { try arguments.int(name, in: OptionRange.count) }
        if try arguments.choice("sampling-workload", among: ["evaluation"]) != nil {
            let workload = try SamplingWorkload.evaluation().truncated(prompts: try positiveIfGiven("prompts"),
                                                                       newTokens: try positiveIfGiven("new-tokens"))
            if arguments.flag("print-workload") { return try printReport(workload.json.map { ($0.key, $0.value) }, json: true) }
            let s = try Bench.sampling(config: config, workload: workload, threads: threads)
            return try printReport([
                ("impl", "scaling"), ("workload", "evaluation"), ("kernels", KernelPath.current.description),
                ("attention", Attention.kernel.rawValue), ("params", config.parameterCount),
                ("d", config.width), ("layers", config.layers), ("heads", config.heads), ("ctx", config.contextLength),
                ("vocab", config.vocabSize), ("threads", threads), ("prompts", workload.promptLengths.count),
                ("samples", workload.samplesPerPrompt), ("temperature", workload.json["temperature"]!),
                ("new_tokens", workload.newTokens), ("generated_tokens", s.generatedTokens),
                ("seconds", (s.seconds * 1000).rounded() / 1000), ("sample_tokens_per_s", round1(s.tokensPerSecond)),
                ("peak_rss_mb", round1(Double(s.peakResidentBytes) / 1e6)),
            ], json: arguments.flag("json"))
        }
        for name in ["prompts", "new-tokens", "print-workload"] where arguments.string(name) != nil || arguments.flag(name) {
            throw UsageError("option '--\(name)' needs --sampling-workload", commandPath: arguments.commandPath)
        }
        let settings = Bench.Settings(config: config, batch: try dimension("batch"), threads: threads,
                                      steps: try arguments.int("steps", in: OptionRange.count)!,
                                      warmup: try arguments.int("warmup", in: 0...OptionRange.count.upperBound)!,
                                      sft: arguments.flag("sft"))
        var estimate = MemoryEstimate(config, batch: settings.batch, sampling: true)
        estimate.dataBytes = 4 * Double(settings.warmup + settings.steps) * Double(config.contextLength + 1) * Double(settings.batch)
        try estimate.check("a model of width \(config.width), \(config.layers) layers, context \(config.contextLength) with batches of \(settings.batch)")
        // Training first, so that the peak memory is the trainer's, not the sgemm test matrices'.
        let training = Bench.training(settings)
        let sampling = try Bench.samplingTokensPerSecond(config: config, threads: settings.threads)
        let peak: Double? = arguments.flag("no-peak") ? nil : Bench.sgemmPeakGFLOPS(threads: settings.threads)
        let gflops = config.trainingFlopsPerToken * training.tokensPerSecond / 1e9
        let engine = EngineProvenance.fields
        let report: [(String, Any)] = [("impl", "scaling")] + EngineProvenance.names.map { ($0, engine[$0]!) } + [
            ("params", config.parameterCount),
            ("d", config.width), ("layers", config.layers), ("heads", config.heads), ("ctx", config.contextLength),
            ("batch", settings.batch), ("vocab", config.vocabSize), ("threads", settings.threads), ("steps", settings.steps),
            ("train_tokens_per_s", round1(training.tokensPerSecond)), ("step_ms", round1(training.stepMilliseconds)),
            ("cpu_ms_per_step", round1(training.cpuMillisecondsPerStep)),
            ("flops_per_token", Int(config.trainingFlopsPerToken)), ("gflops", round1(gflops)),
            ("sgemm_peak_gflops", peak.map(round1) ?? NSNull()),
            ("fraction_of_peak", peak.map { (gflops / $0 * 1000).rounded() / 1000 } ?? NSNull()),
            ("sample_tokens_per_s", round1(sampling)),
            ("peak_rss_mb", round1(Double(training.peakResidentBytes) / 1e6)),
            ("model_mb", round1(Double(training.modelBytes) / 1e6)),
            ("rss_over_model", (Double(training.peakResidentBytes) / Double(training.modelBytes) * 100).rounded() / 100),
            ("loss", round1(Double(training.finalLoss) * 1000) / 1000), ("sft", settings.sft),
        ]
        try printReport(report, json: arguments.flag("json"))
    }

    /// Prints `report` as one JSON line (keys sorted) or as an aligned key-value table.
    private static func printReport(_ report: [(String, Any)], json: Bool) throws {
        if json {
            let object = Dictionary(uniqueKeysWithValues: report)
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            let width = report.map(\.0.count).max()!
            for (key, value) in report {
                let text = value is NSNull ? "n/a" : "\(value)"
                print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + text)
            }
        }
    }

    private static func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
}
