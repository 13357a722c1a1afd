import DataFiles
import Foundation
import Grading
import MathTasks

/// `scaling eval`: grades a samples file against a reference file and summarises each model.
///
/// Matching: a sample's `id` is looked up among the references' `id` fields when the reference file has any;
/// otherwise it is the 0-based index of the reference record (the n-th non-blank line, counting from 0, as in
/// Python's `records[n]`). A sample without `id` is matched by exact question text. Samples are grouped by
/// (model, reference); with `byModel == false` every model is pooled (each question still has at most one greedy
/// completion). Samples files may also be lm-evaluation-harness `--log_samples` output (`HarnessLine`), recognised
/// from their first line; such files carry their references, so the reference file is then optional.
public struct SampleFileEvaluation {
    public struct Options {
        /// The k of pass@k; nil for the powers of 4 up to each model's smallest n. A k larger than a model's
        /// smallest n is left out for that model, with a note.
        public var ks: [Int]?
        public var byModel: Bool
        /// Skip (and count) bad sample lines instead of stopping at the first.
        public var skipBad: Bool
        public var bootstrapResamples: Int
        public var seed: UInt64
        /// How answers are read (recorded in the JSON output).
        public var rule: GradingRule = .standard

        public init(ks: [Int]? = nil, byModel: Bool = true, skipBad: Bool = false, bootstrapResamples: Int = 1000, seed: UInt64 = 0) {
            self.ks = ks
            self.byModel = byModel
            self.skipBad = skipBad
            self.bootstrapResamples = bootstrapResamples
            self.seed = seed
        }
    }

    /// One model's results.
    public struct ModelResult {
        public var model: String
        /// Per-question results in reference order.
        public var questions: [QuestionResult]
        public var summary: MetricsSummary
        /// Number of completions graded (samples plus greedy).
        public var completions: Int
    }

    /// Models in order of first appearance in the samples file.
    public var models: [ModelResult]
    /// The bad sample lines that were skipped (only with `skipBad`).
    public var skipped: [InputError]
    /// Remarks for the user (a requested k larger than a model's n).
    public var notes: [String]
    /// The grading rule the completions were graded with.
    public var rule: GradingRule

    /// The model name used for samples without a `model` field (and for everything when not grouping by model).
    public static let defaultModel = "default"

    /// One samples file and the model its lines belong to when they do not name one.
    public struct Source: Sendable {
        public var path: String
        /// The model of the file's lines without a `model` field (lm-evaluation-harness lines never have one);
        /// nil: `defaultModel`, or for lm-evaluation-harness output the name of the file's directory (the harness
        /// writes `OUTPUT/<model>/samples_<task>_<time>.jsonl`).
        public var model: String?

        public init(path: String, model: String? = nil) {
            self.path = path
            self.model = model
        }
    }

    /// Reads, matches, grades (in parallel) and summarises one samples file against a reference file.
    public init(samples samplesPath: String, reference referencePath: String, options: Options) throws {
        try self.init(samples: [Source(path: samplesPath)], reference: referencePath, options: options)
    }

