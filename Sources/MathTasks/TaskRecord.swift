import DataFiles

/// One math problem in GSM8K's schema, `{"question", "answer"}`, plus optional metadata that GSM8K readers ignore.
///
/// `answer` is the full worked solution, one line per step with calculator annotations `<<48/2=24>>24`, and a
/// last line `#### 72`. The real GSM8K files load through `TaskRecord.load(jsonl:)` unchanged.
public struct TaskRecord: Equatable, Sendable {
    public var question: String
    /// The worked solution ending in `#### N`.
    public var answer: String
    /// A stable identifier (`gsm-test-17`); nil for GSM8K's own files, which are matched by line index.
    public var id: String?
    /// `gsm` or `math` for generated problems.
    public var domain: String?
    /// The question template the problem was rendered from.
    public var template: String?
    /// Number of reasoning steps in the reference solution.
    public var steps: Int?
    /// How the problem was made: `real`, or a synthesis method (`numbers`, `background`, `constraint`, ...).
    public var method: String?
    /// The exact value after each reference step (`"13"`, `"3/4"`), for step-level checking.
    public var stepValues: [String]?

    public init(question: String, answer: String, id: String? = nil, domain: String? = nil, template: String? = nil,
                steps: Int? = nil, method: String? = nil, stepValues: [String]? = nil) {
        self.question = question
        self.answer = answer
        self.id = id
        self.domain = domain
        self.template = template
        self.steps = steps
        self.method = method
        self.stepValues = stepValues
    }

    /// The JSON object of this record: GSM8K's two fields plus whichever metadata is set.
    public var jsonObject: [String: Any] {
        var o: [String: Any] = ["question": question, "answer": answer]
        if let id { o["id"] = id }
        if let domain { o["domain"] = domain }
        if let template { o["template"] = template }
        if let steps { o["steps"] = steps }
        if let method { o["method"] = method }
        if let stepValues { o["step_values"] = stepValues }
        return o
    }

    /// Reads one record from a parsed JSONL line; `question` and `answer` are required strings.
    public init(record: JSONLines.Record, file: String) throws {
        question = try record.string("question", file: file)
        answer = try record.string("answer", file: file)
        let o = record.object
        if let v = o["id"] { id = v as? String ?? (v as? Int).map(String.init) }
        domain = o["domain"] as? String
        template = o["template"] as? String
        if o["steps"] != nil {
            guard let v = o["steps"], !JSONLines.isBoolean(v), let s = v as? Int else {
                throw InputError(file: file, line: record.line, field: "steps", "expected an integer")
            }
            steps = s
        }
        method = o["method"] as? String
        if let values = o["step_values"] {
            guard let list = values as? [String] else {
                throw InputError(file: file, line: record.line, field: "step_values", "expected a list of strings")
            }
            stepValues = list
        }
    }

    /// Loads a JSONL file of records (GSM8K's train.jsonl / test.jsonl, or generated problems).
    public static func load(jsonl path: String) throws -> [TaskRecord] {
        let lines = try JSONLines(parsing: try FileIO.readText(path), file: path)
        return try lines.records.map { try TaskRecord(record: $0, file: path) }
    }

    /// Writes records as JSONL, atomically.
    public static func save(_ records: [TaskRecord], jsonl path: String) throws {
        var text = ""
        for r in records { text += try JSONLines.line(r.jsonObject) + "\n" }
        try FileIO.writeAtomically(text, to: path)
    }
}
