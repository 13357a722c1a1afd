import DataFiles
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Figures

/// Checks shared by the figure tests: files are real images, scripts re-render alone.
enum ImageCheck {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Asserts that `path` is a non-empty PNG (signature and an IHDR of the expected size).
    static func assertPNG(_ path: String, width: Int? = nil, height: Int? = nil, file: StaticString = #filePath, line: UInt = #line) {
        guard let data = FileManager.default.contents(atPath: path) else { return XCTFail("no file \(path)", file: file, line: line) }
        XCTAssertGreaterThan(data.count, 1000, "\(path) is nearly empty", file: file, line: line)
        XCTAssertEqual(Array(data.prefix(8)), pngSignature, "\(path) is not a PNG", file: file, line: line)
        guard data.count > 24 else { return }
        let bytes = Array(data)
        let w = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        if let width { XCTAssertEqual(w, width, file: file, line: line) }
        if let height { XCTAssertEqual(h, height, file: file, line: line) }
    }

    /// Asserts that `path` parses as XML with an `svg` root element, and returns the number of elements.
    @discardableResult
    static func assertSVG(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { XCTFail("no file \(path)", file: file, line: line); return 0 }
        let parser = XMLParser(data: data)
        let counter = ElementCounter()
        parser.delegate = counter
        XCTAssertTrue(parser.parse(), "\(path) is not valid XML: \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: line)
        XCTAssertEqual(counter.root, "svg", file: file, line: line)
        return counter.count
    }

    final class ElementCounter: NSObject, XMLParserDelegate {
        var root: String?
        var count = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = name }
            count += 1
        }
    }

    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}

final class GnuplotTests: XCTestCase {
    /// A figure with every layer kind, on three panels.
    static func sampleFigure() -> Figure {
        let xs = [64.0, 256, 1024, 4096]
        let points = xs.map { Points.Point(x: $0, y: 0.1 * pow($0, 0.2), low: 0.09 * pow($0, 0.2), high: 0.11 * pow($0, 0.2)) }
        let grid = stride(from: 64.0, through: 16384, by: 64).map { $0 }
        let fit = Panel(title: GnuplotText.escape("power fit_1"), x: Axis("SFT examples", logarithmic: true, ticks: Ticks.logarithmic(from: 64, to: 16384, maximum: 4)), y: Axis("accuracy"), layers: [
            .band(Band(points: grid.map { (x: $0, low: 0.095 * pow($0, 0.2), high: 0.105 * pow($0, 0.2)) }, colour: Theme.colour(0))),
            .curve(Curve(title: GnuplotText.formula("y = 0.1 * x^0.2"), points: grid.filter { $0 <= 4096 }.map { (x: $0, y: 0.1 * pow($0, 0.2)) }, style: .series(0))),
            .curve(Curve(title: nil, points: grid.filter { $0 >= 4096 }.map { (x: $0, y: 0.1 * pow($0, 0.2)) }, style: SeriesStyle.series(0).dashed())),
            .points(Points(title: GnuplotText.escape("measured_a"), points: points, style: .series(0))),
            .keyEntry(KeyEntry(title: "extrapolation", kind: .line, style: SeriesStyle.black.dashed())),
        ], markers: [Marker(x: 1024, label: "pool")])
        let bars = Panel(title: "bars", x: Axis("method", ticks: [Tick(1, "a"), Tick(2, "b")]), y: Axis("share (%)"), layers: [
            .boxes(Boxes(title: "calc", boxes: [Boxes.Box(x0: 0.7, x1: 1.3, y0: 0, y1: 30), Boxes.Box(x0: 1.7, x1: 2.3, y0: 0, y1: 20)], colour: Theme.colour(1))),
            .boxes(Boxes(title: "reasoning", boxes: [Boxes.Box(x0: 0.7, x1: 1.3, y0: 30, y1: 50), Boxes.Box(x0: 1.7, x1: 2.3, y0: 20, y1: 45)], colour: Theme.colour(2))),
            .labels(Labels(items: [(x: 1, y: 50, text: "50%"), (x: 2, y: 45, text: "45%")])),
        ])
        let heat = Panel(title: "matrix", x: Axis("train domain", minimum: 0.5, maximum: 2.5, ticks: [Tick(1, "gsm"), Tick(2, "math")]),
                         y: Axis("eval domain", minimum: 0.5, maximum: 2.5, ticks: [Tick(1, "gsm"), Tick(2, "math")]), layers: [
            .heatmap(Heatmap(cells: [Heatmap.Cell(column: 1, row: 1, value: 0.8, text: "0.80"), Heatmap.Cell(column: 2, row: 1, value: 0.3, text: "0.30"),
                                     Heatmap.Cell(column: 1, row: 2, value: 0.1, text: "0.10"), Heatmap.Cell(column: 2, row: 2, value: 0.5, text: "0.50")],
                             scaleLabel: "accuracy", minimum: 0, maximum: 1)),
        ])
        return Figure(name: "sample", title: "Sample figure", panels: [fit, bars, heat], columns: 3)
    }

