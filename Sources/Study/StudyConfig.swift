import DataFiles
import Grading
import MathTasks

/// A study: which models are pretrained how, which SFT data sets they are fine-tuned on, how they are evaluated,
/// and which experiments (E1-E10 of PAPER.md, or your own) the runs serve. Read from JSON by `StudyConfig(parsing:)`;
/// the schema is documented in docs/study-config.md.
public struct StudyConfig: Sendable {
    public var name: String
    public var description: String
    /// Seed of everything fixed per study: the real pool, the test sets, the regenerated questions.
    public var seed: Int
    /// Default model sizes of experiments that name none.
    public var models: [ModelShape]
    /// Default SFT seeds of experiments that name none (each seed is a separate run: data draw, order, sampling).
    public var seeds: [Int]
    /// Where base checkpoints are cached, relative to the study directory (shared between studies).
    public var basesDirectory: String
    /// The default `bases`: next to the study (see BaseLocations for the search around it).
    public static let defaultBasesDirectory = "../bases"
    public var pretrain: PretrainConfig
    public var sft: SFTConfig
    public var data: DataConfig
    public var eval: EvalConfig
    /// Experiments in the file's order of ids (E1, E2, ..., then others sorted).
    public var experiments: [Experiment]
}

/// A model size written `d64L2` (width 64, 2 layers, 4 heads) or `d96L2H6` (6 heads).
public struct ModelShape: Sendable, Hashable, Comparable {
    public var width: Int
    public var layers: Int
    public var heads: Int