    /// Reads, matches, grades (in parallel) and summarises. Throws the first bad line as an `InputError`
    /// unless `options.skipBad`; reference-file problems always throw. Without `reference`, every samples file
    /// must be lm-evaluation-harness output, whose documents give the references (`doc.answer`, else `target`).
    public init(samples sources: [Source], reference referencePath: String?, options: Options) throws {
        let files = try sources.map { try SampleFile(path: $0.path) }
        let references: ReferenceFile
        if let referencePath {
            references = try ReferenceFile(path: referencePath)
        } else {
            for (source, file) in zip(sources, files) where file.format != .harness {
                throw InputError(file: source.path, "not lm-evaluation-harness output (no \"doc_id\" and \"resps\" on its "
                                 + "first line): give --reference")
            }
            references = try ReferenceFile(harness: Array(zip(sources.map(\.path), files)))
        }
        // The model of each file's lines that do not name one.
        var fileModels: [String] = []
        for (source, file) in zip(sources, files) {
            let name = source.model ?? (file.format == .harness ? SampleFileEvaluation.directoryName(source.path) : SampleFileEvaluation.defaultModel)
            if file.format == .harness, source.model == nil, let other = fileModels.firstIndex(of: name) {
                throw InputError(file: source.path, "model '\(name)' (its directory's name) is also the model of \(sources[other].path): "
                                 + "name each file's model with --model")
            }
            fileModels.append(name)
        }

        // Match lines to references and group them into (model, reference) slots.
        struct Slot {
            var model: Int
            var reference: Int
            var greedyLine: Int?
        }
        // First 'completions' line and first per-sample line of each (model field, reference): a question's
        // samples come either on one 'completions' line or on per-sample lines, once per model.
        var firstLines: [LineKey: (perQuestion: Int?, sample: Int?)] = [:]
        var slots: [Slot] = []
        var slotIndex: [SlotKey: Int] = [:]
        var modelNames: [String] = [], modelIndex: [String: Int] = [:]
        // Completions to grade: (file, slot, chunk, range, greedy).
        var jobs: [(file: Int, slot: Int, chunk: Int, range: Range<Int>, greedy: Bool)] = []
        var skipped: [InputError] = []
        for (f, file) in files.enumerated() {
          let samplesPath = sources[f].path
          for result in file.lines {
            do {
                let line = try result.get()
                let reference = try references.match(line, samplesFile: samplesPath)
                let lineModel = line.model ?? fileModels[f]
                let name = options.byModel ? lineModel : SampleFileEvaluation.defaultModel
                let model = modelIndex[name] ?? {
                    modelNames.append(name)
                    modelIndex[name] = modelNames.count - 1
                    return modelNames.count - 1
                }()
                let key = SlotKey(model: model, reference: reference)
                let slot = slotIndex[key] ?? {
                    slots.append(Slot(model: model, reference: reference))
                    slotIndex[key] = slots.count - 1
                    return slots.count - 1
                }()
                func duplicate(_ what: String, _ firstLine: Int?) throws {
                    guard let firstLine else { return }
                    throw InputError(file: samplesPath, line: line.line, field: line.harness != nil ? "doc_id" : line.id == nil ? "question" : "id",
                                     "duplicate \(what) for \(references.describe(reference)) of model '\(lineModel)' "
                                        + "(first on line \(firstLine)\(files.count > 1 ? " of its file" : ""))")
                }
                let lineKey = LineKey(model: lineModel, reference: reference)
                let first = firstLines[lineKey] ?? (nil, nil)
                if line.perQuestion {
                    try duplicate("'completions' line", first.perQuestion ?? first.sample)
                    firstLines[lineKey] = (line.line, first.sample)
                } else if line.greedy == nil {
                    try duplicate("per-sample line after a 'completions' line", first.perQuestion)
                    firstLines[lineKey] = (first.perQuestion, first.sample ?? line.line)
                }
                if line.greedy != nil {
                    try duplicate("greedy completion", slots[slot].greedyLine)
                    slots[slot].greedyLine = line.line
                }
                for r in line.completions { jobs.append((f, slot, line.chunk, r, false)) }
                if let r = line.greedy { jobs.append((f, slot, line.chunk, r, true)) }
            } catch let error as InputError {
                guard options.skipBad else { throw error }
                skipped.append(error)
            }
          }
        }
        guard !jobs.isEmpty else { throw InputError(file: sources.map(\.path).joined(separator: ", "), "no samples to grade") }

        // Grade every completion on all cores.
        var grades = [GradedSample](repeating: GradedSample(correct: false, answer: nil, rule: nil, steps: 0, calculationErrors: 0,
                                                            firstWrongStep: nil, errorType: nil), count: jobs.count)
        let prepared = references.prepared
        grades.withUnsafeMutableBufferPointer { out in
            let parts = min(jobs.count, 64)
            parallelFor(parts) { p in
                for j in (jobs.count * p / parts)..<(jobs.count * (p + 1) / parts) {
                    let job = jobs[j]
                    out[j] = files[job.file].arenas[job.chunk].withUnsafeBufferPointer { arena in
                        grade(utf8: UnsafeBufferPointer(rebasing: arena[job.range]), reference: prepared[slots[job.slot].reference],
                              rule: options.rule)
                    }
                }
            }
        }

        // Per-question results, then one summary per model.
        var samples = [[GradedSample]](repeating: [], count: slots.count)
        var greedy = [GradedSample?](repeating: nil, count: slots.count)
        var completions = [Int](repeating: 0, count: modelNames.count)
        for (job, g) in zip(jobs, grades) {
            if job.greedy { greedy[job.slot] = g } else { samples[job.slot].append(g) }
            completions[slots[job.slot].model] += 1
        }
        var perModel = [[(reference: Int, result: QuestionResult)]](repeating: [], count: modelNames.count)
        for (i, slot) in slots.enumerated() {
            let result = QuestionResult(id: references.ids[slot.reference], reference: prepared[slot.reference],
                                        samples: samples[i], greedy: greedy[i])
            perModel[slot.model].append((slot.reference, result))
        }
        var notes: [String] = []
        models = modelNames.indices.map { m in
            let questions = perModel[m].sorted { $0.reference < $1.reference }.map(\.result)
            let smallestN = questions.map(\.samples).min() ?? 0
            let ks = options.ks ?? [1, 4, 16, 64, 256].filter { $0 <= smallestN }
            let tooLarge = ks.filter { $0 > smallestN }
            if !tooLarge.isEmpty {
                notes.append("pass@k for k = \(tooLarge.map(String.init).joined(separator: ",")) left out for model '\(modelNames[m])': "
                             + "some question has only \(smallestN) samples (k must be <= n)")
            }
            let summary = MetricsSummary(questions, ks: ks, bootstrapResamples: options.bootstrapResamples, seed: options.seed)
            return ModelResult(model: modelNames[m], questions: questions, summary: summary, completions: completions[m])
        }
        self.skipped = skipped
        self.notes = notes
        rule = options.rule
    }

