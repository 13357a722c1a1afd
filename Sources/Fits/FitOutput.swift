import DataFiles
import Foundation

/// The output formats of `scaling fit`.
public enum FitOutputFormat: String, CaseIterable, Sendable {
    case table, csv, json
}

extension FitReport {
    /// The convention behind the reported AIC and BIC, printed with every report.
    public static let informationCriteriaNote = "AIC = n ln(RSS/n) + 2k + J, BIC = n ln(RSS/n) + k ln(n) + J: "
        + "Gaussian errors on the fitting scale, k = p + 1 (the noise variance counts), J = -2 sum ln|g'(y)| "
        + "so that the likelihood is that of y and models fitted on different scales compare."

    /// The report in `format`.
    public func rendered(_ format: FitOutputFormat) throws -> String {
        switch format {
        case .table: return tableText()
        case .csv: return csvText()
        case .json: return try jsonText()
        }
    }

    /// The field names of the CSV output, in order.
    public static let csvHeader = ["group", "model", "kind", "name", "at", "value", "se", "ci_low", "ci_high",
                                   "boot_low", "boot_high"]

    // MARK: CSV (long format: one row per reported quantity)

    func csvText() -> String {
        var rows: [[String]] = []
        for g in groups {
            for r in g.results {
                let m = r.fit.model.rawValue
                func row(_ kind: String, _ name: String, at: Double? = nil, value: String, se: Double? = nil,
                         ci: Interval? = nil, boot: Interval?? = nil) {
                    let b = boot ?? nil
                    rows.append([g.group.name, m, kind, name, at.map(number) ?? "", value, se.map(number) ?? "",
                                 ci.map { number($0.lower) } ?? "", ci.map { number($0.upper) } ?? "",
                                 b.map { number($0.lower) } ?? "", b.map { number($0.upper) } ?? ""])
                }
                let fit = r.fit
                row("fit", "formula", value: fit.formula(digits: 4))
                row("fit", "scale", value: fit.model.scale)
                for (name, v) in [("n", Double(fit.n)), ("dof", Double(fit.degreesOfFreedom)), ("rss", fit.rss),
                                  ("r2", fit.r2), ("aic", fit.aic), ("bic", fit.bic), ("aic_rank", Double(r.aicRank)),
                                  ("bic_rank", Double(r.bicRank)), ("delta_aic", r.deltaAIC), ("delta_bic", r.deltaBIC),
                                  ("t_critical", fit.critical(level: request.level))] {
                    row("fit", name, value: number(v))
                }
                if let boot = r.bootstrap {
                    row("fit", "bootstrap_used", value: "\(boot.used)")
                    row("fit", "bootstrap_skipped", value: "\(boot.skipped)")
                }
                for (k, p) in r.parameters.enumerated() {
                    row("param", p.name, value: number(p.estimate), se: p.standardError, ci: p.interval,
                        boot: r.bootstrap?.parameters[k])
                }
                for (k, p) in r.predictions.enumerated() {
                    row("predict", "y", at: p.x, value: number(p.estimate.value), ci: p.estimate.interval,
                        boot: r.bootstrap?.predictions[k])
                }
                for (k, t) in r.targets.enumerated() {
                    row("target", "x", at: t.y, value: t.estimate.map { number($0.value) } ?? "", ci: t.estimate?.interval,
                        boot: r.bootstrap?.targets[k])
                    if let b = r.bootstrap { row("target", "bootstrap_reached", at: t.y, value: "\(b.targetsReached[k])") }
                }
                if let h = r.holdout {
                    row("holdout", "predicted", at: h.x, value: number(h.prediction.value), ci: h.prediction.interval)
                    row("holdout", "observed", at: h.x, value: number(h.observed))
                    row("holdout", "relative_error", at: h.x, value: number(h.relativeError))
                    row("holdout", "points_used", at: h.x, value: "\(h.pointsUsed)")
                } else if let why = r.holdoutSkipped {
                    row("holdout", "skipped", value: why)
                }
            }
            for s in g.skipped {
                rows.append([g.group.name, s.model.rawValue, "skipped", "reason", "", s.reason, "", "", "", "", ""])
            }
        }
        return CSVWriter.document(header: Self.csvHeader, rows: rows)
    }

