import Arguments
import DataFiles
import Study

/// `scaling report`: Summarise a study against the paper's findings.
enum ReportCommand: Command {
    static let spec = CommandSpec(
        name: "report", abstract: "Summarise a study against the paper's findings.",
        discussion: """
        Reads the study's finished runs (runs/<hash>/result.json) and prints one Markdown section per experiment:
        our numbers, the paper's finding, the measured effect with its 95% interval, and whether the miniature
        reproduces it (yes / no / inconclusive / single-seed result) with the seeds and questions behind it
        (docs/statistics.md). Also writes it to STUDY_DIR/report.md (or --out).
        """,
        positionals: [PositionalSpec("STUDY_DIR", "The study directory (e.g. notebooks-data/quick).")],
        options: [.option("out", "FILE", "Where to write the Markdown (default STUDY_DIR/report.md).")])

    static func run(_ a: ParsedArguments) throws {
        let study = try StudyDirectory(opening: try a.positional(0, name: "STUDY_DIR"))
        let text = Report.markdown(study, toolVersion: toolVersion)
        try FileIO.writeAtomically(text, to: a.string("out") ?? study.reportPath)
        print(text, terminator: "")
    }
}
