import Arguments
import DataFiles
import Figures
import Fits
import Foundation

/// `scaling plot fit`: points, fitted curves with 95% bands and extrapolation, through gnuplot.
enum PlotFitCommand: Command {
    static let spec = CommandSpec(
        name: "fit",
        abstract: "Plot points with fitted scaling laws, their 95% bands and extrapolation.",
        discussion: """
        Reads the same files as 'scaling fit' (CSV or JSONL) with the same checks, fits each group with
        --model (or the lowest-AIC model with --model best) and draws: the points (with error bars given by
        --yerr), the fitted curve, its 95% confidence band (shaded), and the curve continued dashed up to
        --extrapolate times the largest x. The legend shows each group's fitted formula.

        Writes OUT.png and OUT.svg plus the gnuplot script OUT.gp and its data OUT-*.dat (edit the script and
        re-render from its directory with 'gnuplot NAME.gp', or -e "fmt='svg'").

        --yerr COL: y +- COL; --yerr LOW,HIGH: error bars from LOW to HIGH (both in y's units).

        EXAMPLE (the paper's Table 1):
          scaling plot fit plots/paper-table1.csv --x sft_size --y accuracy --group dataset,data --panels dataset \\
            --model logit-power --logx --out plots/paper-table1
        """,
        positionals: [PositionalSpec("DATA", "CSV or JSONL file of points")],
        options: [
            .option("x", "COL", "column of x (data size; must be > 0)"),
            .option("y", "COL", "column of y"),
            .option("group", "COL[,COL]", "fit and draw each distinct value (combination) of these columns separately"),
            .option("model", "NAME", "power, logit-power, offset-power, or best (lowest AIC per group)", default: "power"),
            .option("yerr", "COL[,COL]", "error bars: a +- column, or LOW,HIGH bound columns"),
            .option("panels", "COL", "one panel per value of this --group column (shared legend)"),
            .option("input-format", "csv|jsonl", "input format (default: from the file extension)"),
            .flag("percent", "y is in percent: fit y/100, draw percent"),
            .option("out", "PATH", "output path without extension", default: "plots/fit"),
            .option("format", "png,svg", "image formats", default: "png,svg"),
            .flag("logx", "logarithmic x axis"),
            .flag("logy", "logarithmic y axis"),
            .option("title", "TEXT", "figure title"),
            .option("xlabel", "TEXT", "x axis label (default: the x column)"),
            .option("ylabel", "TEXT", "y axis label (default: the y column)"),
            .option("extrapolate", "FACTOR", "continue the curves dashed up to FACTOR x the largest x (1: none)", default: "4"),
            .option("size", "W,H", "image size in pixels", default: "900,560"),
            .option("theme", "light|print", "light: colour on white with a grid; print: thicker lines, bigger text", default: "light"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let path = try arguments.positional(0, name: "DATA")
        let x = try arguments.required("x"), y = try arguments.required("y")
        let groups = arguments.list("group") ?? []
        let percent = arguments.flag("percent")
        let inputFormat = try arguments.choice("input-format", as: PointFormat.self)
        var options = FitFigure.Options(xLabel: arguments.string("xlabel") ?? x,
                                        yLabel: arguments.string("ylabel") ?? (percent ? "\(y) (%)" : y))
        options.model = try modelChoice(arguments)
        options.logX = arguments.flag("logx")
        options.logY = arguments.flag("logy")
        options.percent = percent
        options.title = arguments.string("title")
        // Up to 1000x the largest x: the dashed curve past the data; far beyond it says nothing.
        options.extrapolate = try arguments.double("extrapolate", in: 1...1000) ?? 4
        if let panels = arguments.string("panels") {
            guard let index = groups.firstIndex(of: panels) else {
                throw UsageError("option '--panels': '\(panels)' must be one of the --group columns", commandPath: arguments.commandPath)
            }
            options.panelColumn = index
        }
        let writer = try PlotCommand.figureWriter(arguments)
        let size = try PlotCommand.imageSize(arguments)

        let divisor = percent ? 100.0 : 1.0
        let table = try PointTable.load(path: path, x: x, y: y, groupBy: groups, format: inputFormat, yDivisor: divisor)
        // Error columns are read like y (same rows, same groups), so they get the same checks.
        let errors = try arguments.list("yerr").map { columns -> [[(low: Double, high: Double)]] in
            guard columns.count == 1 || columns.count == 2 else {
                throw UsageError("option '--yerr': expected COL or LOW,HIGH", commandPath: arguments.commandPath)
            }
            let tables = try columns.map { try PointTable.load(path: path, x: x, y: $0, groupBy: groups, format: inputFormat, yDivisor: divisor) }
            return table.groups.indices.map { g in
                table.groups[g].y.indices.map { i in
                    columns.count == 1
                        ? (table.groups[g].y[i] - tables[0].groups[g].y[i], table.groups[g].y[i] + tables[0].groups[g].y[i])
                        : (tables[0].groups[g].y[i], tables[1].groups[g].y[i])
                }
            }
        }
        let fits = try FitFigure(groups: table.groups, errors: errors, options: options)

        let out = arguments.string("out") ?? "plots/fit"
        let url = URL(fileURLWithPath: out)
        let directory = url.deletingLastPathComponent().path, name = url.lastPathComponent
        let output = try writer.write(fits.figure(name: name, size: size), to: directory)
        for warning in output.warnings { StandardError.write("gnuplot: \(warning)\n") }
        for s in fits.series {
            print("\(s.group.name): \(s.fit.model.rawValue): \(s.fit.formula())")
        }
        print("wrote " + writer.formats.map { "\(out).\($0.rawValue)" }.joined(separator: " ") + " (script \(out).gp)")
    }

    static func modelChoice(_ arguments: ParsedArguments) throws -> FitFigure.ModelChoice {
        let name = arguments.string("model") ?? "power"
        if name == "best" { return .best }
        guard let model = ScalingModel(rawValue: name) else {
            throw UsageError("option '--model': unknown model '\(name)' (models: "
                + ScalingModel.allCases.map(\.rawValue).joined(separator: ", ") + ", best)", commandPath: arguments.commandPath)
        }
        return .model(model)
    }
}
