import MathTasks

/// The identity of a base checkpoint: a model shape pretrained with one config. Its hash names the cached file.
public struct BaseSpec: Sendable, Hashable {
    public let model: ModelShape
    public let pretrain: PretrainConfig
    /// The corpus never contains a chain of the study's test sets (`seed`, `test_size`), so these are part of a base.
    public let testSeed: Int
    public let testSize: Int
    public let hash: String

    public init(model: ModelShape, pretrain: PretrainConfig, testSeed: Int, testSize: Int) {
        self.model = model
        self.pretrain = pretrain
        self.testSeed = testSeed
        self.testSize = testSize
        hash = CanonicalJSON.hash(BaseSpec.canonical(model: model, pretrain: pretrain, testSeed: testSeed, testSize: testSize))
    }

    /// Everything that changes the trained weights, as hashed. `Study.formatVersion` changes when the data
    /// format or trainer changes in a way that makes old checkpoints stale.
    public var canonical: [String: Any] { BaseSpec.canonical(model: model, pretrain: pretrain, testSeed: testSeed, testSize: testSize) }

    static func canonical(model: ModelShape, pretrain: PretrainConfig, testSeed: Int, testSize: Int) -> [String: Any] {
        ["kind": "base", "format": Study.formatVersion, "generator": taskGeneratorVersion, "model": model.name, "width": model.width, "layers": model.layers,
         "heads": model.heads, "tokens": pretrain.tokens, "batch": pretrain.batch, "context": pretrain.context,
         "lr": pretrain.learningRate, "warmup_steps": pretrain.warmupSteps, "final_lr_fraction": pretrain.finalLRFraction,
         "weight_decay": pretrain.weightDecay, "seed": pretrain.seed, "domains": pretrain.domains.map(\.rawValue),
         "excluded_test_chains": ["seed": testSeed, "test_size": testSize] as [String: Any]]
    }

    public static func == (a: BaseSpec, b: BaseSpec) -> Bool { a.hash == b.hash }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// One unit of work: fine-tune a base on one data set (or not at all: size 0) and evaluate it.
/// Runs are identified by the hash of `canonical`; a run shared by several experiments is planned once and tagged.
public struct RunSpec: Sendable {
    public var base: BaseSpec
    /// `noSFT` (written `none`) for size 0: the base model itself, as are `method` and `domain`.
    public var dataKind: DataKind
    public var method: DataMethod
    public var domain: DataDomain
    public var verified: Bool
    public var resample: ResampleMode
    public var contaminate: Int
    public var size: Int
    public var seed: Int
    /// Sorted by name.
    public var evalDomains: [Domain]
    public var lmLoss: Bool
    /// Experiments this run serves (E1, E3, ...), in plan order.
    public var experiments: [String]
    /// Study-level settings the run depends on (data seed, pool, teacher, SFT recipe, evaluation).
    public var studySeed: Int
    public var sft: SFTConfig
    public var data: DataConfig
    public var eval: EvalConfig

    /// The training identity: two experiments asking for the same training share the run (and its evaluation).
    var trainingKey: String {
        var o: [String: Any] = ["base": base.hash, "data": dataKind.rawValue, "size": size, "seed": seed]
        if dataKind != .noSFT {
            o.merge(dataFields) { a, _ in a }
        }
        return CanonicalJSON.encode(o)
    }

    public var canonical: [String: Any] {
        var o: [String: Any] = [
            "kind": "run", "format": Study.formatVersion, "generator": taskGeneratorVersion, "base": base.hash, "data": dataKind.rawValue, "size": size, "seed": seed,
            "study_seed": studySeed, "eval_domains": evalDomains.map(\.rawValue), "lm_loss": lmLoss,
            "eval": ["test_size": eval.testSize, "samples": eval.samples, "temperature": eval.temperature,
                     "pass_at_k": eval.passAtK, "regen_size": lmLoss ? eval.regenSize : 0]
                .merging(eval.grading == .standard ? [:] : ["grading": eval.grading.rawValue]) { a, _ in a } as [String: Any],
        ]
        if dataKind != .noSFT {
            o.merge(dataFields) { a, _ in a }
            o.merge(["sft": ["epochs": sft.epochs, "batch": sft.batch, "lr": sft.learningRate, "warmup_steps": sft.warmupSteps] as [String: Any],
                     "pool_size": data.poolSize]) { a, _ in a }
            if dataKind == .synthetic {
                o["teacher_calc_error_rate"] = data.teacherCalculationErrorRate
                o["teacher_reasoning_error_rate"] = data.teacherReasoningErrorRate
            }
        }
        return o
    }

