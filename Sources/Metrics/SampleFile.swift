import DataFiles
import Foundation

/// One parsed line of a samples file (`scaling eval --samples`).
///
/// Either one sample per line, `{"id" | "question", "completion", "model"?, "greedy"?}`, or one question per line,
/// `{"id" | "question", "completions": [...], "greedy_completion"?, "model"?}`, or a line of lm-evaluation-harness
/// output (`HarnessLine`). Text is kept as ranges of the chunk's byte arena.
struct SampleLine {
    var line: Int
    /// The `id` field (a string, or an integer written as its digits); takes precedence over `question`.
    var id: String?
    var question: String?
    var model: String?
    /// The line came with `"completions"` (one question per line).
    var perQuestion: Bool
    var completions: [Range<Int>]
    var greedy: Range<Int>?
    /// Which chunk's arena holds the text.
    var chunk: Int
    /// What an lm-evaluation-harness line says beyond the samples (nil for the native format).
    var harness: HarnessLine?
}

/// The two formats `scaling eval` reads, recognised from a file's first non-blank line.
enum SampleFormat: Sendable {
    /// `scaling`'s own: one sample or one question per line.
    case samples
    /// lm-evaluation-harness `--log_samples` output: one document per line (`HarnessLine`).
    case harness
}

/// A samples file parsed in parallel chunks of lines.
struct SampleFile {
    /// Parsed lines and line errors, in file order.
    var lines: [Result<SampleLine, InputError>]
    /// One byte arena per chunk, holding the decoded strings.
    var arenas: [[UInt8]]
    /// The format of every line, recognised from the first non-blank one.
    var format: SampleFormat

