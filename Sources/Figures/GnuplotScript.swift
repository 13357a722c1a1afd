import Foundation

/// A figure turned into a gnuplot script and its data files.
///
/// The script reads its data files by relative path and picks the terminal from two variables, so that a
/// user can edit it and re-render from its directory with gnuplot alone:
/// `gnuplot NAME.gp` writes NAME.png, `gnuplot -e "fmt='svg'" NAME.gp` writes NAME.svg.
public struct GnuplotScript: Sendable {
    public var name: String
    public var script: String
    /// Data files (file name, contents), named NAME-1.dat, NAME-2.dat, ...
    public var dataFiles: [(name: String, contents: String)]

    public init(figure: Figure, theme: Theme) {
        var writer = Writer(figure: figure, theme: theme)
        writer.write()
        name = figure.name
        script = writer.out
        dataFiles = writer.dataFiles
    }
}

/// Builds the script text. Panels are placed at explicit screen fractions (not gnuplot's automatic
/// margins) so that every panel of a grid lines up and the legend gets reserved room outside the data.
private struct Writer {
    let figure: Figure
    let theme: Theme
    var out = ""
    var dataFiles: [(name: String, contents: String)] = []

    init(figure: Figure, theme: Theme) {
        self.figure = figure
        self.theme = theme
    }

    mutating func line(_ text: String) { out += text + "\n" }

    // Pixel sizes derived from the font: gnuplot reckons a character ~0.85 em wide, a text line ~1.5 em high.
    var em: Double { theme.fontSize }
    var lineHeight: Double { 1.5 * em }

    mutating func write() {
        let size = figure.size
        line("# \(figure.name): written by `scaling plot`. Edit and re-render from this directory:")
        line("#   gnuplot \(figure.name).gp                  -> \(figure.name).png")
        line("#   gnuplot -e \"fmt='svg'\" \(figure.name).gp   -> \(figure.name).svg")
        line("if (!exists(\"fmt\")) fmt = \"png\"")
        line("if (!exists(\"out\")) out = \"\(figure.name).\" . fmt")
        line("# pngcairo when gnuplot has it; `scaling plot` passes pngterm='png' (libgd) when it does not.")
        line("if (!exists(\"pngterm\")) pngterm = \"pngcairo\"")
        let font = "font \"Sans,\(Int(theme.fontSize))\""
        // pngcairo renders points at 96 dpi, svg in pixels: 4/3 makes the text the same size in both.
        let svgFont = String(format: "font \"Sans,%.2f\"", theme.fontSize * 4 / 3)
        line("if (fmt eq \"svg\") {")
        line("  set terminal svg size \(size.width),\(size.height) dynamic enhanced \(svgFont) background \"#ffffff\"")
        line("} else {")
        line("  if (pngterm eq \"png\") {")
        line("    set terminal png size \(size.width),\(size.height) enhanced truecolor \(font) background \"#ffffff\"")
        line("  } else {")
        line("    set terminal pngcairo size \(size.width),\(size.height) enhanced \(font) background \"#ffffff\"")
        line("  }")
        line("}")
        line("set output out")
        line("# Sizes that differ between the terminals, so that PNG and SVG look the same.")
        line("textscale = (fmt eq \"svg\") ? 4.0/3 : 1.0")
        line("pointscale = (fmt eq \"svg\") ? 0.625 : 1.0")

        let legend = legendEntries()
        let (keyWidth, keyHeight, keyRows) = keyArea(legend)
        let top = 1.0 - (figure.title == nil ? 0.01 : 2.4 * lineHeight / Double(size.height))
        let bottom = keyHeight / Double(size.height)
        let right = 1.0 - keyWidth / Double(size.width)
        let columns = figure.columns
        let rows = (figure.panels.count + columns - 1) / columns
        line("set multiplot")
        let cellWidth = right / Double(columns)
        let cellHeight = (top - bottom) / Double(rows)
        for (index, panel) in figure.panels.enumerated() {
            let column = index % columns, row = index / columns
            let x0 = Double(column) * cellWidth, y1 = top - Double(row) * cellHeight
            var extra: [String] = []
            if index == 0, let title = figure.title {
                extra.append("set label \(GnuplotText.quoted(title)) at screen 0.5, " + String(format: "%.4f center font sprintf(\",%%g\", %g * textscale)",
                                     1 - 1.1 * lineHeight / Double(size.height), theme.fontSize + 2))
            }
            writePanel(panel, index: index, box: (x0, x0 + cellWidth, y1 - cellHeight, y1), extra: extra)
        }
        if !legend.isEmpty {
            // The legend is a panel of its own, outside every plot area, so it never covers data.
            let box = figure.key == .right ? (right, 1.0, bottom, top) : (0.0, 1.0, 0.0, bottom)
            line("")
            line("# ---- legend")
            line("reset")
            line("unset border; unset tics; unset xlabel; unset ylabel")
            line("set xrange [0:1]; set yrange [0:1]")
            line(String(format: "set lmargin at screen %.4f; set rmargin at screen %.4f", box.0, box.1))
            line(String(format: "set bmargin at screen %.4f; set tmargin at screen %.4f", box.2, box.3))
            let place = figure.key == .right ? "left top" : "center center"
            line("set key inside \(place) vertical maxrows \(keyRows) Left reverse samplen 2.5 spacing 1.15 width 1")
            line("plot " + (["NaN notitle"] + legend).joined(separator: ", \\\n     "))
        }
        line("unset multiplot")
    }

