import XCTest
@testable import Grading

final class ExpressionTests: XCTestCase {
    private func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d)! }

    func testPrecedenceParenthesesUnaryDecimals() {
        XCTAssertEqual(Expression.evaluate("16-3-4"), r(9))
        XCTAssertEqual(Expression.evaluate("2+3*4"), r(14))
        XCTAssertEqual(Expression.evaluate("(2+3)*4"), r(20))
        XCTAssertEqual(Expression.evaluate("12/4/3"), r(1))           // left associative
        XCTAssertEqual(Expression.evaluate("10/3"), r(10, 3))
        XCTAssertEqual(Expression.evaluate("-48+21+(-3)"), r(-30))
        XCTAssertEqual(Expression.evaluate("1.75-(-1.25)"), r(3))
        XCTAssertEqual(Expression.evaluate("--5"), r(5))
        XCTAssertEqual(Expression.evaluate("2*20*.01"), r(2, 5))
        XCTAssertEqual(Expression.evaluate("80000*1.5"), r(120000))
        XCTAssertEqual(Expression.evaluate(" 3 × 4 ÷ 6 − 1 "), r(1))
        XCTAssertEqual(Expression.evaluate("50%*8"), r(4))
        XCTAssertEqual(Expression.evaluate("1,000*3"), r(3000))
        XCTAssertEqual(Expression.evaluate("((((1))))"), r(1))
    }

    func testRejectsMalformedAndOverflow() {
        for bad in ["", "2+", "(2+3", "2+3)", "2**3", "1/0", "1/(2-2)", "abc", "2 3", "12.", "99999999999999999999",
                    "9223372036854775807*2", "1/3+1/9223372036854775807*1/9223372036854775806"] {
            XCTAssertNil(Expression.evaluate(bad), bad)
        }
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        XCTAssertNil(Expression.evaluate(deep))
        XCTAssertNil(Expression.evaluate(String(repeating: "-", count: 100_000) + "1"))
        let nested = String(repeating: "(", count: 20) + "1" + String(repeating: ")", count: 20)
        XCTAssertEqual(Expression.evaluate(nested), r(1))
    }

    func testRationalRounding() {
        XCTAssertTrue(r(10, 3).matches(written: r(333, 100), decimals: 2))
        XCTAssertTrue(r(2, 3).matches(written: r(67, 100), decimals: 2))
        XCTAssertFalse(r(2, 3).matches(written: r(66, 100), decimals: 2))   // truncation is not rounding
        XCTAssertTrue(r(1, 8).matches(written: r(13, 100), decimals: 2))    // 0.125 -> 0.13 (half either way)
        XCTAssertTrue(r(1, 8).matches(written: r(12, 100), decimals: 2))
        XCTAssertFalse(r(7, 2).matches(written: r(3), decimals: 0))         // integers must be exact
        XCTAssertTrue(r(16).matches(written: r(16), decimals: 2))           // <<4*4=16.00>>
        XCTAssertNil(Rational(1, 0))
        XCTAssertNil(Rational(Int.min, 1))
        XCTAssertEqual(Rational(6, -4), r(-3, 2))
    }
}