    /// What the SFT data is, as hashed (runs with SFT data only).
    private var dataFields: [String: Any] {
        ["method": method.rawValue, "domain": domain.rawValue, "verified": verified, "resample": resample.rawValue, "contaminate": contaminate]
    }

    /// SHA-256 of `canonical` (12 hex digits), set by the planner once the run's evaluation is final.
    public internal(set) var hash = ""

    /// A short human label: `d64L2 real/gsm 256 s1`; a base of pretraining seed p other than 1 is `d64L2/p2`.
    public var label: String {
        var data: String
        switch dataKind {
        case .noSFT: data = "base"
        case .real: data = "real/\(domain.rawValue)"
        case .synthetic: data = "\(method.rawValue)/\(domain.rawValue)"
        }
        if verified { data += "+verified" }
        if resample == .long { data += "+long" }
        if contaminate > 0 { data += "+contaminated\(contaminate)" }
        let model = base.model.name + (base.pretrain.seed == 1 ? "" : "/p\(base.pretrain.seed)")
        return "\(model) \(data) \(size) s\(seed)"
    }
}

/// All runs of a study, in a fixed order (experiment, arm, model, pretraining seed, size, SFT seed), each once.
public struct StudyPlan: Sendable {
    public var config: StudyConfig
    public var runs: [RunSpec]

    public var bases: [BaseSpec] { StudyPlan.bases(of: runs) }

    /// The distinct bases of `runs`, in order of first use.
    public static func bases(of runs: [RunSpec]) -> [BaseSpec] {
        var seen = Set<String>(), out: [BaseSpec] = []
        for r in runs where seen.insert(r.base.hash).inserted { out.append(r.base) }
        return out
    }

    public init(config: StudyConfig) {
        self.config = config
        var runs: [RunSpec] = []
        var index: [String: Int] = [:]
        for experiment in config.experiments {
            for arm in experiment.arms {
                for model in arm.models {
                    for pretrainSeed in arm.pretrainSeeds {
                        var pretrain = config.pretrain
                        pretrain.seed = pretrainSeed
                        for size in arm.sizes {
                            // A base model (size 0) has no SFT seed: it is evaluated once per base, with the arm's first seed.
                            for seed in size == 0 ? Array(arm.seeds.prefix(1)) : arm.seeds {
                                let run = RunSpec(
                                    base: BaseSpec(model: model, pretrain: pretrain, testSeed: config.seed, testSize: config.eval.testSize),
                                    dataKind: size == 0 ? .noSFT : arm.data,
                                    method: size == 0 ? .noSFT : arm.method, domain: size == 0 ? .noSFT : arm.domain,
                                    verified: size > 0 && arm.verified, resample: size == 0 ? .uniform : arm.resample,
                                    contaminate: size == 0 ? 0 : arm.contaminate, size: size, seed: seed,
                                    evalDomains: arm.evalDomains, lmLoss: arm.lmLoss, experiments: [experiment.id],
                                    studySeed: config.seed, sft: config.sft, data: config.data, eval: config.eval)
                                if let i = index[run.trainingKey] {
                                    // Shared run: evaluate on the union of domains, measure LM loss if anyone needs it.
                                    for d in run.evalDomains where !runs[i].evalDomains.contains(d) { runs[i].evalDomains.append(d) }
                                    runs[i].evalDomains.sort(by: Domain.byName)
                                    runs[i].lmLoss = runs[i].lmLoss || run.lmLoss
                                    if !runs[i].experiments.contains(experiment.id) { runs[i].experiments.append(experiment.id) }
                                } else {
                                    index[run.trainingKey] = runs.count
                                    var r = run
                                    r.evalDomains.sort(by: Domain.byName)
                                    runs.append(r)
                                }
                            }
                        }
                    }
                }
            }
        }
        for i in runs.indices { runs[i].hash = CanonicalJSON.hash(runs[i].canonical) }
        self.runs = runs
    }

    /// The runs serving any of `experiments` (all runs when nil). Hashes do not change: they come from the full plan.
    public func runs(only experiments: [String]?) -> [RunSpec] {
        guard let experiments else { return runs }
        return runs.filter { !Set($0.experiments).isDisjoint(with: experiments) }
    }

    public func run(hash: String) -> RunSpec? { runs.first { $0.hash == hash } }
}

/// Constants of the study format.
public enum Study {
    /// Bumped when the trainer or the study's recipe changes so that cached bases and results become stale (data
    /// generator changes are covered by MathTasks' `taskGeneratorVersion`, also hashed).
    public static let formatVersion = 1
}
