import XCTest
import DataFiles
@testable import MathTasks

final class TaskRecordTests: XCTestCase {
    /// The GSM8K subset kept in the repository (Tests/Data/gsm8k) loads through the generated-problem reader.
    func testRealGSM8KLoads() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path + "/Data/gsm8k"
        let train = try TaskRecord.load(jsonl: dir + "/train-subset.jsonl")
        let test = try TaskRecord.load(jsonl: dir + "/test-subset.jsonl")
        XCTAssertEqual(train.count, 98)
        XCTAssertEqual(test.count, 214)
        XCTAssertTrue(test[0].question.hasPrefix("Janet’s ducks lay 16 eggs"))
        XCTAssertTrue(train[0].question.hasPrefix("Natalia sold clips"))
        XCTAssertTrue(train.allSatisfy { $0.answer.contains("\n#### ") && $0.id == nil && $0.steps == nil })
    }

    func testGeneratedRecordsRoundTripThroughJSONL() throws {
        let problems = try ProblemSets.testSet(domain: .math, perSteps: 5, seed: 3)
        let records = ProblemSets.records(problems, kind: "test")
        let path = NSTemporaryDirectory() + "tasks-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try TaskRecord.save(records, jsonl: path)
        XCTAssertEqual(try TaskRecord.load(jsonl: path), records)
        let firstLine = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0]
        let object = try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as! [String: Any]
        XCTAssertEqual(Set(object.keys), ["question", "answer", "id", "domain", "template", "steps", "method", "step_values"])
    }

    func testBadStepsFieldNamesTheLine() throws {
        let path = NSTemporaryDirectory() + "bad-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileIO.writeAtomically("{\"question\":\"q\",\"answer\":\"#### 1\"}\n{\"question\":\"q\",\"answer\":\"a\",\"steps\":\"two\"}\n", to: path)
        XCTAssertThrowsError(try TaskRecord.load(jsonl: path)) { error in
            XCTAssertEqual("\(error)", "\(path):2: field 'steps': expected an integer")
        }
    }
}

extension TaskRecordTests {
    func testStepsMustBeAnIntegerNotABoolean() throws {
        let path = NSTemporaryDirectory() + "steps-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileIO.writeAtomically("{\"question\":\"q\",\"answer\":\"#### 1\",\"steps\":1}\n", to: path)
        XCTAssertEqual(try TaskRecord.load(jsonl: path).first?.steps, 1)
        try FileIO.writeAtomically("{\"question\":\"q\",\"answer\":\"#### 1\",\"steps\":true}\n", to: path)
        XCTAssertThrowsError(try TaskRecord.load(jsonl: path))
    }
}
