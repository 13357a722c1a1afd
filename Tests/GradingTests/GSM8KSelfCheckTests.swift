import Foundation
import XCTest
import MathTasks
@testable import Grading

/// Every GSM8K reference solution (train and test) graded against itself: the answer is correct and every
/// calculator annotation is calculation-correct, except those listed in `knownMalformed`. The 113 solutions
/// without annotations are checked through their plain equations.
final class GSM8KSelfCheckTests: XCTestCase {
    static var directory: String {
        ProcessInfo.processInfo.environment["GSM8K_DIR"] ?? "/work/shared/data/gsm8k"
    }

    /// Steps the checker rejects on purpose (record index, 0-based):
    /// - two annotations use `//` (Python's floor division, which GSM8K's annotators could type into their Python
    ///   calculator). `//` is not arithmetic notation, so they stay malformed; both values happen to be right.
    /// - train 5815 has no annotations and writes "every 1% is equal to $7500/75% = $100": as written,
    ///   7500/75% is 10000 (it means 7500/75).
    static let knownMalformed: Set<String> = ["train:394:<<560//10=56>>", "train:4169:<<180//3=60>>",
                                              "train:5815:plain step 2: exact 10000, written 100"]

    func testAllReferenceSolutionsGradeCorrectAgainstThemselves() throws {
        var problems = 0, annotations = 0, rounded = 0, plainSolutions = 0, plainEquations = 0
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
        XCTAssertEqual(Set(failures), Self.knownMalformed)
        XCTAssertEqual(problems, 8792)
        XCTAssertEqual(annotations, 27998)
        // GSM8K writes exact results (e.g. `<<4*4=16.00>>`), so no annotation needs the rounding rule.
        XCTAssertEqual(rounded, 0)
        XCTAssertEqual(plainSolutions, 113)
        XCTAssertEqual(plainEquations, 66)
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
