import Foundation

/// Numbers for people: `1.2e12` as "1.2 TFLOP", seconds as "3m12s", counts as "40M". The toolkit's one count
/// formatter: the sweep's plan, progress line and report, and the figures' titles and tick labels.
public enum Format {
    public static func flops(_ x: Double) -> String {
        let units = [(1e15, "PFLOP"), (1e12, "TFLOP"), (1e9, "GFLOP"), (1e6, "MFLOP")]
        for (scale, name) in units where x >= scale { return String(format: "%.1f ", x / scale) + name }
        return String(format: "%.0f FLOP", x)
    }

    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e15 else { return "?" }
        let s = Int(seconds.rounded())
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(twoDigits(s % 60))s" }
        return "\(s / 3600)h\(twoDigits(s % 3600 / 60))m"
    }

    /// A count (tokens, parameters, examples) as "32M", "1.5M", "250K", "4.5K", "999": one decimal below 10 of
    /// the unit, none above.
    public static func count(_ x: Double) -> String {
        if x >= 1e6 { return String(format: x >= 1e7 ? "%.0fM" : "%.1fM", x / 1e6) }
        if x >= 1e3 { return String(format: x >= 1e4 ? "%.0fK" : "%.1fK", x / 1e3) }
        return String(format: "%.0f", x)
    }

    /// `x` with `digits` decimals, rounded half away from zero on the decimal scale (2.9999 -> "3.00" at 2
    /// digits) and without a negative zero (-0.0004 -> "0.000" at 3). Non-finite values print as Swift does.
    public static func fixed(_ x: Double, digits: Int) -> String {
        guard x.isFinite else { return "\(x)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = x < 0 && scaled != 0 ? "-" : ""
        guard digits > 0 else { return sign + "\(whole)" }
        let padded = String(repeating: "0", count: max(0, digits - String(fraction).count)) + String(fraction)
        return "\(sign)\(whole).\(padded)"
    }

    private static func twoDigits(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
}
