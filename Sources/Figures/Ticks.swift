import DataFiles
import Foundation

/// Tick marks for logarithmic size axes (data sizes, parameter counts), labelled compactly.
public enum Ticks {
    /// Ticks at powers of 2 (or of 4, 8, 16, ... when there would be more than `maximum`) from the first at or
    /// above `low` to the first at or above `high`; when even that is too many, powers of 10.
    public static func logarithmic(from low: Double, to high: Double, maximum: Int = 7) -> [Tick] {
        // Non-finite ends (an extrapolation past the largest double) have no ticks rather than an Int conversion trap.
        guard low > 0, high >= low, low.isFinite, high.isFinite else { return [] }
        let first = Int(ceil(log2(low) - 1e-9)), last = Int(ceil(log2(high) - 1e-9))
        var step = 1
        while (last - first) / step + 1 > maximum && step < 8 { step += 1 }
        if (last - first) / step + 1 <= maximum {
            return stride(from: first, through: last, by: step).map { Tick(pow(2, Double($0)), label(pow(2, Double($0)))) }
        }
        let first10 = Int(ceil(log10(low) - 1e-9)), last10 = Int(ceil(log10(high) - 1e-9))
        var step10 = 1
        while (last10 - first10) / step10 + 1 > maximum { step10 += 1 }
        return stride(from: first10, through: last10, by: step10).map { Tick(pow(10, Double($0)), label(pow(10, Double($0)))) }
    }

    /// A compact label: integers up to 99999 as they are, powers of two and of ten above that as 2^{k}
    /// and 10^{k} (enhanced text), anything else from 1000 with K or M (`Format.count`).
    public static func label(_ x: Double) -> String {
        if x < 100_000, x == x.rounded() { return String(Int(x)) }
        let k2 = log2(x), k10 = log10(x)
        if abs(k2 - k2.rounded()) < 1e-9 { return "2^{\(Int(k2.rounded()))}" }
        if abs(k10 - k10.rounded()) < 1e-9 { return "10^{\(Int(k10.rounded()))}" }
        if x >= 1e3 { return Format.count(x) }
        return String(format: "%g", x)
    }
}
