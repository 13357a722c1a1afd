import XCTest
@testable import Arguments

private enum Leaf: Command {
    static let spec = CommandSpec(name: "leaf", abstract: "A leaf.", positionals: [PositionalSpec("FILE", "input")],
                                  options: [.option("x", "COL", "x column", default: "n"), .option("k", "N", "count"), .flag("quiet", "no output")])
    static func run(_ arguments: ParsedArguments) throws {}
}

private enum Root: Command {
    static let spec = CommandSpec(name: "tool", abstract: "Root.")
    static var subcommands: [any Command.Type] { [Leaf.self] }
    static func run(_ arguments: ParsedArguments) throws {}
}

final class ParserTests: XCTestCase {
    private func parsed(_ args: [String]) throws -> ParsedArguments {
        guard case .run(_, let p) = try parse(args, root: Root.self, programName: "tool") else {
            XCTFail("expected a run"); return ParsedArguments(commandPath: "")
        }
        return p
    }

    func testBothValueFormsAndDefaults() throws {
        let a = try parsed(["leaf", "data.csv", "--k", "7", "--quiet"])
        XCTAssertEqual(a.positionals, ["data.csv"])
        XCTAssertEqual(try a.int("k"), 7)
        XCTAssertEqual(a.string("x"), "n")
        XCTAssertTrue(a.flag("quiet"))
        let b = try parsed(["leaf", "--x=col", "--k=-3", "f"])
        XCTAssertEqual(b.string("x"), "col")
        XCTAssertEqual(try b.int("k"), -3)
    }

    private enum Column: String, CaseIterable { case n, m }

    /// A choice read as an enum: its raw values are the allowed names, the default counts, a stranger is an error.
    func testChoiceAsAnEnum() throws {
        XCTAssertEqual(try parsed(["leaf", "f"]).choice("x", as: Column.self), .n)
        XCTAssertEqual(try parsed(["leaf", "f", "--x", "m"]).choice("x", as: Column.self), .m)
        XCTAssertNil(try parsed(["leaf", "f"]).choice("k", as: Column.self))
        XCTAssertThrowsError(try parsed(["leaf", "f", "--x", "q"]).choice("x", as: Column.self)) { e in
            XCTAssertEqual((e as? UsageError)?.message, "option '--x': 'q' is not one of n, m")
        }
    }

    func testUsageErrors() {
        XCTAssertThrowsError(try parse(["leaf", "f", "--nope"], root: Root.self, programName: "tool")) { e in
            XCTAssertEqual((e as? UsageError)?.message, "unknown option '--nope'")
            XCTAssertEqual((e as? UsageError)?.commandPath, "tool leaf")
        }
        XCTAssertThrowsError(try parse(["leaf", "f", "--k"], root: Root.self, programName: "tool")) { e in
            XCTAssertEqual((e as? UsageError)?.message, "option '--k' needs a value (N)")
        }
        XCTAssertThrowsError(try parse(["leaf"], root: Root.self, programName: "tool")) { e in
            XCTAssertEqual((e as? UsageError)?.message, "missing argument FILE")
        }
        XCTAssertThrowsError(try parsed(["leaf", "f", "--k", "seven"]).int("k")) { e in
            XCTAssertEqual((e as? UsageError)?.message, "option '--k': expected an integer, got 'seven'")
        }
        XCTAssertThrowsError(try parse(["bogus"], root: Root.self, programName: "tool")) { e in
            XCTAssertEqual((e as? UsageError)?.message, "unknown command 'bogus'")
        }
    }

    func testHelpAndVersion() throws {
        guard case .help(let text) = try parse(["leaf", "--help"], root: Root.self, programName: "tool") else { return XCTFail() }
        XCTAssertTrue(text.contains("USAGE: tool leaf FILE [options]"))
        XCTAssertTrue(text.contains("--x COL"))
        XCTAssertTrue(text.contains("(default: n)"))
        guard case .version = try parse(["--version"], root: Root.self, programName: "tool") else { return XCTFail() }
    }
}
