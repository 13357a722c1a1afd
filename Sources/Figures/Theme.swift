/// Colours, fonts and line styles shared by every figure.
///
/// Series colours are the Okabe-Ito palette (safe for the common forms of colour blindness), and every series
/// also gets its own point shape and dash pattern, so a figure still reads when printed in grey.
public struct Theme: Sendable, Equatable {
    public enum Name: String, Sendable, CaseIterable {
        /// Colour on white with a light grid: for screens and the README.
        case light
        /// Thicker lines, bigger text, no grid: for papers and grey printing.
        case print
    }

    public var name: Name
    public var fontSize: Double
    public var lineWidth: Double
    public var pointSize: Double
    public var grid: Bool

    public init(_ name: Name) {
        self.name = name
        switch name {
        case .light: fontSize = 12; lineWidth = 2; pointSize = 1.2; grid = true
        case .print: fontSize = 14; lineWidth = 3; pointSize = 1.5; grid = false
        }
    }

    /// Okabe-Ito colours in the order series use them (yellow last: it is faint on white).
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    /// Filled point shapes of gnuplot (circle, square, triangle up, triangle down, diamond, pentagon).
    static let pointTypes = [7, 5, 9, 11, 13, 15]

    /// The colour of series `index` (cycling through the palette).
    public static func colour(_ index: Int) -> String { palette[index % palette.count] }
    /// `colour` (#RRGGBB) mixed half with white: faint, but still telling series apart.
    public static func pale(_ colour: String) -> String {
        guard colour.count == 7, colour.hasPrefix("#"), let rgb = Int(colour.dropFirst(), radix: 16) else { return colour }
        let mixed = [16, 8, 0].map { shift in ((rgb >> shift) & 0xFF + 0xFF) / 2 }
        return "#" + mixed.map { String(format: "%02X", $0) }.joined()
    }
    static func pointType(_ index: Int) -> Int { pointTypes[index % pointTypes.count] }
}

/// An image format `scaling plot` writes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, svg
}

/// Image size in pixels (SVG uses the same numbers as its view box, so both formats look the same).
public struct ImageSize: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    /// The size used in the README: readable when shown 900 pixels wide.
    public static let standard = ImageSize(width: 900, height: 560)
}
