import Arguments
import DataFiles

/// `scaling bench`: Measure trainer and sampler speed on this machine.
enum BenchCommand: Command {
    static let spec = CommandSpec(name: "bench", abstract: "Measure trainer and sampler speed on this machine.")
    static func run(_ arguments: ParsedArguments) throws {
        throw ToolError("'scaling bench' is not implemented yet")
    }
}
