import DataFiles
import Foundation
import ResultsSchema

/// One figure of the paper in miniature: drawn from one experiment's rows of metrics.csv. Each experiment declares
/// its own (`ExperimentDesign.figure` in Study); this module holds the drawing and the shared pieces.
public struct PaperFigure: Sendable {
    /// F1 ... F10.
    public var id: String
    /// The experiment (E1 ... E10) whose rows it draws.
    public var experiment: String
    /// One line: what the figure shows (for the progress line and the README gallery).
    public var caption: String
    /// Builds the figure from the experiment's rows.
    var build: @Sendable (_ rows: [MetricRecord], _ context: FigureContext) throws -> Figure
    /// The columns it needs besides experiment, metric and value.
    var columns: [MetricsColumn]
    /// Draws rows of every evaluation domain (the cross-domain matrix); other figures keep in-domain rows.
    var allEvalDomains = false

    public init(id: String, experiment: String, caption: String, columns: [MetricsColumn], allEvalDomains: Bool = false,
                build: @escaping @Sendable (_ rows: [MetricRecord], _ context: FigureContext) throws -> Figure) {
        self.id = id
        self.experiment = experiment
        self.caption = caption
        self.columns = columns
        self.allEvalDomains = allEvalDomains
        self.build = build
    }

    /// The figure of `metrics` with the intervals of `intervals`, or an `InputError` naming a missing column or
    /// experiment.
    public func figure(from metrics: StudyMetrics, intervals: any FigureIntervals, size: ImageSize? = nil) throws -> Figure {
        let rows = try metrics.experiment(experiment, columns: columns)
        var figure = try build(allEvalDomains ? rows : rows.evaluatedInDomain(), FigureContext(id: id, file: metrics.file, intervals: intervals))
        figure.name = id
        if let size { figure.size = size }
        return figure
    }
}

/// What a figure builder knows besides its rows.
public struct FigureContext {
    public var id: String
    public var file: String
    /// The intervals of its points (the report's nested bootstrap).
    public var intervals: any FigureIntervals

    /// `rows` grouped by `key` and measured: seed means and the nested-bootstrap interval (`Array.measurements`).
    public func measurements<Key: Hashable>(_ rows: [MetricRecord], by key: (MetricRecord) throws -> Key) throws -> [(key: Key, value: Measurement)] {
        try rows.measurements(by: key, intervals: intervals)
    }

    /// The error for rows that lack what the figure draws.
    public func missing(_ what: String) -> InputError {
        InputError(file: file, "\(id): \(what)")
    }

    /// The rows of `metric` (only those of fine-tuned models, data_size > 0, when `finetunedOnly`), or the
    /// error that there are none.
    public func rows(_ rows: [MetricRecord], metric: MetricName, finetunedOnly: Bool = false) throws -> [MetricRecord] {
        var selected = rows.metric(metric).filter { !$0.isUndefined }
        if finetunedOnly { selected = try selected.filter { try $0.number(.dataSize) > 0 } }
        guard !selected.isEmpty else { throw missing("no \(metric) rows" + (finetunedOnly ? " with data_size > 0" : "")) }
        return selected
    }
}

/// Drawing the experiments' figures (the list of them is Study's `ExperimentRegistry.figures`).
public enum PaperFigures {
    /// Distinct values, those in `order` first (in that order), then the rest in order of appearance.
    public static func ordered(_ values: [String], by order: [String]) -> [String] {
        var seen = Set<String>()
        let distinct = values.filter { seen.insert($0).inserted }
        return order.filter(distinct.contains) + distinct.filter { !order.contains($0) }
    }

    /// The experiments a study plans: the keys of "experiments" in STUDY_DIR/config.json, or nil when the
    /// directory has no config.json (then every figure is expected).
    public static func plannedExperiments(studyDirectory: String) throws -> Set<String>? {
        let path = studyDirectory + "/config.json"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let config = try JSONLines.object(fromFile: path)
        guard let experiments = config["experiments"] as? [String: Any] else {
            throw InputError(file: path, field: "experiments", "expected an object of experiments")
        }
        return Set(experiments.keys)
    }

    /// What became of one figure.
    public struct Outcome: Sendable {
        public var id: String
        /// Images, script and data written (empty when it failed).
        public var files: [String]
        public var warnings: [String]
        /// The one-line error when the figure could not be made.
        public var error: String?
    }

    /// Draws `figures` from `metrics` into `directory`. A figure that fails (missing column or experiment,
    /// bad value, gnuplot error) is reported in its outcome and the others are still drawn.
    public static func render(_ figures: [PaperFigure], from metrics: StudyMetrics, intervals: any FigureIntervals, to directory: String,
                              writer: FigureWriter, size: ImageSize? = nil) -> [Outcome] {
        figures.map { paper in
            do {
                let output = try writer.write(try paper.figure(from: metrics, intervals: intervals, size: size), to: directory)
                return Outcome(id: paper.id, files: output.files, warnings: output.warnings, error: nil)
            } catch {
                return Outcome(id: paper.id, files: [], warnings: [], error: "\(error)")
            }
        }
    }
}
