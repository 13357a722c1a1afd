/// A command-line option: `--name VALUE` (or `--name=VALUE`), or a flag `--name` that takes no value.
public struct OptionSpec: Sendable {
    public var name: String
    /// The placeholder shown in help (`N`, `FILE`); nil for a flag that takes no value.
    public var valueName: String?
    public var help: String
    /// The value used when the option is absent, shown in help as `(default: ...)`.
    public var defaultValue: String?

    /// An option that takes a value.
    public static func option(_ name: String, _ valueName: String, _ help: String, default defaultValue: String? = nil) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, defaultValue: defaultValue)
    }

    /// A flag without a value.
    public static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, defaultValue: nil)
    }

    public var takesValue: Bool { valueName != nil }
}

/// A positional argument shown in the usage line.
public struct PositionalSpec: Sendable {
    public var name: String
    public var help: String
    public var optional: Bool
    /// Accepts any number of values (at the end of the list).
    public var repeating: Bool

    public init(_ name: String, _ help: String, optional: Bool = false, repeating: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
        self.repeating = repeating
    }
}

/// Everything the parser and the help text need to know about one command.
public struct CommandSpec: Sendable {
    public var name: String
    /// One line, shown in the parent's command list.
    public var abstract: String
    /// Free text shown after the options in `--help` (formulas, examples, file formats).
    public var discussion: String
    public var positionals: [PositionalSpec]
    public var options: [OptionSpec]

    public init(name: String, abstract: String, discussion: String = "", positionals: [PositionalSpec] = [], options: [OptionSpec] = []) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.positionals = positionals
        self.options = options
    }
}

/// A command of the tool. `run` is called with parsed arguments; it throws to report failure.
public protocol Command {
    static var spec: CommandSpec { get }
    /// Commands reached as `parent <name> ...`; when the first argument names none of them, this command runs.
    static var subcommands: [any Command.Type] { get }
    static func run(_ arguments: ParsedArguments) throws
}

extension Command {
    public static var subcommands: [any Command.Type] { [] }
}
