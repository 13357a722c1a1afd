import DataFiles
import COpenBLAS
import Foundation

/// Speed measurements for `scaling bench`: the machine's sgemm peak, training throughput, peak memory.
public enum Bench {
    /// What to measure.
    public struct Settings: Sendable {
        public var config: GPTConfig
        public var batch: Int
        public var threads: Int
        /// Timed training steps, after `warmup` untimed ones.
        public var steps: Int
        public var warmup: Int
        /// An SFT step: rows of different lengths with the masked loss (`Bench.sftRows`) instead of full rows
        /// counting every position. Tokens per second still count B × T per step, as PyTorch's padded step does,
        /// so the ratio is the time each takes for the same documents.
        public var sft: Bool

        public init(config: GPTConfig, batch: Int, threads: Int, steps: Int = 20, warmup: Int = 3, sft: Bool = false) {
            self.config = config
            self.batch = batch
            self.threads = threads
            self.steps = steps
            self.warmup = warmup
            self.sft = sft
        }
    }

    /// Training throughput and the memory it needed.
    public struct Training: Sendable {
        public var tokensPerSecond: Double
        public var stepMilliseconds: Double
        /// Process CPU time (all threads) per timed step: steadier than wall time on a shared machine, since
        /// time spent descheduled is not counted.
        public var cpuMillisecondsPerStep: Double
        public var finalLoss: Float
        /// Bytes of parameters + gradients + Adam moments + activations (with the backward scratch).
        public var modelBytes: Int
        /// Peak resident set size of the process right after training (getrusage ru_maxrss).
        public var peakResidentBytes: Int
    }

    /// Times `steps` AdamW training steps (forward, backward, update; lr 1e-3, betas 0.9/0.95, weight decay 0.1,
    /// no clipping, exactly like benchmarks/torch_gpt.py) on random tokens generated up front; `sft`: with the
    /// masked loss of an SFT step.
    public static func training(_ s: Settings) -> Training {
        Threads.set(s.threads)
        let c = s.config, n = s.batch * c.contextLength
        let model = GPT(config: c, maxBatch: s.batch, seed: 0)
        let optimizer = AdamW(layout: model.layout)
        var rng = SplitMix64(seed: 1)
        let total = s.warmup + s.steps
        let data = (0..<(total * (n + s.batch))).map { _ in Int32(rng.next() % UInt64(c.vocabSize)) }
        // SFT rows keep their own lengths (the prefix of each full row); pretraining rows are all T long.
        let rows = s.sft ? sftRows(batch: s.batch, length: c.contextLength)
            : (layout: SequenceLayout.uniform(batch: s.batch, length: c.contextLength), mask: nil)
        var inputs = [Int32](repeating: 0, count: rows.layout.tokens), targets = inputs
        var loss: Float = 0
        var start = DispatchTime.now(), cpuStart = processCPUSeconds()
        for step in 0..<total {
            if step == s.warmup { start = .now(); cpuStart = processCPUSeconds() }
            // Row b is the first tokens of T + 1 consecutive ones: inputs from the first, targets one further on.
            let base = step * (n + s.batch)
            for (b, length) in rows.layout.lengths.enumerated() {
                let row = rows.layout.offsets[b]
                for t in 0..<length {
                    let at = base + b * (c.contextLength + 1) + t
                    inputs[row + t] = data[at]
                    targets[row + t] = data[at + 1]
                }
            }
            loss = model.forward(inputs: inputs, targets: targets, mask: rows.mask, layout: rows.layout)
            model.zeroGrad()
            model.backward()
            optimizer.update(model, learningRate: 1e-3)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let cpuSeconds = processCPUSeconds() - cpuStart
        let modelBytes = model.parameters.byteCount + model.gradients.byteCount + optimizer.m.byteCount
            + optimizer.v.byteCount + model.activations.byteCount
        return Training(tokensPerSecond: Double(s.steps * n) / seconds, stepMilliseconds: seconds / Double(s.steps) * 1e3,
                        cpuMillisecondsPerStep: cpuSeconds / Double(s.steps) * 1e3, finalLoss: loss, modelBytes: modelBytes, peakResidentBytes: peakResidentBytes())
    }

    /// Sampling tokens/s with the KV cache, in the shape of a Pass@N evaluation: 8 prompts of min(32, T/2) random
    /// tokens × 32 samples each at temperature 1, up to min(64, T − prompt) new tokens (an untrained model, so
    /// some samples end early at a random `<end>`; only generated tokens count).
    public static func samplingTokensPerSecond(config c: GPTConfig, threads: Int) throws -> Double {
        Threads.set(threads)
        let promptLength = max(1, min(32, c.contextLength / 2))
        let newTokens = max(1, min(64, c.contextLength - promptLength))
        let samplesPerPrompt = 32, prompts = 8
        let model = GPT(config: c, maxBatch: prompts, seed: 0)
        var rng = SplitMix64(seed: 2)
        let promptTokens = (0..<prompts).map { _ in (0..<promptLength).map { _ in Int32(rng.next() % UInt64(c.vocabSize)) } }
        let sampler = Sampler(model: model)
        let settings = SamplingSettings(samplesPerPrompt: samplesPerPrompt, temperature: 1, maxNewTokens: newTokens, seed: 3)
        _ = try sampler.generate(prompts: promptTokens, settings: settings)
        return Double(sampler.generatedTokens) / sampler.seconds
    }

    /// The best sgemm throughput (GFLOP/s) of OpenBLAS's own threading with `threads` threads, over the shapes
    /// of shared/peers/sgemm_peak.py (square 256 to 2048 and 4096×256×256), best of 3 trials each.
    public static func sgemmPeakGFLOPS(threads: Int) -> Double {
        openblas_set_num_threads(Int32(threads))
        defer { Threads.set(threads) }   // back to single-threaded OpenBLAS for the model's kernels
        var best = 0.0
        for (m, k, n) in [(256, 256, 256), (512, 512, 512), (1024, 1024, 1024), (2048, 2048, 2048), (4096, 256, 256)] {
            let a = FloatBuffer(count: m * k), b = FloatBuffer(count: k * n), c = FloatBuffer(count: m * n)
            var rng = SplitMix64(seed: 5)
            for i in 0..<a.count { a.base[i] = Float(rng.nextUnit()) - 0.5 }
            for i in 0..<b.count { b.base[i] = Float(rng.nextUnit()) - 0.5 }
            func multiply() {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                            1, a.base, Int32(k), b.base, Int32(n), 0, c.base, Int32(n))
            }
            multiply()
            let once = time(multiply)
            let repetitions = max(1, Int(0.2 / max(once, 1e-6)))
            for _ in 0..<3 {
                let seconds = time { for _ in 0..<repetitions { multiply() } } / Double(repetitions)
                best = max(best, 2 * Double(m * k * n) / seconds / 1e9)
            }
        }
        return best
    }

    /// Wall-clock seconds of `body`.
    public static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now()
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// CPU seconds used by the whole process so far (user + system, every thread).
    public static func processCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// The process's peak resident set size so far, in bytes.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024   // Linux reports kilobytes
    }
}
