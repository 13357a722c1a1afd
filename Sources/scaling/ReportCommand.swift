import Arguments
import DataFiles

/// `scaling report`: Summarise a study against the paper's findings.
enum ReportCommand: Command {
    static let spec = CommandSpec(name: "report", abstract: "Summarise a study against the paper's findings.")
    static func run(_ arguments: ParsedArguments) throws {
        throw ToolError("'scaling report' is not implemented yet")
    }
}
