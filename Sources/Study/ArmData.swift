import MathTasks

// What an arm fine-tunes on, as enums. Each is written by its raw value, the string of the study config: the same
// text goes into the run's canonical JSON (so its hash), its label and metrics.csv; `description` is the raw value
// too, so that interpolating one in a text cannot write a Swift case name (`noSFT`, `synthesized(...)`). A run of size 0 (the base
// model, evaluated as it is) has no SFT data: its kind, method and domain are all `noSFT`, written `none`.

/// Where an arm's SFT examples come from (`data` in a study config).
public enum DataKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Drawn from the study's real pool.
    case real
    /// Made by the teacher from pool questions (how: `DataMethod`).
    case synthetic
    /// No SFT data: a run of size 0. Never written in a config.
    case noSFT = "none"

    /// The kinds a study config may name.
    public static let configurable: [DataKind] = [.real, .synthetic]

    public var description: String { rawValue }
}

/// How an arm's SFT examples are made (`method`): `real` for real data; for synthetic data one of the teacher's
/// synthesis methods, or `mixed`, which draws each question's method uniformly from all of them.
public enum DataMethod: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    case real
    case synthesized(SynthesisMethod)
    case mixed
    case noSFT

    /// The methods of synthetic data, in the paper's order: each synthesis method, then the mix.
    public static let synthetic: [DataMethod] = SynthesisMethod.allCases.map(DataMethod.synthesized) + [.mixed]

    public init?(rawValue: String) {
        switch rawValue {
        case "real": self = .real
        case "mixed": self = .mixed
        case "none": self = .noSFT
        default:
            guard let method = SynthesisMethod(rawValue: rawValue) else { return nil }
            self = .synthesized(method)
        }
    }

    public var rawValue: String {
        switch self {
        case .real: return "real"
        case .synthesized(let method): return method.rawValue
        case .mixed: return "mixed"
        case .noSFT: return "none"
        }
    }

    public var description: String { rawValue }

    /// The synthesis methods the teacher draws from (none for real data).
    public var synthesisMethods: [SynthesisMethod] {
        switch self {
        case .real, .noSFT: return []
        case .synthesized(let method): return [method]
        case .mixed: return SynthesisMethod.allCases
        }
    }
}

/// Which problems an arm's SFT examples are drawn from (`domain`): one domain, or the mix of gsm and math.
public enum DataDomain: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    case single(Domain)
    /// Half gsm, half math (the first domain takes the odd example).
    case mix
    case noSFT

    /// The domains a study config may name: each domain, then the mix.
    public static let configurable: [DataDomain] = Domain.allCases.map(DataDomain.single) + [.mix]

    public init?(rawValue: String) {
        switch rawValue {
        case "mix": self = .mix
        case "none": self = .noSFT
        default:
            guard let domain = Domain(rawValue: rawValue) else { return nil }
            self = .single(domain)
        }
    }

    public var rawValue: String {
        switch self {
        case .single(let domain): return domain.rawValue
        case .mix: return "mix"
        case .noSFT: return "none"
        }
    }

    public var description: String { rawValue }

    /// The domains the examples are drawn from, in drawing order. The mix is a fixed list, not `Domain.allCases`:
    /// a new domain must not change the data of committed mixed runs.
    public var domains: [Domain] {
        switch self {
        case .single(let domain): return [domain]
        case .mix: return [.gsm, .math]
        case .noSFT: return []
        }
    }

    /// The one domain that stands for the arm where a single one is needed (the E9 control's test questions, the
    /// LM-loss questions): its own, else gsm.
    public var primary: Domain { domains.first ?? .gsm }
}

/// How an arm's SFT examples are drawn from their candidates (`resample`).
public enum ResampleMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Every candidate equally likely.
    case uniform
    /// Weighted toward problems with more steps (`SFTData.longExponent`).
    case long

    public var description: String { rawValue }
}

extension Domain {
    /// Orders domains by name, as run hashes list them (`eval_domains`).
    static func byName(_ a: Domain, _ b: Domain) -> Bool { a.rawValue < b.rawValue }
}
