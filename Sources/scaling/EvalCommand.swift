import Arguments
import DataFiles
import Grading
import Metrics

/// `scaling eval`: scores model samples on GSM8K-style problems with the paper's metrics.
enum EvalCommand: Command {
    static let spec = CommandSpec(
        name: "eval",
        abstract: "Score model samples on GSM8K-style problems.",
        discussion: """
        SAMPLES (JSONL), one sample per line:
          {"id": 17 | "question": "...", "completion": "...", "model": "m1", "greedy": false}
        or one question per line:
          {"id": 17 | "question": "...", "completions": ["...", ...], "greedy_completion": "...", "model": "m1"}
        or lm-evaluation-harness --log_samples output (samples_<task>_<time>.jsonl, recognised from its first line):
          {"doc_id": 0, "doc": {"question", "answer"}, "target": "...", "resps": [["...", ...]], ...}
        whose raw "resps" are graded (every repeat is a sample; "filtered_resps" is not used); the references then
        come from doc.answer ('#### N'), else target, unless --reference is given (doc_id = 0-based record index).
        REFERENCE (JSONL): GSM8K's schema {"question", "answer": "... #### 72"}. A sample's "id" is the reference's
        "id" field when the reference file has ids, else the 0-based index of the reference record; without "id"
        a sample is matched by exact question text. Greedy completions are not among the n samples.
        Several samples files (comma separated) are read as one; --model names each file's model, in order
        (default for lm-evaluation-harness output: its directory's name, as the harness writes OUTPUT/<model>/).
        Answers: '####', 'The answer is', 'Answer:', 'A:', '\\boxed{}', else the last number; relative tolerance 1e-3.
        Metrics: greedy accuracy, Pass@N = mean min(c,1), PassRatio@N = mean c/n, unbiased pass@k, maj@N,
        Acc_step (Acc(s) = p^s by maximum likelihood), first-error position, error types (calculation,
        reasoning, format), each with a 95% interval.
        """,
        options: [
            .option("samples", "FILE[,FILE]", "Samples to score (JSONL: ours or lm-evaluation-harness --log_samples output)."),
            .option("reference", "FILE", "Reference problems (JSONL, GSM8K schema); optional for lm-evaluation-harness output."),
            .option("model", "NAME[,NAME]", "The model of each samples file, in order, for lines without a 'model' field."),
            .option("k", "LIST", "The k of pass@k, comma separated (default: 1,4,16,... up to the smallest n)."),
            .option("by", "KEY", "Group rows by 'model' or pool everything with 'none'.", default: "model"),
            .option("per-question", "FILE", "Also write one JSON line per model and question."),
            .option("format", "FORMAT", "Summary format: table, csv or json.", default: "table"),
            .flag("skip-bad", "Skip and count bad sample lines instead of stopping at the first."),
            .option("bootstrap", "N", "Bootstrap resamples for the intervals.", default: "1000"),
            .option("seed", "N", "Seed of the bootstrap.", default: "0"),
            .option("rule", "standard|strict", "How answers are read: standard (first marker such as '####', else the last number) "
                    + "or strict ('#### N' only)", default: "standard"),
        ]
    )

    static func run(_ arguments: ParsedArguments) throws {
        let samples = try arguments.required("samples")
        let paths = arguments.list("samples") ?? []
        guard !paths.isEmpty else { throw UsageError("option '--samples' needs at least one file", commandPath: arguments.commandPath) }
        let models = arguments.list("model")
        if let models, models.count != paths.count {
            throw UsageError("option '--model': \(models.count) name(s) for \(paths.count) samples file(s); give one per file", commandPath: arguments.commandPath)
        }
        let sources = paths.enumerated().map { SampleFileEvaluation.Source(path: $1, model: models?[$0]) }
        let by = try arguments.choice("by", among: ["model", "none"])
        let format = try arguments.choice("format", among: ["table", "csv", "json"])
        let ks = try arguments.ints("k", in: 1...OptionRange.samples.upperBound)
        let bootstrap = try arguments.int("bootstrap", in: OptionRange.resamples)!
        let seed = try arguments.seed("seed")!
        var options = SampleFileEvaluation.Options(ks: ks, byModel: by == "model", skipBad: arguments.flag("skip-bad"),
                                         bootstrapResamples: bootstrap, seed: seed)
        options.rule = try arguments.choice("rule", as: GradingRule.self)!
        let evaluation = try SampleFileEvaluation(samples: sources, reference: arguments.string("reference"), options: options)
        if !evaluation.skipped.isEmpty {
            StandardError.write("skipped \(evaluation.skipped.count) bad line(s) of \(samples); first: \(evaluation.skipped[0])\n")
        }
        for note in evaluation.notes { StandardError.write("note: \(note)\n") }
        if let path = arguments.string("per-question") {
            try FileIO.writeAtomically(try EvaluationReport.perQuestion(evaluation), to: path)
        }
        switch format {
        case "csv": print(EvaluationReport.csv(evaluation), terminator: "")
        case "json": print(try EvaluationReport.json(evaluation), terminator: "")
        default: print(EvaluationReport.table(evaluation), terminator: "")
        }
    }
}
