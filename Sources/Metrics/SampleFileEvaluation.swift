import DataFiles
import Grading
import MathTasks

/// `scaling eval`: grades a samples file against a reference file and summarises each model.
///
/// Matching: a sample's `id` is looked up among the references' `id` fields when the reference file has any;
/// otherwise it is the 0-based index of the reference record (the n-th non-blank line, counting from 0, as in
/// Python's `records[n]`). A sample without `id` is matched by exact question text. Samples are grouped by
/// (model, reference); with `byModel == false` every model is pooled (each question still has at most one greedy
/// completion).
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

    /// Reads, matches, grades (in parallel) and summarises. Throws the first bad line as an `InputError`
    /// unless `options.skipBad`; reference-file problems always throw.
    public init(samples samplesPath: String, reference referencePath: String, options: Options) throws {
        let references = try ReferenceFile(path: referencePath)
        let file = try SampleFile(path: samplesPath)

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
        // Completions to grade: (slot, chunk, range, greedy).
        var jobs: [(slot: Int, chunk: Int, range: Range<Int>, greedy: Bool)] = []
        var skipped: [InputError] = []
        for result in file.lines {
            do {
                let line = try result.get()
                let reference = try references.match(line, samplesFile: samplesPath)
                let name = options.byModel ? line.model ?? SampleFileEvaluation.defaultModel : SampleFileEvaluation.defaultModel
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
                    throw InputError(file: samplesPath, line: line.line, field: line.id == nil ? "question" : "id",
                                     "duplicate \(what) for \(references.describe(reference)) of model '\(line.model ?? name)' "
                                        + "(first on line \(firstLine))")
                }
                let lineKey = LineKey(model: line.model ?? "", reference: reference)
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
                for r in line.completions { jobs.append((slot, line.chunk, r, false)) }
                if let r = line.greedy { jobs.append((slot, line.chunk, r, true)) }
            } catch let error as InputError {
                guard options.skipBad else { throw error }
                skipped.append(error)
            }
        }
        guard !jobs.isEmpty else { throw InputError(file: samplesPath, "no samples to grade") }

        // Grade every completion on all cores.
        var grades = [GradedSample](repeating: GradedSample(correct: false, answer: nil, rule: nil, steps: 0, calculationErrors: 0,
                                                            firstWrongStep: nil, errorType: nil), count: jobs.count)
        let prepared = references.prepared
        grades.withUnsafeMutableBufferPointer { out in
            let parts = min(jobs.count, 64)
            parallelFor(parts) { p in
                for j in (jobs.count * p / parts)..<(jobs.count * (p + 1) / parts) {
                    let job = jobs[j]
                    out[j] = file.arenas[job.chunk].withUnsafeBufferPointer { arena in
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
            if let other = byQuestion[task.question] {
                ambiguousQuestions[task.question, default: [other]].append(index)
            } else {
                byQuestion[task.question] = index
            }
        }
    }

    /// The reference index of a sample line, or an `InputError` naming the line.
    func match(_ line: SampleLine, samplesFile: String) throws -> Int {
        if let id = line.id {
            guard let index = byId[id] else {
                let how = hasIds ? "no reference has id '\(id)'" : "no reference record \(id) (ids are 0-based record indices, 0..<\(ids.count))"
                throw InputError(file: samplesFile, line: line.line, field: "id", "\(how) in \(path)")
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

    func describe(_ index: Int) -> String { "reference \(ids[index]) (\(path):\(lines[index]))" }
}
