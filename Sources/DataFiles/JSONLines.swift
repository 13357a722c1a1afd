import Foundation

/// One JSON object per line (JSONL), each remembering its line number. Blank lines are skipped.
public struct JSONLines {
    public struct Record {
        /// 1-based line number in the file.
        public var line: Int
        public var object: [String: Any]
    }

    public var file: String
    public var records: [Record]

    /// Parses JSONL text. A line that is not a JSON object is an `InputError` naming its line.
    public init(parsing text: String, file: String) throws {
        self.file = file
        records = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespaceSubstring()
            if line.isEmpty { continue }
            records.append(Record(line: lineNumber, object: try JSONLines.object(from: String(line), file: file, line: lineNumber)))
        }
    }

    /// Decodes one JSON object: a line of a JSONL file (`line` given), or a whole file's text, pretty-printed
    /// or not. Throws an `InputError` naming the file (and line); a whole file's error says where it broke.
    public static func object(from text: String, file: String, line lineNumber: Int? = nil) throws -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            let detail = lineNumber == nil ? (error as NSError).userInfo["NSDebugDescription"] as? String : nil
            throw InputError(file: file, line: lineNumber, "malformed JSON" + (detail.map { ": \($0)" } ?? ""))
        }
        guard let object = parsed as? [String: Any] else {
            throw InputError(file: file, line: lineNumber, "expected a JSON object")
        }
        return object
    }

    /// Reads a file that holds one JSON object (a config, a sidecar), or throws an `InputError` naming it.
    public static func object(fromFile path: String) throws -> [String: Any] {
        try object(from: try FileIO.readText(path), file: path)
    }

    /// True for a decoded JSON `true`/`false` (or a Swift `Bool`). (`value is Bool` is not a test: on Linux it is
    /// also true for the numbers 0 and 1, which JSONSerialization decodes as NSNumber too.)
    public static func isBoolean(_ value: Any) -> Bool {
        if type(of: value) == Bool.self { return true }
        guard let n = value as? NSNumber else { return false }
        return String(cString: n.objCType) == "c"
    }

    /// The exact Double of a decoded JSON number (nil for anything else, booleans included; may be infinite).
    /// Foundation decodes long numbers as NSDecimalNumber, whose `doubleValue` can be an ulp off
    /// (1.3860014354987122e-05 read as ...125e-05); its decimal text parses to the nearest Double.
    public static func double(_ value: Any) -> Double? {
        if isBoolean(value) { return nil }
        if let decimal = value as? NSDecimalNumber { return Double(decimal.stringValue) ?? decimal.doubleValue }
        return (value as? NSNumber)?.doubleValue
    }

    /// A decoded JSON number that is finite (nil for anything else, booleans included).
    public static func finiteDouble(_ value: Any) -> Double? {
        double(value).flatMap { $0.isFinite ? $0 : nil }
    }

    /// Encodes a JSON object as one line with sorted keys (stable output).
    public static func line(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

extension JSONLines.Record {
    /// A required string field, or an `InputError` naming the field.
    public func string(_ key: String, file: String) throws -> String {
        guard let value = object[key] else { throw InputError(file: file, line: line, field: key, "missing") }
        guard let s = value as? String else { throw InputError(file: file, line: line, field: key, "expected a string") }
        return s
    }

    /// A required finite number field, or an `InputError` naming the field.
    public func number(_ key: String, file: String) throws -> Double {
        guard let value = object[key] else { throw InputError(file: file, line: line, field: key, "missing") }
        if JSONLines.isBoolean(value) { throw InputError(file: file, line: line, field: key, "expected a number, found a boolean") }
        guard let d = JSONLines.double(value) else { throw InputError(file: file, line: line, field: key, "expected a number") }
        guard d.isFinite else { throw InputError(file: file, line: line, field: key, "not a finite number") }
        return d
    }
}

extension Substring {
    func trimmingWhitespaceSubstring() -> Substring {
        guard let start = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let end = lastIndex(where: { !$0.isWhitespace })!
        return self[start...end]
    }
}
