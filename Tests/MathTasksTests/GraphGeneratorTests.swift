import XCTest
import Grading
@testable import MathTasks

final class GraphGeneratorTests: XCTestCase {
    static func problems(_ domain: Domain, _ split: Split, seed: UInt64 = 31, count: Int = 300) throws -> [GraphProblem] {
        var g = GraphGenerator(domain: domain, split: split, seed: seed)
        return try (0..<count).map { try g.next(steps: 2 + $0 % 7) }
    }

    func testAnnotationsReproduceTheGraphValues() throws {
        for d in Domain.allCases {
            var multiOperator = 0
            for p in try Self.problems(d, .train) + Self.problems(d, .test) {
                let r = p.record(id: "g")
                let notes = annotations(r.answer)
                XCTAssertEqual(r.steps, p.steps)
                XCTAssertEqual(notes.map(\.result), r.stepValues, r.answer)
                for (e, v) in notes { XCTAssertEqual(evaluate(e), Double(v), "\(e)=\(v) in \(r.answer)") }
                XCTAssertEqual(finalAnswer(r.answer), r.stepValues!.last)
                XCTAssertTrue(StepChecker.allCorrect(r.answer), r.answer)
                multiOperator += notes.filter { $0.expression.filter("+-*/".contains).count >= 2 && !$0.expression.contains("*") }.count
                // Every derived quantity is named in the question and used by the next step.
                for (i, name) in p.names.enumerated() where i <= p.steps { XCTAssertTrue(r.question.contains(name)) }
                for i in 1..<p.steps {
                    let operands = notes[i].expression.split(whereSeparator: { "+-*/".contains($0) }).map(String.init)
                    XCTAssertTrue(operands.contains(String(p.quantities[i])), "step \(i + 1) uses quantity \(i): \(r.answer)")
                }
            }
            XCTAssertGreaterThan(multiOperator, 50, "sums of three quantities appear")
        }
    }

    func testSplitsUseDisjointTemplatesAndNames() throws {
        for d in Domain.allCases {
            let train = try Self.problems(d, .train), test = try Self.problems(d, .test)
            XCTAssertTrue(Set(train.map(\.template.id)).isDisjoint(with: test.map(\.template.id)))
            XCTAssertTrue(Set(train.flatMap(\.names)).isDisjoint(with: test.flatMap(\.names)))
            XCTAssertEqual(Set(train.map(\.steps)), Set(2...8))
        }
    }

    func testGraphSetsHaveDistinctQuestionsPerStepCount() throws {
        let set = try ProblemSets.graphSet(domain: .gsm, split: .test, perSteps: 10, seed: 2)
        XCTAssertEqual(set.map(\.steps), (2...8).flatMap { Array(repeating: $0, count: 10) })
        XCTAssertEqual(Set(set.map(\.question)).count, 70)
        let records = ProblemSets.records(set, kind: "test")
        XCTAssertEqual(records[4].id, "gsm-graph-test-4")
        XCTAssertEqual(records[4].template, "gsm-graph-3")
    }

    func testSameSeedSameProblems() throws {
        XCTAssertEqual(try Self.problems(.math, .train, seed: 4, count: 50), try Self.problems(.math, .train, seed: 4, count: 50))
        XCTAssertNotEqual(try Self.problems(.math, .train, seed: 4, count: 50), try Self.problems(.math, .train, seed: 5, count: 50))
    }

    func testTheRenderedFormat() throws {
        let t = GraphLanguage.templates(.gsm, .train)[0]
        let p = GraphProblem(domain: .gsm, template: t, names: ["Ann", "Ben", "Cal"], object: "apples", start: 16,
                             relations: [.operation(.add(5)), .sum([0])])
        XCTAssertEqual(p.question, "Ann has 16 apples. Ben has 5 more apples than Ann. Cal has as many apples as Ben and Ann together. How many apples does Cal have?")
        XCTAssertEqual(p.answer, "Ben has 16+5 = <<16+5=21>>21 apples.\nCal has 21+16 = <<21+16=37>>37 apples.\n#### 37")
        XCTAssertEqual(p.values, [21, 37])
    }
}
