import XCTest
import MathTasks
@testable import Grading

final class GraderTests: XCTestCase {
    let task = TaskRecord(question: "Eve has 16 apples. (1) Eve gives away 3. (2) Eve keeps a 1/2 share. How many apples does Eve have now?",
                          answer: "(1) gives away 3: 16-3=<<16-3=13>>13.\n(2) keeps a 1/2 share: 13/2=<<13/2=6.5>>6.5.\n#### 6.5",
                          steps: 2, stepValues: ["13", "13/2"])

    func testReferenceFromTask() throws {
        let reference = try Reference(task)
        XCTAssertEqual(reference.answer, 6.5)
        XCTAssertEqual(reference.steps, 2)
        XCTAssertEqual(reference.stepValues, [Rational(13)!, Rational(13, 2)!])
        let gsm = TaskRecord(question: "q", answer: "a = <<1+1=2>>2\n\nb <<2*3=6>>6\nc\n#### 6")
        XCTAssertEqual(try Reference(gsm).steps, 3)
        XCTAssertThrowsError(try Reference(TaskRecord(question: "q", answer: "The answer is 6")))
        XCTAssertThrowsError(try Reference(TaskRecord(question: "q", answer: "#### 6", stepValues: ["six"])))
    }

    func testCorrectSampleEvenWithSloppyStep() throws {
        let g = try grade(completion: "16-3=<<16-3=13>>13; 13/2=<<13/2=6>>6.5\n#### 6.5", reference: task)
        XCTAssertTrue(g.correct)
        XCTAssertEqual(g.steps, 2)
        XCTAssertEqual(g.calculationErrors, 1)
        XCTAssertEqual(g.firstWrongStep, 2)
        XCTAssertEqual(g.firstErrorPosition, 1.0)
        XCTAssertNil(g.errorType)
        XCTAssertEqual(g.rule, .hashes)
    }

    func testErrorTypes() throws {
        let calc = try grade(completion: "<<16-3=12>>12 then <<12/2=6>>6\n#### 6", reference: task)
        XCTAssertEqual(calc.errorType, .calculation)
        XCTAssertEqual(calc.firstWrongStep, 1)
        XCTAssertEqual(calc.firstErrorPosition, 0.5)

        // All arithmetic right, second step off the reference graph: a reasoning error at step 2 of 2.
        let plan = try grade(completion: "<<16-3=13>>13 then <<13*2=26>>26\n#### 26", reference: task)
        XCTAssertEqual(plan.errorType, .reasoning)
        XCTAssertEqual(plan.calculationErrors, 0)
        XCTAssertEqual(plan.firstWrongStep, 2)

        let format = try grade(completion: "<<16-3=13>>", reference: task)
        XCTAssertEqual(format.errorType, .reasoning)     // 13 is extracted as the last number
        let none = try grade(completion: "I don't know", reference: task)
        XCTAssertEqual(none.errorType, .format)
        XCTAssertNil(none.answer)
        XCTAssertEqual(none.steps, 0)
        XCTAssertNil(none.firstErrorPosition)

        // Without step values only arithmetic decides the first wrong step.
        let plain = Reference(answer: 6.5, steps: 2)
        let g = grade(completion: "<<16-3=13>>13 then <<13*2=26>>26\n#### 26", reference: plain)
        XCTAssertNil(g.firstWrongStep)
        XCTAssertEqual(g.errorType, .reasoning)
    }
}
