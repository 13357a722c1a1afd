import DataFiles
import Foundation
import XCTest
import MathTasks
@testable import Metrics

/// The samples-file reader: its JSON fast path decodes what JSONSerialization decodes and rejects what it rejects.
final class SampleFileTests: XCTestCase {
    private func parse(_ lines: [String]) throws -> SampleFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("samples-\(UUID().uuidString).jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try SampleFile(path: path)
    }

    func testDecodesStringsLikeJSONSerialization() throws {
        let texts = ["plain", "line\nbreak \"quoted\" back\\slash /slash\t tab", "é ü 你好 🧮", "", "\u{1}\u{1F}", "a\u{2028}b"]
        let lines = try texts.enumerated().map { i, t in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": i, "completion": t, "extra": ["x": [1, 2.5e3, nil, true] as [Any?]]]), as: UTF8.self)
        } + [#"{"question": "caf\u00e9 \ud83e\uddee", "completions": ["a", "b\u0041"], "model": "m"}"#]
        let file = try parse(lines)
        XCTAssertEqual(file.lines.count, texts.count + 1)
        for (i, t) in texts.enumerated() {
            let line = try file.lines[i].get()
            XCTAssertEqual(line.id, String(i))
            XCTAssertEqual(line.line, i + 1)
            XCTAssertEqual(file.string(line.completions[0], chunk: line.chunk), t)
        }
        let last = try file.lines[texts.count].get()
        XCTAssertEqual(last.question, "café 🧮")
        XCTAssertTrue(last.perQuestion)
        XCTAssertEqual(last.completions.map { file.string($0, chunk: last.chunk) }, ["a", "bA"])
        XCTAssertEqual(last.model, "m")
    }

    func testRejectsMalformedLinesWithTheirLineNumbers() throws {
        let bad = [#"{"id": 1, "completion": "x""#, #"{"id": 1, "completion": "x"} extra"#, #"{"id": 01, "completion": "x"}"#,
                   #"{"id": 1, "completion": "\q"}"#, #"{"id": 1 "completion": "x"}"#, #"["id", 1]"#, #"{"id": 1, "completion": "x",}"#,
                   #"{"id": tru, "completion": "x"}"#, #"{"id": 1.5, "completion": "x"}"#, #"{"id": 1, "completion": "x", "greedy": 1}"#,
                   String(repeating: "[", count: 10_000), #"{"id": 1, "completion": "\u12"}"#]
        let file = try parse(["", #"{"id": 0, "completion": "ok"}"#] + bad)
        XCTAssertEqual(file.lines.count, bad.count + 1)       // the blank line is skipped
        XCTAssertEqual(try file.lines[0].get().line, 2)
        for (k, result) in file.lines.dropFirst().enumerated() {
            guard case .failure(let error) = result else { return XCTFail("accepted \(bad[k])") }
            XCTAssertEqual(error.line, k + 3, bad[k])
            // JSONSerialization agrees that the syntax errors are errors (except the trailing comma, which
            // Foundation on Linux tolerates and RFC 8259 does not).
            if error.field == nil, !bad[k].hasSuffix(",}") {
                XCTAssertNil(try? JSONSerialization.jsonObject(with: Data(bad[k].utf8)) as? [String: Any], bad[k])
            }
        }
    }

    func testCRLFAndRandomBytesNeverCrash() throws {
        let crlf = try parse([#"{"id": 0, "completion": "a"}"#, #"{"id": 1, "completion": "b"}"#, "  ", ""].map { $0 + "\r" })
        XCTAssertEqual(try crlf.lines.map { try $0.get().id }, ["0", "1"])
        var rng = SplitMix64(seed: 9)
        let pieces = ["{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "d83e", "id", "completion", "completions", "1", "-",
                      "e", "true", "null", " ", "é", "\u{0}"]
        let lines = (0..<3000).map { _ in (0..<rng.int(in: 0...30)).map { _ in rng.pick(pieces) }.joined() }
            + (0..<200).map { _ in String(decoding: (0..<rng.int(in: 1...80)).map { _ in UInt8(rng.int(in: 0...255)) }, as: UTF8.self) }
        let file = try parse(lines.map { $0.replacingOccurrences(of: "\n", with: " ") })
        for case .success(let line) in file.lines {
            XCTAssertTrue(line.id != nil || line.question != nil)
            for r in line.completions { XCTAssertTrue(r.upperBound <= file.arenas[line.chunk].count) }
        }
    }
}
