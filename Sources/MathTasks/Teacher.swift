import DataFiles

/// The kind of mistake in a solution: wrong arithmetic, or right arithmetic on a wrong plan.
public enum ErrorKind: String, CaseIterable, Sendable, Hashable {
    case calculation, reasoning
}

/// A teacher's solution and the mistake it made, if any.
public struct TeacherSolution: Hashable, Sendable {
    public var solution: WrittenSolution
    public var error: ErrorKind?
    /// The 0-based step where the mistake is.
    public var errorStep: Int?
}

/// An imperfect solver standing in for GPT-4 Turbo: each solution independently has a calculation error with
/// probability `calculationErrorRate` (a wrong written result that propagates), else a reasoning error with
/// probability `reasoningErrorRate` (a wrong operation or operand with correct arithmetic), else none.
/// Errors always change the final answer; when a problem admits no such error the solution is correct.
public struct Teacher: Sendable, Hashable {
    public var calculationErrorRate: Double
    public var reasoningErrorRate: Double
    /// How far off a calculation error's result is (either sign).
    public var calculationOffsets: [Int]

    public init(calculationErrorRate: Double, reasoningErrorRate: Double, calculationOffsets: [Int] = [1, 2, 3, 10]) {
        precondition(calculationErrorRate >= 0 && reasoningErrorRate >= 0 && calculationErrorRate + reasoningErrorRate <= 1,
                     "error rates must be non-negative with a sum of at most 1")
        self.calculationErrorRate = calculationErrorRate
        self.reasoningErrorRate = reasoningErrorRate
        self.calculationOffsets = calculationOffsets
    }

    /// A teacher that never errs.
    public static let perfect = Teacher(calculationErrorRate: 0, reasoningErrorRate: 0)

    /// One solution of `p`, with at most one mistake drawn at the configured rates.
    public func solve(_ p: ChainProblem, using rng: inout SplitMix64) -> TeacherSolution {
        let u = rng.unit()
        if u < calculationErrorRate, let e = p.withCalculationError(offsets: calculationOffsets, using: &rng) {
            return TeacherSolution(solution: e.solution, error: .calculation, errorStep: e.step)
        }
        if u >= calculationErrorRate, u < calculationErrorRate + reasoningErrorRate, let e = p.withReasoningError(using: &rng) {
            return TeacherSolution(solution: e.solution, error: .reasoning, errorStep: e.step)
        }
        return TeacherSolution(solution: p.reference, error: nil, errorStep: nil)
    }
}