    /// The name of the directory holding `path` (`out/llama-7b/samples_gsm8k_x.jsonl`: `llama-7b`).
    static func directoryName(_ path: String) -> String {
        let name = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.lastPathComponent
        return name.isEmpty || name == "/" ? defaultModel : name
    }

    private struct SlotKey: Hashable {
        var model: Int
        var reference: Int
    }

    private struct LineKey: Hashable {
        var model: String
        var reference: Int
    }
}

/// The reference file: tasks, their prepared `Reference`s, and the indexes samples are matched with.
struct ReferenceFile {
    var path: String
    var prepared: [Reference] = []
    /// The id of each record: its `id` field, or its 0-based index.
    var ids: [String] = []
    var lines: [Int] = []
    /// Where each reference was read, `file:line`.
    var origins: [String] = []
    var byId: [String: Int] = [:]
    var byQuestion: [String: Int] = [:]
    /// Question texts that occur more than once, with their record indices.
    var ambiguousQuestions: [String: [Int]] = [:]
    var hasIds = false

    init(path: String) throws {
        self.path = path
        let records = try JSONLines(parsing: try FileIO.readText(path), file: path).records
        guard !records.isEmpty else { throw InputError(file: path, "no reference problems") }
        hasIds = records.contains { $0.object["id"] != nil }
        for (index, record) in records.enumerated() {
            let task = try TaskRecord(record: record, file: path)
            do {
                prepared.append(try Reference(task))
            } catch {
                throw InputError(file: path, line: record.line, field: error.field, error.message)
            }
            let id: String
            if hasIds {
                guard let taskId = task.id else { throw InputError(file: path, line: record.line, field: "id", "missing (other records have one)") }
                if let first = byId[taskId] {
                    throw InputError(file: path, line: record.line, field: "id", "duplicate id '\(taskId)' (first on line \(lines[first]))")
                }
                id = taskId
            } else {
                id = String(index)
            }
            byId[id] = index
            ids.append(id)
            lines.append(record.line)
            origins.append("\(path):\(record.line)")
            if let other = byQuestion[task.question] {
                ambiguousQuestions[task.question, default: [other]].append(index)
            } else {
                byQuestion[task.question] = index
            }
        }
    }

