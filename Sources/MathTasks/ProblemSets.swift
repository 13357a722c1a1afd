/// The fixed problem sets of a study: a held-out test set and a finite "real" pool (like GSM8K's 7.5K
/// training questions), both deterministic from a seed.
public enum ProblemSets {
    /// A test set from the held-out templates and backgrounds: `perSteps` distinct problems for each step count
    /// in `steps`, ordered by step count. Ids are `<domain>-test-<i>`.
    public static func testSet(domain: Domain, steps: ClosedRange<Int> = 1...4, perSteps: Int, seed: UInt64) -> [ChainProblem] {
        var gen = ChainGenerator(domain: domain, split: .test, seed: seed)
        return distinct(steps.flatMap { s in Array(repeating: s, count: perSteps) }, using: &gen)
    }

    /// A pool of `size` distinct training problems, step counts cycling through `steps` (equal shares), none
    /// with a chain of `excluding` (pass the test set's `chainKey`s). Ids are `<domain>-pool-<i>`.
    public static func pool(domain: Domain, size: Int, steps: ClosedRange<Int> = 1...4, seed: UInt64,
                            excluding: Set<String>) -> [ChainProblem] {
        var gen = ChainGenerator(domain: domain, split: .train, seed: seed, excluding: excluding)
        return distinct((0..<size).map { steps.lowerBound + $0 % steps.count }, using: &gen)
    }

    /// Problems with the given step counts and pairwise different chains.
    private static func distinct(_ stepCounts: [Int], using gen: inout ChainGenerator) -> [ChainProblem] {
        var seen = Set<String>()
        return stepCounts.map { s in
            while true {
                let p = gen.next(steps: s)
                if seen.insert(p.chainKey).inserted { return p }
            }
        }
    }

    /// Graph-format problems (for evaluating real LLMs) of one split: `perSteps` distinct questions for each step
    /// count in `steps` (2 to 8), ordered by step count.
    public static func graphSet(domain: Domain, split: Split, steps: ClosedRange<Int> = 2...8, perSteps: Int,
                                seed: UInt64) -> [GraphProblem] {
        var gen = GraphGenerator(domain: domain, split: split, seed: seed)
        var seen = Set<String>()
        return steps.flatMap { s in
            (0..<perSteps).map { _ in
                while true {
                    let p = gen.next(steps: s)
                    if seen.insert(p.question).inserted { return p }
                }
            }
        }
    }

    /// Records with ids `<domain>-<kind>-<index>` and method `real`.
    public static func records(_ problems: [ChainProblem], kind: String) -> [TaskRecord] {
        problems.enumerated().map { $0.element.record(id: "\($0.element.domain.rawValue)-\(kind)-\($0.offset)") }
    }

    /// Graph records with ids `<domain>-graph-<kind>-<index>` and method `real`.
    public static func records(_ problems: [GraphProblem], kind: String) -> [TaskRecord] {
        problems.enumerated().map { $0.element.record(id: "\($0.element.domain.rawValue)-graph-\(kind)-\($0.offset)") }
    }
}
