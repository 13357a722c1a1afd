import DataFiles
import XCTest
@testable import Study

/// A small valid config; tests change one field at a time to check that the error names it.
let tinyConfig = """
{
  "name": "tiny", "seed": 3, "models": ["d16L1"], "seeds": [1],
  "pretrain": {"tokens": 20000, "batch": 4, "context": 352, "warmup_steps": 2},
  "sft": {"sizes": [0, 8, 16], "epochs": 1, "batch": 4, "warmup_steps": 1},
  "data": {"pool_size": 32},
  "eval": {"test_size": 8, "samples": 2, "pass_at_k": [1], "regen_size": 4},
  "experiments": {
    "E1": {},
    "E2": {"arms": [{"data": "real", "sizes": [8, 16]}, {"data": "synthetic", "sizes": [8, 16, 48]}]},
    "E9": {"data": "synthetic", "sizes": [16], "lm_loss": true, "arms": [{"contaminate": 0}, {"contaminate": 8}]}
  }
}
"""

/// Replaces the first occurrence of `old` in the tiny config (the test fails if it is absent).
func tinyConfig(replacing old: String, with new: String) -> String {
    precondition(tinyConfig.contains(old), "fixture has no \(old)")
    return tinyConfig.replacingOccurrences(of: old, with: new, options: [], range: tinyConfig.range(of: old))
}

/// Each case replaces `old` by `new` in the tiny config, which must then fail to parse with a one-line error that
/// contains `expected`; an `expected` that starts with the file name ("tiny.json: ") is the whole message.
func assertConfigErrors(_ cases: [(old: String, new: String, expected: String)], file: StaticString = #filePath, line: UInt = #line) {
    for (old, new, expected) in cases {
        XCTAssertThrowsError(try StudyConfig(parsing: tinyConfig(replacing: old, with: new), file: "tiny.json"), expected, file: file, line: line) { error in
            let message = "\(error)"
            if expected.hasPrefix("tiny.json: ") {
                XCTAssertEqual(message, expected, file: file, line: line)
            } else {
                XCTAssertTrue(message.contains(expected), "got: \(message)\nexpected: \(expected)", file: file, line: line)
            }
            XCTAssertFalse(message.contains("\n"), "one line: \(message)", file: file, line: line)
        }
    }
}

final class ConfigTests: XCTestCase {
    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(String(repeating: "a", count: 1000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testTinyConfigParsesWithDefaults() throws {
        let c = try StudyConfig(parsing: tinyConfig, file: "tiny.json")
        XCTAssertEqual(c.name, "tiny")
        XCTAssertEqual(c.models.map(\.name), ["d16L1"])
        XCTAssertEqual(c.pretrain.learningRate, 3e-3)
        XCTAssertEqual(c.eval.temperature, 0.7)
        XCTAssertEqual(c.experiments.map(\.id), ["E1", "E2", "E9"])
        XCTAssertEqual(c.experiments[0].arms[0].sizes, [0, 8, 16], "E1 takes sft.sizes")
        XCTAssertEqual(c.experiments[1].arms[1].method, .mixed, "synthetic arms default to the mixed method")
        XCTAssertEqual(c.experiments[2].arms[1].contaminate, 8)
        XCTAssertTrue(c.experiments[2].arms[1].lmLoss, "arms inherit the experiment's fields")
    }

    func testModelShapeNames() {
        XCTAssertEqual(ModelShape("d64L2")?.heads, 4)
        XCTAssertEqual(ModelShape("d96L2H6")?.width, 96)
        XCTAssertEqual(ModelShape("d96L2H6")?.name, "d96L2H6")
        for bad in ["d64", "64L2", "d64L2H", "d66L2", "d64L2x", "dL2", "d0L2"] { XCTAssertNil(ModelShape(bad), bad) }
    }

    /// Each broken config gives one error that names the field (and the file).
    func testValidationErrorsNameTheField() {
        let cases: [(String, String, String)] = [
            ("\"sizes\": [0, 8, 16]", "\"sizes\": [0, 8, -16]", "tiny.json: field 'sft.sizes[2]': expected a non-negative integer"),
            ("\"sizes\": [0, 8, 16]", "\"sizes\": [0, 8, 8]", "field 'sft.sizes[2]': duplicate value"),
            ("\"models\": [\"d16L1\"]", "\"models\": [\"d16L1\", \"big\"]", "field 'models[1]': expected a model size"),
            ("\"seeds\": [1]", "\"sedes\": [1]", "field 'sedes': unknown field"),
            ("\"tokens\": 20000", "\"tokens\": 2.5", "field 'pretrain.tokens': expected a positive integer"),
            ("\"tokens\": 20000, ", "", "field 'pretrain.tokens': missing"),
            ("\"pass_at_k\": [1]", "\"pass_at_k\": [1, 4]", "field 'eval.pass_at_k[1]': k = 4 exceeds eval.samples = 2"),
            ("\"data\": \"synthetic\", \"sizes\": [16]", "\"data\": \"fake\", \"sizes\": [16]", "field 'experiments.E9.data': 'fake' is not one of real, synthetic"),
            ("{\"data\": \"real\", \"sizes\": [8, 16]}", "{\"data\": \"real\", \"sizes\": [8, 64]}",
             "field 'experiments.E2.arms[0].sizes[1]': real data size 64 exceeds data.pool_size = 32"),
            ("{\"contaminate\": 8}", "{\"contaminate\": 9}", "field 'experiments.E9.arms[1].contaminate': exceeds eval.test_size = 8"),
            ("\"E1\": {}", "\"E1\": {\"verified\": \"yes\"}", "field 'experiments.E1.verified': expected true or false"),
            ("\"E1\": {}", "\"E1\": {\"verified\": true}", "field 'experiments.E1.verified': verification applies to synthetic data only"),
            ("\"E1\": {}", "\"E1\": {\"method\": \"numbers\"}", "field 'experiments.E1.method': 'numbers' makes synthetic data"),
            ("\"E1\": {}", "\"E1\": {\"eval_domains\": [\"gsm\", \"art\"]}", "field 'experiments.E1.eval_domains[1]': 'art' is not one of gsm, math"),
        ]
        assertConfigErrors(cases)
        XCTAssertThrowsError(try StudyConfig(parsing: "{\"name\": ", file: "broken.json")) { error in
            XCTAssertTrue("\(error)".hasPrefix("broken.json: malformed JSON"), "\(error)")
        }
        XCTAssertThrowsError(try StudyConfig(parsing: "[1, 2]", file: "list.json")) { error in
            XCTAssertEqual("\(error)", "list.json: expected a JSON object")
        }
    }

    func testPresetsAreValidAndCoverTheExperiments() throws {
        let quick = try StudyConfig(parsing: Presets.quick, file: "quick")
        XCTAssertEqual(quick.experiments.map(\.id), ["E1", "E2", "E3", "E4"])
        let paper = try StudyConfig(parsing: Presets.paper, file: "paper")
        XCTAssertEqual(paper.experiments.map(\.id), (1...10).map { "E\($0)" })
        XCTAssertEqual(paper.models.count, 3)
        XCTAssertGreaterThanOrEqual(paper.sft.sizes.filter { $0 > 0 }.count, 4, "E3's power law needs several sizes")
        // quick keeps the shipped gsm-only seed-1 bases; the paper preset's seeds and domains are in SeedsTests.
        XCTAssertEqual(quick.pretrain.domains, [.gsm])
        XCTAssertEqual(quick.pretrain.seeds, [1])
        for e in paper.experiments { XCTAssertFalse(StudyPlan(config: paper).runs(only: [e.id]).isEmpty, e.id) }
    }
}
