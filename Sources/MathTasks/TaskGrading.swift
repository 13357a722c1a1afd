import Grading

extension Reference {
    /// The reference of a task: its solution's final answer (`#### N`), step count and step values.
    public init(_ task: TaskRecord) throws(ReferenceError) {
        try self.init(solution: task.answer, steps: task.steps, stepValues: task.stepValues)
    }
}

/// Grades one completion against a task (prepares the `Reference` each call; prefer `Reference` in loops).
public func grade(completion: String, reference task: TaskRecord, rule: GradingRule = .standard) throws(ReferenceError) -> GradedSample {
    grade(completion: completion, reference: try Reference(task), rule: rule)
}
