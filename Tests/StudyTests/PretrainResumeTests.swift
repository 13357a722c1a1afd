import Foundation
import DataFiles
import XCTest
import Transformer
@testable import Study

/// A base build stopped part-way resumes from its saved state and ends with the same checkpoint as an
/// uninterrupted build; an unreadable saved state is set aside and the build starts over.
final class PretrainResumeTests: XCTestCase {
    func testStoppedPretrainingResumesToTheSameBase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pretrain-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = try StudyConfig(parsing: tinyConfig, file: "tiny.json")
        let base = BaseSpec(model: ModelShape("d16L1")!, pretrain: config.pretrain, testSeed: 1, testSize: 8)
        var stepsTrained = 0
        func build(_ name: String, stopAfter: Int? = nil) throws -> [String: Any] {
            stepsTrained = 0
            return try Pipeline.pretrain(base, to: "\(dir)/\(name).ckpt", threads: 1, saveEvery: .infinity, stopAfter: stopAfter,
                                         report: { _ in stepsTrained += 1 })
        }
        let clean = try build("clean")
        let steps = try XCTUnwrap(clean["steps"] as? Int)
        XCTAssertGreaterThan(steps, 4)

        XCTAssertThrowsError(try build("resumed", stopAfter: 3)) { error in
            XCTAssertTrue("\(error)".contains("stopped at step 3 of \(steps)"), "\(error)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/resumed.ckpt.partial"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/resumed.ckpt"))
        let savedSeconds = try XCTUnwrap(JSONLines.object(fromFile: "\(dir)/resumed.ckpt.partial.json")["seconds"] as? Double)
        let resumed = try build("resumed")
        XCTAssertEqual(stepsTrained, steps - 3, "only the steps after the saved state are trained")
        // The earlier session's time is carried into the record (RunRunner adds it to this process's wall time).
        XCTAssertEqual(try XCTUnwrap(resumed["resumed_seconds"] as? Double), savedSeconds, accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(resumed["seconds"] as? Double), savedSeconds)
        XCTAssertNil(clean["resumed_seconds"])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/resumed.ckpt")),
                       try Data(contentsOf: URL(fileURLWithPath: "\(dir)/clean.ckpt")))
        XCTAssertEqual(resumed["steps"] as? Int, steps, "the curve spans both sessions")
        XCTAssertEqual(resumed["final_loss"] as? Double, clean["final_loss"] as? Double)
        XCTAssertEqual(resumed["first_loss"] as? Double, clean["first_loss"] as? Double)
        // The saved state stays until the caller has sealed the checkpoint with its sidecar (RunRunner.ensureBase then
        // removes it): a crash between the two resumes from it instead of pretraining again.
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/resumed.ckpt.partial"))
        try FileManager.default.removeItem(atPath: "\(dir)/resumed.ckpt")
        _ = try build("resumed")
        XCTAssertEqual(stepsTrained, steps - 3, "the rebuild resumes from the saved state")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/resumed.ckpt")),
                       try Data(contentsOf: URL(fileURLWithPath: "\(dir)/clean.ckpt")))
        PartialPretraining(checkpoint: "\(dir)/resumed.ckpt").remove()
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/resumed.ckpt.partial"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/resumed.ckpt.partial.json"))

        // A truncated saved state is not trusted: the build starts over and still gives the same base.
        XCTAssertThrowsError(try build("corrupt", stopAfter: 2))
        let state = "\(dir)/corrupt.ckpt.partial"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: state))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: state))
        _ = try build("corrupt")
        XCTAssertEqual(stepsTrained, steps)
        // ... and the unreadable state is kept beside it for inspection, not deleted.
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: state + ".unreadable")), bytes.prefix(bytes.count / 2))
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/corrupt.ckpt.partial.json.unreadable"))
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/corrupt.ckpt")),
                       try Data(contentsOf: URL(fileURLWithPath: "\(dir)/clean.ckpt")))
    }
}
