#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Exit codes of the tool: 0 success, 1 a failure while running (bad input file, failed fit), 2 a usage error.
public enum ExitCode {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 2
}

/// Parses the process arguments, runs the chosen command, and exits.
///
/// Errors become one line on standard error: usage errors (`error: ... (see '... --help')`, exit 2) and
/// any other error (`error: <description>`, exit 1). Nothing is allowed to crash the process.
public func runMain(root: any Command.Type, programName: String, version: String, arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
    do {
        switch try parse(arguments, root: root, programName: programName) {
        case .version:
            print("\(programName) \(version)")
        case .help(let text):
            print(text, terminator: "")
        case .run(let command, let parsed):
            try command.run(parsed)
        }
        exit(ExitCode.success)
    } catch let error as UsageError {
        printError("error: \(error.message) (see '\(error.commandPath) --help')")
        exit(ExitCode.usage)
    } catch {
        printError("error: \(error)")
        exit(ExitCode.failure)
    }
}

/// Writes `text` as exactly one line: a message that quotes input with line breaks keeps them as spaces.
private func printError(_ text: String) {
    let line = String(text.map { $0.isNewline ? " " : $0 }) + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
}
