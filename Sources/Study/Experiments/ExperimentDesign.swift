import Figures

/// One experiment of the paper in miniature, declared in one file (Sources/Study/Experiments/E<k>*.swift): what it
/// runs, what it claims and what it draws. The presets, `scaling report` and `scaling plot` iterate over
/// `ExperimentRegistry.all`; docs/experiments.md says how to add one.
protocol ExperimentDesign: Sendable {
    /// The id a study config names it by (`"experiments": {"E3": ...}`) and metrics.csv's `experiment` column.
    static var id: String { get }
    /// The report's heading.
    static var title: String { get }
    /// The paper's finding, quoted in the report.
    static var paperFinding: String { get }
    /// The experiment's entry in each shipped preset that runs it: its arms (data, method, domain, ...), model
    /// sizes, SFT sizes and seeds (`seeds`: SFT seeds per arm; `pretrain_seeds`: the bases of each model size), as
    /// the config's JSON (docs/study-config.md), one line per row as it appears in the preset, indented by 4.
    static var presets: [Presets.Name: String] { get }
    /// Its tables and findings: what is compared, the paper's value and the verdict rule (`Report.Verdict`).
    static func report(_ section: inout ReportSection)
    /// Its figure: which rows of metrics.csv it draws and how.
    static var figure: PaperFigure { get }
}

/// The experiments the toolkit knows, in order. A study may name others: they run, and the report lists their
/// runs without findings.
public enum ExperimentRegistry {
    static let all: [any ExperimentDesign.Type] = [
        E1PassCurves.self, E2RealVsSynthetic.self, E3ModelSize.self, E4StepAccuracy.self, E5ErrorTypes.self,
        E6SynthesisMethods.self, E7Verification.self, E8CrossDomain.self, E9Contamination.self, E10Resampling.self,
    ]

    /// The experiment with this id.
    static func design(_ id: String) -> (any ExperimentDesign.Type)? { all.first { $0.id == id } }

    /// The ids, in order.
    public static var ids: [String] { all.map { $0.id } }

    /// The figures `scaling plot STUDY_DIR` draws, one per experiment, in order.
    public static var figures: [PaperFigure] { all.map { $0.figure } }

    /// The figure with this id (F1 ... F10), case-insensitive.
    public static func figure(named id: String) -> PaperFigure? {
        figures.first { $0.id.lowercased() == id.lowercased() }
    }

    /// An experiment's design in a preset as the study config reads it: its arms with their model sizes, SFT sizes,
    /// SFT seeds and pretraining seeds (nil when the preset does not run it).
    public static func design(_ id: String, preset: Presets.Name) throws -> Experiment? {
        let config = try StudyConfig(parsing: Presets.text(preset.rawValue)!, file: "preset '\(preset.rawValue)'")
        return config.experiments.first { $0.id == id }
    }
}
