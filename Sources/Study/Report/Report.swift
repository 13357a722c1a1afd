import DataFiles
import Foundation

/// `scaling report`: one section per experiment, our numbers next to the paper's finding, and whether the
/// miniature reproduces it, with the measured effect, its 95% interval (the nested bootstrap of `ReportData.measure`)
/// and the seeds and questions behind it. Findings the miniature does not reproduce are reported as such, not left
/// out. The verdict rules are fixed before a run (docs/statistics.md): `Verdict`.
///
/// This file renders the Markdown; each experiment's tables and findings come from its declaration
/// (`ExperimentDesign.report`, Sources/Study/Experiments), the statistics from `ReportData`, the verdicts from
/// `Verdict`.
public enum Report {
    /// The report as Markdown.
    public static func markdown(_ study: StudyDirectory, toolVersion: String) -> String {
        let data = ReportData(study: study)
        let c = study.config
        var out = "# Study \(c.name): the paper's findings in miniature\n\n"
        if !c.description.isEmpty { out += c.description + "\n\n" }
        out += "Made by scaling \(toolVersion) from \(study.path): \(data.entries.count) runs done, \(data.failed.count) failed, "
        out += "\(data.missing.count) not run. Test sets: \(c.eval.testSize) held-out questions per domain (1-4 steps); "
        out += "N = \(c.eval.samples) samples at T = \(c.eval.temperature) plus greedy decoding. Pretraining: "
        out += "\(Format.count(Double(c.pretrain.tokens))) tokens per base on \(c.pretrain.domains.map(\.rawValue).joined(separator: " + ")) text. "
        out += "Values are means over pretraining seeds of means over SFT seeds; intervals are 95% percentile intervals "
        out += "of a nested bootstrap (pretraining seeds, then SFT seeds, then the test questions, the same questions "
        out += "for every arm, so differences are paired; ± in the tables is half the interval). A finding is reproduced "
        out += "(yes) when the interval of its effect lies on the paper's side of zero, not (no) when it lies on the "
        out += "other side, and inconclusive otherwise; \"about equal\" claims need the interval inside "
        out += String(format: "±%.2f. A ", Verdict.equivalenceMargin)
        out += "comparison resting on one seed (one pretraining seed for model sizes) is a single-seed result, never "
        out += "yes or no. \"seeds\" gives pretraining x SFT seeds and test questions behind each effect.\n\n"
        var findings: [Finding] = []
        var sections = ""
        for experiment in c.experiments {
            let (text, found) = section(experiment.id, data: data)
            sections += text
            findings += found
        }
        out += basesSection(data)
        out += "## Summary\n\n"
        out += table(["experiment", "paper's finding", "paper", "miniature (effect, 95%)", "seeds", "reproduced"],
                     findings.map { [$0.experiment, $0.claim, $0.paper, $0.effect, $0.basis, $0.verdict.rawValue] })
        out += "\n" + sections
        if !data.failed.isEmpty {
            out += "## Failed runs\n\n" + table(["run", "what", "reason"], data.failed.map { [$0.0.hash, $0.0.label, $0.1] }) + "\n"
        }
        return out
    }

    /// One row per base (model size x pretraining seed): its pretraining loss and arithmetic probe. A base below
    /// `Probe.pastJump` is flagged, not dropped (choosing seeds by outcome would be tuning): comparisons with a base
    /// before or in its arithmetic jump measure the jump, not the model size.
    static func basesSection(_ data: ReportData) -> String {
        var rows: [[String]] = [], warnings = ""
        let bases = StudyPlan.bases(of: data.entries.map(\.run)).sorted { ($0.model, $0.pretrain.seed) < ($1.model, $1.pretrain.seed) }
        for base in bases {
            guard let e = data.entries.first(where: { $0.run.base.hash == base.hash }) else { continue }
            let probe = e.record.extra["base_probe_units_digit"].flatMap(FieldReader.number)
            let loss = e.record.extra["base_final_loss"].flatMap(FieldReader.number)
            rows.append([base.model.name, String(base.pretrain.seed), e.record.params.map { Format.count(Double($0)) } ?? "-", base.hash,
                         loss.map { String(format: "%.3f", $0) } ?? "-", probe.map { String(format: "%.3f", $0) } ?? "-"])
            if let probe, probe < Probe.pastJump {
                warnings += "**\(base.model.name) (pretraining seed \(base.pretrain.seed)) is not clearly past its arithmetic jump** "
                    + String(format: "(units-digit probe %.3f < %.2f): ", probe, Probe.pastJump)
                warnings += "it stays in the study (seeds are not chosen by outcome), but comparisons with this base measure where its jump happened as much as its size.\n\n"
            }
        }
        guard !rows.isEmpty else { return "" }
        return "## Base models\n\nPretrained once per model size and pretraining seed; the probe is the teacher-forced accuracy of the units digit of "
            + "2-digit sums and differences (chance 0.1, past the jump >= \(Probe.pastJump)).\n\n"
            + table(["model", "pretraining seed", "params", "base", "final pretraining loss", "units-digit probe"], rows) + "\n" + warnings
    }

    /// One experiment's section: heading, the paper's finding, the experiment's tables (`ExperimentDesign.report`;
    /// a generic table of runs for an experiment the registry does not know) and its findings.
    static func section(_ id: String, data: ReportData) -> (String, [Finding]) {
        let design = ExperimentRegistry.design(id)
        let runs = data.runs(id)
        var out = "## \(id)\(design.map { ": " + $0.title } ?? "")\n\n"
        if let note = design?.paperFinding { out += "Paper: \(note)\n\n" }
        guard !runs.isEmpty else { return (out + "No finished runs yet.\n\n", []) }
        var section = ReportSection(id: id, data: data, runs: runs)
        if let design {
            design.report(&section)
        } else {
            let n = section.samples
            section.text += table(["run", "SFT size", "greedy", "Pass@\(n)", "PassRatio@\(n)"], runs.map { e in
                [e.run.label, String(e.run.size), section.cell(.greedyAccuracy, [e]), section.cell(.passAtN, [e]), section.cell(.passRatioAtN, [e])]
            }) + "\n"
        }
        out += section.text
        if !section.findings.isEmpty {
            out += table(["finding", "paper", "miniature (effect, 95%)", "seeds", "reproduced"],
                         section.findings.map { [$0.claim, $0.paper, $0.effect, $0.basis, $0.verdict.rawValue] }) + "\n"
        }
        return (out, section.findings)
    }

    /// An SFT size in a table: 0 is the base model.
    static func sizeText(_ size: Int) -> String { size == 0 ? "0 (base)" : String(size) }

    /// A Markdown table (cells' `|` escaped).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        return out
    }
}
