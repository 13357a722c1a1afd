/// One step of a chain problem: an operation with its given operand, applied to the running value.
public enum ChainOperation: Hashable, Sendable {
    case add(Int)
    case subtract(Int)
    case multiply(Int)
    /// Exact division.
    case divide(Int)
    /// Keep `p/q` of the value (exact): `v*p/q`.
    case fraction(Int, Int)
    /// The remainder of the value divided by `n`, written `v-n*q` so it needs only + - * to check.
    case remainder(Int)

    /// The operation without its operands.
    public enum Kind: String, CaseIterable, Sendable, Hashable {
        case add, subtract, multiply, divide, fraction, remainder
    }

    public var kind: Kind {
        switch self {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .fraction: .fraction
        case .remainder: .remainder
        }
    }

    /// The result on `v`, or nil when the step is not exact (inexact division, negative remainder input).
    public func apply(to v: Int) -> Int? {
        switch self {
        case .add(let n): return v + n
        case .subtract(let n): return v - n
        case .multiply(let n): return v * n
        case .divide(let n): return n > 0 && v % n == 0 ? v / n : nil
        case .fraction(let p, let q): return q > 0 && (v * p) % q == 0 ? v * p / q : nil
        case .remainder(let n): return n > 0 && v >= 0 ? v % n : nil
        }
    }

    /// The calculator expression on `v`, evaluated with the usual precedence: `16-3`, `240*3/4`, `100-7*14`.
    public func expression(on v: Int) -> String {
        switch self {
        case .add(let n): "\(v)+\(n)"
        case .subtract(let n): "\(v)-\(n)"
        case .multiply(let n): "\(v)*\(n)"
        case .divide(let n): "\(v)/\(n)"
        case .fraction(let p, let q): "\(v)*\(p)/\(q)"
        case .remainder(let n): "\(v)-\(n)*\(v / n)"
        }
    }

    /// A short code for chain keys: `+3`, `/2`, `*3/4` (fraction), `%7`.
    public var code: String {
        switch self {
        case .add(let n): "+\(n)"
        case .subtract(let n): "-\(n)"
        case .multiply(let n): "x\(n)"
        case .divide(let n): "/\(n)"
        case .fraction(let p, let q): "*\(p)/\(q)"
        case .remainder(let n): "%\(n)"
        }
    }

    /// The numbers a phrasing may show: `{n}` for one operand, `{p}` and `{q}` for a fraction.
    var placeholders: [(key: String, value: String)] {
        switch self {
        case .add(let n), .subtract(let n), .multiply(let n), .divide(let n), .remainder(let n): [("n", "\(n)")]
        case .fraction(let p, let q): [("p", "\(p)"), ("q", "\(q)")]
        }
    }

    /// The operands, for a reasoning error that reuses a number.
    var operands: [Int] {
        switch self {
        case .add(let n), .subtract(let n), .multiply(let n), .divide(let n), .remainder(let n): [n]
        case .fraction(let p, let q): [p, q]
        }
    }
}
