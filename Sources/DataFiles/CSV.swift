import Foundation

/// A CSV table read from a file: a header row and data rows, each row remembering its line number.
///
/// Fields are comma separated; a field may be quoted with `"` (a doubled `""` is a literal quote), and quoted
/// fields may contain commas and newlines. Blank lines are skipped.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        /// 1-based line in the file where the row starts.
        public var line: Int
        public var fields: [String]
    }

    public var file: String
    public var header: [String]
    public var rows: [Row]

    public init(file: String, header: [String], rows: [Row]) {
        self.file = file
        self.header = header
        self.rows = rows
    }

    /// Parses CSV text. Throws `InputError` on an empty file, an unterminated quote, or a row whose
    /// field count differs from the header's.
    public init(parsing text: String, file: String) throws {
        var records: [Row] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordStart = 1
        var fieldWasQuoted = false
        var chars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endRecord() {
            fields.append(field)
            let blank = fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted
            if !blank { records.append(Row(line: recordStart, fields: fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let c = pending ?? chars.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                    } else { inQuotes = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                fieldWasQuoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                continue
            case "\n":
                endRecord()
                line += 1
                recordStart = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw InputError(file: file, line: recordStart, "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }

        guard let first = records.first else { throw InputError(file: file, "empty file: no header row") }
        header = first.fields.map { $0.trimmingWhitespace() }
        self.file = file
        rows = Array(records.dropFirst())
        for row in rows where row.fields.count != header.count {
            throw InputError(file: file, line: row.line,
                             "expected \(header.count) fields as in the header, found \(row.fields.count)")
        }
    }

    /// The index of a column, or an `InputError` listing the columns there are.
    public func columnIndex(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw InputError(file: file, "no column '\(name)' (columns: \(header.joined(separator: ", ")))")
        }
        return i
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}

/// Writes CSV: quotes a field only when it contains a comma, quote or newline.
public enum CSVWriter {
    public static func escape(_ field: String) -> String {
        if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    /// One CSV line (without the newline).
    public static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",")
    }

    /// A whole CSV document: header plus rows, each line ending in a newline.
    public static func document(header: [String], rows: [[String]]) -> String {
        var out = line(header) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
