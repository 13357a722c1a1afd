import DataFiles

/// What the generators can make, checked before they start, and the cap on every rejection-sampling loop.
///
/// Chain problems are distinct by their chain (`ChainProblem.chainKey`: the start value and the operations), and
/// the number of chains of a domain and step count is finite and small for one step (3,623 gsm chains): a request
/// for more must fail at once with that number, not draw forever. Loops that reject draws (a chain already used,
/// a synthetic question that is not new) give up after `maxFailedDraws` failures in a row, with an error that says
/// what they were making.
public enum GeneratorLimits {
    /// Failed draws in a row after which a generator gives up. The rarest 1-step gsm chain has probability
    /// 1/7,448 per draw, so even drawing every chain there is fails this way with probability below 1e-5; a draw
    /// costs microseconds, so giving up takes well under a second.
    public static let maxFailedDraws = 100_000

    /// The error of a loop that gave up: `what` names the product ("distinct 1-step gsm chains").
    static func gaveUp(_ what: String, made: Int, asked: Int) -> ToolError {
        ToolError("gave up after \(grouped(maxFailedDraws)) draws in a row without a new one: made \(grouped(made)) of the "
                  + "\(grouped(asked)) \(what) asked for (ask for fewer)")
    }

    /// Checks that `asked` distinct chains of each step count can exist, given the chains `excluding` removes.
    /// `asked` maps a step count to the number of distinct chains needed with it.
    static func checkChains(_ rules: ChainRules, domain: Domain, asked: [Int: Int], excluding: Set<String>) throws {
        for (steps, count) in asked.sorted(by: { $0.key < $1.key }) where count > 0 {
            let total = rules.chainCount(steps: steps)
            // Excluded keys of this step count (a key has one more part than steps).
            let excluded = excluding.count(where: { $0.utf8.count(where: { $0 == UInt8(ascii: "|") }) == steps })
            let available = total == Int.max ? Int.max : max(0, total - excluded)
            if count > available {
                let without = excluded > 0 ? " (\(grouped(total)) minus the \(grouped(excluded)) of the test set)" : ""
                throw ToolError("only \(grouped(available)) distinct \(steps)-step \(domain.rawValue) problems exist\(without); "
                                + "asked for \(grouped(count))")
            }
        }
    }
}

extension ChainRules {
    /// The number of distinct chains (start value and operations) with `steps` operations that these rules allow,
    /// by dynamic programming over the running value; saturates at `Int.max`. An upper bound of what a generator
    /// can make: a chain whose document is too long in every wording is never drawn.
    public func chainCount(steps: Int) -> Int {
        guard steps >= 0 else { return 0 }
        let low = values.lowerBound, high = values.upperBound
        // paths[v - low]: chains of the remaining steps starting from value v.
        var paths = [Int](repeating: 1, count: high - low + 1)
        for _ in 0..<steps {
            var next = [Int](repeating: 0, count: paths.count)
            for v in low...high {
                var total = 0
                for kind in ChainOperation.Kind.allCases {
                    for op in candidates(kind, on: v) {
                        guard let w = op.apply(to: v), values.contains(w) else { continue }
                        total = saturatingAdd(total, paths[w - low])
                    }
                }
                next[v - low] = total
            }
            paths = next
        }
        return start.reduce(0) { values.contains($1) ? saturatingAdd($0, paths[$1 - low]) : $0 }
    }
}

private func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
}

/// `3623` -> `3,623`, for counts in messages.
public func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
