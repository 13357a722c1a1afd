/// The verdict on one calculator annotation `<<expr=result>>`.
public enum StepStatus: String, Sendable {
    /// The written result equals the exact value of the expression (or rounds to it, see `Rational.matches`).
    case correct
    /// The expression and result parse, and the result is wrong.
    case wrongArithmetic
    /// The annotation cannot be checked: no `=`, a syntax error, division by zero, or a value past `Int`'s range.
    case malformed
}

/// One checked annotation.
public struct StepCheck: Equatable, Sendable {
    /// 0-based position among the completion's annotations.
    public var index: Int
    public var status: StepStatus
    /// The exact value of the expression left of `=`.
    public var exact: Rational?
    /// The result written right of `=`.
    public var written: Rational?
    /// Whether the written result equals one of the reference's step values; nil when the reference has none
    /// (or the result is malformed).
    public var matchesReference: Bool?

    /// A wrong step in the sense of `GradedSample.firstWrongStep`: bad arithmetic, malformed, or off the
    /// reference graph.
    public var isWrong: Bool { status != .correct || matchesReference == false }
}

/// Exact checking of GSM8K calculator annotations.
///
/// A step is one annotation `<<expr=result>>`: text between a `<<` and the next `>>` (a later `<<` restarts
/// it, an unterminated `<<` is not a step). The expression is everything before the last `=`, evaluated
/// exactly by `Expression`; the result is a signed decimal or fraction (`-30`, `3.33`, `3/4`). It is correct
/// when it equals the exact value, or — when written with decimals — equals it rounded to the decimals written
/// (`<<10/3=3.33>>`; `<<7/2=3>>` is wrong). Against a reference with step values, a written result that equals
/// none of them is off the reference graph.
public enum StepChecker {
    /// Every annotation in `text`, checked; `referenceValues` are a generated problem's exact step values.
    public static func check(_ text: String, referenceValues: [Rational]? = nil) -> [StepCheck] {
        var checks: [StepCheck] = []
        withBytes(text) { s in forEachStep(s, referenceValues: referenceValues) { checks.append($0) } }
        return checks
    }

    /// Calls `body` with each annotation of `s` in order.
    static func forEachStep(_ s: Bytes, referenceValues: [Rational]?, _ body: (StepCheck) -> Void) {
        var open: Int? = nil
        var index = 0
        var i = 0
        while i + 1 < s.count {
            if s[i] == UInt8(ascii: "<"), s[i + 1] == UInt8(ascii: "<") {
                open = i + 2
                i += 2
            } else if s[i] == UInt8(ascii: ">"), s[i + 1] == UInt8(ascii: ">"), let start = open {
                body(checkAnnotation(s, start, i, index: index, referenceValues: referenceValues))
                index += 1
                open = nil
                i += 2
            } else {
                i += 1
            }
        }
    }

    /// Checks the annotation `s[start..<end]` (between `<<` and `>>`).
    static func checkAnnotation(_ s: Bytes, _ start: Int, _ end: Int, index: Int, referenceValues: [Rational]?) -> StepCheck {
        var check = StepCheck(index: index, status: .malformed)
        var equals = end - 1
        while equals >= start, s[equals] != UInt8(ascii: "=") { equals -= 1 }
        guard equals >= start, let (written, decimals) = result(s, equals + 1, end) else { return check }
        check.written = written
        if let referenceValues {
            check.matchesReference = referenceValues.contains { $0.matches(written: written, decimals: decimals) }
        }
        guard let exact = Expression.evaluate(s, start, equals) else { return check }
        check.exact = exact
        check.status = exact.matches(written: written, decimals: decimals) ? .correct : .wrongArithmetic
        return check
    }

    /// A written result `s[start..<end]`: optional sign, decimal, optional `/decimal`, spaces around. Returns the
    /// value and its number of decimals (0 for a fraction, which must be exact).
    static func result(_ s: Bytes, _ start: Int, _ end: Int) -> (Rational, Int)? {
        var i = start
        while i < end, isSpace(s[i]) { i += 1 }
        var negative = false
        if i < end, s[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        else if isUnicodeMinus(s, i), i + 3 <= end { negative = true; i += 3 }
        guard let literal = DecimalLiteral.scan(s, at: i, end: end), var value = literal.rational else { return nil }
        var decimals = literal.fractionDigits
        i = literal.end
        if i < end, s[i] == UInt8(ascii: "/") {
            guard let denominator = DecimalLiteral.scan(s, at: i + 1, end: end), let d = denominator.rational,
                  let quotient = value.divided(by: d) else { return nil }
            value = quotient
            decimals = 0
            i = denominator.end
        }
        while i < end, isSpace(s[i]) { i += 1 }
        guard i == end else { return nil }
        return (negative ? value.negated() : value, decimals)
    }
}
