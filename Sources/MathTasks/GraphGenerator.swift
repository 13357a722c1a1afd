import DataFiles

/// Draws random graph problems (2 to 8 steps) of one domain and split, deterministically from a seed.
///
/// gsm: values 1-999, + n (2-50), - n (1-50), x n (2-9 on values <= 111), exact / n (2-9);
/// math: values 1-9999, + and - n (2-999), x n (2-12 on values <= 833), exact / n (2-12), fractions p/q
/// (q 2-9) and remainders (3-12). About a quarter of the steps combine the previous quantity with earlier
/// ones (a sum of 2-3 quantities or a difference).
public struct GraphGenerator: Sendable {
    public let domain: Domain
    public let split: Split
    public let rules: ChainRules
    private var rng: SplitMix64

    public init(domain: Domain, split: Split, seed: UInt64) {
        self.domain = domain
        self.split = split
        rules = domain == .gsm
            ? ChainRules(values: 1...999, start: 2...99, add: 2...50, subtract: 1...50, multiply: 2...9,
                         multiplyMaxValue: 111, divide: 2...9, fractionDenominators: nil, remainder: nil)
            : ChainRules(values: 1...9999, start: 10...999, add: 2...999, subtract: 2...999, multiply: 2...12,
                         multiplyMaxValue: 833, divide: 2...12, fractionDenominators: 2...9, remainder: 3...12)
        rng = TaskStream.problems(seed: seed, "graph", domain, split)
    }

    /// A new problem with `steps` relations (2 to 8); about a quarter of them combine earlier quantities.
    /// Throws when `steps` is outside 2-8 (or, never in practice, when `GeneratorLimits.maxFailedDraws` relations
    /// in a row leave the value range).
    public mutating func next(steps: Int) throws -> GraphProblem {
        guard (2...8).contains(steps) else { throw ToolError("graph problems have 2 to 8 steps, not \(steps)") }
        var q = [rng.int(in: rules.start)]
        var relations: [GraphProblem.Relation] = []
        var failed = 0
        while relations.count < steps {
            let r = randomRelation(q)
            guard let v = GraphProblem.apply(r, to: q), rules.values.contains(v) else {
                failed += 1
                if failed >= GeneratorLimits.maxFailedDraws { throw ToolError("graph generator: no relation keeps the value in range") }
                continue
            }
            failed = 0
            relations.append(r)
            q.append(v)
        }
        return GraphProblem(domain: domain, template: rng.pick(GraphLanguage.templates(domain, split)),
                            names: GraphLanguage.names(domain, split, count: steps + 1, using: &rng),
                            object: rng.pick(GraphLanguage.objects(domain, split)), start: q[0], relations: relations)
    }

    private mutating func randomRelation(_ q: [Int]) -> GraphProblem.Relation {
        let earlier = q.count - 1  // indices 0..<earlier are before the previous quantity
        if earlier >= 1, rng.chance(0.25) {
            if rng.chance(0.7) {
                let k = min(earlier, rng.int(in: 1...2))
                var others = Array(0..<earlier)
                for i in 0..<k { others.swapAt(i, i + rng.index(others.count - i)) }
                return .sum(others.prefix(k).sorted())
            }
            let j = rng.index(earlier)
            return .difference(j, reversed: q[j] > q[q.count - 1])
        }
        return .operation(rules.randomOperation(on: q[q.count - 1], using: &rng))
    }
}