    /// Legend entries (`keyentry` clauses) for the titled layers of the first panel: a series has the same
    /// title and style in every panel, so one shared legend describes them all.
    func legendEntries() -> [String] {
        guard figure.key != .none, let first = figure.panels.first else { return [] }
        return first.layers.compactMap { layer -> String? in
            switch layer {
            case .points(let p):
                guard let title = p.title else { return nil }
                let with = p.hasIntervals ? (p.connected ? "yerrorlines" : "yerrorbars") : (p.connected ? "linespoints" : "points")
                return "keyentry with \(with) \(lineStyle(p.style)) \(pointStyle(p)) \(titleClause(title))"
            case .curve(let c):
                return c.title.map { "keyentry with lines \(lineStyle(c.style)) \(titleClause($0))" }
            case .band(let b):
                return b.title.map { "keyentry with filledcurves fc rgb \"\(b.colour)\" fs transparent solid 0.25 noborder \(titleClause($0))" }
            case .boxes(let b):
                return b.title.map { "keyentry with boxes fc rgb \"\(b.colour)\" \(boxStyle) \(titleClause($0))" }
            case .keyEntry(let k):
                switch k.kind {
                case .line: return "keyentry with lines \(lineStyle(k.style)) \(titleClause(k.title))"
                case .band: return "keyentry with filledcurves fc rgb \"\(k.style.colour)\" fs transparent solid 0.25 noborder \(titleClause(k.title))"
                case .box: return "keyentry with boxes fc rgb \"\(k.style.colour)\" \(boxStyle) \(titleClause(k.title))"
                }
            case .heatmap, .labels:
                return nil
            }
        }
    }

    /// Titles of the legend entries, for sizing the legend.
    var keyTitles: [String] {
        guard let first = figure.panels.first else { return [] }
        return first.layers.compactMap { layer in
            switch layer {
            case .points(let p): return p.title
            case .curve(let c): return c.title
            case .band(let b): return b.title
            case .boxes(let b): return b.title
            case .keyEntry(let k): return k.title
            case .heatmap, .labels: return nil
            }
        }
    }

    /// Visible length of markup (escapes and braces do not print; superscripts count about 0.7).
    func visibleLength(_ markup: String) -> Double {
        var n = 0.0
        var escaped = false
        var superscript = false
        for c in markup {
            if escaped { n += 1; escaped = false; continue }
            switch c {
            case "\\": escaped = true
            case "^", "_": superscript = true
            case "{": continue
            case "}": superscript = false
            default: n += superscript ? 0.7 : 1
            }
        }
        return n
    }

    /// Room reserved for the legend: (width in px at the right, height in px at the bottom, rows).
    /// gnuplot sizes key text at about 0.85 em per character; columns are as wide as the widest entry.
    func keyArea(_ legend: [String]) -> (Double, Double, Int) {
        let titles = keyTitles
        guard !legend.isEmpty, !titles.isEmpty else { return (0, 0, 1) }
        let keyChar = 0.85 * em
        let column = (titles.map(visibleLength).max()! + 2.5 + 3) * keyChar
        switch figure.key {
        case .none:
            return (0, 0, 1)
        case .below:
            let columns = max(1, min(titles.count, Int((Double(figure.size.width) - 2 * em) / column)))
            let rows = (titles.count + columns - 1) / columns
            return (0, Double(rows) * 1.3 * em * 1.15 + 1.2 * em, rows)
        case .right:
            return (min(column + 1.5 * em, 0.45 * Double(figure.size.width)), 0, titles.count)
        }
    }

