import Foundation
import XCTest
import MathTasks
@testable import Grading

/// Every GSM8K reference solution (train and test) graded against itself: the answer is correct and every
/// calculator annotation is calculation-correct, except the two listed in `knownMalformed`.
final class GSM8KSelfCheckTests: XCTestCase {
    static var directory: String {
        ProcessInfo.processInfo.environment["GSM8K_DIR"] ?? "/work/shared/data/gsm8k"
    }

    /// Annotations the checker rejects on purpose: they use `//` (Python's floor division, which GSM8K's
    /// annotators could type into their Python calculator). `//` is not arithmetic notation, so it stays
    /// malformed; both values happen to be right.
    static let knownMalformed: Set<String> = ["train:394:<<560//10=56>>", "train:4169:<<180//3=60>>"]

    func testAllReferenceSolutionsGradeCorrectAgainstThemselves() throws {
        var problems = 0, annotations = 0, rounded = 0
        var failures: [String] = []
        for split in ["train", "test"] {
            let path = "\(Self.directory)/\(split).jsonl"
            guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("GSM8K not found at \(path)") }
            for (index, task) in try TaskRecord.load(jsonl: path).enumerated() {
                problems += 1
                let reference = try Reference(task)
                let g = grade(completion: task.answer, reference: reference)
                XCTAssertTrue(g.correct && g.errorType == nil, "\(split):\(index): \(g)")
                let annotationTexts = Self.annotations(task.answer)
                let steps = StepChecker.check(task.answer)
                XCTAssertEqual(steps.count, annotationTexts.count)
                XCTAssertEqual(g.calculationErrors, steps.filter { $0.status != .correct }.count)
                for (step, text) in zip(steps, annotationTexts) {
                    annotations += 1
                    if step.status != .correct { failures.append("\(split):\(index):\(text)") }
                    if step.status == .correct, step.exact != step.written { rounded += 1 }
                }
            }
        }
        XCTAssertEqual(Set(failures), Self.knownMalformed)
        XCTAssertEqual(problems, 8792)
        XCTAssertEqual(annotations, 27998)
        // GSM8K writes exact results (e.g. `<<4*4=16.00>>`), so no annotation needs the rounding rule.
        XCTAssertEqual(rounded, 0)
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
