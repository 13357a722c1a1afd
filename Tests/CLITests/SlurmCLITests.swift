#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// `scaling sweep --executor slurm` on a real single-node Slurm cluster (.ci/slurm-cluster.sh: slurmctld, slurmd
/// and munge on 127.0.0.1, MaxArraySize 4 so the tiny study's 5 runs need two arrays). Skipped, saying why, where
/// the daemons cannot run (not root, slurm-wlm or munge missing).
final class SlurmCLITests: XCTestCase {
    var dir = ""
    var cluster = ""
    var environment: [String: String] = [:]

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".ci/slurm-cluster.sh").path

    override func setUpWithError() throws {
        dir = try CLI.temporaryDirectory()
        cluster = dir + "/cluster"
        try tinyStudy.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
        let start = try Self.shell([Self.script, "start", cluster], environment: ["MAX_ARRAY_SIZE": "4"])
        if start.status == 3 { throw XCTSkip("no Slurm cluster here: \(start.stderr.trimmingCharacters(in: .whitespacesAndNewlines))") }
        XCTAssertEqual(start.status, 0, "the cluster did not start: \(start.stderr)")
        guard start.status == 0 else { throw XCTSkip("see the failure above") }
        environment = ["SLURM_CONF": cluster + "/slurm.conf"]
    }

    override func tearDownWithError() throws {
        if FileManager.default.fileExists(atPath: cluster) { _ = try? Self.shell([Self.script, "stop", cluster]) }
        try? FileManager.default.removeItem(atPath: dir)
    }

    func scaling(_ args: [String]) throws -> CLI.Result {
        let r = try CLI.run(args, in: dir, environment: environment)
        XCTAssertEqual(r.status, 0, "scaling \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    func submit(_ out: String, _ extra: [String] = []) throws -> (text: String, jobs: [String]) {
        let r = try scaling(["sweep", "--config", "tiny.json", "--out", out, "--bases", dir + "/slurm-bases",
                             "--executor", "slurm", "--cpus-per-run", "1"] + extra)
        let jobs = r.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("submitted job ") else { return nil }
            return line.dropFirst("submitted job ".count).split(separator: ":").first.map(String.init)
        }
        return (r.stdout, jobs)
    }

    /// Polls `sweep status` (the study directory only: this cluster has no accounting) until it shows `want`.
    func waitForStatus(_ study: String, _ want: String, seconds: Double = 180) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try scaling(["sweep", "status", study]).stdout
            if last.contains(want) { return }
            usleep(500_000)
        }
        XCTFail("\(study) never reached '\(want)': \(last)\nsqueue: \(try Self.shell(["squeue"], environment: environment).stdout)")
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: dir + "/" + path, encoding: .utf8) }

    func testSlurmExecutorMatchesLocalAndResumesAfterScancel() throws {
        // The reference: the local executor at one thread per run (cores jobs at once), with its own base.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let local = try scaling(["sweep", "--config", "tiny.json", "--out", "local", "--jobs", String(cores)])
        XCTAssertTrue(local.stdout.contains("5 runs: 5 done"), local.stdout)

        // One base job, then 5 runs in arrays of at most MaxArraySize = 4, after it.
        let first = try submit("slurm")
        XCTAssertTrue(first.text.contains("1 base job(s), 5 run(s) in 2 job array(s) (MaxArraySize 4)"), first.text)
        XCTAssertEqual(first.jobs.count, 3, first.text)
        guard first.jobs.count == 3 else { return }
        XCTAssertTrue(first.text.contains("4 run(s) on base d16L1 (array 1 of 2) after job \(first.jobs[0]) (afterok)"), first.text)
        try waitForStatus("slurm", "5 runs: 5 done")
        XCTAssertEqual(try text("slurm/metrics.csv"), try text("local/metrics.csv"), "Slurm and local results differ")
        let firstRun = try XCTUnwrap(try text("slurm/runs.jsonl").split(separator: "\n").first.flatMap { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["hash"] as? String })
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/slurm/runs/\(firstRun)/slurm-\(first.jobs[1])_0.log"),
                      "each task logs next to its run")
        // Nothing left to do: resubmitting submits nothing.
        XCTAssertTrue(try submit("slurm").text.contains("skipped: 5 finished\nnothing to submit"))

        // A second study on the cached base: no base job. Held, one task cancelled, the rest released.
        let held = try submit("again", ["--sbatch-args=--hold"])
        XCTAssertTrue(held.text.contains("0 base job(s), 5 run(s) in 2 job array(s)"), held.text)
        XCTAssertEqual(held.jobs.count, 2, held.text)
        guard held.jobs.count == 2 else { return }
        XCTAssertFalse(held.text.contains("afterok"), "a cached base needs no dependency: \(held.text)")
        // Submitting again while they wait submits nothing: the queue still has them (squeue + slurm/jobs.jsonl).
        XCTAssertTrue(try submit("again").text.contains("skipped: 0 finished, 5 queued by earlier jobs\nnothing to submit"))
        XCTAssertEqual(try Self.shell(["scancel", "\(held.jobs[0])_0"], environment: environment).status, 0)
        XCTAssertEqual(try Self.shell(["scontrol", "release", held.jobs.joined(separator: ",")], environment: environment).status, 0)
        try waitForStatus("again", "5 runs: 4 done, 1 pending")
        // Resubmitting the same command completes the study with only the cancelled run.
        let resubmitted = try submit("again")
        XCTAssertTrue(resubmitted.text.contains("0 base job(s), 1 run(s) in 1 job array(s) (MaxArraySize 4), 1 CPU(s) per run; skipped: 4 finished"),
                      resubmitted.text)
        try waitForStatus("again", "5 runs: 5 done")
        XCTAssertEqual(try text("again/metrics.csv"), try text("local/metrics.csv"))
    }

    /// Runs a program found in PATH (plus the daemons' /usr/sbin) with extra environment variables.
    static func shell(_ args: [String], environment extra: [String: String] = [:]) throws -> CLI.Result {
        var env = extra
        env["PATH"] = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        return try CLI.run(args, environment: env, program: URL(fileURLWithPath: "/usr/bin/env"))
    }
}

