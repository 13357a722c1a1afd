/// Exact evaluation of calculator expressions such as `16-3-4`, `(-17)+43`, `80000*1.5`, `2*20*.01`, `50%*8`.
///
/// Grammar (spaces allowed between tokens):
///
///     expression := term (('+' | '-') term)*
///     term       := unary (('*' | '/' | '×' | '÷') unary)*
///     unary      := ('-' | '+') unary | primary '%'?
///     primary    := decimal | '(' expression ')'
///
/// `-` may also be the typographic minus U+2212; `%` divides by 100. Nesting (parentheses and unary signs) is
/// limited to `Expression.maximumDepth` so adversarial input cannot exhaust the stack. Any syntax error, division
/// by zero or overflow gives nil.
public enum Expression {
    public static let maximumDepth = 64

    /// The exact value of `text`, or nil when it is not a well-formed expression.
    public static func evaluate(_ text: String) -> Rational? {
        withBytes(text) { evaluate($0, 0, $0.count) }
    }

    /// The exact value of `s[start..<end]`, which must be one whole expression.
    static func evaluate(_ s: Bytes, _ start: Int, _ end: Int) -> Rational? {
        var parser = Parser(s: s, i: start, end: end)
        guard let value = parser.expression() else { return nil }
        parser.skipSpaces()
        return parser.i == end ? value : nil
    }

    private enum Operator {
        case add, subtract, multiply, divide

        /// `a op b`, nil on division by zero or overflow.
        func apply(_ a: Rational, _ b: Rational) -> Rational? {
            switch self {
            case .add: return a.adding(b)
            case .subtract: return a.subtracting(b)
            case .multiply: return a.multiplied(by: b)
            case .divide: return a.divided(by: b)
            }
        }
    }

    private struct Parser {
        let s: Bytes
        var i: Int
        let end: Int
        var depth = 0

        mutating func skipSpaces() {
            while i < end, isSpace(s[i]) { i += 1 }
        }

        /// The operator at `i` (not consumed) and its length in bytes.
        func peekOperator() -> (Operator, Int)? {
            guard i < end else { return nil }
            switch s[i] {
            case UInt8(ascii: "+"): return (.add, 1)
            case UInt8(ascii: "-"): return (.subtract, 1)
            case UInt8(ascii: "*"): return (.multiply, 1)
            case UInt8(ascii: "/"): return (.divide, 1)
            case 0xC3 where i + 1 < end && s[i + 1] == 0x97: return (.multiply, 2)  // ×
            case 0xC3 where i + 1 < end && s[i + 1] == 0xB7: return (.divide, 2)    // ÷
            case 0xE2 where i + 2 < end && isUnicodeMinus(s, i): return (.subtract, 3)
            default: return nil
            }
        }

        mutating func expression() -> Rational? { chain(of: { $0.term() }, joinedBy: (.add, .subtract)) }

        mutating func term() -> Rational? { chain(of: { $0.unary() }, joinedBy: (.multiply, .divide)) }

        /// One precedence level: operands joined by its two operators, evaluated left to right.
        mutating func chain(of operand: (inout Parser) -> Rational?, joinedBy level: (Operator, Operator)) -> Rational? {
            guard var value = operand(&self) else { return nil }
            while true {
                skipSpaces()
                guard let (op, length) = peekOperator(), op == level.0 || op == level.1 else { return value }
                i += length
                guard let rhs = operand(&self), let next = op.apply(value, rhs) else { return nil }
                value = next
            }
        }

        mutating func unary() -> Rational? {
            skipSpaces()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Expression.maximumDepth else { return nil }
            if let (op, length) = peekOperator(), op == .add || op == .subtract {
                i += length
                guard let operand = unary() else { return nil }
                return op == .add ? operand : operand.negated()
            }
            guard var value = primary() else { return nil }
            skipSpaces()
            if i < end, s[i] == UInt8(ascii: "%") {
                i += 1
                guard let percent = value.divided(by: Rational(100)!) else { return nil }
                value = percent
            }
            return value
        }

        mutating func primary() -> Rational? {
            guard i < end else { return nil }
            if s[i] == UInt8(ascii: "(") {
                i += 1
                guard let value = expression() else { return nil }
                skipSpaces()
                guard i < end, s[i] == UInt8(ascii: ")") else { return nil }
                i += 1
                return value
            }
            guard let literal = DecimalLiteral.scan(s, at: i, end: end) else { return nil }
            i = literal.end
            return literal.rational
        }
    }
}
