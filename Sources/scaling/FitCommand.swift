import Arguments
import DataFiles
import Fits

/// `scaling fit`: fits scaling laws to a CSV or JSONL of points, one fit per group and model.
enum FitCommand: Command {
    static let spec = CommandSpec(
        name: "fit",
        abstract: "Fit scaling laws to a CSV or JSONL of points.",
        discussion: """
        MODELS (--model NAME[,NAME] or all):
        \(ScalingModel.allCases.map { "  " + $0.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0) + $0.formula }.joined(separator: "\n"))
          all           every model that applies to a group's points, ranked by AIC and BIC

        power and logit-power are OLS on the fitting scale (LAPACK dgelsd); offset-power is fitted by variable
        projection (LAPACK least squares for (c, a) at fixed b, grid + Brent over b) polished by
        Levenberg-Marquardt. Standard errors: s^2 (J^T J)^-1 with s^2 = RSS/(n - p); 95% CIs use the Student t
        quantile with n - p degrees of freedom. R^2 and RSS are on the fitting scale: log (ln y), logit
        (logit y) or linear (y).
        \(FitReport.informationCriteriaNote)

        --predict gives the curve at x with a delta-method CI on the fitting scale mapped back to y;
        --target the x where the curve reaches y, with a delta-method CI on ln x (and bootstrap percentiles
        with --bootstrap). --bootstrap K resamples the points of each group K times (SplitMix64 seeded by
        --seed; the same resamples for every model) and reports 2.5/97.5 percentiles; resamples with fewer
        distinct x than parameters, or whose fit fails, are skipped and counted.

        Input: CSV with a header (quoted fields allowed) or JSONL (one object per line), by extension (.jsonl)
        or --input-format. Output fields are documented in docs/formats.md (Fit input and output).

        EXAMPLE:
          scaling fit plots/paper-table1.csv --x sft_size --y accuracy --group dataset,data --model all
        """,
        positionals: [PositionalSpec("DATA", "CSV or JSONL file of points")],
        options: [
            .option("x", "COL", "column of x (data size; must be > 0)"),
            .option("y", "COL", "column of y (accuracy, error rate, ...)"),
            .option("group", "COL[,COL]", "fit each distinct value (combination) of these columns separately"),
            .option("model", "NAME[,NAME]", "power, logit-power, offset-power, or all", default: "all"),
            .option("input-format", "csv|jsonl", "input format (default: from the file extension)"),
            .flag("percent", "y is in percent: divide it by 100 before fitting (outputs and --target are then fractions)"),
            .option("bootstrap", "K", "bootstrap resamples for percentile CIs (0: none)", default: "0"),
            .option("seed", "S", "seed of the bootstrap's generator", default: "0"),
            .option("predict", "X[,X]", "report the fitted y at these x, with a CI"),
            .option("target", "Y[,Y]", "report the x at which the fit reaches these y, with a CI"),
            .flag("holdout-largest", "refit without the largest x and report the relative error of the prediction there"),
            .option("format", "table|csv|json", "output format", default: "table"),
            .option("out", "FILE", "write the output to FILE (atomically) instead of standard output"),
        ])

    static func run(_ arguments: ParsedArguments) throws {
        let path = try arguments.positional(0, name: "DATA")
        let models = try parseModels(arguments)
        let inputFormat = try arguments.choice("input-format", among: PointFormat.allCases.map(\.rawValue))
            .flatMap(PointFormat.init(rawValue:))
        let format = try arguments.choice("format", as: FitOutputFormat.self) ?? .table
        let bootstrap = try arguments.int("bootstrap", in: OptionRange.resamples) ?? 0
        let seed = try arguments.seed("seed") ?? 0
        let predict = try arguments.doubles("predict", in: Double.leastNonzeroMagnitude...Double.greatestFiniteMagnitude) ?? []
        let table = try PointTable.load(path: path, x: try arguments.required("x"), y: try arguments.required("y"),
                                        groupBy: arguments.list("group") ?? [], format: inputFormat,
                                        yDivisor: arguments.flag("percent") ? 100 : 1)
        let request = FitRequest(models: models.list, skipInapplicable: models.all, bootstrap: bootstrap, seed: seed,
                                 predict: predict, targets: try arguments.doubles("target", in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) ?? [],
                                 holdoutLargest: arguments.flag("holdout-largest"))
        let report = try FitReport(table: table, request: request)
        if models.all, let empty = report.groups.first(where: { $0.results.isEmpty }) {
            throw ToolError("\(path): group '\(empty.group.name)': no model could be fitted: "
                + empty.skipped.map(\.reason).joined(separator: "; "))
        }
        let text = try report.rendered(format)
        if let out = arguments.string("out") {
            try FileIO.writeAtomically(text, to: out)
        } else {
            print(text, terminator: "")
        }
    }

    /// The models of `--model`: a comma-separated list of names, or `all`.
    private static func parseModels(_ arguments: ParsedArguments) throws -> (list: [ScalingModel], all: Bool) {
        let names = arguments.list("model") ?? ["all"]
        if names == ["all"] { return (ScalingModel.allCases, true) }
        let models = try names.map { name in
            guard let model = ScalingModel(rawValue: name) else {
                throw UsageError("option '--model': unknown model '\(name)' (models: "
                    + ScalingModel.allCases.map(\.rawValue).joined(separator: ", ") + ", all)", commandPath: arguments.commandPath)
            }
            return model
        }
        guard !models.isEmpty else { throw UsageError("option '--model': no model given", commandPath: arguments.commandPath) }
        return (models, false)
    }
}
