import DataFiles
import Foundation

/// Reads one JSON object of a config file field by field, so every error names the file and the field's path
/// (`config.json: field 'sft.sizes[2]': expected a non-negative integer`). Unknown keys are errors too: a typo
/// (`"sedes"`) must not silently fall back to a default.
struct FieldReader {
    let file: String
    let path: String
    let object: [String: Any]

    init(file: String, path: String, object: [String: Any]) {
        self.file = file
        self.path = path
        self.object = object
    }

    /// Reads the top-level object of a JSON text.
    init(parsing text: String, file: String) throws {
        self.init(file: file, path: "", object: try JSONLines.object(from: text, file: file))
    }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ message: String) -> InputError {
        InputError(file: file, field: fieldPath(key), message)
    }

    func has(_ key: String) -> Bool { object[key] != nil && !(object[key] is NSNull) }

    /// Throws on keys outside `allowed`, naming the first unknown one and the allowed set.
    func checkKeys(_ allowed: [String]) throws {
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw InputError(file: file, field: fieldPath(key), "unknown field (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    func string(_ key: String, default value: String? = nil) throws -> String {
        guard has(key) else {
            if let value { return value }
            throw error(key, "missing")
        }
        guard let s = object[key] as? String else { throw error(key, "expected a string") }
        return s
    }

    /// One of `allowed`, named by its raw value (`"data": "synthetic"`); any other name is an error naming it and
    /// the allowed ones.
    func choice<Choice: RawRepresentable<String>>(_ key: String, default value: Choice? = nil, among allowed: [Choice]) throws -> Choice {
        let name = try string(key, default: value?.rawValue)
        return try FieldReader.choice(name, among: allowed) ?? { throw error(key, FieldReader.notAmong(name, allowed)) }()
    }

    func bool(_ key: String, default value: Bool? = nil) throws -> Bool {
        guard has(key) else {
            if let value { return value }
            throw error(key, "missing")
        }
        guard JSONLines.isBoolean(object[key]!), let n = object[key] as? NSNumber else { throw error(key, "expected true or false") }
        return n.boolValue
    }

    func int(_ key: String, default value: Int? = nil, minimum: Int = 1) throws -> Int {
        guard has(key) else {
            if let value { return value }
            throw error(key, "missing")
        }
        return try FieldReader.integer(object[key]!, minimum: minimum) ?? { throw error(key, FieldReader.integerMessage(minimum)) }()
    }

    func double(_ key: String, default value: Double? = nil, range: ClosedRange<Double>, openLow: Bool = false) throws -> Double {
        guard has(key) else {
            if let value { return value }
            throw error(key, "missing")
        }
        guard let d = FieldReader.number(object[key]!) else { throw error(key, "expected a number") }
        guard range.contains(d), !(openLow && d == range.lowerBound) else {
            throw error(key, "expected a number \(openLow ? ">" : ">=") \(range.lowerBound)"
                        + (range.upperBound.isFinite ? " and <= \(range.upperBound)" : "") + ", found \(d)")
        }
        return d
    }

    func intList(_ key: String, default value: [Int]? = nil, minimum: Int = 1) throws -> [Int] {
        try list(key, default: value) { item, itemPath in
            guard let i = FieldReader.integer(item, minimum: minimum) else {
                throw InputError(file: file, field: itemPath, FieldReader.integerMessage(minimum))
            }
            return i
        }
    }

    /// A list of `choice`s.
    func choiceList<Choice: RawRepresentable<String> & Equatable>(_ key: String, default value: [Choice]? = nil,
                                                                  among allowed: [Choice]) throws -> [Choice] {
        try list(key, default: value) { item, itemPath in
            guard let name = item as? String else { throw InputError(file: file, field: itemPath, "expected a string") }
            return try FieldReader.choice(name, among: allowed) ?? { throw InputError(file: file, field: itemPath, FieldReader.notAmong(name, allowed)) }()
        }
    }

    static func choice<Choice: RawRepresentable<String>>(_ name: String, among allowed: [Choice]) -> Choice? {
        allowed.first { $0.rawValue == name }
    }

    static func notAmong<Choice: RawRepresentable<String>>(_ name: String, _ allowed: [Choice]) -> String {
        "'\(name)' is not one of \(allowed.map(\.rawValue).joined(separator: ", "))"
    }

    /// A non-empty list whose items are read by `item(value, "key[i]")`; duplicates are errors.
    func list<T: Equatable>(_ key: String, default value: [T]?, item: (Any, String) throws -> T) throws -> [T] {
        guard has(key) else {
            if let value { return value }
            throw error(key, "missing")
        }
        guard let items = object[key] as? [Any] else { throw error(key, "expected a list") }
        guard !items.isEmpty else { throw error(key, "expected a non-empty list") }
        var out: [T] = []
        for (i, raw) in items.enumerated() {
            let v = try item(raw, "\(fieldPath(key))[\(i)]")
            if out.contains(v) { throw InputError(file: file, field: "\(fieldPath(key))[\(i)]", "duplicate value") }
            out.append(v)
        }
        return out
    }

    /// A nested object, or an empty one when absent (all its fields then take defaults).
    func child(_ key: String) throws -> FieldReader {
        guard has(key) else { return FieldReader(file: file, path: fieldPath(key), object: [:]) }
        guard let o = object[key] as? [String: Any] else { throw error(key, "expected an object") }
        return FieldReader(file: file, path: fieldPath(key), object: o)
    }

    /// A list of objects (for `arms`), each read with its own indexed path.
    func children(_ key: String) throws -> [FieldReader]? {
        guard has(key) else { return nil }
        guard let items = object[key] as? [Any], !items.isEmpty else { throw error(key, "expected a non-empty list of objects") }
        return try items.enumerated().map { i, raw in
            guard let o = raw as? [String: Any] else { throw InputError(file: file, field: "\(fieldPath(key))[\(i)]", "expected an object") }
            return FieldReader(file: file, path: "\(fieldPath(key))[\(i)]", object: o)
        }
    }

    static func integerMessage(_ minimum: Int) -> String {
        minimum == 1 ? "expected a positive integer" : minimum == 0 ? "expected a non-negative integer" : "expected an integer >= \(minimum)"
    }

    static func integer(_ value: Any, minimum: Int) -> Int? {
        guard let d = number(value), d == d.rounded(), abs(d) < 1e15 else { return nil }
        let i = Int(d)
        return i >= minimum ? i : nil
    }

    static func number(_ value: Any) -> Double? { JSONLines.finiteDouble(value) }
}
