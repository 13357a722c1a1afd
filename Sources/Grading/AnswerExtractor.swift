/// Which rule found the final answer, in the order the rules are tried.
public enum ExtractionRule: String, Sendable, CaseIterable {
    /// `#### 72` (GSM8K's reference format).
    case hashes = "####"
    /// `The answer is 72` (chain-of-thought prompting; case-insensitive).
    case theAnswerIs = "the answer is"
    /// `Answer: 72` (the terse corpus style; case-insensitive).
    case answerColon = "answer:"
    /// `A: 72` (question/answer transcripts such as GSM8K's released model samples).
    case aColon = "A:"
    /// `\boxed{72}` (MATH style; `\boxed{\frac{3}{4}}` too).
    case boxed = "\\boxed"
    /// The last number anywhere in the text.
    case lastNumber = "last number"
}

/// A final answer read from a completion.
public struct ExtractedAnswer: Equatable, Sendable {
    public var value: Double
    public var rule: ExtractionRule

    public init(value: Double, rule: ExtractionRule) {
        self.value = value
        self.rule = rule
    }
}

/// Whether two answers agree within a relative tolerance of 1e-3 (the paper's rule); 0 only equals 0.
public func answersMatch(_ a: Double, _ b: Double, relativeTolerance: Double = 1e-3) -> Bool {
    a == b || abs(a - b) <= relativeTolerance * max(abs(a), abs(b))
}

/// Final-answer extraction.
///
/// Rules are tried in this order and the first that finds a number wins:
/// 1. `####` followed by a number;
/// 2. `The answer is` followed by a number;
/// 3. `Answer:` followed by a number;
/// 4. `A:` (not preceded by a letter or digit) followed by a number;
/// 5. `\boxed{...}` containing a number or `\frac{a}{b}`;
/// 6. the last number in the text.
/// For rules 1-5 the *first* occurrence that is followed by a number counts, so text a model keeps generating
/// after its answer (a new "Question: ...") does not change it. Between a marker and its number the extractor
/// skips spaces, `:`, `*` (markdown bold), `$`, `\$`, `\(` and `{`.
///
/// Numbers: optional sign (`-` or U+2212), optional `$` before or after the sign, digits with optional
/// thousands commas (`1,234,567`; a comma must be followed by exactly 3 digits), optional decimals (`0.5`,
/// `.5`), optionally a simple fraction `3/4`; a trailing `%` or unit is ignored (`50%` is 50, like GSM8K's
/// `#### 50` for "50%").
public enum AnswerExtractor {
    /// The final answer of `text`, or nil when it contains no number at all. With `rules`, only those rules are
    /// tried (in the usual order): `[.hashes]` reads only `#### N`, as for a model fine-tuned on that format.
    public static func extract(from text: String, rules: Set<ExtractionRule>? = nil) -> ExtractedAnswer? {
        withBytes(text) { extract($0, rules: rules) }
    }

    /// The number that `text` starts with (after optional spaces, `$`, sign), or nil. For reference answers
    /// and step values such as `"1,200"`, `"-3"`, `"3/4"`.
    public static func number(in text: String) -> Double? {
        withBytes(text) { number($0, at: 0)?.value }
    }

    private static let markers: [(ExtractionRule, [UInt8], caseInsensitive: Bool)] = [
        (.hashes, Array("####".utf8), false),
        (.theAnswerIs, Array("the answer is".utf8), true),
        (.answerColon, Array("answer:".utf8), true),
        (.aColon, Array("A:".utf8), false),
    ]
    private static let boxed = Array("\\boxed".utf8)
    private static let frac = Array("frac".utf8)

    static func extract(_ s: Bytes, rules: Set<ExtractionRule>? = nil) -> ExtractedAnswer? {
        for (rule, marker, caseInsensitive) in markers where rules?.contains(rule) ?? true {
            var from = 0
            while let at = find(marker, in: s, from: from, caseInsensitive: caseInsensitive) {
                from = at + 1
                if rule == .aColon, at > 0, isASCIILetter(s[at - 1]) || isDigit(s[at - 1]) { continue }
                if let value = number(s, at: at + marker.count)?.value { return ExtractedAnswer(value: value, rule: rule) }
            }
        }
        var from = 0
        while rules?.contains(.boxed) ?? true, let at = find(boxed, in: s, from: from, caseInsensitive: false) {
            from = at + 1
            if let value = boxedNumber(s, at: at + boxed.count) { return ExtractedAnswer(value: value, rule: .boxed) }
        }
        guard rules?.contains(.lastNumber) ?? true else { return nil }
        return lastNumber(s).map { ExtractedAnswer(value: $0, rule: .lastNumber) }
    }

