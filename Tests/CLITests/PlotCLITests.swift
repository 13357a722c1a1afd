import Foundation
import XCTest

/// `scaling plot` end to end: the built binary on the figures' stored fixture.
final class PlotCLITests: XCTestCase {
    /// Every test but the one about a missing gnuplot renders (or locates gnuplot before reading its input).
    override func setUpWithError() throws {
        guard !name.contains("testMissingGnuplot") else { return }
        let found = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: $0 + "/gnuplot") }
        try XCTSkipUnless(found, "gnuplot is not installed: 'scaling plot' cannot render")
    }

    /// The experiment figures' fixture (a small metrics.csv covering E1-E10, in StudyTests).
    static let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("StudyTests/Data").path

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

    /// Without --only, a study draws the figures of the experiments its config.json plans.
    func testFiguresOfThePlannedExperiments() throws {
        let study = try CLI.temporaryDirectory(), out = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(atPath: PlotCLITests.fixtureDirectory + "/metrics.csv", toPath: study + "/metrics.csv")
        try #"{"name": "mini", "experiments": {"E1": {}, "E8": {"note": "cross-domain"}}}"#
            .write(toFile: study + "/config.json", atomically: true, encoding: .utf8)
        let result = try CLI.run(["plot", study, "--out", out, "--format", "png"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout.split(separator: "\n").map { String($0.prefix(3)) }, ["F1 ", "F8 "])
        XCTAssertEqual(result.stderr, "not planned by \(study)/config.json, not drawn: F2, F3, F4, F5, F6, F7, F9, F10\n")
        try "[1]".write(toFile: study + "/config.json", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["plot", study, "--out", out])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "error: \(study)/config.json: expected a JSON object\n")
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

/// `scaling plot fit` end to end.
final class PlotFitCLITests: XCTestCase {
    static let csv = """
    kind,size,acc,err
    real,1000,0.30,0.02
    real,2000,0.36,0.02
    real,4000,0.43,0.03
    real,8000,0.50,0.03
    synthetic,1000,0.29,0.02
    synthetic,2000,0.35,0.02
    synthetic,4000,0.42,0.03
    synthetic,8000,0.49,0.03

    """

    func testPointsFitsBandsAndAnEditableScript() throws {
        let dir = try CLI.temporaryDirectory()
        try PlotFitCLITests.csv.write(toFile: dir + "/points.csv", atomically: true, encoding: .utf8)
        let result = try CLI.run(["plot", "fit", "points.csv", "--x", "size", "--y", "acc", "--group", "kind", "--yerr", "err",
                                  "--model", "logit-power", "--logx", "--out", "figs/acc", "--title", "Accuracy_vs_size"], in: dir)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("real: logit-power: logit(y) = "), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("wrote figs/acc.png figs/acc.svg (script figs/acc.gp)\n"), result.stdout)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir + "/figs"))
        XCTAssertTrue(files.isSuperset(of: ["acc.png", "acc.svg", "acc.gp", "acc-1.dat"]), "\(files)")
        let script = try String(contentsOfFile: dir + "/figs/acc.gp", encoding: .utf8)
        XCTAssertTrue(script.contains("\"acc-1.dat\""), "data files by relative path")
        XCTAssertFalse(script.contains(dir), "no absolute paths in the script")
        XCTAssertTrue(script.contains("with filledcurves"), "the 95% band")
        XCTAssertTrue(script.contains("with yerrorbars"), "--yerr draws error bars")
        XCTAssertTrue(script.contains("dt 2"), "extrapolation dashed")
        XCTAssertTrue(script.contains("logit(y) = "), "the formula in the legend")
        // The error bars are y -+ err.
        let data = try files.filter { $0.hasSuffix(".dat") }.map { try String(contentsOfFile: dir + "/figs/" + $0, encoding: .utf8) }
        let points = data.first { $0.hasPrefix("# real: ") } ?? ""
        XCTAssertTrue(points.contains("1000\t0.3\t0.28\t0.32\n"), points)
    }

    /// Without gnuplot: one line that says how to install it, exit 1, nothing written.
    func testMissingGnuplotSaysHowToInstallIt() throws {
        let dir = try CLI.temporaryDirectory()
        try PlotFitCLITests.csv.write(toFile: dir + "/points.csv", atomically: true, encoding: .utf8)
        let result = try CLI.run(["plot", "fit", "points.csv", "--x", "size", "--y", "acc", "--out", "figs/acc"], in: dir,
                                 environment: ["PATH": dir, "SCALING_GNUPLOT": ""])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "error: gnuplot not found on PATH: install it with 'sudo apt-get install gnuplot-nox' (or 'make deps')\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/figs"))
    }

    /// The same one-line input errors as `scaling fit`.
    func testInputErrorsAreThoseOfFit() throws {
        let dir = try CLI.temporaryDirectory()
        try PlotFitCLITests.csv.replacingOccurrences(of: "real,4000,0.43", with: "real,4000,abc")
            .write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["plot", "fit", "bad.csv", "--x", "size", "--y", "acc", "--out", "out/x"], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "error: bad.csv:4: field 'acc': not a number: 'abc'\n")
        let fit = try CLI.run(["fit", "bad.csv", "--x", "size", "--y", "acc"], in: dir)
        XCTAssertEqual(fit.stderr, bad.stderr)
        let column = try CLI.run(["plot", "fit", "bad.csv", "--x", "size", "--y", "accuracy"], in: dir)
        XCTAssertEqual(column.status, 1)
        XCTAssertTrue(column.stderr.contains("no column 'accuracy'"), column.stderr)
        let model = try CLI.run(["plot", "fit", "bad.csv", "--x", "size", "--y", "acc", "--model", "cubic"], in: dir)
        XCTAssertEqual(model.status, 2)
        let panels = try CLI.run(["plot", "fit", "bad.csv", "--x", "size", "--y", "acc", "--panels", "kind"], in: dir)
        XCTAssertEqual(panels.status, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/out"), "nothing written on error")
    }
}
