import Foundation
import XCTest

/// `scaling sweep`, `sweep status`, `sweep run` and `report` end to end.
final class SweepCLITests: XCTestCase {
    func testDryRunPrintsThePlanWithoutWriting() throws {
        let dir = try CLI.temporaryDirectory()
        let result = try CLI.run(["sweep", "--preset", "paper", "--dry-run", "--only", "E3"], in: dir)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("study paper:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("d96L2"), result.stdout)
        XCTAssertTrue(result.stdout.contains("TFLOP"), result.stdout)
        XCTAssertTrue(result.stdout.contains("total:"), result.stdout)
        XCTAssertFalse(result.stdout.contains("E6"), "--only E3 keeps E3's runs")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/notebooks-data"), "a dry run writes nothing")
    }

    func testBadConfigAndUsageErrors() throws {
        let dir = try CLI.temporaryDirectory()
        try #"{"name": "x", "models": ["d16L1"], "pretrain": {"tokens": 1000}, "sft": {"sizes": [0, -8]}, "experiments": {"E1": {}}}"#
            .write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["sweep", "--config", "bad.json", "--dry-run"], in: dir)
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.stderr, "error: bad.json: field 'sft.sizes[1]': expected a non-negative integer\n")
        let both = try CLI.run(["sweep", "--config", "bad.json", "--preset", "quick"], in: dir)
        XCTAssertEqual(both.status, 2)
        let only = try CLI.run(["sweep", "--preset", "quick", "--only", "E9", "--dry-run"], in: dir)
        XCTAssertEqual(only.status, 1)
        XCTAssertTrue(only.stderr.contains("no experiment 'E9'"), only.stderr)
        let status = try CLI.run(["sweep", "status", "nowhere"], in: dir)
        XCTAssertEqual(status.status, 1)
        XCTAssertTrue(status.stderr.contains("not a study directory"), status.stderr)
    }
}

/// A tiny study (seconds in release): one d16L1 base, five runs: the base, real and synthetic SFT (the synthetic
/// 8-example run shared by E2 and E9), the contaminated control.
let tinyStudy = """
{
  "name": "tiny", "seed": 3, "models": ["d16L1"], "seeds": [1],
  "pretrain": {"tokens": 24000, "batch": 4, "context": 352, "warmup_steps": 2},
  "sft": {"sizes": [0, 8], "epochs": 1, "batch": 4, "warmup_steps": 1},
  "data": {"pool_size": 16},
  "eval": {"test_size": 8, "samples": 2, "pass_at_k": [1], "regen_size": 4},
  "experiments": {
    "E1": {},
    "E2": {"arms": [{"data": "real", "sizes": [8]}, {"data": "synthetic", "sizes": [8, 24]}]},
    "E9": {"data": "synthetic", "sizes": [8], "lm_loss": true, "arms": [{"contaminate": 0}, {"contaminate": 4}]}
  }
}
"""

/// Tests that start from `tinyStudy` written to `tiny.json` in a fresh temporary directory `dir`.
class TinyStudyTestCase: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try CLI.temporaryDirectory()
        try tinyStudy.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Starts `scaling sweep --config CONFIG --out OUT` in `dir` without waiting (its output discarded), to be
    /// killed by the test.
    func startSweep(config: String, out: String) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["sweep", "--config", config, "--out", out]
        process.currentDirectoryURL = URL(fileURLWithPath: dir)
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

final class SweepEndToEndTests: TinyStudyTestCase {
    func sweep(_ out: String, _ extra: [String] = []) throws -> CLI.Result {
        let r = try CLI.run(["sweep", "--config", "tiny.json", "--out", out] + extra, in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: dir + "/" + path, encoding: .utf8) }

    /// runs.jsonl without what legitimately differs between two executions (timings, finish times, checksums).
    func comparableRuns(_ study: String) throws -> [String] {
        try text(study + "/runs.jsonl").split(separator: "\n").map { line in
            var o = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["timings", "finished", "sha256", "sft_loss", "base_tokens_per_s"] { o.removeValue(forKey: key) }
            return String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
        }
    }