    public init?(_ name: String) {
        let scalars = Array(name.utf8)
        var i = 0
        func number() -> Int? {
            let start = i
            while i < scalars.count, scalars[i] >= 48, scalars[i] <= 57 { i += 1 }
            return i > start ? Int(String(decoding: scalars[start..<i], as: UTF8.self)) : nil
        }
        func expect(_ c: Character) -> Bool {
            guard i < scalars.count, scalars[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard expect("d"), let w = number(), expect("L"), let l = number() else { return nil }
        var h = 4
        if i < scalars.count {
            guard expect("H"), let parsed = number() else { return nil }
            h = parsed
        }
        guard i == scalars.count, w > 0, l > 0, h > 0, w % h == 0 else { return nil }
        (width, layers, heads) = (w, l, h)
    }

    /// `d64L2`, with `H<h>` only when the heads are not the default 4.
    public var name: String { "d\(width)L\(layers)" + (heads == 4 ? "" : "H\(heads)") }

    public static func < (a: ModelShape, b: ModelShape) -> Bool {
        (a.width, a.layers, a.heads) < (b.width, b.layers, b.heads)
    }
}

/// Pretraining of the base models (once per model size; cached by the hash of this and the model shape).
public struct PretrainConfig: Sendable {
    /// Training tokens; must pass the "arithmetic jump" (~32M for d64L2, PAPER.md) for SFT to matter.
    public var tokens: Int
    public var batch: Int
    public var context: Int
    public var learningRate: Double
    public var warmupSteps: Int
    /// The cosine schedule decays to this fraction of the peak learning rate.
    public var finalLRFraction: Double
    public var weightDecay: Double
    public var seed: Int
    /// Default pretraining seeds of arms that name none (`"seeds"`; a lone `"seed"` means `[seed]`): each seed is
    /// its own base, with its own hash and cache entry. `seed` is the one a given base was built with.
    public var seeds: [Int]
    /// Problem families in the pretraining corpus.
    public var domains: [Domain]
}

/// Supervised fine-tuning of a base model (loss on solution tokens only).
public struct SFTConfig: Sendable {
    /// Default data sizes of experiments that name none; 0 means the base model without SFT.
    public var sizes: [Int]
    public var epochs: Int
    public var batch: Int
    public var learningRate: Double
    public var warmupSteps: Int
}

/// The real pool and the synthesizer.
public struct DataConfig: Sendable {
    /// Size of the real pool per domain (GSM8K's train set has 7.5K); real SFT sizes cannot exceed it.
    public var poolSize: Int
    /// Probability that the synthetic-data teacher makes a calculation error in a solution (a wrong result that
    /// propagates), and a reasoning error (a wrong operation with right arithmetic).
    public var teacherCalculationErrorRate: Double
    public var teacherReasoningErrorRate: Double
}

/// How every run is evaluated.
public struct EvalConfig: Sendable {
    /// Held-out questions per evaluation domain (fixed per study).
    public var testSize: Int
    /// N: samples per question at `temperature` for Pass@N, PassRatio@N, maj@N and pass@k.
    public var samples: Int
    public var temperature: Double
    /// The k of the unbiased pass@k estimates (each <= samples).
    public var passAtK: [Int]
    /// Questions of the regenerated test and train sets for the contamination check (E9).
    public var regenSize: Int
    /// How answers are read (`standard` or `strict`), recorded with every run's results.
    public var grading: GradingRule = .standard
}

/// One experiment: a named group of arms, each arm a set of runs (models x sizes x seeds) on one kind of data.
public struct Experiment: Sendable {
    public var id: String
    public var arms: [Arm]
}

/// What an arm fine-tunes on and how its runs are evaluated.
public struct Arm: Sendable {
    /// `real` (drawn from the pool) or `synthetic` (made by the teacher from pool questions).
    public var data: DataKind
    /// `real` for real data; the synthesis method (or `mixed`) for synthetic data.
    public var method: DataMethod
    public var domain: DataDomain
    /// Synthetic data checked by solving twice and keeping agreeing answers.
    public var verified: Bool
    /// `long` resamples the SFT mix toward problems with more steps.
    public var resample: ResampleMode
    /// Number of test questions (with their reference solutions) mixed into the SFT data: the E9 control.
    public var contaminate: Int
    public var sizes: [Int]
    public var models: [ModelShape]
    public var seeds: [Int]
    /// Pretraining seeds: the arm's runs are repeated on the base of each (`pretrain_seeds`, default `pretrain.seeds`).
    public var pretrainSeeds: [Int]
    public var evalDomains: [Domain]
    /// Also measure LM loss on the test, regenerated-test and regenerated-train questions (E9).
    public var lmLoss: Bool
}

extension StudyConfig {
    /// Parses and validates a study config; every error names the file and the field.
    public init(parsing text: String, file: String) throws {
        let top = try FieldReader(parsing: text, file: file)
        try top.checkKeys(["name", "description", "seed", "models", "seeds", "bases", "pretrain", "sft", "data", "eval", "experiments"])
        name = try top.string("name")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw top.error("name", "expected letters, digits, '-' or '_'")
        }
        description = try top.string("description", default: "")
        seed = try top.int("seed", default: 1, minimum: 0)
        models = try StudyConfig.models(top, "models", default: nil)
        seeds = try top.intList("seeds", default: [1], minimum: 0)
        basesDirectory = try top.string("bases", default: StudyConfig.defaultBasesDirectory)

        let p = try top.child("pretrain")
        try p.checkKeys(["tokens", "batch", "context", "lr", "warmup_steps", "final_lr_fraction", "weight_decay", "seed", "seeds", "domains"])
        if p.has("seed") && p.has("seeds") { throw p.error("seeds", "give \"seed\" or \"seeds\", not both") }
        let pretrainSeeds = try p.intList("seeds", default: [try p.int("seed", default: 1, minimum: 0)], minimum: 0)
        pretrain = PretrainConfig(
            tokens: try p.int("tokens"), batch: try p.int("batch", default: 16), context: try p.int("context", default: 352, minimum: 8),
            learningRate: try p.double("lr", default: 3e-3, range: 0...1, openLow: true),
            warmupSteps: try p.int("warmup_steps", default: 100, minimum: 0),
            finalLRFraction: try p.double("final_lr_fraction", default: 0.1, range: 0...1),
            weightDecay: try p.double("weight_decay", default: 0.1, range: 0...1),
            seed: pretrainSeeds[0], seeds: pretrainSeeds,
            domains: try p.choiceList("domains", default: [.gsm], among: Domain.allCases))

        let s = try top.child("sft")
        try s.checkKeys(["sizes", "epochs", "batch", "lr", "warmup_steps"])
        sft = SFTConfig(sizes: try s.intList("sizes", default: [0, 64, 256, 1024], minimum: 0),
                        epochs: try s.int("epochs", default: 3), batch: try s.int("batch", default: 16),
                        learningRate: try s.double("lr", default: 5e-4, range: 0...1, openLow: true),
                        warmupSteps: try s.int("warmup_steps", default: 10, minimum: 0))

        let d = try top.child("data")
        try d.checkKeys(["pool_size", "teacher_calc_error_rate", "teacher_reasoning_error_rate"])
        data = DataConfig(poolSize: try d.int("pool_size", default: 4096),
                          teacherCalculationErrorRate: try d.double("teacher_calc_error_rate", default: 0.05, range: 0...1),
                          teacherReasoningErrorRate: try d.double("teacher_reasoning_error_rate", default: 0.05, range: 0...1))
        if data.teacherCalculationErrorRate + data.teacherReasoningErrorRate > 1 {
            throw d.error("teacher_reasoning_error_rate", "the two teacher error rates add up to more than 1")
        }

        let e = try top.child("eval")
        try e.checkKeys(["test_size", "samples", "temperature", "pass_at_k", "regen_size", "grading"])
        eval = EvalConfig(testSize: try e.int("test_size", default: 200), samples: try e.int("samples", default: 16),
                          temperature: try e.double("temperature", default: 0.7, range: 0...10, openLow: true),
                          passAtK: try e.intList("pass_at_k", default: [1, 4], minimum: 1),
                          regenSize: try e.int("regen_size", default: 100))
        eval.grading = try e.choice("grading", default: .standard, among: GradingRule.allCases)
        if eval.testSize % 4 != 0 {
            throw e.error("test_size", "expected a multiple of 4 (equal numbers of 1-, 2-, 3- and 4-step questions)")
        }
        for (i, k) in eval.passAtK.enumerated() where k > eval.samples {
            throw InputError(file: file, field: "eval.pass_at_k[\(i)]", "k = \(k) exceeds eval.samples = \(eval.samples)")
        }

        let x = try top.child("experiments")
        guard !x.object.isEmpty else { throw top.error("experiments", "expected at least one experiment") }
        experiments = []
        for id in x.object.keys.sorted(by: StudyConfig.experimentOrder) {
            guard id.first?.isLetter == true, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw x.error(id, "experiment ids are letters, digits, '-' or '_', starting with a letter")
            }
            experiments.append(try parseExperiment(id: id, x.child(id)))
        }
    }