    // MARK: JSON

    func jsonObject() -> [String: Any] {
        func json(_ v: Double) -> Any { v.isFinite ? v : NSNull() }
        func pair(_ i: Interval?) -> Any { i.map { [json($0.lower), json($0.upper)] } ?? NSNull() }
        let groupObjects: [[String: Any]] = groups.map { g in
            let fits: [[String: Any]] = g.results.map { r in
                let fit = r.fit
                var params: [String: Any] = [:]
                for (k, p) in r.parameters.enumerated() {
                    var o: [String: Any] = ["estimate": json(p.estimate), "se": json(p.standardError), "ci": pair(p.interval)]
                    if let b = r.bootstrap { o["bootstrap_ci"] = pair(b.parameters[k]) }
                    params[p.name] = o
                }
                let p = fit.model.parameterCount
                var o: [String: Any] = [
                    "model": fit.model.rawValue, "formula": fit.formula(digits: 4), "scale": fit.model.scale,
                    "n": fit.n, "dof": fit.degreesOfFreedom, "rss": json(fit.rss), "r2": json(fit.r2),
                    "aic": json(fit.aic), "bic": json(fit.bic), "aic_rank": r.aicRank, "bic_rank": r.bicRank,
                    "delta_aic": json(r.deltaAIC), "delta_bic": json(r.deltaBIC),
                    "t_critical": json(fit.critical(level: request.level)), "params": params,
                    "theta": fit.theta.map(json),
                    "covariance": (0..<p).map { i in (0..<p).map { json(fit.covariance[i * p + $0]) } },
                ]
                o["predict"] = r.predictions.enumerated().map { k, e -> [String: Any] in
                    var item: [String: Any] = ["x": json(e.x), "y": json(e.estimate.value), "ci": pair(e.estimate.interval)]
                    if let b = r.bootstrap { item["bootstrap_ci"] = pair(b.predictions[k]) }
                    return item
                }
                o["target"] = r.targets.enumerated().map { k, t -> [String: Any] in
                    var item: [String: Any] = ["y": json(t.y), "x": t.estimate.map { json($0.value) } ?? NSNull(),
                                               "ci": pair(t.estimate?.interval)]
                    if let b = r.bootstrap {
                        item["bootstrap_ci"] = pair(b.targets[k])
                        item["bootstrap_reached"] = b.targetsReached[k]
                    }
                    return item
                }
                if let b = r.bootstrap {
                    o["bootstrap"] = ["resamples": b.resamples, "seed": b.seed, "used": b.used, "skipped": b.skipped]
                }
                if let h = r.holdout {
                    o["holdout"] = ["x": json(h.x), "observed": json(h.observed), "predicted": json(h.prediction.value),
                                    "ci": pair(h.prediction.interval), "relative_error": json(h.relativeError),
                                    "points_used": h.pointsUsed]
                } else if let why = r.holdoutSkipped {
                    o["holdout_skipped"] = why
                }
                return o
            }
            return ["group": g.group.name,
                    "values": Dictionary(uniqueKeysWithValues: zip(table.groupColumns, g.group.values)),
                    "n": g.group.x.count, "fits": fits,
                    "skipped": g.skipped.map { ["model": $0.model.rawValue, "reason": $0.reason] }]
        }
        return ["file": table.file, "x": table.xColumn, "y": table.yColumn, "group_columns": table.groupColumns,
                "level": request.level, "aic_convention": Self.informationCriteriaNote, "groups": groupObjects]
    }

