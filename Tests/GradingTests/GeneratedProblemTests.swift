import DataFiles
import XCTest
import MathTasks
@testable import Grading

/// The grader on the task generator's problems: reference solutions (in every corpus style) are right at every
/// step and on the graph;
/// injected calculation and reasoning errors are classified as such, at the step where they were made.
final class GeneratedProblemTests: XCTestCase {
    func testReferenceAndInjectedErrors() throws {
        var rng = SplitMix64(seed: 11)
        var reasoningAtInjectedStep = 0, reasoningCases = 0
        for domain in Domain.allCases {
            let problems = try ProblemSets.testSet(domain: domain, steps: 1...4, perSteps: 40, seed: 5)
            for (i, problem) in problems.enumerated() {
                let task = problem.record(id: "t\(i)")
                let reference = try Reference(task)
                XCTAssertEqual(reference.steps, problem.steps)

                let own = grade(completion: task.answer, reference: reference)
                XCTAssertTrue(own.correct, task.answer)
                XCTAssertEqual(own.steps, problem.steps, task.answer)
                XCTAssertNil(own.firstWrongStep, task.answer)
                XCTAssertTrue(StepChecker.check(task.answer, referenceValues: reference.stepValues).allSatisfy { $0.matchesReference == true })
                // The corpus's plain and terse styles: the same steps read from plain equations.
                for style in [SolutionStyle.plain, .terse] {
                    let text = problem.reference.text(style)
                    let g = grade(completion: text, reference: reference)
                    XCTAssertTrue(g.correct, text)
                    XCTAssertEqual(g.rule, style == .plain ? .theAnswerIs : .answerColon)
                    XCTAssertEqual(g.steps, problem.steps, text)
                    XCTAssertNil(g.firstWrongStep, text)
                }

                if let (solution, step) = problem.withCalculationError(offsets: [1, 2, 3, 10], using: &rng) {
                    let g = grade(completion: solution.text(.target), reference: reference)
                    XCTAssertFalse(g.correct)
                    XCTAssertEqual(g.errorType, .calculation)
                    XCTAssertEqual(g.calculationErrors, 1)
                    XCTAssertEqual(g.firstWrongStep, step + 1, solution.text(.target))
                }
                if let (solution, step) = problem.withReasoningError(using: &rng) {
                    let g = grade(completion: solution.text(.target), reference: reference)
                    XCTAssertFalse(g.correct)
                    XCTAssertEqual(g.errorType, .reasoning, solution.text(.target))
                    XCTAssertEqual(g.calculationErrors, 0)
                    // The off-graph value can coincide with another reference value, moving the first wrong
                    // step later, never earlier.
                    XCTAssertGreaterThanOrEqual(g.firstWrongStep ?? .max, step + 1)
                    reasoningCases += 1
                    if g.firstWrongStep == step + 1 { reasoningAtInjectedStep += 1 }
                }
            }
        }
        XCTAssertGreaterThan(reasoningCases, 200)
        XCTAssertGreaterThan(Double(reasoningAtInjectedStep), 0.9 * Double(reasoningCases))
    }
}
