/// Numeric options checked in one place: every number a command reads is finite and inside the range the command
/// declares, or the command stops with a usage error naming the option (`option '--lr': expected a number in
/// (0, 10], got '1e9'`). Commands pass their ranges here instead of checking values themselves.
public enum OptionRange {
    /// Model dimensions (`--d`, `--layers`, `--heads`, `--ctx`, `--batch`, `--vocab`): the memory check of the
    /// model decides what fits; this bound only keeps every product of them inside 64-bit integers.
    public static let dimension = 1...1_000_000
    /// Step and epoch counts, warm-up, save intervals.
    public static let count = 1...1_000_000_000
    /// Worker threads (the kernels use at most 16; more are clamped).
    public static let threads = 1...1024
    /// Bootstrap resamples.
    public static let resamples = 0...10_000_000
    /// Samples per question.
    public static let samples = 0...1_000_000
}

extension ParsedArguments {
    /// An integer option within `range`, or nil when absent.
    public func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = values[name] else { return nil }
        guard let i = Int(v), range.contains(i) else {
            throw error("option '--\(name)': expected an integer in \(range.lowerBound)...\(range.upperBound), got '\(v)'")
        }
        return i
    }

    /// A finite number within `range` (above its lower end only, with `openLow`), or nil when absent.
    public func double(_ name: String, in range: ClosedRange<Double>, openLow: Bool = false) throws -> Double? {
        guard let v = values[name] else { return nil }
        guard let d = Double(v), d.isFinite, range.contains(d), !(openLow && d == range.lowerBound) else {
            throw error("option '--\(name)': expected a number in \(openLow ? "(" : "[")\(shortNumber(range.lowerBound)), "
                        + "\(shortNumber(range.upperBound))], got '\(v)'")
        }
        return d
    }

    /// A comma-separated list of integers within `range`, or nil when absent.
    public func ints(_ name: String, in range: ClosedRange<Int>) throws -> [Int]? {
        guard let items = list(name) else { return nil }
        return try items.map { item in
            guard let i = Int(item), range.contains(i) else {
                throw error("option '--\(name)': expected integers in \(range.lowerBound)...\(range.upperBound), got '\(item)'")
            }
            return i
        }
    }

    /// A comma-separated list of finite numbers within `range`, or nil when absent.
    public func doubles(_ name: String, in range: ClosedRange<Double>) throws -> [Double]? {
        guard let items = list(name) else { return nil }
        return try items.map { item in
            guard let d = Double(item), d.isFinite, range.contains(d) else {
                throw error("option '--\(name)': expected numbers in [\(shortNumber(range.lowerBound)), \(shortNumber(range.upperBound))], "
                            + "got '\(item)'")
            }
            return d
        }
    }

    /// An unsigned 64-bit seed, or nil when absent.
    public func seed(_ name: String) throws -> UInt64? {
        guard let v = values[name] else { return nil }
        guard let s = UInt64(v) else { throw error("option '--\(name)': expected an integer in 0...\(UInt64.max), got '\(v)'") }
        return s
    }
}

/// `1e+300` -> `1e300`, `10.0` -> `10`.
private func shortNumber(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return "\(x)".replacingOccurrences(of: "e+", with: "e")
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
