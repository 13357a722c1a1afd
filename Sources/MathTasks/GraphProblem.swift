/// A GSM8K-like problem for evaluating real LLMs: named quantities in a small dependency graph. Quantity 0 is
/// given; each relation defines the next quantity from the previous one (so every derived quantity is used and
/// the number of reasoning steps is exactly the number of relations), optionally together with earlier ones,
/// which gives multi-operator steps like `16+5+9`:
///
///     Ann has 16 apples. Ben has 5 more apples than Ann. Cal has as many apples as Ann and Ben together. ...
///     Ben has 16+5 = <<16+5=21>>21 apples.
///     Cal has 21+16 = <<21+16=37>>37 apples.
///     #### 37
public struct GraphProblem: Hashable, Sendable {
    /// How a quantity is derived.
    public enum Relation: Hashable, Sendable {
        /// An operation with a given operand on the previous quantity.
        case operation(ChainOperation)
        /// The previous quantity plus earlier quantities (indices).
        case sum([Int])
        /// The previous quantity minus an earlier one, or the earlier one minus the previous (`reversed`).
        case difference(Int, reversed: Bool)
    }

    public var domain: Domain
    public var template: GraphTemplate
    /// Names of quantities 0, 1, ... (people in `gsm`, variables in `math`).
    public var names: [String]
    /// What is counted (`apples`); unused by `math` templates.
    public var object: String
    public var start: Int
    public var relations: [Relation]

    /// Number of reasoning steps: one per relation.
    public var steps: Int { relations.count }

    /// The value of every quantity, the given one first.
    public var quantities: [Int] {
        var q = [start]
        for r in relations { q.append(Self.apply(r, to: q)!) }
        return q
    }

    /// The exact value after each step.
    public var values: [Int] { Array(quantities.dropFirst()) }

    /// The value of the relation on the quantities so far, or nil when not exact or negative.
    static func apply(_ r: Relation, to q: [Int]) -> Int? {
        let last = q[q.count - 1]
        let v: Int?
        switch r {
        case .operation(let op): v = op.apply(to: last)
        case .sum(let others): v = others.reduce(last) { $0 + q[$1] }
        case .difference(let j, let reversed): v = reversed ? q[j] - last : last - q[j]
        }
        return v.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The calculator expression of relation `i` on the values so far.
    private func expression(_ i: Int, _ q: [Int]) -> String {
        let last = q[i]
        switch relations[i] {
        case .operation(let op): return op.expression(on: last)
        case .sum(let others): return ([last] + others.map { q[$0] }).map(String.init).joined(separator: "+")
        case .difference(let j, let reversed): return reversed ? "\(q[j])-\(last)" : "\(last)-\(q[j])"
        }
    }

    private func fields(_ i: Int) -> [(key: String, value: String)] {
        var f: [(key: String, value: String)] = [("name", names[i + 1]), ("prev", names[i]), ("object", object)]
        switch relations[i] {
        case .operation(let op): f += op.placeholders
        case .sum(let others): f.append(("all", GraphTemplate.list([names[i]] + others.map { names[$0] })))
        case .difference(let j, _): f.append(("other", names[j]))
        }
        return f
    }

    private func phrasing(_ i: Int) -> Phrasing {
        switch relations[i] {
        case .operation(let op): template.operations[op.kind]!
        case .sum: template.sum
        case .difference(_, let reversed): reversed ? template.reversedDifference : template.difference
        }
    }

    /// The question: the given quantity, one sentence per relation, and the question about the last quantity.
    public var question: String {
        var parts = [fill(template.opening, [("name", names[0]), ("object", object), ("v", String(start))])]
        for i in relations.indices { parts.append(fill(phrasing(i).fact, fields(i))) }
        parts.append(fill(template.question, [("name", names[steps]), ("object", object)]))
        return parts.joined(separator: " ")
    }

    /// The reference solution: one line per relation, `<subject> <expr> = <<expr=v>>v<unit>.`, then `#### v`.
    public var answer: String {
        let q = quantities
        let lines = relations.indices.map { i -> String in
            let e = expression(i, q)
            return fill(phrasing(i).restatement, fields(i)) + " \(e) = <<\(e)=\(q[i + 1])>>\(q[i + 1])"
                + fill(template.unit, [("object", object)]) + "."
        }
        return (lines + ["#### \(q[steps])"]).joined(separator: "\n")
    }

    /// The record in GSM8K's schema with metadata (`template` is e.g. `gsm-graph-2`).
    public func record(id: String, method: String = "real") -> TaskRecord {
        TaskRecord(question: question, answer: answer, id: id, domain: domain.rawValue, template: template.id,
                   steps: steps, method: method, stepValues: values.map(String.init))
    }
}
