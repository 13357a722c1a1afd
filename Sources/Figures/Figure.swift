/// A figure described as data: panels in a grid, each with axes and layers (points, curves, bands, bars,
/// heat maps). `GnuplotScript` turns it into a gnuplot script plus data files; nothing here knows gnuplot.
///
/// Text fields are gnuplot "enhanced text" markup (`x^{0.3}`); pass user text through
/// `GnuplotText.escape` so that `_` or `^` in a group name print as themselves.
public struct Figure: Sendable {
    /// The file stem: the figure is written as NAME.png, NAME.svg, NAME.gp and NAME-*.dat.
    public var name: String
    /// A title over all panels (nil: none).
    public var title: String?
    public var panels: [Panel]
    /// Panels per row of the grid.
    public var columns: Int
    /// Where the legend goes. With several panels a legend below or at the right is shared: it lists the
    /// titled layers of the first panel (give the same series the same titles in every panel).
    public var key: KeyPlacement
    public var size: ImageSize
    /// A caption line under the figure (what its error bars are), or nil.
    public var note: String?

    public init(name: String, title: String? = nil, panels: [Panel], columns: Int? = nil,
                key: KeyPlacement = .below, size: ImageSize = .standard, note: String? = nil) {
        self.name = name
        self.title = title
        self.note = note
        self.panels = panels
        self.columns = max(1, min(columns ?? panels.count, panels.count))
        self.key = key
        self.size = size
    }
}

/// Where a legend goes. Outside the plot area by default, so it never covers data.
public enum KeyPlacement: Sendable, Equatable {
    /// Below the panels, entries side by side.
    case below
    /// Right of the panels, one entry per line (for long entries such as fitted formulas).
    case right
    /// No legend.
    case none
}

/// One axis: label (with its unit), scale, range and ticks.
public struct Axis: Sendable {
    public var label: String
    public var logarithmic: Bool
    public var minimum: Double?
    public var maximum: Double?
    /// Explicit ticks (position, label; a label may have two lines, "a\nb"); nil lets gnuplot choose.
    public var ticks: [Tick]?
    /// A printf-style tick format such as `%.0f%%`; nil for gnuplot's default.
    public var format: String?

    public init(_ label: String, logarithmic: Bool = false, minimum: Double? = nil, maximum: Double? = nil,
                ticks: [Tick]? = nil, format: String? = nil) {
        self.label = label
        self.logarithmic = logarithmic
        self.minimum = minimum
        self.maximum = maximum
        self.ticks = ticks
        self.format = format
    }
}

public struct Tick: Sendable, Equatable {
    public var position: Double
    public var label: String
    public init(_ position: Double, _ label: String) {
        self.position = position
        self.label = label
    }
}

/// One plot area with its axes and layers; layers are drawn in order (put bands first, points last).
public struct Panel: Sendable {
    public var title: String?
    public var x: Axis
    public var y: Axis
    public var layers: [Layer]
    /// Vertical reference lines (for example the size of the real data pool), labelled at the top.
    public var markers: [Marker]

    public init(title: String? = nil, x: Axis, y: Axis, layers: [Layer] = [], markers: [Marker] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.layers = layers
        self.markers = markers
    }

    /// Whether the panel draws anything from data (a panel of legend entries only is empty).
    public var hasData: Bool {
        layers.contains { layer in
            switch layer {
            case .points(let p): return !p.points.isEmpty
            case .curve(let c): return !c.points.isEmpty
            case .band(let b): return !b.points.isEmpty
            case .boxes(let b): return !b.boxes.isEmpty
            case .heatmap(let h): return !h.cells.isEmpty
            case .labels(let l): return !l.items.isEmpty
            case .keyEntry: return false
            }
        }
    }
}

/// A dashed vertical line at `x` with a label.
public struct Marker: Sendable {
    public var x: Double
    public var label: String
    public init(x: Double, label: String) {
        self.x = x
        self.label = label
    }
}

/// How a series looks: colour, point shape and dash pattern (1 = solid).
public struct SeriesStyle: Sendable, Equatable {
    public var colour: String
    public var pointType: Int
    public var dash: Int
    /// Line width relative to the theme's.
    public var weight: Double

    public init(colour: String, pointType: Int = 7, dash: Int = 1, weight: Double = 1) {
        self.colour = colour
        self.pointType = pointType
        self.dash = dash
        self.weight = weight
    }

