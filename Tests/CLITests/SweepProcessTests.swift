#if canImport(Glibc)
import Glibc
#endif
import Foundation
import XCTest

/// The sweep's processes and shared caches: bases found from any study directory, children that die with a
/// killed sweep, and runs another process is performing.
final class SweepProcessTests: TinyStudyTestCase {
    /// Shipped bases in a repository's notebooks-data/bases are found for a study anywhere when the command runs
    /// inside the repository, or through SCALING_BASES / --bases; the plan says where it looked.
    func testShippedBasesAreFoundFromAnyStudy() throws {
        let repo = dir + "/repo", shipped = repo + "/notebooks-data/bases"
        try FileManager.default.createDirectory(atPath: repo + "/sub", withIntermediateDirectories: true)
        try "// the repository\n".write(toFile: repo + "/Package.swift", atomically: true, encoding: .utf8)
        let build = try CLI.run(["sweep", "--config", "../tiny.json", "--out", "notebooks-data/tiny", "--bases-only"], in: repo)
        XCTAssertEqual(build.status, 0, build.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: shipped).filter { $0.hasSuffix(".ckpt") }.count, 1)

        func plan(from cwd: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> String {
            let r = try CLI.run(["sweep", "--config", dir + "/tiny.json", "--out", dir + "/mystudy", "--dry-run"] + extra,
                                in: cwd, environment: environment)
            XCTAssertEqual(r.status, 0, r.stderr)
            return r.stdout
        }
        let inside = try plan(from: repo + "/sub")
        XCTAssertTrue(inside.contains("looked in \(dir)/bases (the study's ../bases; missing bases are built here): does not exist yet"), inside)
        XCTAssertTrue(inside.contains("looked in \(shipped) (the repository's shipped bases, found from the current directory): 1 checkpoint(s)"), inside)
        XCTAssertTrue(inside.contains("cached, probe"), inside)
        XCTAssertTrue(inside.contains("found in \(shipped)"), inside)
        let outside = try plan(from: dir)
        XCTAssertTrue(outside.contains("to build"), outside)
        XCTAssertFalse(outside.contains(shipped), outside)
        let byEnvironment = try plan(from: dir, environment: ["SCALING_BASES": shipped])
        XCTAssertTrue(byEnvironment.contains("looked in \(shipped) (SCALING_BASES; missing bases are built here): 1 checkpoint(s)"), byEnvironment)
        XCTAssertTrue(byEnvironment.contains("cached, probe"), byEnvironment)
        XCTAssertTrue(try plan(from: dir, ["--bases", shipped]).contains("looked in \(shipped) (--bases;"))

        // The sweep itself (and its child runs) use the found base: nothing is pretrained, nothing written next to the study.
        let sweep = try CLI.run(["sweep", "--config", dir + "/tiny.json", "--out", dir + "/mystudy"], in: repo + "/sub")
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        XCTAssertTrue(sweep.stdout.contains("5 runs: 5 done"), sweep.stdout)
        XCTAssertFalse(sweep.stderr.contains("to pretrain"), sweep.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/bases"))
    }

    /// kill -9 of a sweep takes its child `sweep run` with it (here a base build that would go on for seconds).
    func testKilledSweepTakesItsChildWithIt() throws {
        // Pretraining on 800K tokens keeps the child busy for several seconds.
        try tinyStudy.replacingOccurrences(of: "\"tokens\": 24000", with: "\"tokens\": 800000")
            .write(toFile: dir + "/slow.json", atomically: true, encoding: .utf8)
        let sweep = try startSweep(config: "slow.json", out: "slow")
        var children: [Int32] = []
        let deadline = Date().addingTimeInterval(30)
        while children.isEmpty && Date() < deadline && sweep.isRunning {
            usleep(50_000)
            children = Self.children(of: sweep.processIdentifier)
        }
        XCTAssertEqual(children.count, 1, "the sweep starts one `sweep run` child")
        usleep(300_000)  // the child is pretraining now
        XCTAssertTrue(Self.isAlive(children[0]))
        kill(sweep.processIdentifier, SIGKILL)
        sweep.waitUntilExit()
        let gone = Date().addingTimeInterval(2)
        while Date() < gone && children.contains(where: Self.isAlive) { usleep(20_000) }
        XCTAssertFalse(children.contains(where: Self.isAlive), "the child outlived the killed sweep")
    }

    /// A run whose lock another live process holds is "running": the sweep skips it and says so, records no
    /// failure; once the lock is released, the next sweep performs it.
    func testRunLockedByAnotherProcessIsSkippedNotFailed() throws {
        let first = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s", "--only", "E1"], in: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        let pending = try CLI.run(["sweep", "status", "s", "--pending"], in: dir).stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(pending.count, 3)
        let hash = pending[0]
        try FileManager.default.createDirectory(atPath: "\(dir)/s/runs/\(hash)", withIntermediateDirectories: true)
        // This test process plays the other sweep: it holds the run's lock.
        let fd = open("\(dir)/s/runs/\(hash)/.lock", O_CREAT | O_RDWR, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        let busy = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s"], in: dir)
        XCTAssertEqual(busy.status, 0, busy.stderr)
        XCTAssertTrue(busy.stderr.contains("run \(hash) (") && busy.stderr.contains("is being performed by another process"), busy.stderr)
        XCTAssertTrue(busy.stdout.contains("5 runs: 4 done, 1 running"), busy.stdout)
        XCTAssertFalse(busy.stdout.contains("failed") || busy.stderr.contains("failed"), busy.stdout + busy.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/s/runs/\(hash)/result.json"))
        // Asked for directly, the run refuses without recording anything either.
        let direct = try CLI.run(["sweep", "run", "s", "--run", hash], in: dir)
        XCTAssertEqual(direct.status, 1)
        XCTAssertTrue(direct.stderr.contains("is being performed by another process"), direct.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/s/runs/\(hash)/result.json"))
        close(fd)
        let after = try CLI.run(["sweep", "--config", "tiny.json", "--out", "s"], in: dir)
        XCTAssertTrue(after.stdout.contains("5 runs: 5 done"), after.stdout)
    }

    /// Live processes whose parent is `pid` (from /proc/<pid>/stat: `pid (comm) state ppid ...`).
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { name -> Int32? in
            guard let child = Int32(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == pid ? child : nil
        }
    }

    /// Whether `pid` is a running process (not gone, not a zombie).
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }
}
