/// A mistake in how the tool was called: reported as one line plus a usage hint, exit code 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// The full command path (`scaling fit`), for the "see --help" hint.
    public var commandPath: String

    public init(_ message: String, commandPath: String) {
        self.message = message
        self.commandPath = commandPath
    }

    public var description: String { message }
}

/// The arguments of one command after parsing, with typed accessors that throw `UsageError`.
public struct ParsedArguments: Sendable {
    public var commandPath: String
    public var positionals: [String]
    public var values: [String: String]
    public var flags: Set<String>

    public init(commandPath: String, positionals: [String] = [], values: [String: String] = [:], flags: Set<String> = []) {
        self.commandPath = commandPath
        self.positionals = positionals
        self.values = values
        self.flags = flags
    }

    func error(_ message: String) -> UsageError { UsageError(message, commandPath: commandPath) }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of an option, or nil when absent (defaults are filled in by the parser).
    public func string(_ name: String) -> String? { values[name] }

    /// The value of an option that must be present.
    public func required(_ name: String) throws -> String {
        guard let v = values[name] else { throw error("missing required option '--\(name)'") }
        return v
    }

    /// An integer option, or nil when absent.
    public func int(_ name: String) throws -> Int? {
        guard let v = values[name] else { return nil }
        guard let i = Int(v) else { throw error("option '--\(name)': expected an integer, got '\(v)'") }
        return i
    }

    /// A finite floating-point option, or nil when absent.
    public func double(_ name: String) throws -> Double? {
        guard let v = values[name] else { return nil }
        guard let d = Double(v), d.isFinite else { throw error("option '--\(name)': expected a finite number, got '\(v)'") }
        return d
    }

    /// A comma-separated list option, or nil when absent. Empty items are dropped.
    public func list(_ name: String) -> [String]? {
        guard let v = values[name] else { return nil }
        return v.split(separator: ",").map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
    }

    /// A comma-separated list of finite numbers, or nil when absent.
    public func doubles(_ name: String) throws -> [Double]? {
        guard let items = list(name) else { return nil }
        return try items.map { item in
            guard let d = Double(item), d.isFinite else { throw error("option '--\(name)': expected numbers, got '\(item)'") }
            return d
        }
    }

    /// A comma-separated list of integers, or nil when absent.
    public func ints(_ name: String) throws -> [Int]? {
        guard let items = list(name) else { return nil }
        return try items.map { item in
            guard let i = Int(item) else { throw error("option '--\(name)': expected integers, got '\(item)'") }
            return i
        }
    }

    /// An option restricted to a set of values.
    public func choice(_ name: String, among allowed: [String]) throws -> String? {
        guard let v = values[name] else { return nil }
        guard allowed.contains(v) else {
            throw error("option '--\(name)': '\(v)' is not one of \(allowed.joined(separator: ", "))")
        }
        return v
    }

    /// An option naming one case of an enum (its raw values are the allowed names); nil when absent and without default.
    public func choice<Choice: CaseIterable & RawRepresentable>(_ name: String, as _: Choice.Type = Choice.self) throws -> Choice?
    where Choice.RawValue == String {
        try choice(name, among: Choice.allCases.map(\.rawValue)).flatMap(Choice.init(rawValue:))
    }

