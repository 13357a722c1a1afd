import Arguments
import DataFiles
import Foundation
import Study

/// `scaling sweep`: plan and run a study; `sweep run` performs one run, `sweep status` lists the runs' states.
enum SweepCommand: Command {
    static let spec = CommandSpec(
        name: "sweep", abstract: "Run a scaling study (train, evaluate, record metrics).",
        discussion: """
        A study is a JSON config (see docs/study-config.md); --preset quick (the default) and --preset paper are
        shipped. Results go to the study directory (default notebooks-data/<name>): config.json, runs.jsonl,
        metrics.csv, runs/<hash>/. Rerunning the same command resumes: finished runs (by config hash) are skipped.
        Base checkpoints are cached by hash: built in --bases, $SCALING_BASES, the config's "bases", or the study's
        ../bases, and also looked up in the repository's notebooks-data/bases when run inside it (the plan says where).
        --executor slurm submits the runs as Slurm jobs instead and returns (docs/cluster.md).
        Examples:
          scaling sweep --preset quick --dry-run
          scaling sweep --config my-study.json --out notebooks-data/mine --jobs 2 --only E3,E4
          scaling sweep --preset paper --out /scratch/paper --executor slurm --cpus-per-run 4 --time 2:00:00
          scaling sweep status notebooks-data/quick
        """,
        options: [
            .option("preset", "NAME", "A shipped study: \(Presets.names.joined(separator: " or ")) (default quick unless --config or --resume)."),
            .option("config", "FILE", "A study config JSON file."),
            .option("out", "DIR", "The study directory (default notebooks-data/<config name>)."),
            .option("jobs", "N", "Runs at once, each a separate process with cores/N threads (results do not depend on N).", default: "1"),
            .option("only", "E3,E4", "Only the runs serving these experiments (hashes do not change)."),
            .flag("dry-run", "Print the plan (runs, estimated FLOPs and time) and exit."),
            .flag("resume", "Continue the study in --out with its stored config.json."),
            .flag("extend", "Let --config/--preset replace the stored config of --out when it keeps all its runs (more seeds, sizes, arms)."),
            .flag("retry-failed", "Run the failed runs again (they are skipped otherwise)."),
            .flag("bases-only", "Only pretrain the missing base checkpoints (e.g. to ship them)."),
            .option("bases", "DIR[:DIR]", "Where base checkpoints are looked up; missing ones are built in the first (default: see above)."),
            .option("executor", "NAME", "local (child processes here) or slurm (sbatch jobs; returns at once).", default: "local"),
            .option("partition", "P", "slurm: the partition of every job."),
            .option("time", "T", "slurm: the time limit of every job (sbatch --time, e.g. 1:00:00)."),
            .option("cpus-per-run", "C", "slurm: cores per run or base job (default 2); also the run's threads (results equal a local run's)."),
            .option("mem", "M", "slurm: memory per job (sbatch --mem, e.g. 4G)."),
            .option("sbatch-args", "\"ARGS\"", "slurm: more sbatch arguments for every job, split at blanks (--sbatch-args=\"--account=x --qos=y\")."),
        ])
    static let slurmOptions = ["partition", "time", "cpus-per-run", "mem", "sbatch-args"]
    static var subcommands: [any Command.Type] { [SweepRunCommand.self, SweepStatusCommand.self] }