    func testRendersPNGAndSVGAndTheScriptReRendersAlone() throws {
        let gnuplot = try requireGnuplot()
        let dir = try ImageCheck.temporaryDirectory()
        let output = try FigureWriter(gnuplot: gnuplot).write(GnuplotTests.sampleFigure(), to: dir)
        XCTAssertEqual(output.warnings, [])
        ImageCheck.assertPNG(dir + "/sample.png", width: 900, height: 560)
        XCTAssertGreaterThan(ImageCheck.assertSVG(dir + "/sample.svg"), 50)
        XCTAssertTrue(output.files.contains(dir + "/sample.gp"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], "temporary files left behind")
        // The script names its data files relatively: a copy elsewhere renders with plain gnuplot.
        let copy = try ImageCheck.temporaryDirectory()
        for file in try FileManager.default.contentsOfDirectory(atPath: dir) where file.hasSuffix(".gp") || file.hasSuffix(".dat") {
            try FileManager.default.copyItem(atPath: dir + "/" + file, toPath: copy + "/" + file)
        }
        let plain = try Gnuplot.run(gnuplot.executable, ["sample.gp"], in: copy)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        ImageCheck.assertPNG(copy + "/sample.png", width: 900, height: 560)
        if ProcessInfo.processInfo.environment["FIGURES_KEEP"] != nil { print("figures in \(dir)") }
    }

    /// Rendering again with fewer data files removes the earlier rendering's extra NAME-n.dat files, and
    /// nothing else (another figure's data, a user's file).
    func testRerenderRemovesStaleDataFiles() throws {
        let dir = try ImageCheck.temporaryDirectory()
        let writer = FigureWriter(gnuplot: try requireGnuplot(), formats: [.svg])
        let figure = GnuplotTests.sampleFigure()
        let first = try writer.write(figure, to: dir).files.filter { $0.hasSuffix(".dat") }.count
        for other in ["sample-99.dat", "sample-notes.dat", "samples-1.dat"] {
            try "1 2\n".write(toFile: dir + "/" + other, atomically: true, encoding: .utf8)
        }
        var smaller = figure
        smaller.panels = [figure.panels[1]]
        let second = try writer.write(smaller, to: dir).files.filter { $0.hasSuffix(".dat") }.map { ($0 as NSString).lastPathComponent }
        XCTAssertLessThan(second.count, first)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".dat") }.sorted()
        XCTAssertEqual(left, (second + ["sample-notes.dat", "samples-1.dat"]).sorted())
    }
}

final class GnuplotLocationTests: XCTestCase {
    /// No gnuplot on PATH: one line that says how to install it.
    func testMissingGnuplotSaysHowToInstallIt() throws {
        let empty = try ImageCheck.temporaryDirectory()
        XCTAssertThrowsError(try Gnuplot.locate(explicit: nil, searchPath: empty + ":/nonexistent")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("gnuplot not found on PATH"), text)
            XCTAssertTrue(text.contains("apt-get install gnuplot-nox"), text)
            XCTAssertFalse(text.contains("\n"))
        }
        XCTAssertThrowsError(try Gnuplot.locate(explicit: empty + "/gnuplot", searchPath: nil)) { error in
            XCTAssertTrue("\(error)".contains("SCALING_GNUPLOT=\(empty)/gnuplot"), "\(error)")
        }
    }

    /// A gnuplot without pngcairo renders through libgd's png terminal.
    func testPlainPNGTerminalFallback() throws {
        var gnuplot = try requireGnuplot()
        try XCTSkipUnless(gnuplot.pngTerminal == "pngcairo", "this gnuplot has no cairo: the libgd path is the only one")
        gnuplot.pngTerminal = "png"
        let dir = try ImageCheck.temporaryDirectory()
        let output = try FigureWriter(gnuplot: gnuplot, formats: [.png]).write(GnuplotTests.sampleFigure(), to: dir)
        ImageCheck.assertPNG(dir + "/sample.png", width: 900, height: 560)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/sample.svg"))
        XCTAssertEqual(output.files.first, dir + "/sample.png")
    }

    /// A script gnuplot rejects is a one-line error naming the script, and no image is left behind.
    func testGnuplotFailureNamesTheScript() throws {
        let gnuplot = try requireGnuplot()
        let dir = try ImageCheck.temporaryDirectory()
        try "set output out\nplot 'missing.dat' using 1:2\n".write(toFile: dir + "/bad.gp", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try gnuplot.render(script: "bad.gp", in: dir, format: .png, output: "bad.png")) { error in
            XCTAssertTrue("\(error)".hasPrefix("gnuplot failed on \(dir)/bad.gp: "), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["bad.gp"])
    }
}