    /// The thin, pale version of the style, solid: each pretraining seed's own values, drawn behind their mean.
    public var faint: SeriesStyle { SeriesStyle(colour: Theme.pale(colour), pointType: pointType, weight: 0.5) }

    /// The style of series number `index`: an Okabe-Ito colour and its own point shape.
    public static func series(_ index: Int) -> SeriesStyle {
        SeriesStyle(colour: Theme.colour(index), pointType: Theme.pointType(index))
    }

    /// The same style with another dash pattern (2 = dashed, 3 = dotted).
    public func dashed(_ dash: Int = 2) -> SeriesStyle {
        var s = self
        s.dash = dash
        return s
    }

    public static let black = SeriesStyle(colour: "#000000")
}

/// Something drawn in a panel.
public enum Layer: Sendable {
    case points(Points)
    case curve(Curve)
    case band(Band)
    case boxes(Boxes)
    case heatmap(Heatmap)
    case labels(Labels)
    /// A legend entry that draws nothing (for example "dashed: extrapolation").
    case keyEntry(KeyEntry)
}

/// Measured points, with vertical error bars when they have intervals.
public struct Points: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var low: Double?
        public var high: Double?
        public init(x: Double, y: Double, low: Double? = nil, high: Double? = nil) {
            self.x = x
            self.y = y
            self.low = low
            self.high = high
        }
    }
    public var title: String?
    public var points: [Point]
    public var style: SeriesStyle
    /// Join the points with lines (in x order).
    public var connected: Bool
    /// Point size relative to the theme's (0 draws error bars only).
    public var pointScale: Double

    public init(title: String?, points: [Point], style: SeriesStyle, connected: Bool = false, pointScale: Double = 1) {
        self.title = title
        self.points = points
        self.style = style
        self.connected = connected
        self.pointScale = pointScale
    }

    public var hasIntervals: Bool { points.contains { $0.low != nil && $0.high != nil } }
}

/// A line through (x, y) points, solid or dashed.
public struct Curve: Sendable {
    public var title: String?
    public var points: [(x: Double, y: Double)]
    public var style: SeriesStyle
    public init(title: String?, points: [(x: Double, y: Double)], style: SeriesStyle) {
        self.title = title
        self.points = points
        self.style = style
    }
}

/// A shaded band between two curves (a confidence band), drawn transparent.
public struct Band: Sendable {
    public var title: String?
    public var points: [(x: Double, low: Double, high: Double)]
    public var colour: String
    public init(title: String? = nil, points: [(x: Double, low: Double, high: Double)], colour: String) {
        self.title = title
        self.points = points
        self.colour = colour
    }
}

/// Filled rectangles (bars, stacked bars) of one series.
public struct Boxes: Sendable {
    public struct Box: Sendable, Equatable {
        public var x0: Double, x1: Double, y0: Double, y1: Double
        public init(x0: Double, x1: Double, y0: Double, y1: Double) {
            self.x0 = x0
            self.x1 = x1
            self.y0 = y0
            self.y1 = y1
        }
    }
    public var title: String?
    public var boxes: [Box]
    public var colour: String
    public init(title: String?, boxes: [Box], colour: String) {
        self.title = title
        self.boxes = boxes
        self.colour = colour
    }
}

/// A grid of coloured cells with a text in each (a matrix such as train domain x eval domain).
public struct Heatmap: Sendable {
    public struct Cell: Sendable, Equatable {
        public var column: Int
        public var row: Int
        public var value: Double
        public var text: String
        /// A second, smaller line under the text (an interval); "" for none.
        public var detail: String
        public init(column: Int, row: Int, value: Double, text: String, detail: String = "") {
            self.column = column
            self.row = row
            self.value = value
            self.text = text
            self.detail = detail
        }
    }
    public var cells: [Cell]
    /// The label of the colour scale.
    public var scaleLabel: String
    public var minimum: Double
    public var maximum: Double
    public init(cells: [Cell], scaleLabel: String, minimum: Double, maximum: Double) {
        self.cells = cells
        self.scaleLabel = scaleLabel
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// Texts at data positions (values over bars).
public struct Labels: Sendable {
    public var items: [(x: Double, y: Double, text: String)]
    public init(items: [(x: Double, y: Double, text: String)]) { self.items = items }
}

/// A legend entry without data.
public struct KeyEntry: Sendable {
    public enum Kind: Sendable { case line, band, box }
    public var title: String
    public var kind: Kind
    public var style: SeriesStyle
    public init(title: String, kind: Kind, style: SeriesStyle) {
        self.title = title
        self.kind = kind
        self.style = style
    }
}
