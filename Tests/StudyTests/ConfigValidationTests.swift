import DataFiles
import XCTest
@testable import Study

/// A study config is validated in full before anything runs; each error names the field to change.
final class ConfigValidationTests: XCTestCase {
    private func error(_ text: String, memory: Double? = 8e9) -> String? {
        do {
            try StudyConfig(parsing: text, file: "c.json").validate(file: "c.json", availableMemory: memory)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testTinyConfigPasses() {
        XCTAssertNil(error(tinyConfig))
    }

    /// The row: a context shorter than the probe's prompts used to pretrain, then trap in the probe.
    func testContextMustHoldEveryDocumentAndProbePrompt() throws {
        let message = try XCTUnwrap(error(tinyConfig(replacing: "\"context\": 352", with: "\"context\": 64")))
        XCTAssertTrue(message.hasPrefix("c.json: field 'pretrain.context': 64 is too short: "), message)
        // Synthetic documents may have up to 352 characters: 353 tokens, so the context must be at least 352.
        XCTAssertTrue(message.hasSuffix("so the context must be at least 352"), message)
        XCTAssertNil(error(tinyConfig(replacing: "\"context\": 352", with: "\"context\": 400")))
    }

    func testSizesBeyondTheGeneratorsAreErrors() throws {
        XCTAssertEqual(error(tinyConfig(replacing: "\"test_size\": 8", with: "\"test_size\": 20000")),
                       "c.json: field 'eval.test_size': 20000 asks for 5,000 distinct 1-step gsm problems; only 3,623 exist")
        XCTAssertEqual(error(tinyConfig(replacing: "\"pool_size\": 32", with: "\"pool_size\": 16000")),
                       "c.json: field 'data.pool_size': 16000 asks for 4,000 distinct 1-step gsm problems; only 3,621 exist besides the test set's")
    }

    func testModelsMustFitInMemory() throws {
        let message = try XCTUnwrap(error(tinyConfig(replacing: "\"models\": [\"d16L1\"]", with: "\"models\": [\"d65536L64\"]")))
        XCTAssertTrue(message.hasPrefix("c.json: field 'models': model d65536L64 with pretrain.batch 4"), message)
        XCTAssertTrue(message.hasSuffix("more than the 8.0 GB of memory available"), message)
        XCTAssertNil(error(tinyConfig(replacing: "\"models\": [\"d16L1\"]", with: "\"models\": [\"d65536L64\"]"), memory: nil),
                     "without a known memory size only the memory check is skipped")
    }
}