final class StepCheckerTests: XCTestCase {
    private func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d)! }

    func testAnnotationsOfASolution() {
        let text = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 eggs.\nShe makes 9 * 2 = $<<9*2=19>>19.\nA third is <<19/3=6.33>>6.33, "
            + "a share <<3/4=3/4>>3/4, oops <<2+2>>, huge <<99999999999*99999999999=1>>, and <<10/3=3.3333>>."
        let checks = StepChecker.check(text)
        XCTAssertEqual(checks.map(\.status), [.correct, .wrongArithmetic, .correct, .correct, .malformed, .malformed, .correct])
        XCTAssertEqual(checks.map(\.index), Array(0..<7))
        XCTAssertEqual(checks[1].exact, r(18))
        XCTAssertEqual(checks[1].written, r(19))
        XCTAssertEqual(checks[3].written, r(3, 4))
        XCTAssertNil(checks[0].matchesReference)
        XCTAssertFalse(StepChecker.allCorrect(text))
        XCTAssertTrue(StepChecker.allCorrect("a <<16-3=13>>13 b <<3/4=3/4>>3/4\n#### 13"))
        XCTAssertTrue(StepChecker.allCorrect("no steps at all\n#### 13"))
    }

    func testDelimiters() {
        // Unterminated: not an annotation, so the text has none and its plain equation is the step.
        XCTAssertEqual(StepChecker.check("<<1+1=3").map(\.status), [.wrongArithmetic])
        XCTAssertEqual(StepChecker.check("<<1+1=2 <<2+2=4>>").count, 1)
        XCTAssertEqual(StepChecker.check("<<junk <<1+1=2>>").map(\.status), [.correct]) // a later << restarts
        XCTAssertEqual(StepChecker.check(">> <<1+1=2>> >>").count, 1)
        XCTAssertEqual(StepChecker.check("<<1+1=2=2>>").map(\.status), [.malformed])
        XCTAssertEqual(StepChecker.check("<<1-3 = -2>>").map(\.status), [.correct])
        XCTAssertEqual(StepChecker.check("<<=>>").map(\.status), [.malformed])
    }

    func testReferenceValues() {
        let checks = StepChecker.check("<<16-3=13>> <<13/2=6.5>> <<13*2=26>> <<1+1=3>>", referenceValues: [r(13), r(13, 2)])
        XCTAssertEqual(checks.map(\.matchesReference), [true, true, false, false])
        XCTAssertEqual(checks.map(\.isWrong), [false, false, true, true])
    }

    func testPlainEquationsWhenThereAreNoAnnotations() {
        // The prototype's plain and terse styles.
        let plain = "Eve has 16 apples.\n(1) gives away 3: 16 - 3 = 13.\n(2) keeps a 1/2 share: 13/2 = 6.5.\nThe answer is 6.5."
        XCTAssertEqual(StepChecker.check(plain).map(\.written), [r(13), r(13, 2)])
        XCTAssertEqual(StepChecker.check(plain).map(\.status), [.correct, .correct])
        let terse = "16-3=12; 12/2=6\nAnswer: 6"
        XCTAssertEqual(StepChecker.check(terse).map(\.status), [.wrongArithmetic, .correct])
        XCTAssertEqual(StepChecker.check(terse).map(\.exact), [r(13), r(6)])
        // Chains, money, and things that are not equations.
        XCTAssertEqual(StepChecker.check("2*3 = 6*2 = 12").map(\.exact), [r(12)])     // "= 6*2" is no result
        XCTAssertEqual(StepChecker.check("1/3 + 1/4 = 4/12 + 3/12 = 7/12").map(\.status), [.correct])
        XCTAssertEqual(StepChecker.check("3/4 = 75% and 45 + 21 +28 = 94%.").map(\.status), [.correct, .correct])
        XCTAssertEqual(StepChecker.check("3/4 = 76%").map(\.status), [.wrongArithmetic])
        XCTAssertEqual(StepChecker.check("cost 3 + $4 = $7 total").count, 0)      // "$4" is not an operand
        XCTAssertEqual(StepChecker.check("he paid 5 * 4 = $20").map(\.status), [.correct])
        XCTAssertEqual(StepChecker.check("x = 5, y=6, 7 = 7, a==b, 3 16-3=13").count, 0)
        XCTAssertEqual(StepChecker.check("X*3/4 = $24, Y + 0.2 = 1.2Y, 3 / 4 * 2 = 1 1/2, 80 000 x 1/5 = $16 000").count, 0)
        XCTAssertEqual(StepChecker.check("1/0 = 5").count, 0)
        // Annotations take precedence: the plain equation around them is not a second step.
        XCTAssertEqual(StepChecker.check("16 - 3 = <<16-3=13>>13").count, 1)
    }
}
