import DataFiles
import Foundation

/// The human-readable texts of `scaling sweep --dry-run` and `scaling sweep status`.
public enum PlanText {
    /// The plan: bases (cached or to build), runs with their estimated cost, and the totals.
    public static func dryRun(_ study: StudyDirectory, runs: [RunSpec], cost: CostModel = CostModel()) -> String {
        let experiments = Array(Set(runs.flatMap(\.experiments))).sorted(by: StudyConfig.experimentOrder)
        let bases = StudyPlan.bases(of: runs)
        var out = "study \(study.config.name): \(runs.count) runs on \(bases.count) base model(s) for \(experiments.joined(separator: ", "))\n"
        // Finished runs are not run again (failed ones only with --retry-failed), so the totals, and the bases to
        // build, leave them out.
        let kinds = Dictionary(runs.map { ($0.hash, study.state(of: $0.hash).kind) }, uniquingKeysWith: { first, _ in first })
        func skipped(_ r: RunSpec) -> Bool { kinds[r.hash] == .done || kinds[r.hash] == .failed }
        let finished = kinds.values.filter { $0 == .done }.count, failed = kinds.values.filter { $0 == .failed }.count
        if finished + failed > 0 {
            out += "in \(study.path): \(finished) finished" + (failed > 0 ? ", \(failed) failed (rerun with --retry-failed)" : "")
                + "; the totals count the \(runs.count - finished - failed) left\n"
        }
        if study.holdsOtherConfig {
            out += "note: \(study.path) holds a different study config, so a sweep there stops; use another --out, or --extend if it keeps all its runs\n"
        }
        let needed = Set(runs.filter { !skipped($0) }.map(\.base.hash))
        let (text, baseTotal) = basesTable(study, bases: bases, cost: cost, needed: needed)
        out += "\nbases (pretrained once, cached by hash):\n" + study.bases.description(counting: study.baseStore)
        out += text
        let width = experimentsWidth(runs)
        out += "\nruns:\n  " + "hash".padding(14) + "experiments".padding(width) + "run".padding(40) + "eval".padding(10) + "estimate\n"
        var runTotal = CostModel.CostEstimate()
        for r in runs {
            let e = cost.run(r)
            let skip = skipped(r)
            if !skip { runTotal = runTotal + e }
            out += "  " + r.hash.padding(14) + r.experiments.joined(separator: ",").padding(width) + r.label.padding(40)
                + (r.evalDomains.map(\.rawValue).joined(separator: "+") + (r.lmLoss ? "+lm" : "")).padding(10)
                + (skip ? (kinds[r.hash] ?? .pending).rawValue : "\(Format.flops(e.flops)), ~\(Format.duration(e.seconds))") + "\n"
        }
        let total = baseTotal + runTotal
        out += "\ntotal: \(Format.flops(total.flops)), ~\(Format.duration(total.seconds)) by the cost model"
        out += " (runs ~\(Format.duration(runTotal.seconds)), bases to build ~\(Format.duration(baseTotal.seconds)))\n"
        out += "estimates assume \(Int(cost.trainGFLOPs)) GFLOP/s training and \(Int(cost.sampleGFLOPs)) GFLOP/s sampling (2 cores)\n"
        for c in CostModel.calibrations {
            out += "measured (paper preset, \(c.runs) runs, 2 cores, --jobs \(c.jobs)): x\(String(format: "%.2f", c.ratio)) of the model"
                + " on \(c.host), so these runs ~\(Format.duration(runTotal.seconds * c.ratio)) there\n"
        }
        return out
    }