    /// First index `>= from` where `marker` occurs.
    static func find(_ marker: [UInt8], in s: Bytes, from: Int, caseInsensitive: Bool) -> Int? {
        guard let first = marker.first, marker.count <= s.count else { return nil }
        let last = s.count - marker.count
        let firstUpper = caseInsensitive && isASCIILetter(first) ? first & ~0x20 : first
        var i = from
        while i <= last {
            if s[i] != first && s[i] != firstUpper { i += 1; continue }
            var k = 0
            while k < marker.count {
                let c = caseInsensitive && isASCIILetter(s[i + k]) ? s[i + k] | 0x20 : s[i + k]
                if c != marker[k] { break }
                k += 1
            }
            if k == marker.count { return i }
            i += 1
        }
        return nil
    }

    /// A number starting at `start` after skipping the noise allowed between a marker and its number.
    static func number(_ s: Bytes, at start: Int) -> (value: Double, end: Int)? {
        var i = start
        var negative = false
        while i < s.count {
            let b = s[i]
            if isSpace(b) || b == UInt8(ascii: ":") || b == UInt8(ascii: "*") || b == UInt8(ascii: "$") || b == UInt8(ascii: "{") {
                i += 1
            } else if b == UInt8(ascii: "\\"), i + 1 < s.count, s[i + 1] == UInt8(ascii: "$") || s[i + 1] == UInt8(ascii: "(") {
                i += 2
            } else if b == UInt8(ascii: "-"), !negative {
                negative = true
                i += 1
            } else if isUnicodeMinus(s, i), !negative {
                negative = true
                i += 3
            } else {
                break
            }
        }
        guard let (value, end) = signlessNumber(s, at: i) else { return nil }
        return (negative ? -value : value, end)
    }

    /// A literal at exactly `i`, with an optional `/denominator`; nil when its value is not finite (a number too
    /// long for a double is not an answer).
    static func signlessNumber(_ s: Bytes, at i: Int) -> (Double, Int)? {
        guard let literal = DecimalLiteral.scan(s, at: i) else { return nil }
        var value = literal.value, end = literal.end
        if literal.end + 1 < s.count, s[literal.end] == UInt8(ascii: "/"), isDigit(s[literal.end + 1]),
           let denominator = DecimalLiteral.scan(s, at: literal.end + 1), denominator.value != 0 {
            value /= denominator.value
            end = denominator.end
        }
        return value.isFinite ? (value, end) : nil
    }

    /// The number inside `\boxed{...}` starting at the `{`, allowing `\frac{a}{b}` / `\dfrac{a}{b}`.
    static func boxedNumber(_ s: Bytes, at start: Int) -> Double? {
        guard start < s.count, s[start] == UInt8(ascii: "{") else { return nil }
        var i = start + 1
        var negative = false
        while i < s.count, isSpace(s[i]) || s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "\\") || s[i] == UInt8(ascii: "d") {
            if s[i] == UInt8(ascii: "-") { negative.toggle() }
            i += 1
        }
        if let at = find(frac, in: s, from: i, caseInsensitive: false), at == i {
            guard let (n, end) = number(s, at: at + frac.count), end < s.count, s[end] == UInt8(ascii: "}"),
                  let (d, _) = number(s, at: end + 1), d != 0, (n / d).isFinite else { return nil }
            return (negative ? -1 : 1) * n / d
        }
        return number(s, at: start + 1)?.value
    }

    /// The last number in the text (a literal starting at a digit, with its sign and `/denominator`).
    static func lastNumber(_ s: Bytes) -> Double? {
        var i = 0
        var last: Double? = nil
        while i < s.count {
            guard isDigit(s[i]) else { i += 1; continue }
            guard let (value, end) = signlessNumber(s, at: i) else {
                i += 1
                while i < s.count, isDigit(s[i]) { i += 1 }
                continue
            }
            last = isNegated(s, at: i) ? -value : value
            i = end
        }
        return last
    }

    /// Whether the number starting at `i` carries a minus sign (`-5`, `−5`, `-$5`), as opposed to being the
    /// right operand of a subtraction (`16-5`, `(a)-5`).
    static func isNegated(_ s: Bytes, at i: Int) -> Bool {
        var j = i
        if j > 0, s[j - 1] == UInt8(ascii: "$") { j -= 1 }
        if j >= 3, isUnicodeMinus(s, j - 3) { return true }
        guard j > 0, s[j - 1] == UInt8(ascii: "-") else { return false }
        return j < 2 || !(isDigit(s[j - 2]) || s[j - 2] == UInt8(ascii: ")"))
    }
}
