import Arguments
import DataFiles
import Figures
import Foundation
import Study

/// `scaling plot STUDY_DIR`: the paper's figures from a study's metrics.csv; `scaling plot fit`: one fit figure.
enum PlotCommand: Command {
    static let spec = CommandSpec(
        name: "plot",
        abstract: "Render figures through gnuplot: the paper's figures from a study, or a fit (plot fit).",
        discussion: """
        Draws one figure per experiment from STUDY_DIR/metrics.csv (it never re-runs anything). Each point is the
        mean over pretraining seeds of the mean over SFT seeds; its error bar is the 95% interval of 'scaling report'
        (nested bootstrap: pretraining seeds, SFT seeds, test questions, from the runs' per-question records), and
        with two or more pretraining seeds each seed's own mean is drawn pale behind it. A caption line says what
        the bars cover; points on one seed are marked as such.
        \(ExperimentRegistry.figures.map { "  \($0.id.padding(toLength: 4, withPad: " ", startingAt: 0)) (\($0.experiment)) \($0.caption)" }.joined(separator: "\n"))
        Each figure is written as OUT/Fk.png and OUT/Fk.svg, with the gnuplot script OUT/Fk.gp and its data
        OUT/Fk-*.dat: edit the script and re-render from OUT with 'gnuplot Fk.gp' (or -e "fmt='svg'").
        Without --only, the figures of the experiments in STUDY_DIR/config.json are drawn (all ten when there
        is no config). A figure whose data is missing (a column, an experiment) is reported and the others are
        still drawn; the exit code is then 1. Set SCALING_GNUPLOT to use a gnuplot that is not on PATH.

        EXAMPLES:
          scaling plot notebooks-data/quick --out plots
          scaling plot notebooks-data/paper --only F1,F3 --theme print --size 1200,740
        """,
        positionals: [PositionalSpec("STUDY_DIR", "a study directory holding metrics.csv (written by 'scaling sweep')")],
        options: [
            .option("out", "DIR", "directory for the figures", default: "plots"),
            .option("format", "png,svg", "image formats", default: "png,svg"),
            .option("only", "F1,F3", "draw only these figures"),
            .option("size", "W,H", "image size in pixels", default: "900,560"),
            .option("theme", "light|print", "light: colour on white with a grid; print: thicker lines, bigger text", default: "light"),
        ])

    static var subcommands: [any Command.Type] { [PlotFitCommand.self] }

    static func run(_ arguments: ParsedArguments) throws {
        let study = try arguments.positional(0, name: "STUDY_DIR")
        var figures = try selectedFigures(arguments)
        // Without --only, a study draws the figures of the experiments its config plans (quick: E1-E4).
        if arguments.list("only") == nil, let planned = try PaperFigures.plannedExperiments(studyDirectory: study) {
            let skipped = figures.filter { !planned.contains($0.experiment) }
            figures = figures.filter { planned.contains($0.experiment) }
            if !skipped.isEmpty {
                StandardError.write("not planned by \(study)/config.json, not drawn: \(skipped.map(\.id).joined(separator: ", "))\n")
            }
        }
        let writer = try figureWriter(arguments)
        let size = try imageSize(arguments)
        let out = arguments.string("out") ?? "plots"
        let metricsPath = study + "/metrics.csv"
        guard FileManager.default.fileExists(atPath: metricsPath) else {
            throw InputError(file: metricsPath, "no such file (run 'scaling sweep' to make the study first)")
        }
        let metrics = try StudyMetrics(path: metricsPath)
        let intervals = try StudyIntervals(studyDirectory: study)
        var failed: [String] = []
        for figure in figures {
            let outcome = PaperFigures.render([figure], from: metrics, intervals: intervals, to: out, writer: writer, size: size)[0]
            if let error = outcome.error {
                failed.append(figure.id)
                StandardError.write("\(figure.id): not drawn: \(error)\n")
                continue
            }
            for warning in outcome.warnings { StandardError.write("\(figure.id): gnuplot: \(warning)\n") }
            let images = writer.formats.map { "\(out)/\(figure.id).\($0.rawValue)" }
            print("\(figure.id.padding(toLength: 4, withPad: " ", startingAt: 0)) \(images.joined(separator: " "))  \(figure.caption)")
        }
        if !failed.isEmpty {
            throw ToolError("\(failed.count) of \(figures.count) figures not drawn: \(failed.joined(separator: ", ")) (reasons above)")
        }
    }

    /// The figures of `--only` (all by default).
    static func selectedFigures(_ arguments: ParsedArguments) throws -> [PaperFigure] {
        guard let ids = arguments.list("only") else { return ExperimentRegistry.figures }
        return try ids.map { id in
            guard let figure = ExperimentRegistry.figure(named: id) else {
                throw UsageError("option '--only': unknown figure '\(id)' (figures: \(ExperimentRegistry.figures.map(\.id).joined(separator: ", ")))",
                                 commandPath: arguments.commandPath)
            }
            return figure
        }
    }

    /// gnuplot with the theme and formats of `--theme` and `--format`.
    static func figureWriter(_ arguments: ParsedArguments) throws -> FigureWriter {
        let theme = try arguments.choice("theme", as: Theme.Name.self) ?? .light
        let formats = try (arguments.list("format") ?? ["png", "svg"]).map { name in
            guard let format = ImageFormat(rawValue: name) else {
                throw UsageError("option '--format': '\(name)' is not one of png, svg", commandPath: arguments.commandPath)
            }
            return format
        }
        guard !formats.isEmpty else { throw UsageError("option '--format': no format given", commandPath: arguments.commandPath) }
        return FigureWriter(gnuplot: try Gnuplot.locate(), theme: Theme(theme), formats: formats)
    }

    /// `--size W,H`.
    static func imageSize(_ arguments: ParsedArguments) throws -> ImageSize {
        let values = try arguments.ints("size") ?? [900, 560]
        guard values.count == 2, (200...8000).contains(values[0]), (150...8000).contains(values[1]) else {
            throw UsageError("option '--size': expected W,H in pixels (200-8000 x 150-8000), got '\(arguments.string("size") ?? "")'",
                             commandPath: arguments.commandPath)
        }
        return ImageSize(width: values[0], height: values[1])
    }
}
