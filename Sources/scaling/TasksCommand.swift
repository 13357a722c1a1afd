import Arguments
import DataFiles
import MathTasks

/// `scaling tasks`: writes generated problems as JSONL in GSM8K's schema (reference files for `scaling eval`,
/// SFT sets, graph-format problems for real LLMs).
enum TasksCommand: Command {
    static let spec = CommandSpec(
        name: "tasks",
        abstract: "Generate math problems as GSM8K-schema JSONL.",
        discussion: """
        SETS:
          test       held-out templates and backgrounds; --size problems in equal shares per step count
          pool       the "real" training pool of --size problems; no chain equal to a test chain
          synthetic  --size questions synthesized from a pool of --pool-size and solved by an imperfect teacher;
                     the rejection counts go to standard error
          graph      GSM8K-like problems with named quantities and multi-operator steps (2-8 steps), --split
        pool and synthetic exclude the chains of the test set made with the same --seed and --test-size.
        Fields are documented in docs/formats.md (Problems).

        EXAMPLE:
          scaling tasks --set test --domain gsm --size 200 --out test.jsonl
          scaling tasks --set synthetic --size 1000 --calculation-errors 0.1 --verify solve-twice --out synth.jsonl
        """,
        options: [
            .option("set", "test|pool|synthetic|graph", "which problems", default: "test"),
            .option("domain", "gsm|math", "problem family", default: "gsm"),
            .option("size", "N", "number of problems", default: "200"),
            .option("steps", "A-B", "step counts (default 1-4; graph 2-8)"),
            .option("seed", "S", "seed (the same seed gives the same problems)", default: "0"),
            .option("test-size", "N", "size of the test set whose chains pool and synthetic exclude", default: "200"),
            .option("split", "train|test", "templates and names of graph problems", default: "test"),
            .option("pool-size", "N", "seed pool of synthetic", default: "7473"),
            .option("methods", "M[,M]", "synthesis methods: numbers, background, constraint, numbers+background, rephrase",
                    default: SynthesisMethod.allCases.map(\.rawValue).joined(separator: ",")),
            .option("calculation-errors", "R", "teacher's rate of solutions with a calculation error", default: "0"),
            .option("reasoning-errors", "R", "teacher's rate of solutions with a reasoning error", default: "0"),
            .option("verify", "none|solve-twice|check-annotations", "verification of synthetic solutions", default: "none"),
            .option("out", "FILE", "write to FILE (atomically) instead of standard output"),
        ])

    static func run(_ a: ParsedArguments) throws {
        func usage(_ message: String) -> UsageError { UsageError(message, commandPath: a.commandPath) }
        let set = try a.choice("set", among: ["test", "pool", "synthetic", "graph"])!
        let domain = try a.choice("domain", as: Domain.self)!
        // Sets are built in memory (about 1 kB per problem): a million problems is the limit.
        let sizes = 1...1_000_000
        let size = try a.int("size", in: sizes)!, testSize = try a.int("test-size", in: sizes)!, poolSize = try a.int("pool-size", in: sizes)!
        let seed = try a.seed("seed")!
        let steps = try stepRange(a.string("steps") ?? (set == "graph" ? "2-8" : "1-4"), graph: set == "graph", usage)
        func testSet(size: Int) throws -> [ChainProblem] {
            try ProblemSets.testSet(domain: domain, steps: steps, perSteps: try perSteps(size, steps, usage), seed: seed)
        }
        var excluded: Set<String> { get throws { Set(try testSet(size: testSize).map(\.chainKey)) } }
        let records: [TaskRecord]
        switch set {
        case "test":
            records = ProblemSets.records(try testSet(size: size), kind: "test")
        case "pool":
            records = ProblemSets.records(try ProblemSets.pool(domain: domain, size: size, steps: steps, seed: seed, excluding: try excluded), kind: "pool")
        case "synthetic":
            let names = a.list("methods")!
            guard !names.isEmpty else { throw usage("option '--methods': expected at least one method") }
            let methods = try names.map { m in
                guard let method = SynthesisMethod(rawValue: m) else { throw usage("option '--methods': unknown method '\(m)'") }
                return method
            }
            let calc = try a.double("calculation-errors", in: 0...1)!, reasoning = try a.double("reasoning-errors", in: 0...1)!
            guard calc + reasoning <= 1 else {
                throw usage("options '--calculation-errors', '--reasoning-errors': expected rates >= 0 with a sum <= 1")
            }
            let verification = try a.choice("verify", as: Verification.self)!
            let excluded = try excluded
            let pool = try ProblemSets.pool(domain: domain, size: poolSize, steps: steps, seed: seed, excluding: excluded)
            let config = try SynthesisConfig(methods: methods, teacher: Teacher(calculationErrorRate: calc, reasoningErrorRate: reasoning),
                                         verification: verification, maxSteps: steps.upperBound)
            var synthesizer = try Synthesizer(seeds: pool, config: config, seed: seed, excluding: excluded)
            let report = try synthesizer.synthesize(count: size)
            StandardError.write("synthetic: \(report.problems.count) kept of \(report.attempts) drawn; \(report.rejectedAsNotNew) not new, "
                + "\(report.rejectedByVerification) rejected by verification (\((report.verificationRejectionRate * 1000).rounded() / 10)%)\n")
            records = report.records(idPrefix: "\(domain.rawValue)-synth")
        default:
            let split = try a.choice("split", as: Split.self)!
            let problems = try ProblemSets.graphSet(domain: domain, split: split, steps: steps, perSteps: try perSteps(size, steps, usage), seed: seed)
            records = ProblemSets.records(problems, kind: split.rawValue)
        }
        let text = try records.map { try JSONLines.line($0.jsonObject) + "\n" }.joined()
        if let out = a.string("out") { try FileIO.writeAtomically(text, to: out) } else { print(text, terminator: "") }
    }

    /// `A-B` or `A` within 1-8 (graph: 2-8).
    private static func stepRange(_ text: String, graph: Bool, _ usage: (String) -> UsageError) throws -> ClosedRange<Int> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let allowed = graph ? 2...8 : 1...8
        guard (1...2).contains(parts.count), let lo = parts.first!, let hi = parts.last!, lo <= hi,
              allowed.contains(lo), allowed.contains(hi) else {
            throw usage("option '--steps': expected A-B within \(allowed.lowerBound)-\(allowed.upperBound), got '\(text)'")
        }
        return lo...hi
    }

    private static func perSteps(_ size: Int, _ steps: ClosedRange<Int>, _ usage: (String) -> UsageError) throws -> Int {
        guard size % steps.count == 0 else { throw usage("option '--size': \(size) is not a multiple of the \(steps.count) step counts") }
        return size / steps.count
    }
}
