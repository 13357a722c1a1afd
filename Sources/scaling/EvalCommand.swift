import Arguments
import DataFiles

/// `scaling eval`: Score model samples on GSM8K-style problems.
enum EvalCommand: Command {
    static let spec = CommandSpec(name: "eval", abstract: "Score model samples on GSM8K-style problems.")
    static func run(_ arguments: ParsedArguments) throws {
        throw ToolError("'scaling eval' is not implemented yet")
    }
}