    /// One line per base: hash, size, tokens, estimated cost, and whether it is cached (with its probe); with
    /// `needed`, a missing base outside it is marked not needed and left out of the cost of bases to build.
    static func basesTable(_ study: StudyDirectory, bases: [BaseSpec], cost: CostModel,
                           needed: Set<String>? = nil) -> (String, CostModel.CostEstimate) {
        let store = study.baseStore
        var out = ""
        var toBuild = CostModel.CostEstimate()
        for b in bases {
            let state = store.state(b)
            let e = cost.pretraining(b)
            var status: String
            let isNeeded = needed?.contains(b.hash) ?? true
            switch state {
            case .valid:
                let info = store.info(b) ?? [:]
                status = "cached" + (info["probe_units_digit"].flatMap(FieldReader.number).map { String(format: ", probe %.2f", $0) } ?? "")
                    + (info["seconds"].flatMap(FieldReader.number).map { ", built in \(Format.duration($0))" } ?? "")
                    + (store.validDirectory(b).map { $0 == store.directory ? "" : ", found in \($0)" } ?? "")
            case .missing: status = isNeeded ? "to build" : "missing"
            case .invalid(let why): status = isNeeded ? "to rebuild (\(why))" : "damaged (\(why))"
            }
            if state != .valid {
                if isNeeded { toBuild = toBuild + e } else { status += ", not needed (its runs are finished)" }
            }
            out += "  \(b.hash)  \(b.model.name.padding(8))seed \(String(b.pretrain.seed).padding(3))\(Format.count(Double(cost.parameters(b.model, context: b.pretrain.context)))) params  "
            out += "\(Format.count(Double(b.pretrain.tokens))) tokens  \(Format.flops(e.flops))  ~\(Format.duration(e.seconds))  \(status)\n"
        }
        return (out, toBuild)
    }

    /// The bases of `runs` and their state (after `sweep --bases-only`).
    public static func bases(_ study: StudyDirectory, runs: [RunSpec]) -> String {
        let bases = StudyPlan.bases(of: runs)
        return "bases of \(study.config.name):\n" + study.bases.description(counting: study.baseStore)
            + basesTable(study, bases: bases, cost: CostModel()).0
    }

    /// One line per run with its state, then the failures and corrupt results with their reasons.
    public static func status(_ study: StudyDirectory, runs: [RunSpec]) -> String {
        var counts: [StudyDirectory.RunState.Kind: Int] = [:]
        let width = experimentsWidth(runs)
        var lines = "  " + "hash".padding(14) + "state".padding(9) + "experiments".padding(width) + "run".padding(40) + "result\n"
        var problems: [String] = []
        for r in runs {
            let state = study.state(of: r.hash)
            counts[state.kind, default: 0] += 1
            var result = ""
            switch state {
            case .done(let record):
                result = headline(record.metrics, eval: r.eval)
                if let t = record.timings["total"] { result += "  \(Format.duration(t))" }
            case .failed(let record): problems.append("\(r.hash) failed: \(record.reason ?? "no reason recorded")")
            case .corrupt(let why): problems.append("\(r.hash) corrupt (will be redone): \(why)")
            default: break
            }
            lines += "  " + r.hash.padding(14) + state.name.padding(9) + r.experiments.joined(separator: ",").padding(width)
                + r.label.padding(40) + result + "\n"
        }
        let summary = StudyDirectory.RunState.Kind.allCases.compactMap { k in counts[k].map { "\($0) \(k.rawValue)" } }
        var out = "study \(study.config.name) (\(study.path)): \(runs.count) runs: " + summary.joined(separator: ", ") + "\n" + lines
        for p in problems { out += p + "\n" }
        return out
    }

    /// The experiments column's width: its longest list plus a space, at least 16.
    static func experimentsWidth(_ runs: [RunSpec]) -> Int {
        max(16, (runs.map { $0.experiments.joined(separator: ",").count }.max() ?? 0) + 2)
    }

    /// `greedy .49 pass@16 .92 ratio .26` on the first evaluation domain.
    static func headline(_ metrics: [MetricValue], eval: EvalConfig) -> String {
        guard let domain = metrics.first?.evalDomain else { return "" }
        func value(_ name: String) -> String {
            metrics.first { $0.evalDomain == domain && $0.metric == name }.map { String(format: "%.2f", $0.value) } ?? "-"
        }
        return "\(domain): greedy \(value("greedy_accuracy")) pass@\(eval.samples) \(value("pass_at_n")) ratio \(value("pass_ratio_at_n"))"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