    func pending(_ study: String) throws -> [String] {
        let r = try CLI.run(["sweep", "status", study, "--pending"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").map(String.init)
    }

    /// The whole study in one go, then the same study done piecewise (a subset, one run by hash, the rest):
    /// the results files agree, and the second study reuses the cached base.
    func testSweepResumeAndRunByHashGiveTheSameResults() throws {
        let full = try sweep("full")
        XCTAssertTrue(full.stdout.contains("5 runs: 5 done"), full.stdout)
        XCTAssertTrue(full.stderr.contains("1 base(s) to pretrain"), full.stderr)
        let header = "study,experiment,run,model_size,params,pretrain_tokens,data_kind,method,domain,eval_domain,verified,resample,data_size,seed,metric,value,ci_low,ci_high,n,pretrain_seed"
        XCTAssertTrue(try text("full/metrics.csv").hasPrefix(header + "\n"))
        XCTAssertTrue(try text("full/metrics.csv").contains(",contaminated,mixed,gsm,gsm,false,uniform,8,1,delta1,"))
        XCTAssertEqual(try comparableRuns("full").count, 5)
        // Every run records what computed it besides its config (the engine), for comparing results across hosts.
        for line in try text("full/runs.jsonl").split(separator: "\n") {
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let engine = try XCTUnwrap(record["engine"] as? [String: String], "\(record["label"] ?? "")")
            XCTAssertEqual(Set(engine.keys), ["kernels", "attention", "gemm", "gemm_large", "openblas_core", "cpu"])
            XCTAssertTrue(["avx512", "avx2", "portable"].contains(engine["kernels"]!), "\(engine)")
            XCTAssertTrue(["kernels", "openblas"].contains(engine["gemm"]!), "\(engine)")
            XCTAssertFalse(engine["openblas_core"]!.isEmpty || engine["cpu"]!.isEmpty, "\(engine)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/full/study.json"))

        _ = try sweep("parts", ["--only", "E1"])
        var todo = try pending("parts")
        XCTAssertEqual(todo.count, 3, "E1 has the base and real-8 runs; three remain")
        let one = try CLI.run(["sweep", "run", "parts", "--run", todo[0]], in: dir)
        XCTAssertEqual(one.status, 0, one.stderr)
        todo = try pending("parts")
        XCTAssertEqual(todo.count, 2)
        let rest = try sweep("parts")
        XCTAssertFalse(rest.stderr.contains("to pretrain"), "the base is cached: \(rest.stderr)")
        XCTAssertTrue(rest.stderr.contains("2 of 5 runs to do"), rest.stderr)
        XCTAssertEqual(try text("parts/metrics.csv"), try text("full/metrics.csv"))
        XCTAssertEqual(try comparableRuns("parts"), try comparableRuns("full"))
        // Nothing left: a rerun changes nothing.
        XCTAssertTrue(try sweep("parts").stderr.contains("all 5 runs of tiny are finished"))

        let report = try CLI.run(["report", "full"], in: dir)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("## E9: contamination check"), report.stdout)
        XCTAssertTrue(report.stdout.contains("| reproduced |"))
        // A tiny base pretrained on a few thousand tokens has no arithmetic: the report says so.
        XCTAssertTrue(report.stdout.contains("## Base models"), report.stdout)
        XCTAssertTrue(report.stdout.contains("**d16L1 (pretraining seed 1) is not clearly past its arithmetic jump** (units-digit probe 0."), report.stdout)
        // One seed everywhere: nothing is decided.
        XCTAssertTrue(report.stdout.contains("| 1 x 1 seeds, 8 q | single-seed result |"), report.stdout)
        XCTAssertFalse(report.stdout.contains("| yes |") || report.stdout.contains("| no |"), report.stdout)
        XCTAssertEqual(try text("full/report.md"), report.stdout)
    }

    /// Seeds as a dimension: 2 pretraining seeds x 2 SFT seeds on tiny bases. Two bases are built, the base model
    /// is evaluated once per base, and the report gives every finding the seeds and questions behind it.
    func testTwoPretrainingSeedsTimesTwoSFTSeeds() throws {
        let seeded = tinyStudy.replacingOccurrences(of: "\"seeds\": [1],", with: "\"seeds\": [1, 2],")
            .replacingOccurrences(of: "\"warmup_steps\": 2}", with: "\"warmup_steps\": 2, \"seeds\": [1, 2]}")
            .replacingOccurrences(of: ",\n    \"E9\": {\"data\": \"synthetic\", \"sizes\": [8], \"lm_loss\": true, \"arms\": [{\"contaminate\": 0}, {\"contaminate\": 4}]}", with: "")
            .replacingOccurrences(of: "{\"data\": \"synthetic\", \"sizes\": [8, 24]}", with: "{\"data\": \"synthetic\", \"sizes\": [8]}")
            .replacingOccurrences(of: "\"E1\": {},", with: "\"E1\": {},\n    \"E6\": {\"data\": \"synthetic\", \"sizes\": [8], \"arms\": [{\"method\": \"numbers\"}, {\"method\": \"mixed\"}]},")
        XCTAssertFalse(seeded.contains("E9"))
        try seeded.write(toFile: dir + "/seeded.json", atomically: true, encoding: .utf8)
        let dry = try CLI.run(["sweep", "--config", "seeded.json", "--out", "seeded", "--dry-run"], in: dir)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("14 runs on 2 base model(s)"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("d16L1   seed 2"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("d16L1/p2 real/gsm 8 s2"), dry.stdout)
        let r = try CLI.run(["sweep", "--config", "seeded.json", "--out", "seeded"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("2 base(s) to pretrain"), r.stderr)
        let rows = try text("seeded/metrics.csv").split(separator: "\n").dropFirst()
        XCTAssertEqual(Set(rows.map { $0.split(separator: ",").last! }), ["1", "2"], "the pretrain_seed column")
        let report = try CLI.run(["report", "seeded"], in: dir)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("| d16L1 | 2 |"), "a row per base: \(report.stdout)")
        // E1 and E2 compare arms on the same base: 2 pretraining x 2 SFT seeds and the 8 shared test questions.
        XCTAssertTrue(report.stdout.contains("synthetic data about as good as real at equal size (synthetic - real greedy, mean over 1 sizes)"), report.stdout)
        let e2 = try XCTUnwrap(report.stdout.split(separator: "\n").first { $0.hasPrefix("| E2 | synthetic data about as good") })
        XCTAssertTrue(e2.contains("| 2 x 2 seeds, 8 q |"), String(e2))
        XCTAssertFalse(e2.contains("single-seed"), String(e2))
        // Against the base model, which has no SFT seed, a comparison rests on the fine-tuned runs' seeds.
        let e6 = try XCTUnwrap(report.stdout.split(separator: "\n").first { $0.hasPrefix("| E6 | every method helps") })
        XCTAssertTrue(e6.contains("| 2 x 2 seeds, 8 q |"), String(e6))
        // Another config over these results: a dry run shows its plan, a sweep refuses to mix the two studies.
        let other = try CLI.run(["sweep", "--config", "tiny.json", "--out", "seeded", "--dry-run"], in: dir)
        XCTAssertEqual(other.status, 0, other.stderr)
        XCTAssertTrue(other.stdout.contains("study tiny: 5 runs"), other.stdout)
        XCTAssertTrue(other.stdout.contains("note: seeded holds a different study config, so a sweep there stops"), other.stdout)
        // The same config over its finished study: nothing left to run, and the plan says so.
        let again = try CLI.run(["sweep", "--config", "seeded.json", "--out", "seeded", "--dry-run"], in: dir)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("in seeded: 14 finished; the totals count the 0 left"), again.stdout)
        XCTAssertTrue(again.stdout.contains("d16L1/p2 real/gsm 8 s2"), again.stdout)
        XCTAssertFalse(again.stdout.contains("note:"), again.stdout)
        XCTAssertTrue(again.stdout.split(separator: "\n").filter { $0.contains("real/gsm 8 s2") }.allSatisfy { $0.hasSuffix(" done") }, again.stdout)
        // Its bases gone, the plan still has nothing to build: a sweep builds only the bases of the runs it makes.
        try FileManager.default.moveItem(atPath: dir + "/bases", toPath: dir + "/bases-away")
        let gone = try CLI.run(["sweep", "--config", "seeded.json", "--out", "seeded", "--dry-run"], in: dir)
        try FileManager.default.moveItem(atPath: dir + "/bases-away", toPath: dir + "/bases")
        XCTAssertEqual(gone.status, 0, gone.stderr)
        XCTAssertEqual(gone.stdout.components(separatedBy: "missing, not needed (its runs are finished)").count, 3, gone.stdout)
        XCTAssertTrue(gone.stdout.contains("bases to build ~0s)"), gone.stdout)
        let mixed = try CLI.run(["sweep", "--config", "tiny.json", "--out", "seeded"], in: dir)
        XCTAssertEqual(mixed.status, 1)
        XCTAssertTrue(mixed.stderr.contains("holds a different study config"), mixed.stderr)
    }

    /// --extend grows a finished study in place: a config that keeps every run (a second SFT seed) replaces the
    /// stored one and only the new runs are made, their results as in a fresh study of the grown config; one that
    /// drops runs or changes the test sets is refused, naming what it would lose.
    func testExtendGrowsAFinishedStudyInPlace() throws {
        _ = try sweep("grow")
        let grown = tinyStudy.replacingOccurrences(of: "\"seeds\": [1]", with: "\"seeds\": [1, 2]")
        try grown.write(toFile: dir + "/grown.json", atomically: true, encoding: .utf8)
        let refused = try CLI.run(["sweep", "--config", "grown.json", "--out", "grow"], in: dir)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("--extend to grow it"), refused.stderr)
        let dry = try CLI.run(["sweep", "--config", "grown.json", "--out", "grow", "--extend", "--dry-run"], in: dir)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("in grow: 5 finished; the totals count the 4 left"), dry.stdout)
        XCTAssertFalse(dry.stdout.contains("note:"), dry.stdout)
        XCTAssertEqual(try text("grow/config.json"), tinyStudy + "\n", "a dry run writes nothing")

