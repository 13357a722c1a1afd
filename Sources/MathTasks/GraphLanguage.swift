import DataFiles

/// The wording of graph problems. Fact placeholders: `{name}` (the new quantity), `{prev}` (the previous one),
/// `{other}` (an earlier one), `{all}` (the previous and earlier ones, `A, B and C`), `{object}`, `{n}`, `{p}`,
/// `{q}`; a `Phrasing`'s restatement is the subject of the solution line (`Ben has`).
public struct GraphTemplate: Hashable, Sendable {
    public var id: String
    public var opening: String
    public var question: String
    var operations: [ChainOperation.Kind: Phrasing]
    var sum: Phrasing
    var difference: Phrasing
    var reversedDifference: Phrasing
    /// Appended to a solution line's result (` apples`, or nothing).
    var unit: String

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}

/// Templates (2 train, 1 test per domain) and backgrounds (names split like the chain format's) of graph problems.
enum GraphLanguage {
    static func templates(_ domain: Domain, _ split: Split) -> [GraphTemplate] {
        let all = domain == .gsm ? gsm : math
        return split == .train ? Array(all.prefix(2)) : [all[2]]
    }

    /// Ordered distinct names for `count` quantities.
    static func names(_ domain: Domain, _ split: Split, count: Int, using rng: inout SplitMix64) -> [String] {
        var pool = nameLists(domain)[split == .train ? 0 : 1]
        var out: [String] = []
        for _ in 0..<count { out.append(pool.remove(at: rng.index(pool.count))) }
        return domain == .math ? out.sorted() : out
    }

    static func objects(_ domain: Domain, _ split: Split) -> [String] {
        BackgroundLists.of(.gsm).objects(split)  // math templates do not show the object
    }

    private static func nameLists(_ domain: Domain) -> [[String]] {
        switch domain {
        case .gsm:
            [BackgroundLists.of(.gsm).trainNames, BackgroundLists.of(.gsm).testNames + ["Vic", "Wes", "Xia", "Yul", "Ada", "Bo"]]
        case .math:
            [["a", "b", "c", "d", "e", "f", "g", "h", "k"], ["m", "n", "p", "q", "r", "s", "t", "u", "w"]]
        }
    }

    private static func phrasings(_ pairs: [ChainOperation.Kind: (String, String)]) -> [ChainOperation.Kind: Phrasing] {
        pairs.mapValues { Phrasing(fact: $0.0, restatement: $0.1) }
    }

    private static let gsm: [GraphTemplate] = [
        GraphTemplate(
            id: "gsm-graph-1", opening: "{name} has {v} {object}.", question: "How many {object} does {name} have?",
            operations: phrasings([
                .add: ("{name} has {n} more {object} than {prev}.", "{name} has"),
                .subtract: ("{name} has {n} fewer {object} than {prev}.", "{name} has"),
                .multiply: ("{name} has {n} times as many {object} as {prev}.", "{name} has"),
                .divide: ("{name} has 1/{n} as many {object} as {prev}.", "{name} has"),
            ]),
            sum: Phrasing(fact: "{name} has as many {object} as {all} together.", restatement: "{name} has"),
            difference: Phrasing(fact: "{name} has as many {object} as {prev} has more than {other}.", restatement: "{name} has"),
            reversedDifference: Phrasing(fact: "{name} has as many {object} as {other} has more than {prev}.", restatement: "{name} has"),
            unit: " {object}"),
        GraphTemplate(
            id: "gsm-graph-2", opening: "{name} collected {v} {object}.", question: "How many {object} did {name} collect?",
            operations: phrasings([
                .add: ("{name} collected {n} {object} more than {prev} did.", "{name} collected"),
                .subtract: ("{name} collected {n} {object} less than {prev} did.", "{name} collected"),
                .multiply: ("{name} collected {n} times the number {prev} collected.", "{name} collected"),
                .divide: ("{name} collected a 1/{n} share of what {prev} collected.", "{name} collected"),
            ]),
            sum: Phrasing(fact: "{name} collected what {all} collected combined.", restatement: "{name} collected"),
            difference: Phrasing(fact: "{name} collected the difference between {prev}'s and {other}'s {object}.", restatement: "{name} collected"),
            reversedDifference: Phrasing(fact: "{name} collected the difference between {other}'s and {prev}'s {object}.", restatement: "{name} collected"),
            unit: " {object}"),
        GraphTemplate(
            id: "gsm-graph-3", opening: "A shelf for {name} holds {v} {object}.", question: "How many {object} are on {name}'s shelf?",
            operations: phrasings([
                .add: ("{name}'s shelf holds {n} {object} more than {prev}'s.", "{name}'s shelf holds"),
                .subtract: ("{name}'s shelf holds {n} {object} fewer than {prev}'s.", "{name}'s shelf holds"),
                .multiply: ("{name}'s shelf holds {n} times as many {object} as {prev}'s.", "{name}'s shelf holds"),
                .divide: ("{name}'s shelf holds 1/{n} of the {object} on {prev}'s.", "{name}'s shelf holds"),
            ]),
            sum: Phrasing(fact: "{name}'s shelf holds as many {object} as the shelves of {all} combined.", restatement: "{name}'s shelf holds"),
            difference: Phrasing(fact: "{name}'s shelf holds as many {object} as {prev}'s holds more than {other}'s.", restatement: "{name}'s shelf holds"),
            reversedDifference: Phrasing(fact: "{name}'s shelf holds as many {object} as {other}'s holds more than {prev}'s.", restatement: "{name}'s shelf holds"),
            unit: " {object}"),
    ]

