import Foundation
import XCTest

/// `scaling plot` end to end: the built binary on the figures' stored fixture.
final class PlotCLITests: XCTestCase {
    /// The FiguresTests fixture (a small metrics.csv covering E1-E10, plus runs.jsonl).
    static let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FiguresTests/Data").path

    func testStudyFiguresAreWrittenAndListed() throws {
        let out = try CLI.temporaryDirectory()
        let result = try CLI.run(["plot", PlotCLITests.fixtureDirectory, "--out", out, "--only", "F1,f8", "--format", "png", "--size", "800,500"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("F1   \(out)/F1.png  Pass@N"), result.stdout)
        XCTAssertTrue(result.stdout.contains("F8   \(out)/F8.png"), result.stdout)
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        XCTAssertEqual(Set(files.filter { $0.hasSuffix(".png") }), ["F1.png", "F8.png"])
        XCTAssertTrue(files.contains("F1.gp") && files.contains("F1-1.dat"))
        let png = try Data(contentsOf: URL(fileURLWithPath: out + "/F1.png"))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        XCTAssertEqual(png[16..<24].map { $0 }, [0, 0, 0x03, 0x20, 0, 0, 0x01, 0xF4], "800 x 500")
    }

    /// A figure whose data is missing is named on stderr with the reason, the others are drawn, exit 1.
    func testMissingExperimentFailsThatFigureOnly() throws {
        let study = try CLI.temporaryDirectory(), out = try CLI.temporaryDirectory()
        let metrics = try String(contentsOfFile: PlotCLITests.fixtureDirectory + "/metrics.csv", encoding: .utf8)
        try metrics.split(separator: "\n").filter { !$0.contains(",E5,") }.joined(separator: "\n")
            .write(toFile: study + "/metrics.csv", atomically: true, encoding: .utf8)
        let result = try CLI.run(["plot", study, "--out", out, "--only", "F4,F5,F6", "--format", "svg"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("F5: not drawn: \(study)/metrics.csv: no rows for experiment E5"), result.stderr)
        XCTAssertTrue(result.stderr.contains("error: 1 of 3 figures not drawn: F5"), result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/F4.svg"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/F6.svg"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/F5.svg"))
    }

    func testUsageAndInputErrors() throws {
        let unknown = try CLI.run(["plot", PlotCLITests.fixtureDirectory, "--only", "F11"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown figure 'F11'"), unknown.stderr)
        let size = try CLI.run(["plot", PlotCLITests.fixtureDirectory, "--size", "900"])
        XCTAssertEqual(size.status, 2)
        let theme = try CLI.run(["plot", PlotCLITests.fixtureDirectory, "--theme", "dark"])
        XCTAssertEqual(theme.status, 2)
        let empty = try CLI.temporaryDirectory()
        let missing = try CLI.run(["plot", empty])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "error: \(empty)/metrics.csv: no such file (run 'scaling sweep' to make the study first)\n")
    }
}