    func jsonText() throws -> String {
        let data = try JSONSerialization.data(withJSONObject: jsonObject(),
                                              options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    // MARK: Human-readable table

    func tableText() -> String {
        let level = Int((request.level * 100).rounded())
        var out = "\(table.file): \(table.yColumn) vs \(table.xColumn), \(groups.count) group(s); "
            + "\(level)% CIs from Student t with n - p dof\n"
        out += Self.informationCriteriaNote + "\n"
        for g in groups {
            out += "\n== \(g.group.name): \(g.group.x.count) points ==\n"
            var summary = [["model", "formula", "n", "dof", "RSS", "R2", "scale", "AIC", "BIC", "dAIC", "dBIC", "rank"]]
            for r in g.results {
                let f = r.fit
                summary.append([f.model.rawValue, f.formula(), "\(f.n)", "\(f.degreesOfFreedom)", short(f.rss), short(f.r2),
                                f.model.scale, fixed(f.aic), fixed(f.bic), fixed(r.deltaAIC), fixed(r.deltaBIC),
                                "\(r.aicRank)"])
            }
            out += aligned(summary, indent: "  ")
            for s in g.skipped { out += "  \(s.model.rawValue) skipped: \(s.reason)\n" }
            for r in g.results {
                out += "\n  \(r.fit.model.rawValue) (\(r.fit.formula()))\n"
                var header = ["param", "estimate", "SE", "\(level)% CI low", "\(level)% CI high"]
                if r.bootstrap != nil { header += ["boot \(level)% low", "boot \(level)% high"] }
                var rows = [header]
                for (k, p) in r.parameters.enumerated() {
                    var row = [p.name, short(p.estimate), short(p.standardError), short(p.interval.lower), short(p.interval.upper)]
                    if let b = r.bootstrap { row += ends(b.parameters[k]) }
                    rows.append(row)
                }
                for (k, p) in r.predictions.enumerated() {
                    var row = ["y at x=\(short(p.x))", short(p.estimate.value), "", short(p.estimate.interval.lower),
                               short(p.estimate.interval.upper)]
                    if let b = r.bootstrap { row += ends(b.predictions[k]) }
                    rows.append(row)
                }
                for (k, t) in r.targets.enumerated() {
                    var row = ["x at y=\(short(t.y))"]
                    if let e = t.estimate {
                        row += [short(e.value), "", short(e.interval.lower), short(e.interval.upper)]
                    } else {
                        row += ["never", "", "", ""]
                    }
                    if let b = r.bootstrap { row += ends(b.targets[k]) }
                    rows.append(row)
                }
                out += aligned(rows, indent: "    ")
                if let b = r.bootstrap {
                    out += "    bootstrap: \(b.used) of \(b.resamples) resamples used (seed \(b.seed)); \(b.skipped) skipped "
                        + "(fewer distinct x than parameters, or the refit failed)\n"
                    for (k, t) in r.targets.enumerated() where b.targetsReached[k] < b.used {
                        out += "    bootstrap: \(b.used - b.targetsReached[k]) of \(b.used) resamples never reach y=\(short(t.y)); "
                            + "its interval covers the \(b.targetsReached[k]) that do\n"
                    }
                }
                if let h = r.holdout {
                    out += "    holdout: refit on \(h.pointsUsed) points without x=\(short(h.x)): predicted "
                        + "\(short(h.prediction.value)) [\(short(h.prediction.interval.lower)), "
                        + "\(short(h.prediction.interval.upper))], observed \(short(h.observed)), relative error "
                        + String(format: "%+.2f%%", 100 * h.relativeError) + "\n"
                } else if let why = r.holdoutSkipped {
                    out += "    holdout skipped: \(why)\n"
                }
            }
        }
        return out
    }
}

/// Full precision for machines (shortest round-trip text), "nan"/"inf" for non-finite values.
private func number(_ v: Double) -> String {
    v.isFinite ? "\(v)" : (v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf"))
}

/// Four significant digits for people.
private func short(_ v: Double) -> String { formatSignificant(v, digits: 4) }

/// Two decimals (AIC, BIC and their differences).
private func fixed(_ v: Double) -> String { v.isFinite ? String(format: "%.2f", v) : number(v) }

private func ends(_ i: Interval?) -> [String] {
    i.map { [short($0.lower), short($0.upper)] } ?? ["n/a", "n/a"]
}

/// Rows as columns padded to the widest cell; text columns left-aligned, numbers right-aligned.
private func aligned(_ rows: [[String]], indent: String) -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    var out = ""
    for row in rows {
        var line = indent
        for (i, cell) in row.enumerated() {
            let pad = String(repeating: " ", count: widths[i] - cell.count)
            let numeric = Double(cell) != nil || cell == "nan"
            line += (numeric ? pad + cell : cell + pad) + (i == row.count - 1 ? "" : "  ")
        }
        while line.hasSuffix(" ") { line.removeLast() }
        out += line + "\n"
    }
    return out
}