    mutating func writePanel(_ panel: Panel, index: Int, box: (x0: Double, x1: Double, y0: Double, y1: Double), extra: [String]) {
        let w = Double(figure.size.width), h = Double(figure.size.height)
        let hasScale = panel.layers.contains { if case .heatmap = $0 { return true } else { return false } }
        // Margins in px inside the cell: tick labels and the axis label on the left, ticks and the x label
        // below, the panel title above, and the colour scale at the right of a heat map.
        let yTickChars = Double(panel.y.ticks?.map { visibleLength($0.label) }.max() ?? 5)
        let left = (yTickChars + 1) * 0.85 * em + 2.2 * em
        let below = 5.4 * em
        let above = panel.title == nil ? 0.8 * em : 2.0 * em
        let rightPad = hasScale ? 7 * em : 2.0 * em
        line("")
        line("# ---- panel \(index + 1)\(panel.title.map { ": " + $0 } ?? "")")
        line("reset") // every panel starts clean; the terminal, output and variables stay
        line("set border lw 1 lc rgb \"#333333\"")
        line("set tics nomirror out")
        line("set errorbars small")
        line("unset key")
        let border = (x0: box.x0 + left / w, x1: box.x1 - rightPad / w, y0: box.y0 + below / h, y1: box.y1 - above / h)
        line(String(format: "set lmargin at screen %.4f; set rmargin at screen %.4f", border.x0, border.x1))
        line(String(format: "set bmargin at screen %.4f; set tmargin at screen %.4f", border.y0, border.y1))
        // Titles and axis labels are placed in screen coordinates: gnuplot's own placement counts in
        // characters, whose size the png and svg terminals reckon differently.
        func label(_ text: String, _ x: Double, _ y: Double, rotated: Bool = false) {
            line("set label \(GnuplotText.quoted(text)) at screen " + String(format: "%.4f, %.4f center", x, y) + (rotated ? " rotate by 90" : ""))
        }
        if let title = panel.title { label(title, (border.x0 + border.x1) / 2, border.y1 + 1.0 * em / h) }
        label(panel.x.label, (border.x0 + border.x1) / 2, border.y0 - 4.3 * em / h)
        label(panel.y.label, box.x0 + 1.0 * em / w, (border.y0 + border.y1) / 2, rotated: true)
        if let scale = panel.layers.lazy.compactMap({ if case .heatmap(let m) = $0 { return m.scaleLabel } else { return nil } }).first {
            label(scale, box.x1 - 1.2 * em / w, (border.y0 + border.y1) / 2, rotated: true)
        }
        if theme.grid { line("set grid xtics ytics lc rgb \"#dddddd\" lw 1 dt 1") }
        writeAxis(panel.x, "x")
        writeAxis(panel.y, "y")
        for marker in panel.markers {
            line("set arrow from \(GnuplotText.number(marker.x)), graph 0 to \(GnuplotText.number(marker.x)), graph 1 nohead dt 3 lw 1.5 lc rgb \"#555555\"")
            line("set label \(GnuplotText.quoted(marker.label)) at \(GnuplotText.number(marker.x)), graph 0.97 right offset -0.5,0 tc rgb \"#555555\"")
        }
        extra.forEach { line($0) }
        var clauses: [String] = []
        for layer in panel.layers { clauses += plotClauses(layer) }
        if clauses.isEmpty { clauses = ["NaN notitle"] }
        line("plot " + clauses.joined(separator: ", \\\n     "))
    }

    mutating func writeAxis(_ axis: Axis, _ name: String) {
        if axis.logarithmic { line("set logscale \(name)") }
        let lo = axis.minimum.map(GnuplotText.number) ?? "*", hi = axis.maximum.map(GnuplotText.number) ?? "*"
        line("set \(name)range [\(lo):\(hi)]")
        if let ticks = axis.ticks {
            let list = ticks.map { "\(GnuplotText.quoted($0.label)) \(GnuplotText.number($0.position))" }
            line("set \(name)tics (\(list.joined(separator: ", ")))")
        }
        if let format = axis.format { line("set format \(name) \(GnuplotText.quoted(format))") }
    }