    /// The positional at `index`, or an error naming it.
    public func positional(_ index: Int, name: String) throws -> String {
        guard index < positionals.count else { throw error("missing argument \(name)") }
        return positionals[index]
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// What the parser decided to do.
public enum ParseOutcome {
    case run(any Command.Type, ParsedArguments)
    case help(String)
    case version
}

/// Parses `arguments` (without the program name) for a command tree rooted at `root`.
///
/// Accepted forms: `--name value`, `--name=value`, flags `--name`, `--help`/`-h` anywhere, `--` ends options.
public func parse(_ arguments: [String], root: any Command.Type, programName: String) throws -> ParseOutcome {
    var command: any Command.Type = root
    var path = programName
    var rest = arguments[...]
    // Descend into subcommands while the next word names one.
    while let word = rest.first, let sub = command.subcommands.first(where: { $0.spec.name == word }) {
        command = sub
        path += " " + word
        rest = rest.dropFirst()
    }
    if command == root, rest.first == "--version" { return .version }

    let spec = command.spec
    var parsed = ParsedArguments(commandPath: path)
    var onlyPositionals = false
    while let word = rest.first {
        rest = rest.dropFirst()
        if onlyPositionals || !word.hasPrefix("-") || word == "-" || isNegativeNumber(word) {
            parsed.positionals.append(word)
            continue
        }
        if word == "--" { onlyPositionals = true; continue }
        if word == "--help" || word == "-h" { return .help(helpText(for: command, path: path)) }
        guard word.hasPrefix("--") else {
            throw UsageError("unknown option '\(word)'", commandPath: path)
        }
        var name = String(word.dropFirst(2))
        var inlineValue: String? = nil
        if let eq = name.firstIndex(of: "=") {
            inlineValue = String(name[name.index(after: eq)...])
            name = String(name[..<eq])
        }
        guard let option = spec.options.first(where: { $0.name == name }) else {
            throw UsageError("unknown option '--\(name)'", commandPath: path)
        }
        if option.takesValue {
            if let inlineValue {
                parsed.values[name] = inlineValue
            } else if let next = rest.first, !next.hasPrefix("--") {
                parsed.values[name] = next
                rest = rest.dropFirst()
            } else {
                throw UsageError("option '--\(name)' needs a value (\(option.valueName!))", commandPath: path)
            }
        } else {
            if inlineValue != nil { throw UsageError("flag '--\(name)' takes no value", commandPath: path) }
            parsed.flags.insert(name)
        }
    }
    for option in spec.options where option.takesValue && parsed.values[option.name] == nil {
        if let d = option.defaultValue { parsed.values[option.name] = d }
    }
    let required = spec.positionals.filter { !$0.optional }.count
    let repeating = spec.positionals.contains { $0.repeating }
    if parsed.positionals.count < required {
        let missing = spec.positionals.filter { !$0.optional }[parsed.positionals.count]
        throw UsageError("missing argument \(missing.name)", commandPath: path)
    }
    if !repeating && parsed.positionals.count > spec.positionals.count {
        let extra = parsed.positionals[spec.positionals.count]
        if !command.subcommands.isEmpty && spec.positionals.isEmpty {
            throw UsageError("unknown command '\(extra)'", commandPath: path)
        }
        throw UsageError("unexpected argument '\(extra)'", commandPath: path)
    }
    return .run(command, parsed)
}

private func isNegativeNumber(_ word: String) -> Bool {
    word.count > 1 && word.hasPrefix("-") && Double(word) != nil
}

/// The `--help` text of a command: usage, subcommands, arguments, options, discussion.
public func helpText(for command: any Command.Type, path: String) -> String {
    let spec = command.spec
    var usage = "USAGE: \(path)"
    if !command.subcommands.isEmpty && spec.positionals.isEmpty { usage += " <command>" }
    for p in spec.positionals {
        let word = p.repeating ? "\(p.name) ..." : p.name
        usage += p.optional ? " [\(word)]" : " \(word)"
    }
    if !spec.options.isEmpty { usage += " [options]" }
    var out = "OVERVIEW: \(spec.abstract)\n\n\(usage)\n"
    if !command.subcommands.isEmpty {
        out += "\nCOMMANDS:\n"
        for sub in command.subcommands {
            out += "  " + sub.spec.name.padding(to: 14) + sub.spec.abstract + "\n"
        }
        out += "\n  See '\(path) <command> --help' for a command's options.\n"
    }
    if !spec.positionals.isEmpty {
        out += "\nARGUMENTS:\n"
        for p in spec.positionals { out += "  " + p.name.padding(to: 22) + p.help + "\n" }
    }
    var options = spec.options
    options.append(.flag("help", "Show this help."))
    out += "\nOPTIONS:\n"
    for o in options {
        let left = "--\(o.name)" + (o.valueName.map { " \($0)" } ?? "")
        var help = o.help
        if let d = o.defaultValue { help += " (default: \(d))" }
        if left.count >= 22 {
            out += "  \(left)\n" + String(repeating: " ", count: 24) + help + "\n"
        } else {
            out += "  " + left.padding(to: 22) + help + "\n"
        }
    }
    if !spec.discussion.isEmpty { out += "\n" + spec.discussion.trimmingCharacters() + "\n" }
    return out
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
