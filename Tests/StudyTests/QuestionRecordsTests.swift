import ResultsSchema
import XCTest
@testable import Study

/// The report's per-question data, read back from a run's questions.jsonl.
final class QuestionRecordsTests: XCTestCase {
    func records(_ lines: [String]) throws -> QuestionRecords? {
        let path = FileManager.default.temporaryDirectory.path + "/questions-\(UUID().uuidString).jsonl"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return QuestionRecords(path: path)
    }

    let a = #"{"eval_domain":"gsm","steps":2,"samples":3,"correct":1,"greedy_correct":true,"sample_errors":["","calculation","reasoning"],"sample_first_wrong_step":[0,1,3],"sample_first_error_position":[0,0.5,1]}"#
    let b = #"{"eval_domain":"gsm","steps":4,"samples":3,"correct":0,"greedy_correct":false,"sample_errors":["format","calculation","calculation"],"sample_first_wrong_step":[0,2,0],"sample_first_error_position":[0,0.25,0]}"#

    func testMetricsAreRatiosOfPerQuestionSums() throws {
        let r = try XCTUnwrap(try records([a, b]))
        func value(_ metric: String) throws -> Double {
            let (num, den) = try XCTUnwrap(r.observations(MetricName(rawValue: metric), domain: "gsm"), metric)
            return num.reduce(0, +) / den.reduce(0, +)
        }
        XCTAssertEqual(try value("greedy_accuracy"), 0.5)
        XCTAssertEqual(try value("pass_at_n"), 0.5)
        XCTAssertEqual(try value("pass_ratio_at_n"), 1.0 / 6)
        XCTAssertEqual(try value("accuracy_steps_2"), 1)
        XCTAssertEqual(try value("accuracy_steps_4"), 0)
        // Wrong samples: calculation 3, reasoning 1, format 1 of 5; counts are totals over the questions.
        XCTAssertEqual(try value("calc_error_share"), 0.6)
        XCTAssertEqual(try value("format_error_share"), 0.2)
        XCTAssertEqual(try value("calc_errors"), 3)
        XCTAssertEqual(try value("reasoning_errors"), 1)
        // First-error positions of the wrong samples that have one: 0.5, 1 and 0.25.
        XCTAssertEqual(try value("first_error_position"), 1.75 / 3, accuracy: 1e-12)
        XCTAssertNil(r.observations(.accStep, domain: "gsm"), "a fitted metric has no per-question form")
        XCTAssertNil(r.observations(.greedyAccuracy, domain: "math"))
    }

    func testOlderRecordsAndBadLines() throws {
        // Records written before positions were stored: everything but the first-error position.
        let old = try XCTUnwrap(try records([a, b].map { $0.replacingOccurrences(of: #","sample_first_error_position":[0,0.5,1]"#, with: "")
            .replacingOccurrences(of: #","sample_first_error_position":[0,0.25,0]"#, with: "") }))
        XCTAssertNotNil(old.observations(.greedyAccuracy, domain: "gsm"))
        XCTAssertNil(old.observations(.firstErrorPosition, domain: "gsm"))
        XCTAssertNil(try records([a, "{\"eval_domain\": \"gsm\"}"]), "a line that is not a question record")
        XCTAssertNil(try records([a.replacingOccurrences(of: "\"reasoning\"]", with: "\"typo\"]")]))
        XCTAssertNil(QuestionRecords(path: "/nonexistent/questions.jsonl"))
    }
}
