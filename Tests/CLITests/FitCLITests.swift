import Foundation
import XCTest

/// `scaling fit` end to end: real files in, the documented outputs and errors out.
final class FitCLITests: XCTestCase {
    /// 8 points per group on a doubling grid: group `acc` follows logit y = -6 + 0.7 ln x with small
    /// deterministic wiggles, group `err` follows y = 0.9 - 3 x^-0.3 with wiggles.
    static let csv: String = {
        var text = "kind,\"size, examples\",value\n"
        for k in 0..<8 {
            let x = 1000 * pow(2, Double(k))
            let wiggle = [0.02, -0.03, 0.01, 0.025, -0.02, 0.0, -0.01, 0.015][k]
            text += "acc,\(x),\(1 / (1 + exp(-(-6 + 0.7 * log(x) + wiggle))))\n"
            text += "err,\(x),\(0.9 - 3 * pow(x, -0.3) + wiggle / 10)\n"
        }
        return text
    }()

    func write(_ text: String, _ name: String, in dir: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testJSONReportHasEveryDocumentedField() throws {
        let dir = try CLI.temporaryDirectory()
        _ = try write(Self.csv, "points.csv", in: dir)
        let run = try CLI.run(["fit", "points.csv", "--x", "size, examples", "--y", "value", "--group", "kind",
                               "--model", "all", "--predict", "64000", "--target", "0.8", "--holdout-largest",
                               "--format", "json"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let report = try json(run.stdout)
        XCTAssertEqual(report["x"] as? String, "size, examples")
        let groups = try XCTUnwrap(report["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { $0["group"] as? String }, ["acc", "err"])
        XCTAssertEqual(groups[0]["values"] as? [String: String], ["kind": "acc"])
        let accFits = try XCTUnwrap(groups[0]["fits"] as? [[String: Any]])
        // acc is in (0, 1): all three models apply; err too (values in (0, 1)).
        XCTAssertEqual(Set(accFits.compactMap { $0["model"] as? String }), ["power", "logit-power", "offset-power"])
        let logit = try XCTUnwrap(accFits.first { $0["model"] as? String == "logit-power" })
        for key in ["formula", "scale", "n", "dof", "rss", "r2", "aic", "bic", "aic_rank", "bic_rank", "delta_aic",
                    "delta_bic", "t_critical", "params", "theta", "covariance", "predict", "target", "holdout"] {
            XCTAssertNotNil(logit[key], key)
        }
        XCTAssertEqual(logit["scale"] as? String, "logit")
        XCTAssertEqual(logit["n"] as? Int, 8)
        XCTAssertEqual(logit["dof"] as? Int, 6)
        let params = try XCTUnwrap(logit["params"] as? [String: [String: Any]])
        let beta = try XCTUnwrap(params["beta"]?["estimate"] as? Double)
        XCTAssertEqual(beta, 0.7, accuracy: 0.01)
        let ci = try XCTUnwrap(params["beta"]?["ci"] as? [Double])
        XCTAssertLessThan(ci[0], beta)
        XCTAssertGreaterThan(ci[1], beta)
        // The ranks are a permutation of 1...3.
        XCTAssertEqual(Set(accFits.compactMap { $0["aic_rank"] as? Int }), [1, 2, 3])
        // predict and target are consistent: the target's x for y = 0.8 is where the curve is 0.8.
        let alpha = try XCTUnwrap(params["alpha"]?["estimate"] as? Double)
        let target = try XCTUnwrap((logit["target"] as? [[String: Any]])?.first?["x"] as? Double)
        XCTAssertEqual(1 / (1 + exp(-(alpha + beta * log(target)))), 0.8, accuracy: 1e-9)
        let prediction = try XCTUnwrap((logit["predict"] as? [[String: Any]])?.first?["y"] as? Double)
        XCTAssertEqual(prediction, 1 / (1 + exp(-(alpha + beta * log(64000)))), accuracy: 1e-12)
        let holdout = try XCTUnwrap(logit["holdout"] as? [String: Any])
        XCTAssertEqual(holdout["x"] as? Double, 128000)
        XCTAssertEqual(holdout["points_used"] as? Int, 7)
        XCTAssertLessThan(abs(try XCTUnwrap(holdout["relative_error"] as? Double)), 0.05)
    }

    func testTableIsDefaultAndOutWritesAtomically() throws {
        let dir = try CLI.temporaryDirectory()
        _ = try write(Self.csv, "points.csv", in: dir)
        let args = ["fit", "points.csv", "--x", "size, examples", "--y", "value", "--group", "kind", "--model", "power,logit-power"]
        let table = try CLI.run(args, in: dir)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("== acc: 8 points =="), table.stdout)
        XCTAssertTrue(table.stdout.contains("logit(y) = -6"), table.stdout)
        XCTAssertTrue(table.stdout.contains("AIC = n ln(RSS/n) + 2k + J"), table.stdout)
        let out = try CLI.run(args + ["--format", "csv", "--out", "results/fit.csv"], in: dir)
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertEqual(out.stdout, "")
        let text = try String(contentsOfFile: dir + "/results/fit.csv", encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("group,model,kind,name,at,value,se,ci_low,ci_high,boot_low,boot_high\n"))
        XCTAssertTrue(text.contains("\nacc,logit-power,param,beta,"), text)
        XCTAssertTrue(text.contains("\nerr,power,fit,scale,,log,"), text)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir + "/results")
        XCTAssertEqual(leftovers, ["fit.csv"])
    }

    func testBootstrapIsReproducibleFromTheSeed() throws {
        let dir = try CLI.temporaryDirectory()
        _ = try write(Self.csv, "points.csv", in: dir)
        func run(seed: String) throws -> [String: Any] {
            let r = try CLI.run(["fit", "points.csv", "--x", "size, examples", "--y", "value", "--group", "kind",
                                 "--model", "offset-power", "--bootstrap", "200", "--seed", seed, "--format", "json"], in: dir)
            XCTAssertEqual(r.status, 0, r.stderr)
            let groups = try XCTUnwrap(try json(r.stdout)["groups"] as? [[String: Any]])
            return try XCTUnwrap((groups[1]["fits"] as? [[String: Any]])?.first)
        }
        let a = try run(seed: "5"), b = try run(seed: "5"), c = try run(seed: "6")
        func ci(_ fit: [String: Any]) -> [Double]? {
            ((fit["params"] as? [String: [String: Any]])?["b"]?["bootstrap_ci"]) as? [Double]
        }
        XCTAssertNotNil(ci(a))
        XCTAssertEqual(ci(a), ci(b))
        XCTAssertNotEqual(ci(a), ci(c))
        let boot = try XCTUnwrap(a["bootstrap"] as? [String: Any])
        XCTAssertEqual((boot["used"] as? Int ?? 0) + (boot["skipped"] as? Int ?? 0), 200)
    }

    func testJSONLInputAndPercent() throws {
        let dir = try CLI.temporaryDirectory()
        var lines = ""
        for (x, y) in [(940, 26.7), (1880, 32.8), (3750, 43.3), (7500, 50.2)] { lines += "{\"n\": \(x), \"acc\": \(y)}\n" }
        _ = try write(lines, "points.jsonl", in: dir)
        _ = try write(lines, "points.txt", in: dir)
        let run = try CLI.run(["fit", "points.jsonl", "--x", "n", "--y", "acc", "--model", "logit-power", "--percent",
                               "--format", "json"], in: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let forced = try CLI.run(["fit", "points.txt", "--input-format", "jsonl", "--x", "n", "--y", "acc",
                                  "--model", "logit-power", "--percent", "--format", "json"], in: dir)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        let fit = try XCTUnwrap(((try json(run.stdout)["groups"] as? [[String: Any]])?.first?["fits"] as? [[String: Any]])?.first)
        XCTAssertEqual(fit["n"] as? Int, 4)
        // The same fit as the paper table's GSM8K/real group, whose y is already a fraction.
        let beta = (fit["params"] as? [String: [String: Any]])?["beta"]?["estimate"] as? Double
        XCTAssertEqual(try XCTUnwrap(beta), 0.5059, accuracy: 1e-4)
    }

    func testBadInputIsOneLineWithFileLineAndColumn() throws {
        let dir = try CLI.temporaryDirectory()
        _ = try write("x,y\n1,0.2\n2,oops\n", "bad.csv", in: dir)
        _ = try write("x,y\n1,0.2\n2,0.4\n4,1.5\n", "range.csv", in: dir)
        _ = try write("", "empty.csv", in: dir)
        let cases: [([String], Int32, String)] = [
            (["fit", "bad.csv", "--x", "x", "--y", "y"], 1, "error: bad.csv:3: field 'y': not a number: 'oops'"),
            (["fit", "range.csv", "--x", "x", "--y", "y", "--model", "logit-power"], 1,
             "error: range.csv:4: field 'y': y must be in (0, 1) for logit-power, found 1.5 (use --percent for percentages)"),
            (["fit", "range.csv", "--x", "z", "--y", "y"], 1, "error: range.csv:1: no column 'z' (columns: x, y)"),
            (["fit", "empty.csv", "--x", "x", "--y", "y"], 1, "error: empty.csv: empty file: no header row"),
            (["fit", "missing.csv", "--x", "x", "--y", "y"], 1, "error: missing.csv: no such file"),
            (["fit", "range.csv", "--x", "x", "--y", "y", "--model", "cubic"], 2,
             "error: option '--model': unknown model 'cubic' (models: power, logit-power, offset-power, all) (see 'scaling fit --help')"),
            (["fit", "range.csv", "--y", "y"], 2, "error: missing required option '--x' (see 'scaling fit --help')"),
        ]
        for (args, status, message) in cases {
            let run = try CLI.run(args, in: dir)
            XCTAssertEqual(run.status, status, args.joined(separator: " "))
            XCTAssertEqual(run.stderr.split(separator: "\n").first.map(String.init), message)
            XCTAssertEqual(run.stdout, "")
        }
    }

    func testHelpDocumentsModelsAndConventions() throws {
        let help = try CLI.run(["fit", "--help"])
        XCTAssertEqual(help.status, 0)
        for text in ["y = a * x^b", "logit(y) = alpha + beta * ln x", "y = c + a * x^(-b)", "--bootstrap K",
                     "--holdout-largest", "k = p + 1", "Student t"] {
            XCTAssertTrue(help.stdout.contains(text), text)
        }
    }
}