    private static let math: [GraphTemplate] = [
        GraphTemplate(
            id: "math-graph-1", opening: "Let {name} = {v}.", question: "What is {name}?",
            operations: phrasings([
                .add: ("{name} is {n} more than {prev}.", "{name} ="),
                .subtract: ("{name} is {n} less than {prev}.", "{name} ="),
                .multiply: ("{name} is {n} times {prev}.", "{name} ="),
                .divide: ("{name} is {prev} divided by {n}.", "{name} ="),
                .fraction: ("{name} is {p}/{q} of {prev}.", "{name} ="),
                .remainder: ("{name} is the remainder of {prev} divided by {n}.", "{name} ="),
            ]),
            sum: Phrasing(fact: "{name} is the sum of {all}.", restatement: "{name} ="),
            difference: Phrasing(fact: "{name} is {prev} minus {other}.", restatement: "{name} ="),
            reversedDifference: Phrasing(fact: "{name} is {other} minus {prev}.", restatement: "{name} ="),
            unit: ""),
        GraphTemplate(
            id: "math-graph-2", opening: "A number {name} equals {v}.", question: "Find {name}.",
            operations: phrasings([
                .add: ("The number {name} exceeds {prev} by {n}.", "{name} ="),
                .subtract: ("The number {name} falls short of {prev} by {n}.", "{name} ="),
                .multiply: ("The number {name} is {prev} multiplied by {n}.", "{name} ="),
                .divide: ("The number {name} is the quotient of {prev} and {n}.", "{name} ="),
                .fraction: ("The number {name} is a {p}/{q} fraction of {prev}.", "{name} ="),
                .remainder: ("The number {name} is {prev} modulo {n}.", "{name} ="),
            ]),
            sum: Phrasing(fact: "The number {name} is the total of {all}.", restatement: "{name} ="),
            difference: Phrasing(fact: "The number {name} is the excess of {prev} over {other}.", restatement: "{name} ="),
            reversedDifference: Phrasing(fact: "The number {name} is the excess of {other} over {prev}.", restatement: "{name} ="),
            unit: ""),
        GraphTemplate(
            id: "math-graph-3", opening: "Suppose {name} is {v}.", question: "Compute {name}.",
            operations: phrasings([
                .add: ("Adding {n} to {prev} gives {name}.", "{name} ="),
                .subtract: ("Taking {n} from {prev} gives {name}.", "{name} ="),
                .multiply: ("Multiplying {prev} by {n} gives {name}.", "{name} ="),
                .divide: ("Dividing {prev} by {n} gives {name}.", "{name} ="),
                .fraction: ("Taking {p}/{q} of {prev} gives {name}.", "{name} ="),
                .remainder: ("Reducing {prev} modulo {n} gives {name}.", "{name} ="),
            ]),
            sum: Phrasing(fact: "Adding {all} gives {name}.", restatement: "{name} ="),
            difference: Phrasing(fact: "Subtracting {other} from {prev} gives {name}.", restatement: "{name} ="),
            reversedDifference: Phrasing(fact: "Subtracting {prev} from {other} gives {name}.", restatement: "{name} ="),
            unit: ""),
    ]
}
