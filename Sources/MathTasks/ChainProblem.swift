/// A chain problem: one running value, a start and `s` operations, so the reasoning steps, their operations and
/// their order are known exactly (a path-shaped dependency graph: each derived value uses the previous value and
/// one given operand).
///
/// Rendered in the format tiny models can learn: numbered facts in the question, and one solution line per fact
/// that restates it before its annotation:
///
///     Eve has 16 apples. (1) Eve gives away 4. (2) Eve keeps a 1/2 share. How many apples does Eve have now?
///     (1) gives away 4: 16-4=<<16-4=12>>12.
///     (2) keeps a 1/2 share: 12/2=<<12/2=6>>6.
///     #### 6
public struct ChainProblem: Hashable, Sendable {
    public var domain: Domain
    public var template: ChainTemplate
    public var background: Background
    public var start: Int
    public var operations: [ChainOperation]
    /// Which of the operation's phrasings each step uses (an index into the domain's phrasings of that kind).
    public var phrasings: [Int]

    public init(domain: Domain, template: ChainTemplate, background: Background, start: Int,
                operations: [ChainOperation], phrasings: [Int]) {
        precondition(operations.count == phrasings.count, "one phrasing per operation")
        self.domain = domain
        self.template = template
        self.background = background
        self.start = start
        self.operations = operations
        self.phrasings = phrasings
    }

    /// Number of reasoning steps: one per operation.
    public var steps: Int { operations.count }

    /// The exact value after each step (the derived quantities of the graph).
    public var values: [Int] {
        var v = start
        return operations.map { op in
            v = op.apply(to: v)!
            return v
        }
    }

    /// The final answer.
    public var answerValue: Int { values.last ?? start }

    /// The math alone, for rejecting training chains equal to test chains: `16|-3|/2`.
    public var chainKey: String { ([String(start)] + operations.map(\.code)).joined(separator: "|") }

    private var names: [(key: String, value: String)] { [("name", background.name), ("object", background.object)] }

    private func phrasing(_ step: Int) -> Phrasing {
        let options = ChainLanguage.of(domain).phrasings(operations[step].kind)
        return options[phrasings[step] % options.count]
    }

    /// The question: opening, numbered facts, closing question.
    public var question: String {
        var parts = [fill(template.opening, names + [("v", String(start))])]
        for (i, op) in operations.enumerated() {
            parts.append("(\(i + 1)) " + fill(phrasing(i).fact, names + op.placeholders))
        }
        parts.append(fill(template.question, names))
        return parts.joined(separator: " ")
    }

    /// The reference solution: one restated, annotated line per step and `#### N`.
    public var answer: String { reference.text(.target) }

    /// The reference solution as written steps.
    public var reference: WrittenSolution { written()! }

    /// Writes a solution, optionally with one altered step `k`: `operation` replaces the step's operation (a
    /// reasoning error, correct arithmetic) and `offset` is added to its written result (a calculation error).
    /// Later steps continue from the written values, so an error propagates. Nil when a later step becomes
    /// impossible (inexact division or a negative value).
    public func written(alteringStep k: Int? = nil, operation: ChainOperation? = nil, offset: Int = 0) -> WrittenSolution? {
        var v = start
        var lines: [WrittenStep] = []
        for (i, original) in operations.enumerated() {
            let op = i == k ? (operation ?? original) : original
            guard var r = op.apply(to: v) else { return nil }
            if i == k { r += offset }
            if r < 0 { return nil }
            let restatement = fill(phrasing(i).restatement, names + original.placeholders)
            lines.append(WrittenStep(restatement: restatement, expression: op.expression(on: v), result: r))
            v = r
        }
        return WrittenSolution(steps: lines)
    }

    /// The record in GSM8K's schema with metadata; `method` is `real` for pool and test problems.
    public func record(id: String, method: String = "real") -> TaskRecord {
        record(id: id, method: method, solution: reference)
    }

    /// The record with a given (possibly wrong) written solution; `step_values` stay the exact reference values.
    public func record(id: String, method: String, solution: WrittenSolution) -> TaskRecord {
        TaskRecord(question: question, answer: solution.text(.target), id: id, domain: domain.rawValue,
                   template: template.id, steps: steps, method: method, stepValues: values.map(String.init))
    }
}