/// `--executor slurm` options and dry run, without Slurm (the dry run then assumes Slurm's default MaxArraySize, 1001).
final class SlurmOptionsTests: XCTestCase {
    func testDryRunPrintsTheScriptsAndOptionsAreChecked() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try tinyStudy.write(toFile: dir + "/tiny.json", atomically: true, encoding: .utf8)
        // No Slurm tools on PATH (a missing SLURM_CONF instead makes scontrol wait a minute for DNS).
        let noCluster = ["PATH": dir]
        let dry = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s", "--executor", "slurm", "--cpus-per-run", "3",
                               "--partition", "short", "--time", "0:10:00", "--mem", "1G", "--sbatch-args=--account=a --qos=b", "--dry-run"],
                              in: dir, environment: noCluster)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.hasPrefix("study tiny: 1 base job(s), 5 run(s) in 1 job array(s) (MaxArraySize 1001), 3 CPU(s) per run"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains("sbatch --parsable --dependency=afterok:<job of base-"), dry.stdout)
        XCTAssertTrue(dry.stdout.contains(" --account=a --qos=b \(dir)/s/slurm/runs-"), dry.stdout)
        for line in ["#SBATCH --array=0-4", "#SBATCH --cpus-per-task=3", "#SBATCH --partition=short", "#SBATCH --time=0:10:00",
                     "#SBATCH --mem=1G", "--threads 3 --bases '\(dir)/bases'"] {
            XCTAssertTrue(dry.stdout.contains(line), "missing \(line): \(dry.stdout)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/s"), "a dry run writes nothing")

        let local = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s", "--partition", "short"], in: dir)
        XCTAssertEqual(local.status, 2)
        XCTAssertTrue(local.stderr.contains("option '--partition' needs --executor slurm"), local.stderr)
        let zero = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s", "--executor", "slurm", "--cpus-per-run", "0"], in: dir)
        XCTAssertEqual(zero.status, 2)
        XCTAssertTrue(zero.stderr.contains("--cpus-per-run"), zero.stderr)
        let unknown = try CLI.run(["sweep", "--config", "tiny.json", "--executor", "pbs"], in: dir)
        XCTAssertEqual(unknown.status, 2, unknown.stderr)
        // Submitting needs the cluster: one line saying what failed, exit 1.
        let submit = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s", "--executor", "slurm"], in: dir, environment: noCluster)
        XCTAssertEqual(submit.status, 1)
        XCTAssertTrue(submit.stderr.hasPrefix("error: cannot read the cluster's MaxArraySize"), submit.stderr)
        XCTAssertEqual(submit.stderr.split(separator: "\n").count, 1, submit.stderr)
    }
}
