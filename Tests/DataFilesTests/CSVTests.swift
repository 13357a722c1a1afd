import XCTest
@testable import DataFiles

final class CSVTests: XCTestCase {
    func testQuotedFieldsAndLineNumbers() throws {
        let text = "x,name\n1,\"a, b\"\n\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,z\n"
        let table = try CSVTable(parsing: text, file: "t.csv")
        XCTAssertEqual(table.header, ["x", "name"])
        XCTAssertEqual(table.rows.map(\.fields[1]), ["a, b", "say \"hi\"", "two\nlines", "z"])
        XCTAssertEqual(table.rows.map(\.line), [2, 4, 5, 7])
    }

    func testErrorsNameFileAndLine() {
        XCTAssertThrowsError(try CSVTable(parsing: "", file: "e.csv")) { error in
            XCTAssertEqual("\(error)", "e.csv: empty file: no header row")
        }
        XCTAssertThrowsError(try CSVTable(parsing: "a,b\n1,2\n3\n", file: "f.csv")) { error in
            XCTAssertEqual("\(error)", "f.csv:3: expected 2 fields as in the header, found 1")
        }
        XCTAssertThrowsError(try CSVTable(parsing: "a\n\"open\n", file: "q.csv")) { error in
            XCTAssertEqual("\(error)", "q.csv:2: unterminated quoted field")
        }
        let table = try? CSVTable(parsing: "a,b\n1,2\n", file: "c.csv")
        XCTAssertThrowsError(try table!.columnIndex("y")) { error in
            XCTAssertEqual("\(error)", "c.csv: no column 'y' (columns: a, b)")
        }
    }

    func testWriterRoundTrips() throws {
        let rows = [["1", "a,b"], ["2", "q\"uote"]]
        let doc = CSVWriter.document(header: ["n", "s"], rows: rows)
        let back = try CSVTable(parsing: doc, file: "w.csv")
        XCTAssertEqual(back.rows.map(\.fields), rows)
    }

    func testJSONLinesErrorsNameLine() {
        XCTAssertThrowsError(try JSONLines(parsing: "{\"a\":1}\n\n{oops\n", file: "s.jsonl")) { error in
            XCTAssertEqual("\(error)", "s.jsonl:3: malformed JSON")
        }
    }

    func testAtomicWriteLeavesNoTemporaryFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        let path = dir + "/sub/out.txt"
        try FileIO.writeAtomically("one\n", to: path)
        try FileIO.appendAtomically(["two"], to: path)
        XCTAssertEqual(try FileIO.readText(path), "one\ntwo\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/sub"), ["out.txt"])
    }
}
