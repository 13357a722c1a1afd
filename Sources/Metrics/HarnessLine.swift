import DataFiles

/// A line of lm-evaluation-harness `--log_samples` output (`samples_<task>_<timestamp>.jsonl`), read as it is.
///
/// The harness writes one JSON object per document and filter:
/// `{"doc_id": 0, "doc": {"question", "answer"}, "target": "...", "arguments": {"gen_args_0": {"arg_0": prompt,
/// "arg_1": {generation kwargs}}}, "resps": [[response, ...]], "filtered_resps": [...], "filter": "strict-match",
/// "metrics": [...], "doc_hash", "prompt_hash", "target_hash", "exact_match": 1.0}`.
/// `resps` holds the raw generations: one list per request with every repeat of it (a task with `repeats: 16`
/// has 16). They are graded by the project's grading rule like any completion; `filtered_resps` (the harness's
/// own answer extraction under `filter`) and the metric fields are not used, so every model is graded alike.
struct HarnessLine: Sendable {
    /// `doc.answer` (GSM8K's worked solution ending in `#### N`), when the document has one.
    var docAnswer: String?
    /// `target`: what the task compares against (GSM8K: the whole answer; gsm8k-cot: the bare number).
    var target: String?
    /// The filter this line's `filtered_resps` and metrics were computed under.
    var filter: String?

    /// The keys read; `doc_id` and `resps` together mark the format.
    private static let keys: [[UInt8]] = ["doc_id", "resps", "doc", "target", "filter", "arguments"].map { Array($0.utf8) }

    /// True when the JSON object in `s[start..<end]` has both `doc_id` and `resps` (false for anything else,
    /// malformed JSON included: the native reader then reports it).
    static func recognises(_ s: Bytes, _ start: Int, _ end: Int) -> Bool {
        var hasDocID = false, hasResps = false, scratch: [UInt8] = []
        do {
            try JSONFastPath.parseObject(s, start, end, arena: &scratch, wanted: { key in
                hasDocID = hasDocID || key.elementsEqual("doc_id".utf8)
                hasResps = hasResps || key.elementsEqual("resps".utf8)
                return false
            }, field: { _, _ in })
        } catch {
            return false
        }
        return hasDocID && hasResps
    }

    /// Parses one line into a `SampleLine` whose `id` is the `doc_id` and whose completions are every response of
    /// `resps`, or the line's error naming the field. A response decoded greedily (`do_sample: false` or
    /// `temperature: 0` in the request's generation kwargs) is the greedy completion when it is the only one.
    static func parse(_ s: Bytes, _ start: Int, _ end: Int, line: Int, chunk: Int, file: String,
                      arena: inout [UInt8]) -> Result<SampleLine, InputError> {
        func fail(_ field: String, _ message: String) -> Result<SampleLine, InputError> {
            .failure(InputError(file: file, line: line, field: field, message))
        }
        let fields: [JSONFastPath.Value?]
        switch SampleFile.fields(s, start, end, keys: keys, line: line, file: file, arena: &arena) {
        case .success(let values): fields = values
        case .failure(let error): return .failure(error)
        }
        var sample = SampleLine(line: line, perQuestion: true, completions: [], chunk: chunk)
        var harness = HarnessLine()

        guard case .number(let id)? = fields[0], let n = Int(id), n >= 0 else {
            return fail("doc_id", fields[0] == nil ? "missing" : "expected a non-negative integer")
        }
        sample.id = String(n)

        // resps: a list per request, each the list of its repeats' generated texts.
        switch fields[1] {
        case .list(let range)?:
            var wrong = false
            do {
                try JSONFastPath.parseArray(s, range.lowerBound, range.upperBound, arena: &arena) { request in
                    if case .strings(let texts) = request { sample.completions += texts } else { wrong = true }
                }
            } catch {
                return fail("resps", "malformed JSON")
            }
            if wrong {
                return fail("resps", "expected a list of lists of strings (the generations of a generate_until task); "
                            + "log-likelihood responses cannot be graded")
            }
        case .strings(let texts)? where texts.isEmpty: break
        case nil: return fail("resps", "missing")
        default: return fail("resps", "expected a list of lists of strings (one list per request, one string per repeat)")
        }
        guard !sample.completions.isEmpty else { return fail("resps", "no responses") }

        switch fields[2] {
        case .object(let range)?:
            var question: JSONFastPath.Value?, answer: JSONFastPath.Value?
            do {
                try JSONFastPath.parseObject(s, range.lowerBound, range.upperBound, arena: &arena, wanted: { key in
                    key.elementsEqual("question".utf8) || key.elementsEqual("answer".utf8)
                }, field: { key, value in
                    if key.elementsEqual("question".utf8) { question = value } else { answer = value }
                })
            } catch {
                return fail("doc", "malformed JSON")
            }
            switch question {
            case nil, .null?: break
            case .string(let r)?: sample.question = SampleFile.decode(r, arena)
            default: return fail("doc.question", "expected a string")
            }
            switch answer {
            case nil, .null?: break
            case .string(let r)?: harness.docAnswer = SampleFile.decode(r, arena)
            default: return fail("doc.answer", "expected a string")
            }
        case nil: return fail("doc", "missing")
        default: return fail("doc", "expected an object (the task's document)")
        }
        switch fields[3] {
        case nil, .null?: break
        case .string(let r)?: harness.target = SampleFile.decode(r, arena)
        default: return fail("target", "expected a string")
        }
        switch fields[4] {
        case nil, .null?: break
        case .string(let r)?: harness.filter = SampleFile.decode(r, arena)
        default: return fail("filter", "expected a string")
        }
        if case .object(let range)? = fields[5], sample.completions.count == 1,
           greedyDecoding(s, range, arena: &arena) {
            sample.greedy = sample.completions.removeFirst()
        }
        sample.harness = harness
        return .success(sample)
    }

    /// True when `arguments.gen_args_0.arg_1` (the generation kwargs) says `do_sample: false` or `temperature: 0`.
    /// Anything unreadable counts as sampled: the response then stays one of the n samples.
    private static func greedyDecoding(_ s: Bytes, _ arguments: Range<Int>, arena: inout [UInt8]) -> Bool {
        func member(_ name: String, of range: Range<Int>) -> JSONFastPath.Value? {
            var found: JSONFastPath.Value?
            try? JSONFastPath.parseObject(s, range.lowerBound, range.upperBound, arena: &arena,
                                          wanted: { $0.elementsEqual(name.utf8) }, field: { _, value in found = value })
            return found
        }
        guard case .object(let request)? = member("gen_args_0", of: arguments),
              case .object(let kwargs)? = member("arg_1", of: request) else { return false }
        if case .bool(false)? = member("do_sample", of: kwargs) { return true }
        if case .number(let t)? = member("temperature", of: kwargs), Double(t) == 0 { return true }
        return false
    }
}
