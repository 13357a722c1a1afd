import Arguments
import DataFiles

/// `scaling sweep`: Run a scaling study (train, evaluate, record metrics).
enum SweepCommand: Command {
    static let spec = CommandSpec(name: "sweep", abstract: "Run a scaling study (train, evaluate, record metrics).")
    static func run(_ arguments: ParsedArguments) throws {
        throw ToolError("'scaling sweep' is not implemented yet")
    }
}
