import DataFiles

/// The two problem families: GSM8K-like (`gsm`) and a harder MATH-like family (`math`).
public enum Domain: String, CaseIterable, Sendable, Hashable {
    /// Small integers, + - * and exact division.
    case gsm
    /// Larger numbers (up to 999), fractions of a value and remainders, its own templates.
    case math

    /// The domain called `name` (`gsm`, `math`); any other name is an error naming it (configs are validated
    /// first, but a wrong name must never quietly become another domain).
    public init(named name: String) throws {
        guard let domain = Domain(rawValue: name) else {
            throw ToolError("unknown domain '\(name)' (expected one of: \(Domain.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = domain
    }
}

/// Which templates and backgrounds a problem may use. Test problems use held-out templates and backgrounds,
/// so a test question is new, not a reworded training question.
public enum Split: String, CaseIterable, Sendable, Hashable {
    case train, test
}