    /// E1 < E2 < ... < E10, then other ids alphabetically.
    static func experimentOrder(_ a: String, _ b: String) -> Bool {
        func key(_ id: String) -> (Int, String) {
            if id.first == "E", let n = Int(id.dropFirst()) { return (n, "") }
            return (Int.max, id)
        }
        return key(a) < key(b)
    }

    static func models(_ r: FieldReader, _ key: String, default value: [ModelShape]?) throws -> [ModelShape] {
        try r.list(key, default: value) { item, path in
            guard let s = item as? String, let shape = ModelShape(s) else {
                throw InputError(file: r.file, field: path, "expected a model size like \"d64L2\" or \"d96L2H6\" (width divisible by heads)")
            }
            return shape
        }
    }

    /// Arm fields may be set on the experiment (defaults for all its arms) or on each arm in `arms`.
    private static let armKeys = ["data", "method", "domain", "verified", "resample", "contaminate", "sizes", "models",
                                  "seeds", "pretrain_seeds", "eval_domains", "lm_loss"]

    private func parseExperiment(id: String, _ r: FieldReader) throws -> Experiment {
        try r.checkKeys(StudyConfig.armKeys + ["arms", "note"])
        let armReaders = try r.children("arms") ?? [FieldReader(file: r.file, path: r.path, object: [:])]
        var arms: [Arm] = []
        for a in armReaders {
            if a.path != r.path { try a.checkKeys(StudyConfig.armKeys) }
            // A field on the arm wins; else the experiment's; else the study default.
            func pick(_ key: String) -> FieldReader { a.has(key) ? a : r }
            let data = try pick("data").choice("data", default: .real, among: DataKind.configurable)
            let method = try pick("method").choice("method", default: data == .real ? .real : .mixed, among: [.real] + DataMethod.synthetic)
            if data == .real, method != .real {
                throw pick("method").error("method", "'\(method.rawValue)' makes synthetic data; real data's method is real (or set \"data\": \"synthetic\")")
            }
            if data == .synthetic, method == .real {
                throw pick("method").error("method", "'real' is real data's method; synthetic data's is one of "
                                           + DataMethod.synthetic.map(\.rawValue).joined(separator: ", "))
            }
            let domain = try pick("domain").choice("domain", default: .single(.gsm), among: DataDomain.configurable)
            let verified = try pick("verified").bool("verified", default: false)
            if verified && data == .real { throw pick("verified").error("verified", "verification applies to synthetic data only") }
            let sizes = try pick("sizes").intList("sizes", default: sft.sizes, minimum: 0)
            let sizesReader = pick("sizes")
            if data == .real {
                for (i, size) in sizes.enumerated() where size > self.data.poolSize {
                    throw InputError(file: sizesReader.file, field: sizesReader.has("sizes") ? "\(sizesReader.fieldPath("sizes"))[\(i)]" : "sft.sizes[\(i)]",
                                     "real data size \(size) exceeds data.pool_size = \(self.data.poolSize) (use synthetic data beyond the pool)")
                }
            }
            let contaminate = try pick("contaminate").int("contaminate", default: 0, minimum: 0)
            if contaminate > eval.testSize { throw pick("contaminate").error("contaminate", "exceeds eval.test_size = \(eval.testSize)") }
            if contaminate > 0, let i = sizes.firstIndex(where: { $0 < contaminate }) {
                throw pick("contaminate").error("contaminate", "exceeds the arm's data size \(sizes[i]) (contaminated questions replace SFT examples)")
            }
            arms.append(Arm(
                data: data, method: method, domain: domain, verified: verified,
                resample: try pick("resample").choice("resample", default: .uniform, among: ResampleMode.allCases),
                contaminate: contaminate, sizes: sizes,
                models: try StudyConfig.models(pick("models"), "models", default: models),
                seeds: try pick("seeds").intList("seeds", default: seeds, minimum: 0),
                pretrainSeeds: try pick("pretrain_seeds").intList("pretrain_seeds", default: pretrain.seeds, minimum: 0),
                evalDomains: try pick("eval_domains").choiceList("eval_domains", default: domain.domains, among: Domain.allCases),
                lmLoss: try pick("lm_loss").bool("lm_loss", default: false)))
        }
        return Experiment(id: id, arms: arms)
    }
}
