/// The verdict on one step (a calculator annotation `<<expr=result>>` or a plain equation).
public enum StepStatus: String, Sendable {
    /// The written result equals the exact value of the expression (or rounds to it, see `Rational.matches`).
    case correct
    /// The expression and result parse, and the result is wrong.
    case wrongArithmetic
    /// The step cannot be checked: no `=`, a syntax error, division by zero, or a value past `Int`'s range.
    case malformed
}

/// One checked step.
public struct StepCheck: Equatable, Sendable {
    /// 0-based position among the completion's steps.
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

/// Exact checking of the steps of a solution.
///
/// A step is one calculator annotation `<<expr=result>>`: text between a `<<` and the next `>>` (a later `<<`
/// restarts it, an unterminated `<<` is not a step). The expression is everything before the last `=`, evaluated
/// exactly by `Expression`; the result is a signed decimal, fraction or percentage (`-30`, `3.33`, `3/4`, `75%`). It is correct
/// when it equals the exact value, or — when written with decimals — equals it rounded to the decimals written
/// (`<<10/3=3.33>>`; `<<7/2=3>>` is wrong). Against a reference with step values, a written result that equals
/// none of them is off the reference graph.
///
/// A text without any annotation (plain or terse styles: `16 - 3 = 13`, `16-3=13; 13/2=6`) has its plain
/// equations as steps instead (see `forEachEquation` for what counts as one).
public enum StepChecker {
    /// Every step in `text`, checked; `referenceValues` are a generated problem's exact step values.
    public static func check(_ text: String, referenceValues: [Rational]? = nil) -> [StepCheck] {
        var checks: [StepCheck] = []
        withBytes(text) { s in forEachStep(s, referenceValues: referenceValues) { checks.append($0) } }
        return checks
    }

    /// Whether every step of `text` has exactly right arithmetic (true for a text without steps): the
    /// synthesizer's annotation check, which catches calculation errors and cannot see reasoning errors.
    public static func allCorrect(_ text: String) -> Bool {
        check(text).allSatisfy { $0.status == .correct }
    }

    /// Calls `body` with each step of `s` in order: the annotations, or the plain equations when there is none.
    static func forEachStep(_ s: Bytes, referenceValues: [Rational]?, _ body: (StepCheck) -> Void) {
        var open: Int? = nil
        var index = 0
        var i = 0
        while i + 1 < s.count {
            if s[i] == UInt8(ascii: "<"), s[i + 1] == UInt8(ascii: "<") {
                open = i + 2
                i += 2
            } else if s[i] == UInt8(ascii: ">"), s[i + 1] == UInt8(ascii: ">"), let start = open {
                var equals = i - 1
                while equals >= start, s[equals] != UInt8(ascii: "=") { equals -= 1 }
                let written = equals >= start ? WrittenResult.whole(s, equals + 1, i) : nil
                body(check(s, start, max(start, equals), written, index: index, referenceValues: referenceValues))
                index += 1
                open = nil
                i += 2
            } else {
                i += 1
            }
        }
        if index == 0 { forEachEquation(s, referenceValues: referenceValues, body) }
    }

    /// The plain equations `expr = number` of `s`, in order.
    ///
    /// Strict on purpose, so prose is not misread as arithmetic: the left side is the whole run of expression
    /// bytes before the `=` on its line (at most 200), trimmed, and it must parse and contain an operator; it may
    /// not hang on a word (`X*3/4 = 24`). The result may not run on into a letter, `/`, another number or an
    /// operator (`1.2Y`, `7 /12`, `1 1/2`, `16 000`, `4/12 + 3/12`).
    static func forEachEquation(_ s: Bytes, referenceValues: [Rational]?, _ body: (StepCheck) -> Void) {
        var index = 0
        for equals in 0..<s.count where s[equals] == UInt8(ascii: "=") {
            guard let written = WrittenResult.scan(s, equals + 1, s.count), endsCleanly(s, written.end) else { continue }
            var from = equals
            while from > 0, equals - from < 200, isExpressionByte(s[from - 1]) { from -= 1 }
            if from > 0, isASCIILetter(s[from - 1]), !isSpace(s[from]) { continue }
            var start = from, end = equals
            while start < end, isSpace(s[start]) { start += 1 }
            while end > start, isSpace(s[end - 1]) { end -= 1 }
            guard start < end, hasOperator(s, start, end), Expression.evaluate(s, start, end) != nil else { continue }
            body(check(s, start, end, written, index: index, referenceValues: referenceValues))
            index += 1
        }
    }

