import Foundation
@testable import MathTasks

/// An independent floating-point evaluator of annotation expressions (`16-3`, `240*3/4`, `100-7*14`) with the
/// usual precedence, so the generator's integer arithmetic is checked by different code.
func evaluate(_ expression: String) -> Double? {
    var terms: [Double] = []  // summands; * and / fold into the last one
    var number = ""
    var pending: Character = "+"
    func flush() -> Bool {
        guard let x = Double(number) else { return false }
        number = ""
        switch pending {
        case "+": terms.append(x)
        case "-": terms.append(-x)
        case "*": terms[terms.count - 1] *= x
        case "/": terms[terms.count - 1] /= x
        default: return false
        }
        return true
    }
    for c in expression {
        if c.isNumber { number.append(c); continue }
        guard "+-*/".contains(c), flush() else { return nil }
        pending = c
    }
    return flush() ? terms.reduce(0, +) : nil
}

/// Every `<<expression=result>>` annotation of a solution, as strings.
func annotations(_ solution: String) -> [(expression: String, result: String)] {
    var out: [(String, String)] = []
    var rest = solution[...]
    while let open = rest.range(of: "<<"), let close = rest[open.upperBound...].range(of: ">>") {
        let body = rest[open.upperBound..<close.lowerBound]
        if let eq = body.lastIndex(of: "=") { out.append((String(body[..<eq]), String(body[body.index(after: eq)...]))) }
        rest = rest[close.upperBound...]
    }
    return out
}

/// The number after `#### ` on the last line.
func finalAnswer(_ solution: String) -> String? {
    guard let last = solution.split(separator: "\n").last, last.hasPrefix("#### ") else { return nil }
    return String(last.dropFirst(5))
}
