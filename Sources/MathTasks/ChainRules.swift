import DataFiles

/// The number ranges of a domain's chain problems, and how to draw a valid next step.
///
/// gsm: values 1-99; + n (2-20), - n (1-20), x n (2-5, only on values <= 20), exact / n (2-5).
/// math: values 1-999; + n (2-99), - n (2-99), x n (2-9, values <= 111), exact / n (2-9),
/// an exact fraction p/q (q 2-6) and a remainder mod n (3-9, nonzero, of a value above 3n).
public struct ChainRules: Sendable {
    public var values: ClosedRange<Int>
    public var start: ClosedRange<Int>
    public var add: ClosedRange<Int>
    public var subtract: ClosedRange<Int>
    public var multiply: ClosedRange<Int>
    /// Multiplication only on values up to this.
    public var multiplyMaxValue: Int
    public var divide: ClosedRange<Int>
    /// Denominators of fraction steps; nil disables fractions.
    public var fractionDenominators: ClosedRange<Int>?
    /// Moduli of remainder steps; nil disables remainders.
    public var remainder: ClosedRange<Int>?

    /// The chain-format rules of a domain.
    public static func of(_ domain: Domain) -> ChainRules {
        switch domain {
        case .gsm:
            ChainRules(values: 1...99, start: 2...99, add: 2...20, subtract: 1...20, multiply: 2...5,
                       multiplyMaxValue: 20, divide: 2...5, fractionDenominators: nil, remainder: nil)
        case .math:
            ChainRules(values: 1...999, start: 10...999, add: 2...99, subtract: 2...99, multiply: 2...9,
                       multiplyMaxValue: 111, divide: 2...9, fractionDenominators: 2...6, remainder: 3...9)
        }
    }

    /// Every operation of `kind` that keeps `v` in range exactly (empty when the kind does not apply).
    public func candidates(_ kind: ChainOperation.Kind, on v: Int) -> [ChainOperation] {
        switch kind {
        case .add:
            let hi = min(add.upperBound, values.upperBound - v)
            return hi < add.lowerBound ? [] : (add.lowerBound...hi).map { .add($0) }
        case .subtract:
            let hi = min(subtract.upperBound, v - values.lowerBound)
            return hi < subtract.lowerBound ? [] : (subtract.lowerBound...hi).map { .subtract($0) }
        case .multiply:
            guard v <= multiplyMaxValue, v > 0 else { return [] }
            let hi = min(multiply.upperBound, values.upperBound / v)
            return hi < multiply.lowerBound ? [] : (multiply.lowerBound...hi).map { .multiply($0) }
        case .divide:
            return divide.filter { v % $0 == 0 && v / $0 >= values.lowerBound }.map { .divide($0) }
        case .fraction:
            guard let dens = fractionDenominators else { return [] }
            return dens.filter { v % $0 == 0 }.flatMap { q in
                (1..<q).filter { gcd($0, q) == 1 && v / q * $0 >= values.lowerBound }.map { .fraction($0, q) }
            }
        case .remainder:
            guard let mods = remainder else { return [] }
            return mods.filter { v > 3 * $0 && v % $0 >= values.lowerBound }.map { .remainder($0) }
        }
    }

    /// A random valid next step on `v`: a uniformly chosen applicable kind, then a uniform operand.
    public func randomOperation(on v: Int, using rng: inout SplitMix64) -> ChainOperation {
        let options = ChainOperation.Kind.allCases.map { candidates($0, on: v) }.filter { !$0.isEmpty }
        return rng.pick(rng.pick(options))
    }

    /// A random operation of the given kind on `v`, or nil when the kind does not apply.
    public func randomOperation(_ kind: ChainOperation.Kind, on v: Int, using rng: inout SplitMix64) -> ChainOperation? {
        let c = candidates(kind, on: v)
        return c.isEmpty ? nil : rng.pick(c)
    }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
