import DataFiles
import XCTest
import MathTasks
@testable import Grading

/// Property tests: the parsers take any text without crashing, and their results obey simple invariants.
final class FuzzTests: XCTestCase {
    static let alphabet: [String] = ["0", "1", "9", "5", ".", ",", "+", "-", "*", "/", "(", ")", "=", "<<", ">>", "<", ">",
        "#", "####", " ", "\n", "$", "%", "\\boxed{", "}", "{", "\\frac", "The answer is ", "Answer:", "A:", "−", "×",
        "÷", "é", "🧮", "\u{0}", "99999999999999999999", "9223372036854775807", ".5", "e", "x"]

    func testRandomStringsNeverCrashAndStayConsistent() {
        var rng = SplitMix64(seed: 42)
        let reference = Reference(answer: 5, steps: 2, stepValues: [Rational(5)!])
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &rng)
            let text = (0..<length).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
            let g = grade(completion: text, reference: reference)
            let steps = StepChecker.check(text, referenceValues: reference.stepValues)
            XCTAssertEqual(g.steps, steps.count)
            XCTAssertEqual(g.calculationErrors, steps.filter { $0.status != .correct }.count)
            XCTAssertEqual(g.correct, g.answer.map { answersMatch($0, 5) } ?? false)
            XCTAssertEqual(g.errorType == .format, g.answer == nil)
            if let p = g.firstErrorPosition { XCTAssertTrue(p > 0 && p <= 1, text) }
            if let a = g.answer { XCTAssertTrue(a.isFinite, text) }
            for step in steps where step.status == .correct {
                XCTAssertNotNil(step.exact)
                XCTAssertNotNil(step.written)
            }
            _ = Expression.evaluate(text)
        }
    }

    func testRandomBytesAndAdversarialInputs() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = AnswerExtractor.extract(from: text)
            _ = StepChecker.check(text)
            _ = Expression.evaluate(text)
        }
        let huge = String(repeating: "9", count: 5_000)
        let cases = [
            "", "<<", ">>", "<<<<>>>>", "####", "#### ", "\\boxed{", "\\boxed{\\frac{1}{0}}", "\\boxed{\\frac{",
            "<<" + String(repeating: "(", count: 50_000) + "1=1>>",
            "<<" + String(repeating: "-", count: 50_000) + "1=-1>>",
            "<<1" + String(repeating: "+1", count: 10_000) + "=10001>>",
            "<<\(huge)=\(huge)>> #### \(huge)", "0." + huge, "#### 1/0", "1,", ",000", "$", "-", "−", "-$",
            String(repeating: "<<", count: 10_000), String(repeating: "<<1=1>>", count: 1_000),
            "The answer is The answer is", "A:A:A:", "\u{FEFF}#### 3", "١٢٣ ＃＃＃＃ ３",
        ]
        for text in cases {
            _ = grade(completion: text, reference: Reference(answer: 1, steps: 1))
            _ = Expression.evaluate(text)
        }
        XCTAssertEqual(StepChecker.check("<<1" + String(repeating: "+1", count: 10_000) + "=10001>>").map(\.status), [.correct])
        XCTAssertEqual(StepChecker.check(String(repeating: "<<1=1>>", count: 1_000)).count, 1_000)
        XCTAssertEqual(AnswerExtractor.extract(from: "\u{FEFF}#### 3")?.value, 3)
        XCTAssertNil(AnswerExtractor.extract(from: "#### \(huge)"))   // not finite: no answer
    }
}