    static func run(_ a: ParsedArguments) throws {
        if try a.choice("executor", among: ["local", "slurm"]) == "slurm" { return try submitToSlurm(a) }
        for name in slurmOptions where a.string(name) != nil {
            throw UsageError("option '--\(name)' needs --executor slurm", commandPath: a.commandPath)
        }
        let study = try openOrCreate(a)
        let runs = try selectRuns(study, only: a.list("only"))
        if a.flag("dry-run") {
            print(PlanText.dryRun(study, runs: runs), terminator: "")
            return
        }
        let jobs = try a.int("jobs", in: OptionRange.threads) ?? 1
        if !a.flag("bases-only") { try SFTData.checkSyntheticSizes(study: study, runs: runs) }
        let executor = LocalExecutor(study: study, executable: executablePath(), jobs: jobs, retryFailed: a.flag("retry-failed"))
        let outcome = try executor.execute(runs, basesOnly: a.flag("bases-only"))
        if a.flag("bases-only") {
            print(PlanText.bases(study, runs: runs), terminator: "")
            if outcome.failed > 0 { throw ToolError("\(outcome.failed) base(s) could not be built") }
            return
        }
        print(PlanText.status(study, runs: runs), terminator: "")
        if outcome.failed > 0 { StandardError.write("\(outcome.failed) run(s) failed; see the reasons above\n") }
        if outcome.busy > 0 { StandardError.write("\(outcome.busy) run(s) left to the process performing them; rerun after they end\n") }
    }

