import Foundation
import XCTest
import MathTasks
@testable import Grading

/// GSM8K reference solutions graded against themselves: the answer is correct and every calculator annotation
/// is calculation-correct, except those listed in `knownMalformed`; solutions without annotations are checked
/// through their plain equations. By default on the subset in Tests/Data/gsm8k (every solution without
/// annotations, the three known malformed ones, the first 200 test problems; see its README); with
/// `GSM8K_DIR=/path/to/gsm8k` (train.jsonl, test.jsonl) on all 8,792 solutions.
final class GSM8KSelfCheckTests: XCTestCase {
    /// The data checked: its directory, file names, and what it must contain.
    struct DataSet {
        var directory: String
        var files: [(split: String, name: String)]
        var knownMalformed: Set<String>
        var problems: Int, annotations: Int, plainSolutions: Int, plainEquations: Int
    }

    /// Steps the checker rejects on purpose (record index, 0-based, in the file read):
    /// - two annotations use `//` (Python's floor division, which GSM8K's annotators could type into their Python
    ///   calculator). `//` is not arithmetic notation, so they stay malformed; both values happen to be right.
    /// - train 5815 has no annotations and writes "every 1% is equal to $7500/75% = $100": as written,
    ///   7500/75% is 10000 (it means 7500/75).
    static var dataSet: DataSet {
        if let full = ProcessInfo.processInfo.environment["GSM8K_DIR"] {
            return DataSet(directory: full, files: [("train", "train.jsonl"), ("test", "test.jsonl")],
                           knownMalformed: ["train:394:<<560//10=56>>", "train:4169:<<180//3=60>>",
                                            "train:5815:plain step 2: exact 10000, written 100"],
                           problems: 8792, annotations: 27998, plainSolutions: 113, plainEquations: 66)
        }
        // In the subset, train records 394, 4169 and 5815 are records 10, 68 and 78.
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
        return DataSet(directory: here + "/Data/gsm8k", files: [("train", "train-subset.jsonl"), ("test", "test-subset.jsonl")],
                       knownMalformed: ["train:10:<<560//10=56>>", "train:68:<<180//3=60>>",
                                        "train:78:plain step 2: exact 10000, written 100"],
                       problems: 312, annotations: 632, plainSolutions: 113, plainEquations: 66)
    }

    func testAllReferenceSolutionsGradeCorrectAgainstThemselves() throws {
        var problems = 0, annotations = 0, rounded = 0, plainSolutions = 0, plainEquations = 0
        var failures: [String] = []
        let data = Self.dataSet
        for (split, name) in data.files {
            let path = "\(data.directory)/\(name)"
            for (index, task) in try TaskRecord.load(jsonl: path).enumerated() {
                problems += 1
                let reference = try Reference(task)
                let g = grade(completion: task.answer, reference: reference)
                XCTAssertTrue(g.correct && g.errorType == nil, "\(split):\(index): \(g)")
                let annotationTexts = Self.annotations(task.answer)
                let steps = StepChecker.check(task.answer)
                XCTAssertEqual(g.calculationErrors, steps.filter { $0.status != .correct }.count)
                if annotationTexts.isEmpty {
                    // Solutions without annotations: their plain equations are the steps.
                    plainSolutions += 1
                    plainEquations += steps.count
                    for step in steps where step.status != .correct {
                        failures.append("\(split):\(index):plain step \(step.index + 1): exact \(step.exact.map(String.init(describing:)) ?? "-"), "
                                        + "written \(step.written.map(String.init(describing:)) ?? "-")")
                    }
                    continue
                }
                XCTAssertEqual(steps.count, annotationTexts.count)
                for (step, text) in zip(steps, annotationTexts) {
                    annotations += 1
                    if step.status != .correct { failures.append("\(split):\(index):\(text)") }
                    if step.status == .correct, step.exact != step.written { rounded += 1 }
                }
            }
        }
        XCTAssertEqual(Set(failures), data.knownMalformed)
        XCTAssertEqual(problems, data.problems)
        XCTAssertEqual(annotations, data.annotations)
        // GSM8K writes exact results (e.g. `<<4*4=16.00>>`), so no annotation needs the rounding rule.
        XCTAssertEqual(rounded, 0)
        XCTAssertEqual(plainSolutions, data.plainSolutions)
        XCTAssertEqual(plainEquations, data.plainEquations)
        print("GSM8K self-check: \(problems) solutions, \(annotations) annotations, \(plainSolutions) solutions without "
              + "annotations with \(plainEquations) plain equations")
    }

    /// The `<<...>>` substrings, found independently of the checker (Foundation string search).
    static func annotations(_ text: String) -> [String] {
        var found: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<<"), let close = rest.range(of: ">>", range: open.upperBound..<rest.endIndex) {
            found.append(String(rest[open.lowerBound..<close.upperBound]))
            rest = rest[close.upperBound...]
        }
        return found
    }
}