        let r = try CLI.run(["sweep", "--config", "grown.json", "--out", "grow", "--extend"], in: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("4 of 9 runs to do (5 finished)"), r.stderr)
        XCTAssertEqual(try text("grow/config.json"), grown + "\n")
        XCTAssertTrue(try text("grow/study.json").contains("\"extended\""))
        XCTAssertTrue(try text("grow/study.json").contains("\"created\""), "the study keeps its creation time")
        let fresh = try CLI.run(["sweep", "--config", "grown.json", "--out", "fresh"], in: dir)
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertEqual(try comparableRuns("grow"), try comparableRuns("fresh"))
        XCTAssertEqual(try text("grow/metrics.csv"), try text("fresh/metrics.csv"))

        let dropped = tinyStudy.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"E9\"") }
            .joined(separator: "\n").replacingOccurrences(of: "[8, 24]}]},", with: "[8, 24]}]}")
        try dropped.write(toFile: dir + "/dropped.json", atomically: true, encoding: .utf8)
        let lose = try CLI.run(["sweep", "--config", "dropped.json", "--out", "grow", "--extend"], in: dir)
        XCTAssertEqual(lose.status, 1)
        XCTAssertTrue(lose.stderr.hasPrefix("error: --extend: dropped.json drops "), lose.stderr)
        let eval = grown.replacingOccurrences(of: "\"test_size\": 8", with: "\"test_size\": 16")
        try eval.write(toFile: dir + "/eval.json", atomically: true, encoding: .utf8)
        let retest = try CLI.run(["sweep", "--config", "eval.json", "--out", "grow", "--extend", "--dry-run"], in: dir)
        XCTAssertEqual(retest.status, 1)
        XCTAssertEqual(retest.stderr, "error: --extend: eval.json changes 'eval' of the study in grow/config.json (its test sets and data); use another --out\n")
        XCTAssertEqual(try text("grow/config.json"), grown + "\n")
    }

    /// kill -9 in the middle of a sweep, then the same command: it finishes, with the results of a clean run.
    func testKilledSweepRestarts() throws {
        _ = try sweep("clean")
        let process = try startSweep(config: "tiny.json", out: "killed")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && process.isRunning {
            let runs = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/killed/runs")) ?? []
            if runs.contains(where: { FileManager.default.fileExists(atPath: "\(dir)/killed/runs/\($0)/result.json") }) { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let restart = try sweep("killed")
        XCTAssertTrue(restart.stdout.contains("5 runs: 5 done"), restart.stdout)
        XCTAssertEqual(try text("killed/metrics.csv"), try text("clean/metrics.csv"))
    }

    /// A result that fails its checksum is reported and redone; a checkpoint that fails its checksum is rebuilt;
    /// a run that cannot load its base is recorded as failed and the study goes on.
    func testCorruptResultsAndCheckpointsAreDetected() throws {
        _ = try sweep("s")
        let metrics = try text("s/metrics.csv")
        let hash = try XCTUnwrap(try text("s/runs.jsonl").split(separator: "\n").first.flatMap { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["hash"] as? String })
        let result = dir + "/s/runs/\(hash)/result.json"
        let original = try String(contentsOfFile: result, encoding: .utf8)
        try original.replacingOccurrences(of: "\"n\":8", with: "\"n\":9").write(toFile: result, atomically: true, encoding: .utf8)
        let status = try CLI.run(["sweep", "status", "s"], in: dir)
        XCTAssertTrue(status.stdout.contains("\(hash) corrupt (will be redone)"), status.stdout)
        XCTAssertTrue(status.stdout.contains("checksum mismatch"), status.stdout)
        XCTAssertEqual(try pending("s"), [hash])
        let redo = try sweep("s")
        XCTAssertTrue(redo.stderr.contains("redoing run \(hash)"), redo.stderr)
        XCTAssertEqual(try text("s/metrics.csv"), metrics)

        // The base checkpoint changed on disk: the plan says so, and `sweep run BASE` rebuilds the same bytes.
        let bases = try FileManager.default.contentsOfDirectory(atPath: dir + "/bases").filter { $0.hasSuffix(".ckpt") }
        XCTAssertEqual(bases.count, 1)
        let ckpt = dir + "/bases/" + bases[0], baseHash = String(bases[0].dropLast(5))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: ckpt))
        var damaged = bytes
        damaged[damaged.count / 2] ^= 0xff
        try damaged.write(to: URL(fileURLWithPath: ckpt))
        // (Its runs are all finished, so a sweep would not rebuild it: only `sweep run BASE` does.)
        let plan = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s", "--dry-run"], in: dir)
        XCTAssertTrue(plan.stdout.contains("\(baseHash).ckpt: checksum mismatch"), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("  damaged ("), plan.stdout)
        XCTAssertTrue(plan.stdout.contains("not needed (its runs are finished)"), plan.stdout)
        let rebuild = try CLI.run(["sweep", "run", "s", "--run", baseHash], in: dir)
        XCTAssertEqual(rebuild.status, 0, rebuild.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ckpt)), bytes, "pretraining is deterministic")

        // A checkpoint whose sidecar vouches for garbage: every run fails with the loader's reason, none crashes.
        try Data(repeating: 7, count: 64).write(to: URL(fileURLWithPath: ckpt))
        let sidecar = dir + "/bases/\(baseHash).json"
        let sidecarInfo = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sidecar))) as? [String: Any])
        var info = sidecarInfo
        info["sha256"] = "6cfeeb3aa25d3f411dae5eec17d7369ca7153e72dcf54bcf4c3daec0f5b21fc7"  // SHA-256 of 64 bytes of 7
        try JSONSerialization.data(withJSONObject: info).write(to: URL(fileURLWithPath: sidecar))
        try tinyStudy.replacingOccurrences(of: "\"seed\": 3", with: "\"seed\": 3, \"description\": \"broken base\"")
            .write(toFile: dir + "/broken.json", atomically: true, encoding: .utf8)
        let broken = try CLI.run(["sweep", "--config", "broken.json", "--out", "broken"], in: dir)
        XCTAssertEqual(broken.status, 0, broken.stderr)
        XCTAssertTrue(broken.stdout.contains("5 runs: 5 failed"), broken.stdout)
        XCTAssertTrue(broken.stdout.contains(".ckpt"), broken.stdout)
        XCTAssertTrue(broken.stderr.contains("5 run(s) failed"), broken.stderr)
        XCTAssertEqual(try text("broken/metrics.csv").split(separator: "\n").count, 1, "failed runs give no metric rows")

        // The checkpoint repaired: failed runs stay failed on a plain rerun, and --retry-failed performs them.
        try bytes.write(to: URL(fileURLWithPath: ckpt))
        try JSONSerialization.data(withJSONObject: sidecarInfo).write(to: URL(fileURLWithPath: sidecar))
        XCTAssertTrue(try CLI.run(["sweep", "--config", "broken.json", "--out", "broken"], in: dir).stdout.contains("5 runs: 5 failed"))
        let retried = try CLI.run(["sweep", "--config", "broken.json", "--out", "broken", "--retry-failed"], in: dir)
        XCTAssertEqual(retried.status, 0, retried.stderr)
        XCTAssertTrue(retried.stdout.contains("5 runs: 5 done"), retried.stdout)
        XCTAssertEqual(try text("broken/metrics.csv").split(separator: "\n").count, try text("s/metrics.csv").split(separator: "\n").count)
    }
}

