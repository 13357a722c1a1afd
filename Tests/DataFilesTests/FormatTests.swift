import DataFiles
import XCTest

final class FormatTests: XCTestCase {
    /// Fixed decimals round half away from zero on the decimal scale (printf's "%.3f" gives 0.062 for 0.0625, an
    /// exact binary tie) and never print a negative zero.
    func testFixedDecimals() {
        XCTAssertEqual(Format.fixed(0.0625, digits: 3), "0.063")
        XCTAssertEqual(Format.fixed(-0.0625, digits: 3), "-0.063")
        XCTAssertEqual(Format.fixed(-0.0004, digits: 3), "0.000")
        XCTAssertEqual(Format.fixed(-1.5, digits: 1), "-1.5")
        XCTAssertEqual(Format.fixed(2.9999, digits: 2), "3.00")
        XCTAssertEqual(Format.fixed(0.05, digits: 3), "0.050")
        XCTAssertEqual(Format.fixed(7.5, digits: 0), "8")
        XCTAssertEqual(Format.fixed(.nan, digits: 3), "nan")
    }
}
