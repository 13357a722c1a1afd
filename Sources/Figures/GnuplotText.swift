import Foundation

/// Text for gnuplot scripts: enhanced-text markup and quoted string literals.
public enum GnuplotText {
    /// Characters with a meaning in gnuplot's enhanced text mode.
    static let specials: Set<Character> = ["^", "_", "@", "&", "~", "{", "}", "\\"]

    /// Markup that prints `plain` literally (group names such as `real_GSM8K`).
    public static func escape(_ plain: String) -> String {
        var out = ""
        for c in plain {
            if specials.contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Markup for a formula written in plain text, with exponents raised: `y = 0.5 * x^-0.31` becomes
    /// `y = 0.5 · x^{-0.31}`. An exponent is a signed number (1.2e-05 too) or word, or a parenthesised group.
    public static func formula(_ plain: String) -> String {
        var out = ""
        var chars = Array(plain)[...]
        while let c = chars.popFirst() {
            if c == "^" {
                var exponent = ""
                if chars.first == "(" {
                    var depth = 0
                    while let d = chars.popFirst() {
                        if d == "(" { depth += 1 } else if d == ")" { depth -= 1 }
                        exponent.append(d)
                        if depth == 0 { break }
                    }
                    if exponent.hasPrefix("("), exponent.hasSuffix(")") { exponent = String(exponent.dropFirst().dropLast()) }
                } else {
                    if let sign = chars.first, sign == "-" || sign == "+" { exponent.append(chars.removeFirst()) }
                    while let d = chars.first, d.isLetter || d.isNumber || d == "."
                            || ((d == "-" || d == "+") && (exponent.last == "e" || exponent.last == "E") && exponent.first?.isNumber == true) {
                        exponent.append(chars.removeFirst())
                    }
                }
                out += "^{" + escape(exponent) + "}"
            } else if c == "*" {
                out += "·"
            } else {
                out += escape(String(c))
            }
        }
        return out
    }

    /// A double-quoted gnuplot string literal holding `markup`.
    public static func quoted(_ markup: String) -> String {
        var out = "\""
        for c in markup {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// A number as gnuplot and its data files read it (NaN for a missing value: gnuplot skips it). Twelve
    /// significant digits: far below what a figure resolves, and above the last bits in which LAPACK's fits differ
    /// between CPUs (15 digits made `make figures` on another host rewrite committed data files in the 15th).
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "NaN" }
        return String(format: "%.12g", value)
    }
}
