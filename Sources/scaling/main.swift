import Arguments
import Foundation
import Transformer

/// The tool's version, printed by `scaling --version` and stored in every study directory.
let toolVersion = "0.1.0"

/// `scaling`: the root command; it only lists the subcommands.
enum ScalingCommand: Command {
    static let spec = CommandSpec(
        name: "scaling",
        abstract: "Data-scaling-law studies of math reasoning in small language models.",
        discussion: """
        Data flows one way: sweep (train + evaluate) -> notebooks-data/STUDY/metrics.csv -> fit -> plot.
        Each stage reads files, so any stage can run alone on files you bring.
        Exit codes: 0 success, 1 failure (bad input, failed fit), 2 usage error.
        """
    )
    static var subcommands: [any Command.Type] {
        [SweepCommand.self, FitCommand.self, PlotCommand.self, EvalCommand.self,
         TrainCommand.self, BenchCommand.self, ReportCommand.self, TasksCommand.self]
    }
    static func run(_ arguments: ParsedArguments) throws {
        print(helpText(for: ScalingCommand.self, path: "scaling"), terminator: "")
    }
}

// SCALING_ATTENTION and SCALING_GEMM pick the attention kernel and the GEMM engine for A/B measurements
// (docs/engine.md); a name that is not one stops here.
do {
    _ = try Attention.Kernel.fromEnvironment()
    _ = try GEMM.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

runMain(root: ScalingCommand.self, programName: "scaling", version: toolVersion)
