import DataFiles
import Figures
import Fits
import Foundation
import XCTest
@testable import Study

/// The experiments' figures (`ExperimentDesign.figure`) drawn from a stored metrics.csv (tests/StudyTests/Data, a
/// study of all ten experiments). The drawing itself (PNG size, SVG validity, scripts that re-render) is tested
/// in FiguresTests.
final class ExperimentFiguresTests: XCTestCase {
    var fixture: String { Bundle.module.url(forResource: "metrics", withExtension: "csv", subdirectory: "Data")!.path }
    /// The fixture is a metrics.csv without its study: its rows enter the bootstrap with their own intervals.
    let rowsOnly = StudyIntervals(data: nil)
    let figures = ExperimentRegistry.figures

    /// The gnuplot to render with; skips the test, saying why, when gnuplot is not installed.
    func gnuplot() throws -> Gnuplot {
        do { return try Gnuplot.locate() } catch { throw XCTSkip("gnuplot is not installed (\(error)); figures are not rendered") }
    }

    func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func assertImage(_ path: String, file: StaticString = #filePath, line: UInt = #line) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        XCTAssertGreaterThan(size, 1000, "\(path) is missing or nearly empty", file: file, line: line)
    }

    /// Every figure renders from the stored fixture, with its script and data files, and gnuplot has nothing to
    /// warn about.
    func testEveryFigureRendersFromTheFixture() throws {
        let dir = try temporaryDirectory()
        let writer = FigureWriter(gnuplot: try gnuplot())
        let outcomes = PaperFigures.render(figures, from: try StudyMetrics(path: fixture), intervals: rowsOnly, to: dir, writer: writer)
        XCTAssertEqual(outcomes.map(\.id), (1...10).map { "F\($0)" })
        for outcome in outcomes {
            XCTAssertNil(outcome.error, outcome.id)
            XCTAssertEqual(outcome.warnings, [], outcome.id)
            assertImage(dir + "/\(outcome.id).png")
            assertImage(dir + "/\(outcome.id).svg")
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/\(outcome.id)-1.dat"), outcome.id)
        }
        if ProcessInfo.processInfo.environment["FIGURES_KEEP"] != nil { print("figures in \(dir)") }
    }
}

extension ExperimentFiguresTests {
    /// Writes the fixture with `transform` applied to its lines into a new study directory.
    func study(_ transform: ([String]) -> [String]) throws -> String {
        let dir = try temporaryDirectory()
        let lines = try String(contentsOfFile: fixture, encoding: .utf8).split(separator: "\n").map(String.init)
        try transform(lines).joined(separator: "\n").write(toFile: dir + "/metrics.csv", atomically: true, encoding: .utf8)
        return dir
    }

    /// Without the resample column, F10 fails naming the column, and the nine others are drawn.
    func testMissingColumnFailsOnlyTheFiguresThatNeedIt() throws {
        let dir = try study { lines in
            let header = lines[0].split(separator: ",").map(String.init)
            let drop = header.firstIndex(of: "resample")!
            return lines.map { line in
                var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields.remove(at: drop)
                return fields.joined(separator: ",")
            }
        }
        let outcomes = PaperFigures.render(figures, from: try StudyMetrics(path: dir + "/metrics.csv"), intervals: rowsOnly, to: dir,
                                           writer: FigureWriter(gnuplot: try gnuplot(), formats: [.png]))
        XCTAssertEqual(outcomes.filter { $0.error != nil }.map(\.id), ["F10"])
        XCTAssertEqual(outcomes.first { $0.id == "F10" }?.error, "\(dir)/metrics.csv:1: no column 'resample' (needed for experiment E10)")
        for outcome in outcomes where outcome.id != "F10" { assertImage(dir + "/\(outcome.id).png") }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/F10.png"))
    }

    /// Without E7's rows, F7 fails naming the experiment; the others are drawn.
    func testMissingExperimentFailsOnlyItsFigure() throws {
        let dir = try study { $0.filter { !$0.contains(",E7,") } }
        let outcomes = PaperFigures.render(figures, from: try StudyMetrics(path: dir + "/metrics.csv"), intervals: rowsOnly, to: dir,
                                           writer: FigureWriter(gnuplot: try gnuplot(), formats: [.svg]))
        XCTAssertEqual(outcomes.filter { $0.error != nil }.map(\.id), ["F7"])
        XCTAssertTrue(outcomes.first { $0.id == "F7" }!.error!.contains("no rows for experiment E7 (experiments present: E1, E2"), "\(outcomes)")
        for outcome in outcomes where outcome.id != "F7" { assertImage(dir + "/\(outcome.id).svg") }
    }