    /// Reads and parses `path` on all cores.
    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, FileManager.default.fileExists(atPath: path) ? "cannot read file" : "no such file")
        }
        let bytes = [UInt8](data)
        // Line starts, then chunks of whole lines of similar byte size.
        let starts = bytes.withUnsafeBufferPointer { s in
            var starts = [0]
            guard let base = s.baseAddress else { return starts }
            var at = 0
            while at < s.count, let hit = memchr(base + at, 10, s.count - at) {
                at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(at)
            }
            return starts
        }
        let lineCount = starts.count
        let format = bytes.withUnsafeBufferPointer { s in
            (0..<lineCount).lazy.map { k in SampleFile.lineBounds(s, starts, k) }
                .first { !$0.allSatisfy { isBlank(s[$0]) } }
                .map { HarnessLine.recognises(s, $0.lowerBound, $0.upperBound) ? SampleFormat.harness : .samples } ?? .samples
        }
        let chunks = min(lineCount, max(1, ProcessInfo.processInfo.activeProcessorCount * 8))
        var parts = [(lines: [Result<SampleLine, InputError>], arena: [UInt8])](repeating: ([], []), count: chunks)
        parts.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { s in
                parallelFor(chunks) { c in
                    let first = lineCount * c / chunks, last = lineCount * (c + 1) / chunks
                    var arena: [UInt8] = []
                    arena.reserveCapacity((last > first ? (last < lineCount ? starts[last] : s.count) - starts[first] : 0))
                    var parsed: [Result<SampleLine, InputError>] = []
                    for k in first..<last {
                        let bounds = SampleFile.lineBounds(s, starts, k)
                        if bounds.allSatisfy({ isBlank(s[$0]) }) { continue }
                        parsed.append(format == .harness
                            ? HarnessLine.parse(s, bounds.lowerBound, bounds.upperBound, line: k + 1, chunk: c, file: path, arena: &arena)
                            : SampleFile.parse(s, bounds.lowerBound, bounds.upperBound, line: k + 1, chunk: c, file: path, arena: &arena))
                    }
                    out[c] = (parsed, arena)
                }
            }
        }
        lines = parts.flatMap(\.lines)
        arenas = parts.map(\.arena)
        self.format = format
        if format == .harness { dropFilterRepeats(path: path) }
    }

    /// The bytes of line `k` (0-based) without its newline and a carriage return before it.
    private static func lineBounds(_ s: Bytes, _ starts: [Int], _ k: Int) -> Range<Int> {
        var end = k + 1 < starts.count ? starts[k + 1] - 1 : s.count
        if end > starts[k], s[end - 1] == 13 { end -= 1 }
        return starts[k]..<end
    }

    /// lm-evaluation-harness writes one line per document and filter (GSM8K: `strict-match`, `flexible-extract`),
    /// each with the same raw `resps`: keeps the first line of each document, drops its repeats under other filters,
    /// and turns a repeat with the same filter, or with other responses, into that line's error.
    private mutating func dropFilterRepeats(path: String) {
        var first: [String: Int] = [:]
        var kept: [Result<SampleLine, InputError>] = []
        for result in lines {
            guard case .success(let line) = result, let id = line.id else { kept.append(result); continue }
            guard let index = first[id], case .success(let earlier) = kept[index] else {
                first[id] = kept.count
                kept.append(result)
                continue
            }
            func texts(_ l: SampleLine) -> [String] { (l.completions + (l.greedy.map { [$0] } ?? [])).map { string($0, chunk: l.chunk) } }
            if earlier.harness?.filter == line.harness?.filter {
                kept.append(.failure(InputError(file: path, line: line.line, field: "doc_id",
                                                "duplicate doc_id \(id) (first on line \(earlier.line))")))
            } else if texts(earlier) != texts(line) {
                kept.append(.failure(InputError(file: path, line: line.line, field: "resps",
                                                "differ from the resps of doc_id \(id) on line \(earlier.line) (another filter of the same document)")))
            }
        }
        lines = kept
    }

    /// The text of an arena range as a `String`.
    func string(_ range: Range<Int>, chunk: Int) -> String {
        SampleFile.decode(range, arenas[chunk])
    }

    private static let keys: [[UInt8]] = ["id", "question", "model", "completion", "completions", "greedy",
                                          "greedy_completion"].map { Array($0.utf8) }

    /// The values of `keys` in the JSON object `s[start..<end]` (nil where absent; strings decoded into `arena`),
    /// or the line's `malformed JSON (column C)` error.
    static func fields(_ s: Bytes, _ start: Int, _ end: Int, keys: [[UInt8]], line: Int, file: String,
                       arena: inout [UInt8]) -> Result<[JSONFastPath.Value?], InputError> {
        var fields = [JSONFastPath.Value?](repeating: nil, count: keys.count)
        do {
            try JSONFastPath.parseObject(s, start, end, arena: &arena, wanted: { key in
                keys.contains { $0.elementsEqual(key) }
            }, field: { key, value in
                if let k = keys.firstIndex(where: { $0.elementsEqual(key) }) { fields[k] = value }
            })
        } catch let error as JSONFastPath.SyntaxError {
            return .failure(InputError(file: file, line: line, "malformed JSON (column \(error.offset - start + 1))"))
        } catch {
            return .failure(InputError(file: file, line: line, "malformed JSON"))
        }
        return .success(fields)
    }

    /// The string at `range` of `arena`.
    static func decode(_ range: Range<Int>, _ arena: [UInt8]) -> String {
        arena.withUnsafeBufferPointer { String(decoding: Bytes(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Parses one line into a `SampleLine`, or the line's error.
    static func parse(_ s: Bytes, _ start: Int, _ end: Int, line: Int, chunk: Int, file: String,
                      arena: inout [UInt8]) -> Result<SampleLine, InputError> {
        let fields: [JSONFastPath.Value?]
        switch SampleFile.fields(s, start, end, keys: keys, line: line, file: file, arena: &arena) {
        case .success(let values): fields = values
        case .failure(let error): return .failure(error)
        }
        func fail(_ field: String, _ message: String) -> Result<SampleLine, InputError> {
            .failure(InputError(file: file, line: line, field: field, message))
        }
        var sample = SampleLine(line: line, perQuestion: false, completions: [], chunk: chunk)
        switch fields[0] {
        case nil, .null?: break
        case .string(let r)?: sample.id = SampleFile.decode(r, arena)
        case .number(let n)? where Int(n) != nil: sample.id = n
        default: return fail("id", "expected a string or an integer")
        }
        switch fields[1] {
        case nil, .null?: break
        case .string(let r)?: sample.question = SampleFile.decode(r, arena)
        default: return fail("question", "expected a string")
        }
        if sample.id == nil && sample.question == nil { return fail("id", "missing: give \"id\" or \"question\"") }
        switch fields[2] {
        case nil, .null?: break
        case .string(let r)?: sample.model = SampleFile.decode(r, arena)
        default: return fail("model", "expected a string")
        }
        switch (fields[3], fields[4]) {
        case (.string(let r)?, nil):
            switch fields[5] {
            case nil, .null?, .bool(false)?: sample.completions = [r]
            case .bool(true)?: sample.greedy = r
            default: return fail("greedy", "expected true or false")
            }
        case (nil, .strings(let rs)?):
            sample.perQuestion = true
            sample.completions = rs
            switch fields[6] {
            case nil, .null?: break
            case .string(let r)?: sample.greedy = r
            default: return fail("greedy_completion", "expected a string")
            }
            if rs.isEmpty && sample.greedy == nil { return fail("completions", "empty list") }
        case (_?, _?): return fail("completions", "give either \"completion\" or \"completions\", not both")
        case (nil, nil): return fail("completion", "missing: give \"completion\" or \"completions\"")
        case (_?, nil): return fail("completion", "expected a string")
        case (nil, _?): return fail("completions", "expected a list of strings")
        }
        return .success(sample)
    }
}

@inline(__always) private func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 13 }