    /// `--executor slurm`: plans the jobs, prints their scripts (`--dry-run`) or submits them.
    static func submitToSlurm(_ a: ParsedArguments) throws {
        let cpus = try a.int("cpus-per-run") ?? 2
        guard cpus >= 1 else { throw UsageError("option '--cpus-per-run': expected a positive integer", commandPath: a.commandPath) }
        let study = try openOrCreate(a)
        let runs = try selectRuns(study, only: a.list("only"))
        let resources = SlurmScript.Resources(cpus: cpus, partition: a.string("partition"), time: a.string("time"), memory: a.string("mem"))
        let sbatchArguments = (a.string("sbatch-args") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        let slurm = try SlurmExecutor(study: study, executable: executablePath(), resources: resources,
                                      sbatchArguments: sbatchArguments, retryFailed: a.flag("retry-failed"))
        if a.flag("dry-run") {
            // A dry run also works away from the cluster: Slurm's default MaxArraySize then.
            var size = 1001
            do { size = try SlurmExecutor.maxArraySize() } catch { StandardError.write("note: \(error); assuming Slurm's default MaxArraySize 1001\n") }
            print(slurm.dryRunText(slurm.plan(runs, maxArraySize: size, basesOnly: a.flag("bases-only"), queued: slurm.queued())),
                  terminator: "")
            return
        }
        if !a.flag("bases-only") { try SFTData.checkSyntheticSizes(study: study, runs: runs) }
        let plan = slurm.plan(runs, maxArraySize: try SlurmExecutor.maxArraySize(), basesOnly: a.flag("bases-only"),
                              queued: slurm.queued())
        print(try slurm.submit(plan), terminator: "")
        print("watch: squeue --me; scaling sweep status \(study.path) (resubmit the same command to continue)")
    }

    static func openOrCreate(_ a: ParsedArguments) throws -> StudyDirectory {
        let given = [a.string("preset"), a.string("config")].compactMap { $0 }
        if given.count > 1 { throw UsageError("give either --preset or --config, not both", commandPath: a.commandPath) }
        if a.flag("resume") && given.isEmpty {
            guard let out = a.string("out") else {
                throw UsageError("--resume without --preset or --config needs --out STUDY_DIR", commandPath: a.commandPath)
            }
            let study = try StudyDirectory(opening: out, bases: a.string("bases"))
            try study.config.validate(file: study.path + "/config.json")
            return study
        }
        let text: String, file: String
        if let path = a.string("config") {
            (text, file) = (try FileIO.readText(path), path)
        } else {
            let name = try a.choice("preset", among: Presets.names) ?? "quick"
            (text, file) = (Presets.text(name)!, "preset '\(name)'")
        }
        let name = try StudyConfig(parsing: text, file: file).name
        return try StudyDirectory.create(path: a.string("out") ?? "notebooks-data/\(name)", configText: text,
                                         configFile: file, toolVersion: toolVersion, write: !a.flag("dry-run"),
                                         bases: a.string("bases"), extend: a.flag("extend"))
    }

    static func selectRuns(_ study: StudyDirectory, only: [String]?) throws -> [RunSpec] {
        if let only {
            let known = study.config.experiments.map(\.id)
            for id in only where !known.contains(id) {
                throw ToolError("--only: study \(study.config.name) has no experiment '\(id)' (it has \(known.joined(separator: ", ")))")
            }
        }
        return study.plan.runs(only: only)
    }

    /// This executable, for the executor's `sweep run` child processes.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// `scaling sweep run STUDY_DIR --run HASH`: performs exactly one run (building its base if missing).
enum SweepRunCommand: Command {
    static let spec = CommandSpec(
        name: "run", abstract: "Perform one run of a study, addressed by its hash.",
        discussion: """
        Takes the base checkpoint the run needs (building it when missing or corrupt), fine-tunes, evaluates, and
        writes runs/<hash>/ atomically; then refreshes runs.jsonl and metrics.csv. A base's own hash (see
        'sweep --dry-run') builds just that base. Safe to call from several processes or cluster jobs at once.
        """,
        positionals: [PositionalSpec("STUDY_DIR", "The study directory.")],
        options: [
            .option("run", "HASH", "The run (or base) hash."),
            .option("threads", "N", "BLAS and kernel threads (default: all cores); results do not depend on N."),
            .flag("retry-failed", "Perform it again if it failed before (a finished run is never redone)."),
            .option("bases", "DIR[:DIR]", "Where base checkpoints are looked up; missing ones are built in the first (see 'sweep --help')."),
            .flag("machine-progress", "Progress as JSON lines on stdout (used by the sweep executor)."),
            .option("parent", "PID", "Die when process PID ends (set by the sweep executor for its children)."),
        ])

    static func run(_ a: ParsedArguments) throws {
        if let parent = try a.int("parent") { ParentWatch.dieWith(parent: Int32(truncatingIfNeeded: parent)) }
        let study = try StudyDirectory(opening: try a.positional(0, name: "STUDY_DIR"), bases: a.string("bases"))
        let hash = try a.required("run")
        let reporter: ProgressSink = a.flag("machine-progress") ? MachineProgress() : StatusLine()
        // The executor validated the study before starting its child processes; a user's call is checked here.
        if !a.flag("machine-progress") { try study.config.validate(file: study.path + "/config.json") }
        // Always set the thread count: floating-point sums depend on it, and a run must give the same bits whether
        // the executor or a user starts it (the executor passes cores / jobs).
        let threads = try a.int("threads", in: OptionRange.threads) ?? ProcessInfo.processInfo.activeProcessorCount
        let runner = RunRunner(study: study, threads: threads, progress: reporter, command: commandLine())
        if let base = study.plan.bases.first(where: { $0.hash == hash }) {
            try runner.ensureBase(base)
            return
        }
        guard let run = study.plan.run(hash: hash) else {
            throw ToolError("\(study.path): no run \(hash) in the plan (see 'scaling sweep status \(study.path)')")
        }
        let record = try runner.perform(run, retryFailed: a.flag("retry-failed"))
        try study.rebuildSummaries()
        if record.status == .failed { throw ToolError("run \(hash) failed: \(record.reason ?? "")") }
    }

    static func commandLine() -> String { (["scaling"] + CommandLine.arguments.dropFirst()).joined(separator: " ") }
}

/// `scaling sweep status STUDY_DIR`: done / failed / running / pending runs.
enum SweepStatusCommand: Command {
    static let spec = CommandSpec(
        name: "status", abstract: "List a study's runs: done, failed, running, pending.",
        positionals: [PositionalSpec("STUDY_DIR", "The study directory.")],
        options: [.option("only", "E3,E4", "Only the runs serving these experiments."),
                  .flag("pending", "Print only the hashes of runs still to do, one per line (for job arrays).")])

    static func run(_ a: ParsedArguments) throws {
        let study = try StudyDirectory(opening: try a.positional(0, name: "STUDY_DIR"))
        let runs = try SweepCommand.selectRuns(study, only: a.list("only"))
        if a.flag("pending") {
            for r in runs {
                switch study.state(of: r.hash) {
                case .pending, .corrupt: print(r.hash)
                default: break
                }
            }
            return
        }
        print(PlanText.status(study, runs: runs), terminator: "")
    }
}