    /// F9 tells the contaminated control apart by its data_kind.
    func testContaminatedControlByDataKind() throws {
        let figure = try E9Contamination.figure.figure(from: try StudyMetrics(path: fixture), intervals: rowsOnly)
        guard case .some(.boxes) = figure.panels[0].layers.first else { return XCTFail("F9 draws bars") }
        let clusters = figure.panels[0].x.ticks!.map(\.label)
        XCTAssertEqual(clusters, ["synthetic (mixed)\ngsm", "synthetic (mixed)\nmath", "contaminated control\ngsm", "contaminated control\nmath"])
        // Without the control's data_kind, its runs and the clean runs cannot be told apart: an error, not an average.
        let dir = try study { $0.map { $0.replacingOccurrences(of: ",contaminated,", with: ",synthetic,") } }
        XCTAssertThrowsError(try E9Contamination.figure.figure(from: try StudyMetrics(path: dir + "/metrics.csv"), intervals: rowsOnly)) { error in
            XCTAssertTrue("\(error)".contains("field 'run': runs E9-"), "\(error)")
            XCTAssertTrue("\(error)".hasSuffix("cannot tell the contaminated control apart"), "\(error)")
        }
    }
}

extension ExperimentFiguresTests {
    /// The layers of a figure's first panel, sorted into bands, point series titles and legend notes.
    func legend(_ figure: Figure) -> (bands: Int, series: [String], notes: [String]) {
        var bands = 0, series: [String] = [], notes: [String] = []
        for layer in figure.panels[0].layers {
            switch layer {
            case .band: bands += 1
            case .points(let p): series.append(p.title ?? "")
            case .keyEntry(let k): notes.append(k.title)
            default: break
            }
        }
        return (bands, series, notes)
    }

    /// A fit through three sizes of one seed still gets its band: it comes from refitting the study's resamples
    /// (here the rows' own intervals), not from Student's t with one residual degree of freedom, which would
    /// cover the plot; the legend's exponent interval is the same refits' percentiles.
    func testThreeSizesOfOneSeedGetABandFromTheResamples() throws {
        let dir = try study { $0.filter { !($0.contains(",E3-d64L2-") && $0.contains("-k4096-")) } }
        let metrics = try StudyMetrics(path: dir + "/metrics.csv")
        let figure = try E3ModelSize.figure.figure(from: metrics, intervals: rowsOnly)
        let (bands, series, notes) = legend(figure)
        XCTAssertEqual(bands, 3)
        XCTAssertEqual(series.count, 3)
        XCTAssertFalse(series.contains { $0.contains("no band") }, "\(series)")
        XCTAssertEqual(notes, ["95% confidence band", "extrapolation (4x the data)"])
        let rows = try metrics.experiment("E3", columns: [.modelSize, .dataSize]).metric(.greedyAccuracy)
            .filter { $0[.modelSize] == "d64L2" && $0[.dataSize] != "0" }
        let groups = try Dictionary(grouping: rows) { try $0.number(.dataSize) }.sorted { $0.key < $1.key }.map { (x: $0.key, rows: $0.value) }
        XCTAssertEqual(groups.count, 3)
        let b = try XCTUnwrap(try rowsOnly.fit(.power, groups, transform: { 1 - $0 }).parameter("b"))
        XCTAssertLessThan(b.interval.lower, b.value)
        XCTAssertTrue(series[0].hasSuffix(String(format: "N^{%.3f} (95%% CI %.3f to %.3f)", b.value, b.interval.lower, b.interval.upper)), series[0])
    }

    /// With fewer than 3 sizes per data kind nothing is fitted: the legend explains neither a band nor an
    /// extrapolation that is not drawn.
    func testNoFitNoBandOrExtrapolationInTheLegend() throws {
        let dir = try study { $0.filter { !($0.contains(",E2-") && ($0.contains("-k64-") || $0.contains("-k4096-"))) } }
        let figure = try E2RealVsSynthetic.figure.figure(from: try StudyMetrics(path: dir + "/metrics.csv"), intervals: rowsOnly)
        let (bands, series, notes) = legend(figure)
        XCTAssertEqual(bands, 0)
        XCTAssertEqual(series, ["real (no fit: fewer than 3 sizes)", "synthetic (no fit: fewer than 3 sizes)"])
        XCTAssertEqual(notes, [])
    }
}
