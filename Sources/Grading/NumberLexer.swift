/// Number literals read straight from UTF-8 bytes, shared by answer extraction and the step checker.
///
/// Hot paths work on `UnsafeBufferPointer<UInt8>` (no `Character` indexing, no regex): grading 340K completions
/// is a byte scan.
typealias Bytes = UnsafeBufferPointer<UInt8>

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 48 < 10 }
@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) &- 97 < 26 }
@inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

/// An unsigned decimal literal: `1234`, `1,234,567` (thousands groups of exactly 3 digits), `0.5`, `.5`.
/// A point must be followed by a digit to belong to the literal (`12.` is 12 then a full stop).
struct DecimalLiteral {
    /// Index just past the literal.
    var end: Int
    /// All digits as one integer (`12.50` -> 1250), nil when they do not fit in `Int`.
    var mantissa: Int?
    /// Digits after the decimal point (`12.50` -> 2).
    var fractionDigits: Int
    /// The value as a double (for answers; exact enough for a 1e-3 relative tolerance).
    var value: Double

    /// The exact value, nil when it does not fit.
    var rational: Rational? {
        guard let mantissa, let scale = Rational.powerOfTen(fractionDigits) else { return nil }
        return Rational(mantissa, scale)
    }

    /// Scans a literal starting exactly at `start` and ending at or before `end` (default: the end of `s`);
    /// nil when no digit is there.
    static func scan(_ s: Bytes, at start: Int, end: Int? = nil) -> DecimalLiteral? {
        let count = end ?? s.count
        var i = start
        var mantissa: Int? = 0
        var value = 0.0
        var digits = 0
        var fractionDigits = 0
        func push(_ b: UInt8) {
            let d = Int(b &- 48)
            value = value * 10 + Double(d)
            digits += 1
            if let m = mantissa {
                let (x, o1) = m.multipliedReportingOverflow(by: 10)
                let (y, o2) = x.addingReportingOverflow(d)
                mantissa = o1 || o2 ? nil : y
            }
        }
        while i < count {
            let b = s[i]
            if isDigit(b) {
                push(b)
                i += 1
            } else if b == UInt8(ascii: ","), digits > 0, isThousandsGroup(s, after: i, count: count) {
                i += 1
            } else {
                break
            }
        }
        if i + 1 < count, s[i] == UInt8(ascii: "."), isDigit(s[i + 1]) {
            i += 1
            while i < count, isDigit(s[i]) {
                push(s[i])
                fractionDigits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if fractionDigits > 0 {
            var scale = 1.0
            for _ in 0..<min(fractionDigits, 400) { scale *= 10 }
            value /= scale
        }
        return DecimalLiteral(end: i, mantissa: mantissa, fractionDigits: fractionDigits, value: value)
    }

    /// A comma at `i` followed by exactly three digits and then no further digit.
    private static func isThousandsGroup(_ s: Bytes, after i: Int, count: Int) -> Bool {
        guard i + 3 < count else { return false }
        guard isDigit(s[i + 1]), isDigit(s[i + 2]), isDigit(s[i + 3]) else { return false }
        return i + 4 == count || !isDigit(s[i + 4])
    }
}

/// `−` (U+2212, the typographic minus) as UTF-8.
@inline(__always) func isUnicodeMinus(_ s: Bytes, _ i: Int) -> Bool {
    i + 2 < s.count && s[i] == 0xE2 && s[i + 1] == 0x88 && s[i + 2] == 0x92
}

/// Runs `body` on the string's contiguous UTF-8 bytes (native Swift strings need no copy).
func withBytes<R>(_ text: String, _ body: (Bytes) -> R) -> R {
    if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
    let copy = Array(text.utf8)
    return copy.withUnsafeBufferPointer(body)
}
