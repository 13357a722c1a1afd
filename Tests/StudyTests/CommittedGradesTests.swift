import Foundation
import Grading
import MathTasks
import XCTest

/// The committed studies (notebooks-data/quick, paper-v1, d96-seed2; paper since) were graded before the toolkit had one grading
/// rule (after SFT `#### N` only; base models also "The answer is N" and "Answer: N"). Regrading every stored greedy
/// completion with the standard rule must give the stored grade, so their greedy metrics stand as computed. Sampled
/// completions are not stored (only their answers and error types), so their metrics cannot be regraded here.
final class CommittedGradesTests: XCTestCase {
    func testStandardRuleReproducesEveryCommittedGreedyGrade() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .path + "/notebooks-data"
        var checked = 0
        for study in ["quick", "paper-v1", "d96-seed2", "paper"] {
            let dir = "\(root)/\(study)"
            guard FileManager.default.fileExists(atPath: dir + "/runs") else { continue }
            var references: [String: Reference] = [:]
            for domain in Domain.allCases where FileManager.default.fileExists(atPath: "\(dir)/data/test-\(domain.rawValue).jsonl") {
                for task in try TaskRecord.load(jsonl: "\(dir)/data/test-\(domain.rawValue).jsonl") { references[task.id!] = try Reference(task) }
            }
            for run in try FileManager.default.contentsOfDirectory(atPath: dir + "/runs").sorted() {
                let text = try String(contentsOfFile: "\(dir)/runs/\(run)/questions.jsonl", encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let q = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    let reference = try XCTUnwrap(references[q["id"] as? String ?? ""])
                    let graded = grade(completion: try XCTUnwrap(q["greedy"] as? String), reference: reference, rule: .standard)
                    XCTAssertEqual(graded.correct, q["greedy_correct"] as? Bool, "\(study)/\(run) \(q["id"] ?? "")")
                    checked += 1
                }
            }
        }
        // 10 + 59 + 8 runs of 200 or 400 questions, and the paper study's 137 runs of 800 or 1,600, when the committed
        // studies are present.
        if checked > 0 { XCTAssertEqual(checked, 16_600 + 116_800) }
        print("regraded \(checked) committed greedy completions with the standard rule")
    }
}
