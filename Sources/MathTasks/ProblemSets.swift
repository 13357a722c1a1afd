import DataFiles

/// The fixed problem sets of a study: a held-out test set and a finite "real" pool (like GSM8K's 7.5K
/// training questions), both deterministic from a seed.
public enum ProblemSets {
    /// A test set from the held-out templates and backgrounds: `perSteps` distinct problems for each step count
    /// in `steps`, ordered by step count. Ids are `<domain>-test-<i>`.
    /// Throws, before drawing, when fewer than `perSteps` distinct chains of a step count exist.
    public static func testSet(domain: Domain, steps: ClosedRange<Int> = 1...4, perSteps: Int, seed: UInt64) throws -> [ChainProblem] {
        var gen = ChainGenerator(domain: domain, split: .test, seed: seed)
        return try distinct(steps.flatMap { s in Array(repeating: s, count: perSteps) }, using: &gen)
    }

    /// A pool of `size` distinct training problems, step counts cycling through `steps` (equal shares), none
    /// with a chain of `excluding` (pass the test set's `chainKey`s). Ids are `<domain>-pool-<i>`.
    public static func pool(domain: Domain, size: Int, steps: ClosedRange<Int> = 1...4, seed: UInt64,
                            excluding: Set<String>) throws -> [ChainProblem] {
        var gen = ChainGenerator(domain: domain, split: .train, seed: seed, excluding: excluding)
        return try distinct((0..<size).map { steps.lowerBound + $0 % steps.count }, using: &gen)
    }

    /// Problems with the given step counts and pairwise different chains. Checks first that enough chains exist
    /// (`GeneratorLimits.checkChains`); a draw that repeats a chain is rejected, at most
    /// `GeneratorLimits.maxFailedDraws` times in a row.
    private static func distinct(_ stepCounts: [Int], using gen: inout ChainGenerator) throws -> [ChainProblem] {
        if let invalid = stepCounts.first(where: { !(1...8).contains($0) }) {
            throw ToolError("chain problems have 1 to 8 steps, not \(invalid)")
        }
        try GeneratorLimits.checkChains(gen.rules, domain: gen.domain, asked: Dictionary(stepCounts.map { ($0, 1) }, uniquingKeysWith: +),
                                        excluding: gen.excluding)
        var seen = Set<String>()
        var problems: [ChainProblem] = []
        problems.reserveCapacity(stepCounts.count)
        for s in stepCounts {
            var found: ChainProblem? = nil
            for _ in 0..<GeneratorLimits.maxFailedDraws {
                let p = try gen.next(steps: s)
                if seen.insert(p.chainKey).inserted { found = p; break }
            }
            guard let found else {
                throw GeneratorLimits.gaveUp("distinct \(s)-step \(gen.domain.rawValue) problems", made: problems.count(where: { $0.steps == s }),
                                             asked: stepCounts.count(where: { $0 == s }))
            }
            problems.append(found)
        }
        return problems
    }

    /// Graph-format problems (for evaluating real LLMs) of one split: `perSteps` distinct questions for each step
    /// count in `steps` (2 to 8), ordered by step count.
    public static func graphSet(domain: Domain, split: Split, steps: ClosedRange<Int> = 2...8, perSteps: Int,
                                seed: UInt64) throws -> [GraphProblem] {
        var gen = GraphGenerator(domain: domain, split: split, seed: seed)
        var seen = Set<String>()
        var problems: [GraphProblem] = []
        for s in steps {
            for made in 0..<perSteps {
                var found: GraphProblem? = nil
                for _ in 0..<GeneratorLimits.maxFailedDraws {
                    let p = try gen.next(steps: s)
                    if seen.insert(p.question).inserted { found = p; break }
                }
                guard let found else {
                    throw GeneratorLimits.gaveUp("distinct \(s)-step \(domain.rawValue) graph problems", made: made, asked: perSteps)
                }
                problems.append(found)
            }
        }
        return problems
    }

    /// How many distinct chain problems of a domain and step count exist (test and pool sets draw from these).
    public static func capacity(domain: Domain, steps: Int) -> Int { ChainRules.of(domain).chainCount(steps: steps) }

    /// Records with ids `<domain>-<kind>-<index>` and method `real`.
    public static func records(_ problems: [ChainProblem], kind: String) -> [TaskRecord] {
        problems.enumerated().map { $0.element.record(id: "\($0.element.domain.rawValue)-\(kind)-\($0.offset)") }
    }

    /// Graph records with ids `<domain>-graph-<kind>-<index>` and method `real`.
    public static func records(_ problems: [GraphProblem], kind: String) -> [TaskRecord] {
        problems.enumerated().map { $0.element.record(id: "\($0.element.domain.rawValue)-graph-\(kind)-\($0.offset)") }
    }
}
