/// An exact rational number `numerator / denominator` in lowest terms with a positive denominator.
///
/// Arithmetic is on `Int` with overflow detection: every operation returns nil instead of trapping when an
/// intermediate value does not fit, so a model that writes a 40-digit number gets an "unparseable" step, not a
/// crash. Operands are cross-reduced by their gcds first, which keeps GSM8K-sized values far from the limit.
public struct Rational: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// `n / d` reduced to lowest terms; nil when `d` is 0 or a value does not fit (`Int.min` is never used).
    public init?(_ n: Int, _ d: Int = 1) {
        guard d != 0, n != .min, d != .min else { return nil }
        let g = Rational.gcd(n, d)
        let sign = d < 0 ? -1 : 1
        numerator = sign * n / g
        denominator = sign * d / g
    }

    private init(reduced n: Int, _ d: Int) {
        numerator = n
        denominator = d
    }

    public static let zero = Rational(reduced: 0, 1)

    /// Greatest common divisor of the magnitudes (1 when both are 0, so reduction is a no-op).
    static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : Int(x)
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public func negated() -> Rational { Rational(reduced: -numerator, denominator) }

    public func adding(_ other: Rational) -> Rational? {
        let g = Rational.gcd(denominator, other.denominator)
        let (a, o1) = numerator.multipliedReportingOverflow(by: other.denominator / g)
        let (b, o2) = other.numerator.multipliedReportingOverflow(by: denominator / g)
        let (n, o3) = a.addingReportingOverflow(b)
        let (d, o4) = (denominator / g).multipliedReportingOverflow(by: other.denominator)
        if o1 || o2 || o3 || o4 { return nil }
        return Rational(n, d)
    }

    public func subtracting(_ other: Rational) -> Rational? { adding(other.negated()) }

    public func multiplied(by other: Rational) -> Rational? {
        let g1 = Rational.gcd(numerator, other.denominator), g2 = Rational.gcd(other.numerator, denominator)
        let (n, o1) = (numerator / g1).multipliedReportingOverflow(by: other.numerator / g2)
        let (d, o2) = (denominator / g2).multipliedReportingOverflow(by: other.denominator / g1)
        if o1 || o2 || n == .min { return nil }
        return Rational(reduced: n, d)
    }

    /// nil when dividing by zero or on overflow.
    public func divided(by other: Rational) -> Rational? {
        guard other.numerator != 0 else { return nil }
        // The reciprocal keeps lowest terms; numerators are never Int.min, so abs() cannot trap.
        let reciprocal = Rational(reduced: other.numerator < 0 ? -other.denominator : other.denominator, abs(other.numerator))
        return multiplied(by: reciprocal)
    }

    /// 10^exponent, or nil past `Int`'s range (exponent > 18).
    static func powerOfTen(_ exponent: Int) -> Int? {
        guard exponent >= 0, exponent <= 18 else { return nil }
        var p = 1
        for _ in 0..<exponent { p *= 10 }
        return p
    }

    /// Whether `self` equals `written`, or rounds to it at `decimals` places: |self - written| <= 10^-decimals / 2.
    ///
    /// This is how GSM8K writes non-terminating results (`<<10/3=3.33>>`). With `decimals == 0` only exact
    /// equality counts: an integer written for 7/2 is an error, not a rounding.
    public func matches(written: Rational, decimals: Int) -> Bool {
        if self == written { return true }
        guard decimals > 0, let diff = subtracting(written), let scale = Rational.powerOfTen(decimals) else { return false }
        // 2 |diff.n| 10^d <= diff.d; an overflow on the left means the left side exceeds any Int.
        let (twice, o1) = diff.numerator.magnitude.multipliedReportingOverflow(by: 2)
        let (lhs, o2) = twice.multipliedReportingOverflow(by: UInt(scale))
        return !o1 && !o2 && lhs <= UInt(diff.denominator)
    }
}
