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
        line("# svg reckons characters larger than pngcairo: shorter ticks and tick labels pulled in for svg.")
        line("ticscale = (fmt eq \"svg\") ? 0.67 : 1.0")
        line("ticshift = (fmt eq \"svg\") ? 0.45 : 0.0")

        let legend = legendEntries()
        let (keyWidth, keyHeight, keyRows) = keyArea(legend)
        let top = 1.0 - (figure.title == nil ? 0.01 : 2.4 * lineHeight / Double(size.height))
        // A caption line (what the error bars are) at the very bottom, under the legend.
        let notes = noteLines
        let noteRoom = notes.isEmpty ? 0 : (Double(notes.count) * 1.25 + 0.6) * em / Double(size.height)
        let bottom = noteRoom + keyHeight / Double(size.height)
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
            for (k, note) in notes.enumerated() where index == 0 {
                let y = (Double(notes.count - k) * 1.25 - 0.45) * em / Double(size.height)
                extra.append("set label \(GnuplotText.quoted(note)) at screen 0.5, " + String(format: "%.4f center font sprintf(\",%%g\", %g * textscale) tc rgb \"#444444\"",
                                     y, theme.fontSize - 2))
            }
            writePanel(panel, index: index, box: (x0, x0 + cellWidth, y1 - cellHeight, y1), extra: extra)
        }
        if !legend.isEmpty {
            // The legend is a panel of its own, outside every plot area, so it never covers data.
            let box = figure.key == .right ? (right, 1.0, bottom, top) : (0.0, 1.0, noteRoom, bottom)
            line("")
            line("# ---- legend")
            line("reset")
            line("unset border; unset tics; unset xlabel; unset ylabel")
            line("set xrange [0:1]; set yrange [0:1]")
            line(String(format: "set lmargin at screen %.4f; set rmargin at screen %.4f", box.0, box.1))
            line(String(format: "set bmargin at screen %.4f; set tmargin at screen %.4f", box.2, box.3))
            let place = figure.key == .right ? "left top" : "center center"
            line("set key inside \(place) vertical maxrows \(keyRows) Left reverse samplen 3.5 spacing 1.15 width 1")
            line("plot " + (["NaN notitle"] + legend).joined(separator: ", \\\n     "))
        }
        line("unset multiplot")
    }

    /// The titled layers of all panels, each title once (a series drawn in several panels has the same
    /// title and style in each, so one shared legend describes them all).
    var titledLayers: [(title: String, layer: Layer)] {
        guard figure.key != .none else { return [] }
        var seen = Set<String>()
        var result: [(String, Layer)] = []
        for layer in figure.panels.flatMap(\.layers) {
            let title: String?
            switch layer {
            case .points(let p): title = p.title
            case .curve(let c): title = c.title
            case .band(let b): title = b.title
            case .boxes(let b): title = b.title
            case .keyEntry(let k): title = k.title
            case .heatmap, .labels: title = nil
            }
            if let title, seen.insert(title).inserted { result.append((title, layer)) }
        }
        return result
    }

    /// Legend entries: `keyentry` clauses that draw each titled layer's sample.
    func legendEntries() -> [String] {
        titledLayers.compactMap { title, layer -> String? in
            switch layer {
            case .points(let p):
                let with = p.hasIntervals ? (p.connected ? "yerrorlines" : "yerrorbars") : (p.connected ? "linespoints" : "points")
                return "keyentry with \(with) \(lineStyle(p.style)) \(pointStyle(p)) \(titleClause(title))"
            case .curve(let c):
                return "keyentry with lines \(lineStyle(c.style)) \(titleClause(title))"
            case .band(let b):
                return "keyentry with filledcurves fc rgb \"\(b.colour)\" fs transparent solid 0.25 noborder \(titleClause(title))"
            case .boxes(let b):
                return "keyentry with boxes fc rgb \"\(b.colour)\" \(boxStyle) \(titleClause(title))"
            case .keyEntry(let k):
                switch k.kind {
                case .line: return "keyentry with lines \(lineStyle(k.style)) \(titleClause(title))"
                case .band: return "keyentry with filledcurves fc rgb \"\(k.style.colour)\" fs transparent solid 0.25 noborder \(titleClause(title))"
                case .box: return "keyentry with boxes fc rgb \"\(k.style.colour)\" \(boxStyle) \(titleClause(title))"
                }
            case .heatmap, .labels:
                return nil
            }
        }
    }

    /// The caption line split at "; " into lines that fit the figure's width (its text is 2 points smaller, about
    /// 0.7 em per character).
    var noteLines: [String] {
        guard let note = figure.note else { return [] }
        let fits = (Double(figure.size.width) - 2 * em) / (0.7 * (em - 2))
        var lines: [String] = []
        for part in note.components(separatedBy: "; ") {
            if let last = lines.last, visibleLength(last + "; " + part) <= fits {
                lines[lines.count - 1] = last + "; " + part
            } else {
                lines.append(part)
            }
        }
        return lines
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
        let titles = titledLayers.map(\.title)
        guard !legend.isEmpty, !titles.isEmpty else { return (0, 0, 1) }
        let keyChar = 0.85 * em
        let column = (titles.map(visibleLength).max()! + 3.5 + 3) * keyChar
        switch figure.key {
        case .none:
            return (0, 0, 1)
        case .below:
            let columns = max(1, min(titles.count, Int((Double(figure.size.width) - 2 * em) / column)))
            let rows = (titles.count + columns - 1) / columns
            return (0, Double(rows) * 2.4 * em + 1.0 * em, rows)
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
        let left = (yTickChars + 1) * 0.85 * em + 2.8 * em
        let tickLines = panel.x.ticks?.map { $0.label.split(separator: "\n").count }.max() ?? 1
        let below = 5.4 * em + Double(tickLines - 1) * 1.3 * em
        let above = panel.title == nil ? 0.8 * em : 2.0 * em
        let rightPad = hasScale ? 8 * em : 2.0 * em
        line("")
        line("# ---- panel \(index + 1)\(panel.title.map { ": " + $0 } ?? "")")
        line("reset") // every panel starts clean; the terminal, output and variables stay
        line("set border lw 1 lc rgb \"#333333\"")
        line("set tics nomirror out scale ticscale")
        line("set xtics offset 0, ticshift; set ytics offset ticshift, 0")
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
        if !panel.x.label.isEmpty { label(panel.x.label, (border.x0 + border.x1) / 2, border.y0 - (below - 1.1 * em) / h) }
        if !panel.y.label.isEmpty { label(panel.y.label, box.x0 + 1.0 * em / w, (border.y0 + border.y1) / 2, rotated: true) }
        if let scale = panel.layers.lazy.compactMap({ if case .heatmap(let m) = $0 { return m.scaleLabel } else { return nil } }).first {
            line(String(format: "set colorbox user origin screen %.4f, screen %.4f size screen %.4f, screen %.4f",
                        border.x1 + 0.8 * em / w, border.y0, 1.5 * em / w, border.y1 - border.y0))
            label(scale, box.x1 - 0.9 * em / w, (border.y0 + border.y1) / 2, rotated: true)
        }
        if theme.grid { line("set grid xtics ytics lt 1 lc rgb \"#e4e4e4\" lw 1") }
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
        "lc rgb \"\(style.colour)\" lw \(theme.lineWidth * style.weight) dt \(style.dash)"
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
            // Intervals without points (over bars) are plain vertical lines: gnuplot's error bars leave a gap
            // for the point even at point size 0.
            if p.pointScale == 0 { return ["\(file) using 1:3:(0):($4-$3) with vectors nohead \(lineStyle(p.style)) notitle"] }
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
            let file = data("heat map: column row value text detail text_colour", m.cells.map { cell in
                let t = (cell.value - m.minimum) / max(m.maximum - m.minimum, 1e-12)
                return [String(cell.column), String(cell.row), n(cell.value), GnuplotText.quoted(cell.text),
                        GnuplotText.quoted(cell.detail), t > 0.55 ? "16777215" : "0"]
            })
            line("set palette defined (0 \"#F7FBFF\", 0.5 \"#6BAED6\", 1 \"#08306B\")")
            line("set cbrange [\(n(m.minimum)):\(n(m.maximum))]")
            return ["\(file) using 1:2:3 with image pixels notitle",
                    "\(file) using 1:2:4:6 with labels offset 0,0.5 tc rgb variable notitle",
                    "\(file) using 1:2:5:6 with labels offset 0,-0.8 tc rgb variable notitle"]
        case .labels(let l):
            // Texts above positive values and below negative ones.
            var clauses: [String] = []
            for (below, items) in [(false, l.items.filter { $0.y >= 0 }), (true, l.items.filter { $0.y < 0 })] where !items.isEmpty {
                let file = data("labels: x y text", items.map { [n($0.x), n($0.y), GnuplotText.quoted($0.text)] })
                clauses.append("\(file) using 1:2:3 with labels offset 0,\(below ? "-0.8" : "0.8") tc rgb \"#333333\" notitle")
            }
            return clauses
        case .keyEntry:
            return []
        }
    }
}
