import DataFiles
import Foundation
import MathTasks

/// The fixed data of a study: per domain a held-out test set (equal numbers of 1-4 step problems) and a finite
/// real pool, both deterministic from the study seed. They are regenerated wherever a run needs them and
/// checked against the copies in STUDY/data/, written by the first process that needs them: a tool whose
/// generator changed cannot silently evaluate an old study on a different test set.
struct StudyData {
    static let steps = 1...4

    let study: StudyDirectory

    var seed: UInt64 { UInt64(study.config.seed) }

    static func testSet(_ domain: Domain, size: Int, seed: Int) throws -> [ChainProblem] {
        try ProblemSets.testSet(domain: domain, steps: steps, perSteps: size / steps.count, seed: UInt64(seed))
    }

    func testSet(_ domain: Domain) throws -> [ChainProblem] {
        let problems = try StudyData.testSet(domain, size: study.config.eval.testSize, seed: study.config.seed)
        try check(ProblemSets.records(problems, kind: "test"), file: "test-\(domain.rawValue).jsonl")
        return problems
    }

    func pool(_ domain: Domain) throws -> [ChainProblem] {
        let excluded = Set(try testSet(domain).map(\.chainKey))
        let problems = try ProblemSets.pool(domain: domain, size: study.config.data.poolSize, steps: StudyData.steps,
                                        seed: seed, excluding: excluded)
        try check(ProblemSets.records(problems, kind: "pool"), file: "pool-\(domain.rawValue).jsonl")
        return problems
    }

    /// Writes the records when the file is absent, else requires them to be identical to it.
    private func check(_ records: [TaskRecord], file: String) throws {
        let path = study.dataPath + "/" + file
        if FileManager.default.fileExists(atPath: path) {
            let stored = try TaskRecord.load(jsonl: path)
            if stored != records {
                throw ToolError("\(path): this tool generates a different data set for the study's seed than the one stored "
                                + "(the generator changed); start a new study directory")
            }
        } else {
            try TaskRecord.save(records, jsonl: path)
        }
    }
}