/// A synthetic size the synthesizer cannot reach fails before anything runs (no base is pretrained first).
final class SyntheticSizeCheckTests: XCTestCase {
    func testUnreachableSyntheticSizeFailsBeforeAnyBaseIsBuilt() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Four pool questions cannot be rephrased into 50,000 distinct ones.
        let config = """
        {
          "name": "synth", "seed": 3, "models": ["d16L1"], "seeds": [1],
          "pretrain": {"tokens": 24000, "batch": 4, "context": 352, "warmup_steps": 2},
          "sft": {"sizes": [8], "epochs": 1, "batch": 4, "warmup_steps": 1},
          "data": {"pool_size": 4},
          "eval": {"test_size": 8, "samples": 2, "pass_at_k": [1], "regen_size": 4},
          "experiments": {"E2": {"arms": [{"data": "synthetic", "method": "rephrase", "sizes": [8, 50000]}]}}
        }
        """
        try config.write(toFile: dir + "/c.json", atomically: true, encoding: .utf8)
        let r = try CLI.run(["sweep", "--config", "c.json", "--out", "study"], in: dir)
        XCTAssertEqual(r.status, 1, r.stderr)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("rephrase/gsm 50000"), r.stderr)
        XCTAssertTrue(r.stderr.contains("synthetic data cannot be made"), r.stderr)
        let bases = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/bases")) ?? []
        XCTAssertFalse(bases.contains { $0.hasSuffix(".ckpt") }, "a base was pretrained before the check: \(bases)")
    }
}
