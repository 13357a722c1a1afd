import Foundation

/// Exact checking of calculator annotations `<<expr=result>>` written by the generator and the teacher:
/// integers with + - * / and the usual precedence, evaluated in exact fractions. (The general checker of model
/// outputs, with parentheses, decimals and rounding, is in the Grading module.)
public enum AnnotationArithmetic {
    /// The exact value of `expr` as a reduced fraction (numerator, denominator > 0), or nil when it is not a
    /// well-formed expression of non-negative integers and + - * / or divides by zero.
    public static func evaluate(_ expr: String) -> (numerator: Int, denominator: Int)? {
        var sum = (0, 1)
        var term: (Int, Int)? = nil
        var sign = 1
        var op: UInt8 = UInt8(ascii: "+")
        var number: Int? = nil
        func close() -> Bool {
            guard let x = number else { return false }
            number = nil
            switch op {
            case UInt8(ascii: "*"): term = reduce(term!.0 * x, term!.1)
            case UInt8(ascii: "/"): guard x != 0 else { return false }; term = reduce(term!.0, term!.1 * x)
            default: term = (x, 1)
            }
            return true
        }
        for c in expr.utf8 {
            if c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") {
                let (m, o1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                guard !o1 else { return nil }
                number = m + Int(c - UInt8(ascii: "0"))
                continue
            }
            guard close() else { return nil }
            switch c {
            case UInt8(ascii: "*"), UInt8(ascii: "/"): op = c
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                sum = reduce(sum.0 * term!.1 + sign * term!.0 * sum.1, sum.1 * term!.1)
                sign = c == UInt8(ascii: "+") ? 1 : -1
                op = UInt8(ascii: "+")
            default: return nil
            }
        }
        guard close() else { return nil }
        let r = reduce(sum.0 * term!.1 + sign * term!.0 * sum.1, sum.1 * term!.1)
        return (r.0, r.1)
    }

    /// Every annotation of a solution as (expression, written result).
    public static func annotations(in solution: String) -> [(expression: Substring, result: Substring)] {
        var out: [(Substring, Substring)] = []
        var rest = solution[...]
        while let open = rest.range(of: "<<"), let close = rest[open.upperBound...].range(of: ">>") {
            let body = rest[open.upperBound..<close.lowerBound]
            if let eq = body.lastIndex(of: "=") { out.append((body[..<eq], body[body.index(after: eq)...])) }
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// True when every annotation's written result equals its expression's exact value (integers or `p/q`).
    public static func allCorrect(_ solution: String) -> Bool {
        annotations(in: solution).allSatisfy { a in
            guard let v = evaluate(String(a.expression)) else { return false }
            return v.denominator == 1 ? String(v.numerator) == a.result : "\(v.numerator)/\(v.denominator)" == a.result
        }
    }

    private static func reduce(_ n: Int, _ d: Int) -> (Int, Int) {
        let g = max(gcd(n, d), 1)
        return d < 0 ? (-n / g, -d / g) : (n / g, d / g)
    }
}
