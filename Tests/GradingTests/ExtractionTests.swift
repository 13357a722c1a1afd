import XCTest
@testable import Grading

final class ExtractionTests: XCTestCase {
    private func assertExtracts(_ text: String, _ value: Double, _ rule: ExtractionRule, file: StaticString = #filePath, line: UInt = #line) {
        let got = AnswerExtractor.extract(from: text)
        XCTAssertEqual(got, ExtractedAnswer(value: value, rule: rule), "\(text.debugDescription)", file: file, line: line)
    }

    func testGSM8KReferenceFormat() {
        assertExtracts("Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer’s market.\n#### 18", 18, .hashes)
        assertExtracts("So he made a profit of 200,000-130,000=$<<200000-130000=70000>>70,000\n#### 70000", 70000, .hashes)
        assertExtracts("...\n#### 1,600", 1600, .hashes)
        assertExtracts("She lost <<100-150=-50>>-50\n#### -50", -50, .hashes)
        assertExtracts("#### $18.50", 18.5, .hashes)
        assertExtracts("####: $18", 18, .hashes)           // simple-evals' "####: $ANSWER"
        assertExtracts("#### 3/4", 0.75, .hashes)
        // The first '####' with a number wins over a run-on continuation.
        assertExtracts("2+3=<<2+3=5>>5\n#### 5\n\nQuestion: Tom has 7 cats...\n#### 7", 5, .hashes)
        // A '####' without a number falls through to the next rule.
        assertExtracts("#### \nThe answer is 12.", 12, .theAnswerIs)
    }

    func testChainOfThoughtAndTerseFormats() {
        assertExtracts("There are 15 trees originally. Then there were 21 trees. So 21 - 15 = 6. The answer is 6.", 6, .theAnswerIs)
        assertExtracts("the answer is: $1,234.5 dollars", 1234.5, .theAnswerIs)
        assertExtracts("The answer is −7.", -7, .theAnswerIs)
        assertExtracts("The answer is 25%.", 25, .theAnswerIs)
        assertExtracts("16-3=13; 13/2=6\nAnswer: 6", 6, .answerColon)
        assertExtracts("ANSWER: 42", 42, .answerColon)
        assertExtracts("**Answer:** 42", 42, .answerColon)
        assertExtracts("Q: Eve has 16 apples. How many now?\nA: 13", 13, .aColon)
        assertExtracts("A: $5.50 per cup", 5.5, .aColon)
        // 'A:' inside a word is not the marker; an 'A:' followed by prose is skipped.
        assertExtracts("QA: see 4 and 5", 5, .lastNumber)
        assertExtracts("Q: How many?\nA: Eve has 16 - 3 = 13 apples left", 13, .lastNumber)
    }

    func testBoxedAndLastNumber() {
        assertExtracts("so the total is \\boxed{18}.", 18, .boxed)
        assertExtracts("$\\boxed{\\$1,000}$", 1000, .boxed)
        assertExtracts("\\boxed{\\frac{3}{4}}", 0.75, .boxed)
        assertExtracts("\\boxed{\\dfrac{-1}{8}}", -0.125, .boxed)
        assertExtracts("\\boxed{-12}", -12, .boxed)
        assertExtracts("\\boxed{} then \\boxed{7}", 7, .boxed)
        assertExtracts("She has 16-3=13 apples, then 13-4=9", 9, .lastNumber)
        assertExtracts("It costs -$5 in the end", -5, .lastNumber)
        assertExtracts("about 2.5 hours.", 2.5, .lastNumber)
        assertExtracts("1, 2, 3 and 1,0000", 0, .lastNumber)   // a comma needs exactly 3 digits after it
        XCTAssertNil(AnswerExtractor.extract(from: "no number here"))
        XCTAssertNil(AnswerExtractor.extract(from: ""))
    }

    func testRuleOrder() {
        // Each text contains every later marker too; the earliest rule in the documented order wins.
        assertExtracts("A: 4\nAnswer: 3\nThe answer is 2\n#### 1 \\boxed{5} 6", 1, .hashes)
        assertExtracts("\\boxed{5} A: 4 Answer: 3 The answer is 2. 6", 2, .theAnswerIs)
        assertExtracts("\\boxed{5} A: 4 Answer: 3. 6", 3, .answerColon)
        assertExtracts("\\boxed{5} A: 4. 6", 4, .aColon)
        assertExtracts("\\boxed{5}. 6", 5, .boxed)
        XCTAssertEqual(ExtractionRule.allCases, [.hashes, .theAnswerIs, .answerColon, .aColon, .boxed, .lastNumber])
    }

    func testRestrictedRules() {
        let text = "16-3=13\nAnswer: 13"
        XCTAssertEqual(AnswerExtractor.extract(from: text, rules: [.hashes, .answerColon])?.rule, .answerColon)
        XCTAssertNil(AnswerExtractor.extract(from: text, rules: [.hashes]))
        XCTAssertEqual(AnswerExtractor.extract(from: "#### 4 \\boxed{5}", rules: [.boxed])?.value, 5)
        XCTAssertEqual(AnswerExtractor.extract(from: "#### x 7", rules: [.hashes, .lastNumber])?.rule, .lastNumber)
        let g = grade(completion: text, reference: Reference(answer: 13, steps: 1), rule: .strict)
        XCTAssertEqual(g.errorType, .format)
        XCTAssertFalse(g.correct)
        XCTAssertEqual(g.steps, 1)
        XCTAssertTrue(grade(completion: text, reference: Reference(answer: 13, steps: 1)).correct)
    }

    func testNumberHelperAndTolerance() {
        XCTAssertEqual(AnswerExtractor.number(in: "1,200"), 1200)
        XCTAssertEqual(AnswerExtractor.number(in: " -3"), -3)
        XCTAssertEqual(AnswerExtractor.number(in: "3/4"), 0.75)
        XCTAssertEqual(AnswerExtractor.number(in: ".5"), 0.5)
        XCTAssertNil(AnswerExtractor.number(in: "x"))
        XCTAssertTrue(answersMatch(1000, 1000.9))       // relative error 9e-4
        XCTAssertFalse(answersMatch(1000, 1001.1))      // 1.1e-3
        XCTAssertTrue(answersMatch(0.3333, 1.0 / 3))
        XCTAssertTrue(answersMatch(0, 0))
        XCTAssertFalse(answersMatch(0, 1e-9))
        XCTAssertFalse(answersMatch(-5, 5))
    }
}
