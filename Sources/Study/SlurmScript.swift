import Foundation

/// The texts of the Slurm executor's sbatch scripts, built from plain values so they can be read in a dry run
/// and unit-tested: one script per base to pretrain, one per job array of runs (see SlurmExecutor).
public enum SlurmScript {
    /// Resources and placement every job of a submission asks for.
    public struct Resources: Sendable, Equatable {
        /// Cores of one run (or base build): `--cpus-per-task`, and the run's `--threads`, so results equal a
        /// local run at this thread count.
        public var cpus: Int
        public var partition: String?
        public var time: String?
        public var memory: String?

        public init(cpus: Int, partition: String? = nil, time: String? = nil, memory: String? = nil) {
            self.cpus = cpus
            self.partition = partition
            self.time = time
            self.memory = memory
        }
    }

    /// What every script runs: this `scaling` binary on this study, with these base directories.
    public struct Command: Sendable, Equatable {
        /// Absolute paths (jobs may start in another directory, on another machine of the shared filesystem).
        public var executable: String
        public var study: String
        /// The `--bases` value (absolute directories joined by `:`).
        public var bases: String
        public var retryFailed: Bool

        public init(executable: String, study: String, bases: String, retryFailed: Bool) {
            self.executable = executable
            self.study = study
            self.bases = bases
            self.retryFailed = retryFailed
        }

        /// `'scaling' sweep run 'STUDY' --run HASH --threads N --bases 'DIRS'`, with `hash` already quoted.
        func sweepRun(hash: String, threads: Int) -> String {
            "\(quote(executable)) sweep run \(quote(study)) --run \(hash) --threads \(threads) --bases \(quote(bases))"
                + (retryFailed ? " --retry-failed" : "")
        }
    }

    /// The script of the job that pretrains base `hash` (`label` names it in comments and the job name). Its
    /// output goes to `STUDY/slurm/base-<hash>-<job>.log`.
    public static func base(hash: String, label: String, studyName: String, command: Command, resources: Resources) -> String {
        var s = header(name: "scaling-\(studyName)-base-\(label)", resources: resources,
                       output: "\(command.study)/slurm/base-\(hash)-%j.log", array: nil)
        s += "# Pretrains base \(hash) (\(label)) of study \(studyName) (skipped when it is cached); the job arrays of its\n"
        s += "# runs start when this job succeeds (afterok).\n"
        s += environment(resources.cpus)
        s += "exec \(command.sweepRun(hash: hash, threads: resources.cpus))\n"
        return s
    }

    /// The script of a job array over `hashes` (task i performs run `hashes[i]`). Slurm's own messages for a
    /// task go to `STUDY/slurm/runs-<job>_<task>.log`; the run's output to
    /// `STUDY/runs/<hash>/slurm-<job>_<task>.log`, next to its results.
    public static func runArray(hashes: [String], baseLabel: String, studyName: String, command: Command,
                                resources: Resources) -> String {
        precondition(!hashes.isEmpty, "an array needs runs")
        var s = header(name: "scaling-\(studyName)-runs-\(baseLabel)", resources: resources,
                       output: "\(command.study)/slurm/runs-%A_%a.log", array: "0-\(hashes.count - 1)")
        // A base job that fails never satisfies afterok: cancel the array instead of leaving it pending forever.
        s += "#SBATCH --kill-on-invalid-dep=yes\n"
        s += "# \(hashes.count) run(s) of study \(studyName) on base \(baseLabel), one per array task; a finished run is skipped.\n"
        s += "hashes=(\(hashes.joined(separator: " ")))\n"
        s += "hash=${hashes[$SLURM_ARRAY_TASK_ID]}\n"
        let runDirectory = quote(command.study + "/runs/") + "\"$hash\""
        s += "mkdir -p \(runDirectory)\n"
        s += environment(resources.cpus)
        s += "exec \(command.sweepRun(hash: "\"$hash\"", threads: resources.cpus)) \\\n"
        s += "  >\(runDirectory)/slurm-\"$SLURM_ARRAY_JOB_ID\"_\"$SLURM_ARRAY_TASK_ID\".log 2>&1\n"
        return s
    }

    static func header(name: String, resources: Resources, output: String, array: String?) -> String {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(name)"]
        if let array { lines.append("#SBATCH --array=\(array)") }
        lines += ["#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=\(resources.cpus)"]
        if let p = resources.partition { lines.append("#SBATCH --partition=\(p)") }
        if let t = resources.time { lines.append("#SBATCH --time=\(t)") }
        if let m = resources.memory { lines.append("#SBATCH --mem=\(m)") }
        // #SBATCH lines are not shell words: a path with spaces cannot be quoted there (checked by the executor).
        lines.append("#SBATCH --output=\(output)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// BLAS threads pinned to the run's thread count (the run sets them too; this covers library start-up).
    static func environment(_ cpus: Int) -> String {
        "export OPENBLAS_NUM_THREADS=\(cpus) OMP_NUM_THREADS=\(cpus)\n"
    }

    /// A shell word for `s`: single-quoted, with embedded single quotes closed and escaped.
    static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The `n` hashes cut into arrays of at most `maxArraySize` tasks (Slurm's MaxArraySize bounds the task
    /// index: indices 0..<MaxArraySize).
    public static func chunks(_ hashes: [String], maxArraySize: Int) -> [[String]] {
        precondition(maxArraySize >= 1)
        return stride(from: 0, to: hashes.count, by: maxArraySize).map { Array(hashes[$0..<min($0 + maxArraySize, hashes.count)]) }
    }

    /// `MaxArraySize` from the text of `scontrol show config` (`MaxArraySize            = 1001`), or nil.
    public static func maxArraySize(scontrolConfig text: String) -> Int? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 && parts[0] == "MaxArraySize" { return Int(parts[1]) }
        }
        return nil
    }

    /// Hashes still in the queue, from `squeue --array --format="%F %K"` lines (`<array job id> <task index>`,
    /// `N/A` for a job that is no array) and the submitted jobs' hashes (a base job: its base; an array: task i
    /// performs hashes[i]); unknown jobs are ignored. Maps each hash to `job` or `job_task`.
    public static func queued(squeueOutput text: String, jobs: [String: [String]]) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 2, let hashes = jobs[fields[0]] else { continue }
            if let task = Int(fields[1]) {
                if task < hashes.count { out[hashes[task]] = "\(fields[0])_\(task)" }
            } else {
                for h in hashes { out[h] = fields[0] }
            }
        }
        return out
    }

    /// The job id in `sbatch --parsable` output (`123` or `123;cluster`).
    public static func jobID(sbatchOutput text: String) -> String? {
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        return !id.isEmpty && id.allSatisfy(\.isNumber) ? id : nil
    }
}
