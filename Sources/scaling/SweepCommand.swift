import Arguments
import DataFiles
import Foundation
import Study

/// `scaling sweep`: plan and run a study; `sweep run` performs one run, `sweep status` lists the runs' states.
enum SweepCommand: Command {
    static let spec = CommandSpec(
        name: "sweep", abstract: "Run a scaling study (train, evaluate, record metrics).",
        discussion: """
        A study is a JSON config (see README.md, "Study config"); --preset quick (the default) and --preset paper are
        shipped. Results go to the study directory (default notebooks-data/<name>): config.json, runs.jsonl,
        metrics.csv, runs/<hash>/. Rerunning the same command resumes: finished runs (by config hash) are skipped.
        Base checkpoints are cached by hash in notebooks-data/bases (the config's "bases", relative to the study).
        Examples:
          scaling sweep --preset quick --dry-run
          scaling sweep --config my-study.json --out notebooks-data/mine --jobs 2 --only E3,E4
          scaling sweep status notebooks-data/quick
        """,
        options: [
            .option("preset", "NAME", "A shipped study: \(Presets.names.joined(separator: " or ")) (default quick unless --config or --resume)."),
            .option("config", "FILE", "A study config JSON file."),
            .option("out", "DIR", "The study directory (default notebooks-data/<config name>)."),
            .option("jobs", "N", "Runs at once, each a separate process with cores/N BLAS threads.", default: "1"),
            .option("only", "E3,E4", "Only the runs serving these experiments (hashes do not change)."),
            .flag("dry-run", "Print the plan (runs, estimated FLOPs and time) and exit."),
            .flag("resume", "Continue the study in --out with its stored config.json."),
            .flag("retry-failed", "Run the failed runs again (they are skipped otherwise)."),
            .flag("bases-only", "Only pretrain the missing base checkpoints (e.g. to ship them)."),
        ])
    static var subcommands: [any Command.Type] { [SweepRunCommand.self, SweepStatusCommand.self] }

    static func run(_ a: ParsedArguments) throws {
        let study = try openOrCreate(a)
        let runs = try selectRuns(study, only: a.list("only"))
        if a.flag("dry-run") {
            print(PlanText.dryRun(study, runs: runs), terminator: "")
            return
        }
        let jobs = try a.int("jobs", in: OptionRange.threads) ?? 1
        let executor = LocalExecutor(study: study, executable: executablePath(), jobs: jobs, retryFailed: a.flag("retry-failed"))
        let outcome = try executor.execute(runs, basesOnly: a.flag("bases-only"))
        if a.flag("bases-only") {
            print(PlanText.bases(study, runs: runs), terminator: "")
            if outcome.failed > 0 { throw ToolError("\(outcome.failed) base(s) could not be built") }
            return
        }
        print(PlanText.status(study, runs: runs), terminator: "")
        if outcome.failed > 0 { StandardError.write("\(outcome.failed) run(s) failed; see the reasons above\n") }
    }

    static func openOrCreate(_ a: ParsedArguments) throws -> StudyDirectory {
        let given = [a.string("preset"), a.string("config")].compactMap { $0 }
        if given.count > 1 { throw UsageError("give either --preset or --config, not both", commandPath: a.commandPath) }
        if a.flag("resume") && given.isEmpty {
            guard let out = a.string("out") else {
                throw UsageError("--resume without --preset or --config needs --out STUDY_DIR", commandPath: a.commandPath)
            }
            let study = try StudyDirectory(opening: out)
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
                                         configFile: file, toolVersion: toolVersion, write: !a.flag("dry-run"))
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
            .option("threads", "N", "BLAS and kernel threads (default: all cores); results are bit-identical at equal threads."),
            .flag("retry-failed", "Perform it again if it failed before (a finished run is never redone)."),
            .flag("machine-progress", "Progress as JSON lines on stdout (used by the sweep executor)."),
        ])

    static func run(_ a: ParsedArguments) throws {
        let study = try StudyDirectory(opening: try a.positional(0, name: "STUDY_DIR"))
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
        if record.status == "failed" { throw ToolError("run \(hash) failed: \(record.reason ?? "")") }
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
