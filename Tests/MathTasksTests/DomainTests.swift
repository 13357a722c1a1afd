import XCTest
@testable import MathTasks

final class DomainTests: XCTestCase {
    /// A config or option names a domain; an unknown name is a one-line error naming it, never another domain.
    func testDomainByNameAndUnknownNames() throws {
        XCTAssertEqual(try Domain(named: "gsm"), .gsm)
        XCTAssertEqual(try Domain(named: "math"), .math)
        for name in ["gsm8k", "MATH", "", "mix"] {
            XCTAssertThrowsError(try Domain(named: name)) { error in
                XCTAssertEqual("\(error)", "unknown domain '\(name)' (expected one of: gsm, math)")
            }
        }
    }
}
