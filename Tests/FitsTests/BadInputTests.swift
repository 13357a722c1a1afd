import DataFiles
import Foundation
import XCTest
@testable import Fits

/// Every bad input is a one-line error naming the file, line and column, never a crash or a number.
final class BadInputTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fits-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `text` to a file named `name` and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The error message of loading `text` (and fitting `model`), with the temporary directory removed.
    func error(_ text: String, name: String = "d.csv", model: ScalingModel = .power, group: [String] = [],
               percent: Bool = false) throws -> String {
        let path = try file(name, text)
        do {
            let table = try PointTable.load(path: path, x: "x", y: "y", groupBy: group, yDivisor: percent ? 100 : 1)
            for g in table.groups { _ = try g.fit(model) }
        } catch {
            XCTAssertTrue(error is InputError || error is ToolError, "\(type(of: error))")
            return "\(error)".replacingOccurrences(of: directory.path + "/", with: "")
        }
        XCTFail("no error for \(text)")
        return ""
    }

    func testNumbersMustBeFiniteAndPresent() throws {
        XCTAssertEqual(try error("x,y\n1,2\n2,abc\n"), "d.csv:3: field 'y': not a number: 'abc'")
        XCTAssertEqual(try error("x,y\n1,2\n,3\n"), "d.csv:3: field 'x': missing value")
        XCTAssertEqual(try error("x,y\n1,nan\n"), "d.csv:2: field 'y': not a finite number: 'nan'")
        XCTAssertEqual(try error("x,y\n1,2\n-inf,3\n"), "d.csv:3: field 'x': not a finite number: '-inf'")
        XCTAssertEqual(try error("x,y\n1,2\n\"2\",\"1e400\"\n"), "d.csv:3: field 'y': not a finite number: '1e400'")
    }

    func testLogsNeedPositiveValues() throws {
        let ok = "x,y\n1,0.2\n2,0.3\n4,0.4\n"
        XCTAssertEqual(try error(ok + "0,0.5\n"), "d.csv:5: field 'x': x must be > 0 for power (it takes ln x), found 0.0")
        XCTAssertEqual(try error(ok + "8,-0.1\n"), "d.csv:5: field 'y': y must be > 0 for power (it takes ln y), found -0.1")
        XCTAssertEqual(try error(ok + "-8,0.5\n", model: .offsetPower),
                       "d.csv:5: field 'x': x must be > 0 for offset-power (it takes ln x), found -8.0")
    }

    func testLogitPowerNeedsFractions() throws {
        let ok = "x,y\n1,0.2\n2,0.3\n4,0.4\n"
        XCTAssertEqual(try error(ok + "8,1\n", model: .logitPower),
                       "d.csv:5: field 'y': y must be in (0, 1) for logit-power, found 1.0 (use --percent for percentages)")
        XCTAssertEqual(try error("x,y\n1,20\n2,30\n4,140\n", model: .logitPower, percent: true),
                       "d.csv:4: field 'y': y must be in (0, 1) for logit-power, found 1.4 (use --percent for percentages)")
    }

    func testTooFewPointsAndAllXEqual() throws {
        XCTAssertEqual(try error("x,y\n1,2\n2,3\n"),
                       "d.csv:3: field 'y': power needs at least 3 points (2 parameters + 1), found 2")
        XCTAssertEqual(try error("g,x,y\na,1,2\na,2,3\na,4,5\nb,1,2\nb,2,3\nb,4,5\n", model: .offsetPower, group: ["g"]),
                       "d.csv:4: field 'y': group 'a': offset-power needs at least 4 points (3 parameters + 1), found 3")
        XCTAssertEqual(try error("x,y\n5,2\n5,3\n5,4\n"),
                       "d.csv:2: field 'x': power is not identifiable: all x are equal (5.0), design rank 1 < 2")
        XCTAssertEqual(try error("x,y\n5,0.2\n5,0.3\n5,0.4\n", model: .logitPower),
                       "d.csv:2: field 'x': logit-power is not identifiable: all x are equal (5.0), design rank 1 < 2")
        XCTAssertEqual(try error("x,y\n5,2\n5,3\n7,4\n7,5\n", model: .offsetPower),
                       "d.csv:2: field 'x': offset-power is not identifiable: only 2 distinct x values, design rank 2 < 3")
    }

    func testColumnsFilesAndFormats() throws {
        XCTAssertEqual(try error("a,y\n1,2\n"), "d.csv:1: no column 'x' (columns: a, y)")
        XCTAssertEqual(try error("x,y\n1,2\n", group: ["kind"]), "d.csv:1: no column 'kind' (columns: x, y)")
        XCTAssertEqual(try error(""), "d.csv: empty file: no header row")
        XCTAssertEqual(try error("x,y\n"), "d.csv: empty file: no data rows")
        XCTAssertEqual(try error("x,y\n1,2,3\n"), "d.csv:2: expected 2 fields as in the header, found 3")
        XCTAssertEqual(try error("", name: "e.jsonl"), "e.jsonl: empty file: no data rows")
        XCTAssertEqual(try error("{\"x\": 1, \"y\": 2}\n{\"x\": 2}\n", name: "m.jsonl"), "m.jsonl:2: field 'y': missing")
        XCTAssertEqual(try error("{\"x\": 1, \"y\": \"two\"}\n", name: "s.jsonl"), "s.jsonl:1: field 'y': expected a number")
        XCTAssertEqual(try error("{\"x\": 1, \"y\": 2}\nnot json\n", name: "j.jsonl"), "j.jsonl:2: malformed JSON")
        XCTAssertEqual(try error("{\"x\": 1, \"y\": 2}\n", name: "g.jsonl", group: ["kind"]), "g.jsonl:1: field 'kind': missing")
    }

    /// An offset-power fit to points that rise like a log (no finite offset) fails with a reason, not a number.
    func testOffsetPowerWithoutInteriorOptimumFails() throws {
        let text = "x,y\n" + doublingGrid(from: 1000, count: 8).map { "\($0),\(0.05 * pow($0, 0.35))" }.joined(separator: "\n")
        let message = try error(text, model: .offsetPower)
        XCTAssertTrue(message.hasPrefix("d.csv: offset-power fit failed: the profile RSS is smallest at the edge"), message)
    }
}
