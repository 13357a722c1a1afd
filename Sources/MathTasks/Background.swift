import DataFiles

/// The interchangeable surface of a problem: who (or which variable) and what is counted.
/// In `gsm` the name is a person and the object a plural noun; in `math` the name is a variable letter and the
/// object a noun such as `number`.
public struct Background: Hashable, Sendable {
    public var name: String
    public var object: String

    public init(name: String, object: String) {
        self.name = name
        self.object = object
    }
}

/// Names and objects of a domain, split so that test backgrounds use only held-out names and held-out objects.
struct BackgroundLists: Sendable {
    var trainNames: [String]
    var testNames: [String]
    var trainObjects: [String]
    var testObjects: [String]

    func names(_ split: Split) -> [String] { split == .train ? trainNames : testNames }
    func objects(_ split: Split) -> [String] { split == .train ? trainObjects : testObjects }

    /// A background of `split`, or of either split when nil (the pretraining corpus: a base model knows every
    /// name and object, as a 7B model's pretraining has seen the names of GSM8K's test questions).
    func random(_ split: Split?, using rng: inout SplitMix64) -> Background {
        guard let split else {
            return Background(name: rng.pick(trainNames + testNames), object: rng.pick(trainObjects + testObjects))
        }
        return Background(name: rng.pick(names(split)), object: rng.pick(objects(split)))
    }

    static func of(_ domain: Domain) -> BackgroundLists {
        switch domain {
        case .gsm:
            // 20 short names (16 train, 4 test) and 15 objects (12 train, 3 test).
            BackgroundLists(
                trainNames: ["Eve", "Tom", "Ann", "Ben", "Max", "Zoe", "Sam", "Ivy",
                             "Leo", "Mia", "Kim", "Ray", "Joy", "Dan", "Amy", "Liz"],
                testNames: ["Ned", "Pam", "Gus", "Uma"],
                trainObjects: ["apples", "pens", "cards", "coins", "books", "eggs",
                               "shells", "stamps", "beads", "cups", "rocks", "kites"],
                testObjects: ["socks", "nuts", "plums"])
        case .math:
            BackgroundLists(
                trainNames: ["x", "y", "z", "n", "m", "k", "a", "b", "c", "d", "t", "u", "w", "r", "s", "h"],
                testNames: ["p", "q", "g", "f"],
                trainObjects: ["number", "value", "total", "count", "score", "sum",
                               "level", "amount", "balance", "index", "weight", "length"],
                testObjects: ["price", "reading", "counter"])
        }
    }
}
