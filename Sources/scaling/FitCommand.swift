import Arguments
import DataFiles

/// `scaling fit`: Fit scaling laws to a CSV or JSONL of points.
enum FitCommand: Command {
    static let spec = CommandSpec(name: "fit", abstract: "Fit scaling laws to a CSV or JSONL of points.")
    static func run(_ arguments: ParsedArguments) throws {
        throw ToolError("'scaling fit' is not implemented yet")
    }
}