    /// What follows a plain equation's result: not a letter or `/`, and after spaces neither another number nor
    /// an operator (then the right side is an expression, `1/3 + 1/4 = 4/12 + 3/12`, not a result).
    private static func endsCleanly(_ s: Bytes, _ stop: Int) -> Bool {
        guard stop < s.count else { return true }
        if isASCIILetter(s[stop]) || s[stop] == UInt8(ascii: "/") { return false }
        var i = stop
        while i < s.count, s[i] == 32 || s[i] == 9 { i += 1 }
        guard i < s.count else { return true }
        let b = s[i]
        if b == UInt8(ascii: "+") || b == UInt8(ascii: "*") || b == UInt8(ascii: "/") { return false }
        if b == UInt8(ascii: "-"), i + 1 < s.count, isDigit(s[i + 1]) || isSpace(s[i + 1]) { return false }
        return i == stop || !isDigit(b)
    }

    /// Checks the expression `s[start..<end]` against a written result (nil when it is malformed).
    static func check(_ s: Bytes, _ start: Int, _ end: Int, _ written: WrittenResult?, index: Int,
                      referenceValues: [Rational]?) -> StepCheck {
        var check = StepCheck(index: index, status: .malformed)
        guard let written else { return check }
        check.written = written.value
        if let referenceValues {
            check.matchesReference = referenceValues.contains { written.matches($0) }
        }
        guard let exact = Expression.evaluate(s, start, end) else { return check }
        check.exact = exact
        check.status = written.matches(exact) ? .correct : .wrongArithmetic
        return check
    }

    private static func isExpressionByte(_ b: UInt8) -> Bool {
        isDigit(b) || b == 32 || b == 9 || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: "(")
            || b == UInt8(ascii: ")") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "*")
            || b == UInt8(ascii: "/") || b == UInt8(ascii: "%")
    }

    /// A binary operator in `s[start..<end]`: an operator byte after a digit, `)`, `%` or space that follows one.
    private static func hasOperator(_ s: Bytes, _ start: Int, _ end: Int) -> Bool {
        var previous: UInt8 = 0
        for k in start..<end {
            let b = s[k]
            if b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "/") {
                if isDigit(previous) || previous == UInt8(ascii: ")") || previous == UInt8(ascii: "%") { return true }
            }
            if !isSpace(b) { previous = b }
        }
        return false
    }
}

/// The result written right of a step's `=`: a signed decimal, a fraction or a percentage.
struct WrittenResult {
    /// The value (`75%` is 3/4).
    var value: Rational
    /// Decimals written (0 for a fraction, which must be exact; a percentage has 2 more than its number).
    var decimals: Int
    /// For a percentage, the number before the `%`, because prose also uses `%` as a unit (`45 + 21 + 28 = 94%`).
    var percentNumber: (Rational, Int)?
    /// Index just past the result.
    var end: Int

    /// Whether `exact` equals this result or rounds to it (`Rational.matches`), reading a percentage either way.
    func matches(_ exact: Rational) -> Bool {
        if exact.matches(written: value, decimals: decimals) { return true }
        guard let (number, decimals) = percentNumber else { return false }
        return exact.matches(written: number, decimals: decimals)
    }

    /// A result that is all of `s[start..<end]` (spaces around allowed).
    static func whole(_ s: Bytes, _ start: Int, _ end: Int) -> WrittenResult? {
        guard let result = scan(s, start, end) else { return nil }
        var i = result.end
        while i < end, isSpace(s[i]) { i += 1 }
        return i == end ? result : nil
    }

    /// A result at the start of `s[start..<end]` after spaces (and a `$`): optional sign, decimal, optional
    /// `/decimal` or `%`.
    static func scan(_ s: Bytes, _ start: Int, _ end: Int) -> WrittenResult? {
        var i = start
        while i < end, isSpace(s[i]) || s[i] == UInt8(ascii: "$") { i += 1 }
        var negative = false
        if i < end, s[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        else if isUnicodeMinus(s, i), i + 3 <= end { negative = true; i += 3 }
        guard let literal = DecimalLiteral.scan(s, at: i, end: end), let number = literal.rational else { return nil }
        var result = WrittenResult(value: negative ? number.negated() : number, decimals: literal.fractionDigits, end: literal.end)
        i = literal.end
        if i + 1 < end, s[i] == UInt8(ascii: "/"), isDigit(s[i + 1]) {
            guard let denominator = DecimalLiteral.scan(s, at: i + 1, end: end), let d = denominator.rational,
                  let quotient = result.value.divided(by: d) else { return nil }
            result.value = quotient
            result.decimals = 0
            result.end = denominator.end
        } else if i < end, s[i] == UInt8(ascii: "%"), let percent = result.value.divided(by: Rational(100)!) {
            result.percentNumber = (result.value, result.decimals)
            result.value = percent
            result.decimals += 2
            result.end = i + 1
        }
        return result
    }
}
