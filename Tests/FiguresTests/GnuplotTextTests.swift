import XCTest
@testable import Figures

final class GnuplotTextTests: XCTestCase {
    func testEscapeMakesEnhancedTextLiteral() {
        XCTAssertEqual(GnuplotText.escape("real_GSM8K"), "real\\_GSM8K")
        XCTAssertEqual(GnuplotText.escape("Pass@N {x}^2 & ~"), "Pass\\@N \\{x\\}\\^2 \\& \\~")
        XCTAssertEqual(GnuplotText.escape("plain text (%)"), "plain text (%)")
    }

    func testFormulaRaisesExponents() {
        XCTAssertEqual(GnuplotText.formula("y = 0.26 x^0.31"), "y = 0.26 x^{0.31}")
        XCTAssertEqual(GnuplotText.formula("y = 0.9 - 3 x^-0.3"), "y = 0.9 - 3 x^{-0.3}")
        XCTAssertEqual(GnuplotText.formula("y = a * x^(b + 1)"), "y = a · x^{b + 1}")
        XCTAssertEqual(GnuplotText.formula("logit(y) = -6 + 0.7 ln x"), "logit(y) = -6 + 0.7 ln x")
        XCTAssertEqual(GnuplotText.formula("y = 1.5e-05 x^1.2e+00 + x^-e"), "y = 1.5e-05 x^{1.2e+00} + x^{-e}")
    }

    func testQuotedEscapesBackslashQuoteAndNewline() {
        XCTAssertEqual(GnuplotText.quoted("a\\_b \"c\"\nd"), "\"a\\\\_b \\\"c\\\"\\nd\"")
    }

    func testNumbersRoundTripAndMissingIsNaN() {
        XCTAssertEqual(GnuplotText.number(0.1), "0.1")
        XCTAssertEqual(GnuplotText.number(123456789012), "123456789012")
        XCTAssertEqual(Double(GnuplotText.number(1.0 / 3))!, 1.0 / 3, accuracy: 1e-12)
        // A fit's value from another CPU, different in the last bits, writes the same text.
        XCTAssertEqual(GnuplotText.number(0.6180339887498949), GnuplotText.number(0.6180339887498949 * (1 + 4e-16)))
        XCTAssertEqual(GnuplotText.number(0.6180339887498949), "0.61803398875")
        XCTAssertEqual(GnuplotText.number(nil), "NaN")
        XCTAssertEqual(GnuplotText.number(.infinity), "NaN")
    }

    func testLogarithmicTicksStayWithinTheLimit() {
        XCTAssertEqual(Ticks.logarithmic(from: 64, to: 4096, maximum: 7).map(\.position), [64, 128, 256, 512, 1024, 2048, 4096])
        XCTAssertEqual(Ticks.logarithmic(from: 64, to: 4096, maximum: 4).map(\.position), [64, 256, 1024, 4096])
        XCTAssertEqual(Ticks.logarithmic(from: 940, to: 30000, maximum: 7).map(\.label), ["1024", "2048", "4096", "8192", "16384", "32768"])
        let wide = Ticks.logarithmic(from: 1, to: 1e9, maximum: 5)
        XCTAssertLessThanOrEqual(wide.count, 5)
        XCTAssertEqual(wide.first?.label, "1")
        XCTAssertEqual(Ticks.label(1_048_576), "2^{20}")
        XCTAssertEqual(Ticks.label(1e6), "10^{6}")
        XCTAssertEqual(Ticks.label(150_000), "150K")
        XCTAssertEqual(Ticks.label(2.5), "2.5")
        XCTAssertEqual(Ticks.label(452_000), "452K")
        XCTAssertEqual(Ticks.label(4_500_000), "4.5M")
    }
}
