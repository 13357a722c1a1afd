import DataFiles
import Foundation

/// Hands a study's pending runs to Slurm: one job per missing base (deduplicated by hash), then per base one job
/// array of `scaling sweep run STUDY --run HASH` tasks that starts when the base job succeeds (afterok; no
/// dependency when the base is cached), cut into arrays of at most the cluster's MaxArraySize. It submits and
/// returns; Slurm does the queueing. The study directory stays the only source of truth: `sweep status` reads the
/// runs' result files and locks, and submitting again skips finished runs, runs in progress (lock held) and runs
/// that jobs of earlier submissions (STUDY/slurm/jobs.jsonl) still have in Slurm's queue.
public final class SlurmExecutor {
    public let study: StudyDirectory
    let command: SlurmScript.Command
    let resources: SlurmScript.Resources
    /// Extra `sbatch` arguments for every job (`--account=x --qos=y`).
    let sbatchArguments: [String]
    let retryFailed: Bool

    public init(study: StudyDirectory, executable: String, resources: SlurmScript.Resources, sbatchArguments: [String],
                retryFailed: Bool) throws {
        self.study = study
        let studyPath = URL(fileURLWithPath: study.path).standardizedFileURL.path
        // #SBATCH lines are not shell words: a log path with blanks cannot be written there.
        guard !studyPath.contains(where: \.isWhitespace) else {
            throw ToolError("the study directory \(studyPath) contains blanks, which sbatch's --output cannot carry; use another --out")
        }
        command = SlurmScript.Command(executable: executable, study: studyPath, bases: study.bases.argument, retryFailed: retryFailed)
        self.resources = resources
        self.sbatchArguments = sbatchArguments
        self.retryFailed = retryFailed
    }

    /// One sbatch submission.
    public struct Job: Sendable {
        /// `base-<hash>` or `runs-<base hash>-<chunk>`: the script's file name in STUDY/slurm/.
        public var name: String
        public var script: String
        /// What it does, for the printed summary.
        public var summary: String
        /// The base whose job must succeed first (a base being built by this submission).
        public var afterBase: String?
        /// The job of an earlier submission that must succeed first (its base build is still queued).
        public var afterJob: String?
        /// The base hash (base jobs) or the run hashes (arrays).
        public var hashes: [String]
    }

    public struct Plan: Sendable {
        public var jobs: [Job] = []
        public var finished = 0
        public var failedSkipped = 0
        /// Runs whose lock a live process holds (a task of an earlier submission, a local sweep).
        public var inProgress: [String] = []
        /// Runs still in Slurm's queue from an earlier submission.
        public var queued: [String] = []
        public var maxArraySize = 0
    }

    /// The jobs to submit for `runs` (only the base jobs with `basesOnly`); `queued` maps the run and base
    /// hashes that earlier jobs still have in the queue to those jobs (see `queued()`).
    public func plan(_ runs: [RunSpec], maxArraySize: Int, basesOnly: Bool = false, queued: [String: String] = [:]) -> Plan {
        var plan = Plan()
        plan.maxArraySize = maxArraySize
        var todo: [RunSpec] = []
        for r in runs {
            switch study.state(of: r.hash) {
            case .done: plan.finished += 1
            case .running: plan.inProgress.append(r.hash)
            case .failed where !retryFailed: plan.failedSkipped += 1
            case .pending, .corrupt, .failed:
                if queued[r.hash] != nil { plan.queued.append(r.hash) } else { todo.append(r) }
            }
        }
        let store = study.baseStore
        let needed = basesOnly ? StudyPlan.bases(of: runs) : StudyPlan.bases(of: todo)
        for base in needed where store.state(base) != .valid && queued[base.hash] == nil {
            plan.jobs.append(Job(name: "base-\(base.hash)",
                                 script: SlurmScript.base(hash: base.hash, label: base.model.name, studyName: study.config.name,
                                                          command: command, resources: resources),
                                 summary: "pretrain base \(base.hash) (\(base.model.name))", afterBase: nil, afterJob: nil,
                                 hashes: [base.hash]))
        }
        if basesOnly { return plan }
        let building = Set(plan.jobs.map { $0.hashes[0] })
        for base in StudyPlan.bases(of: todo) {
            let hashes = todo.filter { $0.base.hash == base.hash }.map(\.hash)
            let chunks = SlurmScript.chunks(hashes, maxArraySize: maxArraySize)
            for (i, chunk) in chunks.enumerated() {
                plan.jobs.append(Job(name: "runs-\(base.hash)-\(i + 1)",
                                     script: SlurmScript.runArray(hashes: chunk, baseLabel: base.model.name, studyName: study.config.name,
                                                                  command: command, resources: resources),
                                     summary: "\(chunk.count) run(s) on base \(base.model.name)"
                                         + (chunks.count > 1 ? " (array \(i + 1) of \(chunks.count))" : ""),
                                     afterBase: building.contains(base.hash) ? base.hash : nil,
                                     afterJob: store.state(base) == .valid ? nil : queued[base.hash], hashes: chunk))
            }
        }
        return plan
    }

