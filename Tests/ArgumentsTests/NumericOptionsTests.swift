import XCTest
@testable import Arguments

/// Numeric options are checked in one place: finite, in range, the option named in the message.
final class NumericOptionsTests: XCTestCase {
    private func arguments(_ values: [String: String]) -> ParsedArguments { ParsedArguments(commandPath: "tool train", values: values) }

    private func message(_ body: () throws -> Any?) -> String? {
        do { _ = try body(); return nil } catch { return (error as? UsageError)?.message }
    }

    func testDoublesMustBeFiniteAndInRange() throws {
        for bad in ["nan", "inf", "-inf", "1e400", "0", "1.5", "x", ""] {
            XCTAssertEqual(message { try self.arguments(["lr": bad]).double("lr", in: 0...1, openLow: true) },
                           "option '--lr': expected a number in (0, 1], got '\(bad)'")
        }
        XCTAssertEqual(try arguments(["lr": "1e-3"]).double("lr", in: 0...1, openLow: true), 1e-3)
        XCTAssertEqual(try arguments(["min-lr": "0"]).double("min-lr", in: 0...1), 0, "a closed lower end allows it")
        XCTAssertNil(try arguments([:]).double("lr", in: 0...1))
    }

    func testIntegersListsAndSeeds() throws {
        XCTAssertEqual(message { try self.arguments(["d": "0"]).int("d", in: OptionRange.dimension) },
                       "option '--d': expected an integer in 1...1000000, got '0'")
        XCTAssertEqual(message { try self.arguments(["d": "99999999999999999999"]).int("d", in: OptionRange.dimension) },
                       "option '--d': expected an integer in 1...1000000, got '99999999999999999999'")
        XCTAssertEqual(try arguments(["k": "1,4,16"]).ints("k", in: 1...100), [1, 4, 16])
        XCTAssertEqual(message { try self.arguments(["k": "1,0"]).ints("k", in: 1...100) }, "option '--k': expected integers in 1...100, got '0'")
        XCTAssertEqual(message { try self.arguments(["predict": "5,nan"]).doubles("predict", in: 0...10) },
                       "option '--predict': expected numbers in [0, 10], got 'nan'")
        XCTAssertEqual(try arguments(["seed": "18446744073709551615"]).seed("seed"), UInt64.max)
        XCTAssertNotNil(message { try self.arguments(["seed": "-1"]).seed("seed") })
    }

    /// A usage error is one line on stderr: the message and the help hint together.
    func testUsageErrorsAreOneLine() throws {
        XCTAssertThrowsError(try parse(["--nope"], root: OneLineRoot.self, programName: "tool")) {
            XCTAssertFalse("\(($0 as! UsageError).message)".contains("\n"))
        }
    }
}

private enum OneLineRoot: Command {
    static let spec = CommandSpec(name: "tool", abstract: "Root.")
    static func run(_ arguments: ParsedArguments) throws {}
}