    /// Writes a data file and returns its name.
    mutating func data(_ header: String, _ rows: [[String]]) -> String {
        let file = "\(figure.name)-\(dataFiles.count + 1).dat"
        var text = "# \(header)\n"
        for row in rows { text += row.joined(separator: "\t") + "\n" }
        dataFiles.append((file, text))
        return GnuplotText.quoted(file)
    }

    func titleClause(_ title: String) -> String { "title \(GnuplotText.quoted(title))" }

    func pointStyle(_ p: Points) -> String { "pt \(p.style.pointType) ps \(theme.pointSize * p.pointScale)*pointscale" }

    let boxStyle = "fs solid 0.9 border lc rgb \"#333333\""

    func lineStyle(_ style: SeriesStyle) -> String {
        "lc rgb \"\(style.colour)\" lw \(theme.lineWidth) dt \(style.dash)"
    }

    /// The `plot` clauses of a layer; titles go to the legend panel, so every clause here is `notitle`.
    mutating func plotClauses(_ layer: Layer) -> [String] {
        let n = GnuplotText.number
        switch layer {
        case .points(let p):
            guard !p.points.isEmpty else { return [] }
            let sorted = p.connected ? p.points.sorted { $0.x < $1.x } : p.points
            let file = data("\(p.title ?? "points"): x y y_low y_high", sorted.map {
                [n($0.x), n($0.y), n($0.low ?? $0.y), n($0.high ?? $0.y)]
            })
            let with: String
            if p.hasIntervals { with = p.connected ? "using 1:2:3:4 with yerrorlines" : "using 1:2:3:4 with yerrorbars" }
            else { with = p.connected ? "using 1:2 with linespoints" : "using 1:2 with points" }
            return ["\(file) \(with) \(lineStyle(p.style)) \(pointStyle(p)) notitle"]
        case .curve(let c):
            guard !c.points.isEmpty else { return [] }
            let file = data("\(c.title ?? "curve"): x y", c.points.map { [n($0.x), n($0.y)] })
            return ["\(file) using 1:2 with lines \(lineStyle(c.style)) notitle"]
        case .band(let b):
            guard !b.points.isEmpty else { return [] }
            let file = data("\(b.title ?? "band"): x low high", b.points.map { [n($0.x), n($0.low), n($0.high)] })
            return ["\(file) using 1:2:3 with filledcurves fc rgb \"\(b.colour)\" fs transparent solid 0.18 noborder notitle"]
        case .boxes(let b):
            guard !b.boxes.isEmpty else { return [] }
            let file = data("\(b.title ?? "boxes"): x_center y_center x0 x1 y0 y1", b.boxes.map {
                [n(($0.x0 + $0.x1) / 2), n(($0.y0 + $0.y1) / 2), n($0.x0), n($0.x1), n($0.y0), n($0.y1)]
            })
            return ["\(file) using 1:2:3:4:5:6 with boxxyerror fc rgb \"\(b.colour)\" \(boxStyle) notitle"]
        case .heatmap(let m):
            guard !m.cells.isEmpty else { return [] }
            // Dark cells get white text: the palette runs from near white to dark blue.
            let file = data("heat map: column row value text text_colour", m.cells.map { cell in
                let t = (cell.value - m.minimum) / max(m.maximum - m.minimum, 1e-12)
                return [String(cell.column), String(cell.row), n(cell.value), GnuplotText.quoted(cell.text),
                        t > 0.55 ? "16777215" : "0"]
            })
            line("set palette defined (0 \"#F7FBFF\", 0.5 \"#6BAED6\", 1 \"#08306B\")")
            line("set cbrange [\(n(m.minimum)):\(n(m.maximum))]")
            line("set colorbox user origin graph 1.04, graph 0 size graph 0.04, graph 1")
            return ["\(file) using 1:2:3 with image pixels notitle",
                    "\(file) using 1:2:4:5 with labels tc rgb variable notitle"]
        case .labels(let l):
            guard !l.items.isEmpty else { return [] }
            let file = data("labels: x y text", l.items.map { [n($0.x), n($0.y), GnuplotText.quoted($0.text)] })
            return ["\(file) using 1:2:3 with labels offset 0,0.7 tc rgb \"#333333\" notitle"]
        case .keyEntry:
            return []
        }
    }
}
