import DataFiles

/// Wrong solutions of a chain problem: one altered step whose error propagates to the final answer.
/// Used by the imperfect teacher of the synthesizer and by the pretraining corpus.
extension ChainProblem {
    /// A solution whose step `k` writes a result off by one of `offsets` (either sign), later steps continuing
    /// from the wrong value; the step is drawn uniformly among the ones that change the final answer.
    /// Nil when no step can be altered that way.
    public func withCalculationError(offsets: [Int], using rng: inout SplitMix64) -> (solution: WrittenSolution, step: Int)? {
        var options: [Alteration] = []
        for k in 0..<steps {
            for d in offsets.flatMap({ [$0, -$0] }) where changesAnswer(step: k, operation: nil, offset: d) {
                options.append(Alteration(step: k, operation: nil, offset: d))
            }
        }
        return firstFitting(options, using: &rng)
    }

    /// A solution with a reasoning error at one step: a wrong operation (the opposite one, the complementary
    /// fraction, the quotient instead of the remainder) or a wrong operand (another number of the question, or
    /// the right one off by one), with correct arithmetic; later steps continue from it. Nil when impossible.
    public func withReasoningError(using rng: inout SplitMix64) -> (solution: WrittenSolution, step: Int)? {
        let numbers = Set([start] + operations.flatMap(\.operands))
        var options: [Alteration] = []
        for (k, op) in operations.enumerated() {
            for wrong in Self.wrongOperations(for: op, numbers: numbers) where changesAnswer(step: k, operation: wrong, offset: 0) {
                options.append(Alteration(step: k, operation: wrong, offset: 0))
            }
        }
        return firstFitting(options, using: &rng)
    }

    /// A uniformly drawn option whose solution keeps the document within `ChainFormat.maxCharacters(steps:)`
    /// (a wrong value can be a digit longer than the right one), or nil.
    private func firstFitting(_ options: [Alteration], using rng: inout SplitMix64) -> (solution: WrittenSolution, step: Int)? {
        var options = options
        let limit = ChainFormat.maxCharacters(steps: steps) - question.count - 2
        while !options.isEmpty {
            let o = options.remove(at: rng.index(options.count))
            let solution = written(alteringStep: o.step, operation: o.operation, offset: o.offset)!
            if solution.text(.target).count <= limit { return (solution, o.step) }
        }
        return nil
    }

    /// True when altering step `k` gives a valid solution with a different final answer.
    private func changesAnswer(step k: Int, operation: ChainOperation?, offset: Int) -> Bool {
        var v = start
        for (i, original) in operations.enumerated() {
            let op = i == k ? (operation ?? original) : original
            guard let r = op.apply(to: v) else { return false }
            v = i == k ? r + offset : r
            if v < 0 { return false }
        }
        return v != answerValue
    }

    private static func wrongOperations(for op: ChainOperation, numbers: Set<Int>) -> [ChainOperation] {
        var out: [ChainOperation]
        switch op {
        case .add(let n): out = [.subtract(n)]
        case .subtract(let n): out = [.add(n)]
        case .multiply(let n): out = [.divide(n), .add(n)]
        case .divide(let n): out = [.multiply(n), .subtract(n)]
        case .fraction(let p, let q): out = p == q - p ? [.divide(p)] : [.fraction(q - p, q)]
        case .remainder(let n): out = [.divide(n)]
        }
        let n = op.operands[0]
        let others = numbers.subtracting([n]).sorted() + [n - 1, n + 1].filter { $0 > 0 }
        switch op {
        case .add: out += others.map { .add($0) }
        case .subtract: out += others.map { .subtract($0) }
        case .multiply: out += others.filter { $0 <= 9 }.map { .multiply($0) }
        case .divide: out += others.filter { $0 <= 9 }.map { .divide($0) }
        case .fraction, .remainder: break
        }
        return out.filter { $0 != op }
    }
}

/// One altered step: a replaced operation (reasoning error) or an offset result (calculation error).
private struct Alteration {
    var step: Int
    var operation: ChainOperation?
    var offset: Int
}