    /// The references of lm-evaluation-harness files: one per `doc_id`, in `doc_id` order, from `doc.answer` when it
    /// holds `#### N` (GSM8K), else from `target` (`#### N`, or a bare number as gsm8k-cot's). Files that share a
    /// `doc_id` must agree on its answer. Bad lines are left for the samples pass to report (or skip).
    init(harness files: [(path: String, file: SampleFile)]) throws {
        path = files.map(\.path).joined(separator: ", ")
        hasIds = true
        var found: [Int: (reference: Reference, origin: String)] = [:]
        for (file, samples) in files {
            for case .success(let line) in samples.lines {
                guard let harness = line.harness, let id = line.id.flatMap({ Int($0) }) else { continue }
                let origin = "\(file):\(line.line)"
                let reference: Reference
                if let answer = harness.docAnswer, let r = try? Reference(solution: answer) {
                    reference = r
                } else if let target = harness.target, let r = try? Reference(solution: target) {
                    reference = r
                } else if let target = harness.target, let value = AnswerExtractor.number(in: target) {
                    reference = Reference(answer: value, steps: 0)
                } else {
                    throw InputError(file: file, line: line.line, field: "target",
                                     "no reference answer: doc.answer has no '#### N' and target is not a number (give --reference)")
                }
                if let earlier = found[id] {
                    guard earlier.reference.answer == reference.answer else {
                        throw InputError(file: file, line: line.line, field: "doc_id",
                                         "doc_id \(id) has the answer \(reference.answer) here but \(earlier.reference.answer) at \(earlier.origin)")
                    }
                } else {
                    found[id] = (reference, origin)
                }
            }
        }
        for (index, id) in found.keys.sorted().enumerated() {
            prepared.append(found[id]!.reference)
            ids.append(String(id))
            byId[String(id)] = index
            lines.append(0)
            origins.append(found[id]!.origin)
        }
    }

    /// The reference index of a sample line, or an `InputError` naming the line.
    func match(_ line: SampleLine, samplesFile: String) throws -> Int {
        if let id = line.id {
            guard let index = byId[id] else {
                let how = hasIds ? "no reference has id '\(id)'" : "no reference record \(id) (ids are 0-based record indices, 0..<\(ids.count))"
                throw InputError(file: samplesFile, line: line.line, field: line.harness != nil ? "doc_id" : "id", "\(how) in \(path)")
            }
            // An lm-evaluation-harness document names its question: it must be the reference's (a wrong split or
            // dataset would otherwise be graded against the wrong answers).
            if line.harness != nil, let question = line.question, !byQuestion.isEmpty,
               byQuestion[question] != index, !(ambiguousQuestions[question]?.contains(index) ?? false) {
                throw InputError(file: samplesFile, line: line.line, field: "doc.question",
                                 "differs from the question of \(describe(index)): is --reference the task's split?")
            }
            return index
        }
        let question = line.question ?? ""
        if let all = ambiguousQuestions[question] {
            throw InputError(file: samplesFile, line: line.line, field: "question",
                             "matches \(all.count) references (lines \(all.map { String(lines[$0]) }.joined(separator: ", ")) of \(path)); use \"id\"")
        }
        guard let index = byQuestion[question] else {
            throw InputError(file: samplesFile, line: line.line, field: "question", "no reference with this exact question text in \(path)")
        }
        return index
    }

    func describe(_ index: Int) -> String { "reference \(ids[index]) (\(origins[index]))" }
}
