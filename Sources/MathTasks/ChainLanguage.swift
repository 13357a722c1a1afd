/// The wording of chain problems: question templates (an opening and a closing question) and two phrasings per
/// operation, each a fact for the question and a restatement for the solution line.
///
/// Placeholders: `{name}`, `{object}`, `{v}` (the start value), `{n}`, `{p}`, `{q}` (operands).
public struct ChainTemplate: Hashable, Sendable {
    /// Stable id, e.g. `gsm-chain-3`; test templates are the last ones of each domain.
    public var id: String
    public var opening: String
    public var question: String
}

/// One way to say an operation: `{name} gives away {n}.` in the question, `gives away {n}` in the solution.
public struct Phrasing: Hashable, Sendable {
    public var fact: String
    public var restatement: String
}

struct ChainLanguage: Sendable {
    var trainTemplates: [ChainTemplate]
    var testTemplates: [ChainTemplate]
    var phrasings: [ChainOperation.Kind: [Phrasing]]

    func templates(_ split: Split) -> [ChainTemplate] { split == .train ? trainTemplates : testTemplates }

    func phrasings(_ kind: ChainOperation.Kind) -> [Phrasing] { phrasings[kind] ?? [] }

    static func of(_ domain: Domain) -> ChainLanguage {
        switch domain {
        case .gsm: gsm
        case .math: math
        }
    }

    private static func templates(_ domain: Domain, _ pairs: [(String, String)], from first: Int) -> [ChainTemplate] {
        pairs.enumerated().map { ChainTemplate(id: "\(domain.rawValue)-chain-\(first + $0.offset)", opening: $0.element.0,
                                               question: $0.element.1) }
    }

    private static let gsm = ChainLanguage(
        trainTemplates: templates(.gsm, [
            ("{name} has {v} {object}.", "How many {object} does {name} have now?"),
            ("{name} starts with {v} {object}.", "How many {object} does {name} end with?"),
            ("{name} owns {v} {object}.", "How many {object} does {name} own now?"),
            ("{name} had {v} {object}.", "How many {object} does {name} have at the end?"),
            ("{name} holds {v} {object}.", "How many {object} is {name} holding now?"),
            ("{name} collects {v} {object}.", "How many {object} does {name} have in the end?"),
        ], from: 1),
        testTemplates: templates(.gsm, [
            ("At first {name} has {v} {object}.", "How many {object} are left with {name}?"),
            ("{name} puts {v} {object} in a box.", "How many {object} are in the box now?"),
        ], from: 7),
        phrasings: [
            .add: [Phrasing(fact: "{name} gets {n} more.", restatement: "gets {n} more"),
                   Phrasing(fact: "{name} finds {n} more.", restatement: "finds {n} more")],
            .subtract: [Phrasing(fact: "{name} gives away {n}.", restatement: "gives away {n}"),
                        Phrasing(fact: "{name} loses {n}.", restatement: "loses {n}")],
            .multiply: [Phrasing(fact: "{name} gets {n} times as many.", restatement: "{n} times as many"),
                        Phrasing(fact: "{name} multiplies them by {n}.", restatement: "multiplies by {n}")],
            .divide: [Phrasing(fact: "{name} keeps a 1/{n} share.", restatement: "keeps a 1/{n} share"),
                      Phrasing(fact: "{name} keeps 1 of {n} equal parts.", restatement: "1 of {n} parts")],
        ])

    private static let math = ChainLanguage(
        trainTemplates: templates(.math, [
            ("Let {name} be {v}.", "What is {name} now?"),
            ("The {object} {name} is {v}.", "What is the {object} {name} now?"),
            ("Set {name} to {v}.", "What is the final value of {name}?"),
            ("The {object} {name} starts at {v}.", "What is {name} at the end?"),
            ("Start with {name} = {v}.", "Find the final {name}."),
            ("Take {name} = {v}.", "What does {name} equal now?"),
        ], from: 1),
        testTemplates: templates(.math, [
            ("Suppose {name} is {v}.", "What value does {name} have now?"),
            ("Initially the {object} {name} equals {v}.", "Give the final {object} {name}."),
        ], from: 7),
        phrasings: [
            .add: [Phrasing(fact: "Add {n} to {name}.", restatement: "add {n}"),
                   Phrasing(fact: "Increase {name} by {n}.", restatement: "increase by {n}")],
            .subtract: [Phrasing(fact: "Subtract {n} from {name}.", restatement: "subtract {n}"),
                        Phrasing(fact: "Decrease {name} by {n}.", restatement: "decrease by {n}")],
            .multiply: [Phrasing(fact: "Multiply {name} by {n}.", restatement: "multiply by {n}"),
                        Phrasing(fact: "Make {name} {n} times as big.", restatement: "{n} times as big")],
            .divide: [Phrasing(fact: "Divide {name} by {n}.", restatement: "divide by {n}"),
                      Phrasing(fact: "Cut {name} to 1/{n} of itself.", restatement: "cut to 1/{n}")],
            .fraction: [Phrasing(fact: "Take {p}/{q} of {name}.", restatement: "take {p}/{q}"),
                        Phrasing(fact: "Keep {p}/{q} of {name}.", restatement: "keep {p}/{q}")],
            .remainder: [Phrasing(fact: "Replace {name} by its remainder mod {n}.", restatement: "remainder mod {n}"),
                         Phrasing(fact: "Share {name} among {n}; keep the remainder.", restatement: "remainder among {n}")],
        ])
}

/// Replaces each `{key}` in `template` by its value; unknown keys stay as they are. A byte scan, since text
/// rendering is the generator's hot loop (Foundation's replacing was 10x slower).
func fill(_ template: String, _ values: [(key: String, value: String)]) -> String {
    var t = template
    return t.withUTF8 { bytes in
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{"), let close = bytes[i...].firstIndex(of: UInt8(ascii: "}")) {
                let key = bytes[(i + 1)..<close]
                if let v = values.first(where: { $0.key.utf8.elementsEqual(key) }) {
                    out += v.value.utf8
                    i = close + 1
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