    /// The plan as text: what is skipped, then each job's sbatch command line and script (`--dry-run`).
    public func dryRunText(_ plan: Plan) -> String {
        var out = summaryLine(plan) + "bases:\n" + study.bases.description(counting: study.baseStore)
        for job in plan.jobs {
            let dependency = job.afterBase.map { ["--dependency=afterok:<job of base-\($0)>"] }
                ?? job.afterJob.map { ["--dependency=afterok:\($0)"] } ?? []
            out += "\n# \(job.summary): sbatch " + (["--parsable"] + dependency + sbatchArguments).joined(separator: " ")
                + " \(command.study)/slurm/\(job.name).sbatch\n" + job.script
        }
        return out
    }

    func summaryLine(_ plan: Plan) -> String {
        let arrays = plan.jobs.filter { $0.name.hasPrefix("runs-") }
        let runs = arrays.map(\.hashes.count).reduce(0, +)
        var s = "study \(study.config.name): \(plan.jobs.count - arrays.count) base job(s), \(runs) run(s) in \(arrays.count) job array(s) "
            + "(MaxArraySize \(plan.maxArraySize)), \(resources.cpus) CPU(s) per run; skipped: \(plan.finished) finished"
        if plan.failedSkipped > 0 { s += ", \(plan.failedSkipped) failed (--retry-failed resubmits them)" }
        if !plan.inProgress.isEmpty { s += ", \(plan.inProgress.count) in progress" }
        if !plan.queued.isEmpty { s += ", \(plan.queued.count) queued by earlier jobs" }
        return s + "\n"
    }

    /// Submits the plan's jobs (writing each script to STUDY/slurm/<name>.sbatch and appending each job to
    /// STUDY/slurm/jobs.jsonl); returns one line per job with its id.
    public func submit(_ plan: Plan) throws -> String {
        var out = summaryLine(plan)
        for hash in plan.inProgress {
            out += "run \(hash) is being performed by another process (its lock is held): not submitted\n"
        }
        let directory = study.path + "/slurm"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var baseJobs: [String: String] = [:]
        for job in plan.jobs {
            let file = directory + "/\(job.name).sbatch"
            try FileIO.writeAtomically(job.script, to: file)
            var arguments = ["--parsable"]
            if let base = job.afterBase {
                guard let id = baseJobs[base] else { throw ToolError("internal: array before its base job") }
                arguments.append("--dependency=afterok:\(id)")
            } else if let id = job.afterJob {
                arguments.append("--dependency=afterok:\(id)")
            }
            arguments += sbatchArguments + [URL(fileURLWithPath: file).standardizedFileURL.path]
            let result = try ExternalCommand.run("sbatch", arguments)
            guard result.status == 0, let id = SlurmScript.jobID(sbatchOutput: result.stdout) else {
                let why = result.stderr.split(separator: "\n").last.map(String.init) ?? "exit status \(result.status)"
                throw ToolError("sbatch \(file) failed: \(why)" + (out.contains("submitted") ? " (the jobs above were submitted)" : ""))
            }
            if job.name.hasPrefix("base-") { baseJobs[job.hashes[0]] = id }
            let record: [String: Any] = ["job": id, "name": job.name, "hashes": job.hashes,
                                         "submitted": ISO8601DateFormatter().string(from: Date())]
            try FileIO.appendAtomically([try JSONLines.line(record)], to: directory + "/jobs.jsonl")
            let after = job.afterBase.flatMap { baseJobs[$0] } ?? job.afterJob
            out += "submitted job \(id): \(job.summary)" + (after.map { " after job \($0) (afterok)" } ?? "") + "\n"
        }
        if plan.jobs.isEmpty { out += "nothing to submit\n" }
        return out
    }

    /// The run and base hashes that jobs of earlier submissions (STUDY/slurm/jobs.jsonl) still have in Slurm's
    /// queue, pending or running (`squeue`), mapped to the job (`123` or `123_4` for an array task). Empty,
    /// with a warning, when squeue cannot tell.
    public func queued() -> [String: String] {
        let file = study.path + "/slurm/jobs.jsonl"
        guard FileManager.default.fileExists(atPath: file) else { return [:] }
        var jobs: [String: [String]] = [:]
        do {
            for record in try JSONLines(parsing: try FileIO.readText(file), file: file).records {
                if let id = record.object["job"] as? String, let hashes = record.object["hashes"] as? [String] { jobs[id] = hashes }
            }
        } catch {
            StandardError.write("warning: \(error); submitting without checking the queue\n")
            return [:]
        }
        guard let result = try? ExternalCommand.run("squeue", ["--noheader", "--array", "--me", "--format=%F %K"]), result.status == 0 else {
            StandardError.write("warning: squeue failed: runs still queued by earlier submissions may be submitted twice\n")
            return [:]
        }
        return SlurmScript.queued(squeueOutput: result.stdout, jobs: jobs)
    }

    /// The cluster's MaxArraySize, from `scontrol show config`.
    public static func maxArraySize() throws -> Int {
        let result = try ExternalCommand.run("scontrol", ["show", "config"])
        guard result.status == 0, let size = SlurmScript.maxArraySize(scontrolConfig: result.stdout) else {
            let why = result.stderr.split(separator: "\n").last.map(String.init) ?? "no MaxArraySize in its output"
            throw ToolError("cannot read the cluster's MaxArraySize with 'scontrol show config': \(why)")
        }
        guard size >= 1 else { throw ToolError("this cluster disables job arrays (MaxArraySize = \(size))") }
        return size
    }
}
