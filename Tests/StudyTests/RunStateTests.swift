import DataFiles
import XCTest
@testable import Study

/// The run states are enums in the code and the same strings as before on disk and on screen.
final class RunStateTests: XCTestCase {
    /// result.json keeps `"status":"done"` / `"failed"`; any other status is a one-line error naming the field.
    func testRunStatusOnDisk() throws {
        for status in [RunRecord.Status.done, .failed] {
            let line = try RunRecord(hash: "ab12", status: status).line()
            XCTAssertTrue(line.contains("\"status\":\"\(status == .done ? "done" : "failed")\""), line)
            XCTAssertEqual(try RunRecord(line: line, file: "result.json").status, status)
        }
        // A record with a valid checksum but a status the tool never writes.
        var content = RunRecord(hash: "ab12", status: .failed, reason: "x").contentObject
        content["status"] = "interrupted"
        var forged = content
        forged["sha256"] = SHA256.hex(try JSONLines.line(content))
        XCTAssertThrowsError(try RunRecord(line: try JSONLines.line(forged), file: "result.json")) { error in
            XCTAssertEqual("\(error)", "result.json:1: field 'status': expected done or failed")
        }
    }

    /// What the executor prints after `run <hash> (<label>): ` and which outcomes count as failures.
    func testTaskOutcomes() {
        let outcomes: [TaskOutcome] = [.done, .failed, .interrupted, .busy]
        XCTAssertEqual(outcomes.map(\.text), ["done", "failed", "interrupted", "left to the process performing it"])
        XCTAssertEqual(outcomes.map(\.isSuccess), [true, false, false, true])
    }

    /// `sweep status` counts states in this order: done, failed, running, pending, corrupt.
    func testStateKindsInSummaryOrder() {
        XCTAssertEqual(StudyDirectory.RunState.Kind.allCases.map(\.rawValue), ["done", "failed", "running", "pending", "corrupt"])
        XCTAssertEqual(StudyDirectory.RunState.corrupt("bad").name, "corrupt")
        XCTAssertEqual(StudyDirectory.RunState.pending.kind, .pending)
    }
}
