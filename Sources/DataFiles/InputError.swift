/// A problem with a user's input file, reported as one line that names the file, line and field.
///
/// `description` reads like a compiler diagnostic: `data.csv:12: column 'y': not a number: "abc"`.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    /// 1-based line number in the file, when the problem is on one line.
    public var line: Int?
    /// The column or field the problem is in, when there is one.
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let field { return "\(location): field '\(field)': \(message)" }
        return "\(location): \(message)"
    }
}

/// An error in what the user asked for (a bad value, an impossible request), as one line.
public struct ToolError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
