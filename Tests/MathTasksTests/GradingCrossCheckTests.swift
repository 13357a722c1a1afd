import XCTest
import Grading
@testable import MathTasks

/// The generator's output read by the independent Grading module: references grade as correct with every step
/// right, and the teacher's and corpus's mistakes are classified as what they are.
final class GradingCrossCheckTests: XCTestCase {
    func testEveryReferenceGradesCorrectWithAllStepsRight() throws {
        var records: [TaskRecord] = []
        for d in Domain.allCases {
            records += try ProblemSets.records(ProblemSets.testSet(domain: d, perSteps: 100, seed: 41), kind: "test")
            records += try ProblemSets.records(ProblemSets.graphSet(domain: d, split: .train, perSteps: 30, seed: 42), kind: "train")
        }
        for r in records {
            let g = try grade(completion: r.answer, reference: r)
            XCTAssertTrue(g.correct, r.answer)
            XCTAssertEqual(g.rule, .hashes)
            XCTAssertEqual(g.steps, r.steps)
            XCTAssertEqual(g.calculationErrors, 0, r.answer)
            XCTAssertNil(g.firstWrongStep, r.answer)
        }
    }

    func testTeacherMistakesAreClassifiedAsTheirKind() throws {
        let pool = try ProblemSets.pool(domain: .math, size: 300, seed: 43, excluding: [])
        var s = try Synthesizer(seeds: pool, config: SynthesisConfig(teacher: Teacher(calculationErrorRate: 0.4, reasoningErrorRate: 0.4)), seed: 44)
        let report = try s.synthesize(count: 600)
        for p in report.problems {
            let r = p.record(id: "s")  // the teacher's solution; graded against the exact reference
            let g = try grade(completion: r.answer, reference: p.problem.record(id: "s"))
            switch p.teacher.error {
            case nil:
                XCTAssertTrue(g.correct)
            case .calculation?:
                XCTAssertEqual(g.errorType, .calculation, r.answer)
                XCTAssertEqual(g.firstWrongStep, p.teacher.errorStep! + 1, r.answer)
            case .reasoning?:
                XCTAssertEqual(g.errorType, .reasoning, r.answer)
                // The wrong step's result is off the reference graph unless it happens to equal another step value.
                XCTAssertGreaterThanOrEqual(g.firstWrongStep ?? .max, p.teacher.errorStep! + 1, r.answer)
            }
        }
    }

    func testCorpusStylesYieldTheirAnswers() throws {
        var corpus = try PretrainingCorpus(config: CorpusConfig(domainWeights: [.gsm: 1, .math: 1]), seed: 45)
        let rules: [SolutionStyle: ExtractionRule] = [.target: .hashes, .plain: .theAnswerIs, .terse: .answerColon, .answerOnly: .answerColon]
        for _ in 0..<800 {
            let d = try corpus.nextDocument()
            let g = try grade(completion: d.solution, reference: d.problem.record(id: "c"))
            XCTAssertEqual(g.rule, rules[d.style], d.solution)
            XCTAssertEqual(g.correct, d.errorStep == nil, d.solution)
            if d.style == .target, let k = d.errorStep { XCTAssertEqual(g.firstWrongStep, k + 1) }
        }
    }
}
