import Arguments
import DataFiles

/// `scaling plot`: Render figures through gnuplot.
enum PlotCommand: Command {
    static let spec = CommandSpec(name: "plot", abstract: "Render figures through gnuplot.")
    static func run(_ arguments: ParsedArguments) throws {
        throw ToolError("'scaling plot' is not implemented yet")
    }
}
