import Figures
import XCTest
@testable import Study

/// Seeds as a dimension of a study (issue 15): pretraining seeds per arm, both-domain pretraining, the paper
/// preset's design, and the report's single-seed rule.
final class SeedsTests: XCTestCase {
    func plan(_ text: String) throws -> StudyPlan { StudyPlan(config: try StudyConfig(parsing: text, file: "tiny.json")) }

    func testPretrainingSeedsAreBasesWithTheirOwnHashes() throws {
        let one = try plan(tinyConfig)
        let three = try plan(tinyConfig(replacing: "\"warmup_steps\": 2}", with: "\"warmup_steps\": 2, \"seeds\": [1, 2, 3]}"))
        XCTAssertEqual(three.bases.map(\.pretrain.seed), [1, 2, 3])
        XCTAssertEqual(Set(three.bases.map(\.hash)).count, 3)
        // Seed 1 is the base a config without seeds always had: cached bases and results keep their hashes.
        XCTAssertEqual(three.bases[0].hash, one.bases[0].hash)
        XCTAssertTrue(Set(one.runs.map(\.hash)).isSubset(of: three.runs.map(\.hash)))
        XCTAssertEqual(three.runs.count, 3 * one.runs.count)
        XCTAssertEqual(three.runs.filter { $0.base.pretrain.seed == 2 }.first?.label, "d16L1/p2 base 0 s1")
        // "seed": 2 alone is the one-seed list [2].
        let two = try plan(tinyConfig(replacing: "\"warmup_steps\": 2}", with: "\"warmup_steps\": 2, \"seed\": 2}"))
        XCTAssertEqual(two.bases.map(\.hash), [three.bases[1].hash])
    }

    func testArmsChooseTheirPretrainingSeeds() throws {
        let text = tinyConfig(replacing: "\"warmup_steps\": 2}", with: "\"warmup_steps\": 2, \"seeds\": [1, 2]}")
            .replacingOccurrences(of: "\"E9\": {\"data\"", with: "\"E9\": {\"pretrain_seeds\": [2], \"data\"")
        let p = try plan(text)
        let e9 = p.runs(only: ["E9"]).filter { !$0.experiments.contains("E2") }
        XCTAssertEqual(Set(e9.map(\.base.pretrain.seed)), [2])
        let arm = try plan(tinyConfig.replacingOccurrences(of: "{\"contaminate\": 8}", with: "{\"contaminate\": 8, \"pretrain_seeds\": [4, 5]}"))
        XCTAssertEqual(Set(arm.runs.filter { $0.contaminate == 8 }.map(\.base.pretrain.seed)), [4, 5])
    }

    func testBothDomainPretrainingIsADifferentBase() throws {
        let both = try plan(tinyConfig(replacing: "\"warmup_steps\": 2}", with: "\"warmup_steps\": 2, \"domains\": [\"gsm\", \"math\"]}"))
        XCTAssertEqual(both.bases[0].pretrain.domains, [.gsm, .math])
        XCTAssertNotEqual(both.bases[0].hash, try plan(tinyConfig).bases[0].hash)
    }

    func testBadSeedsAndDomainsAreOneLineErrors() {
        let pretrain = "\"warmup_steps\": 2}"
        let cases: [(String, String, String)] = [
            (pretrain, "\"warmup_steps\": 2, \"seed\": 1, \"seeds\": [1, 2]}", "tiny.json: field 'pretrain.seeds': give \"seed\" or \"seeds\", not both"),
            (pretrain, "\"warmup_steps\": 2, \"seeds\": []}", "tiny.json: field 'pretrain.seeds': expected a non-empty list"),
            (pretrain, "\"warmup_steps\": 2, \"seeds\": [1, -2]}", "tiny.json: field 'pretrain.seeds[1]': expected a non-negative integer"),
            (pretrain, "\"warmup_steps\": 2, \"seeds\": [3, 3]}", "tiny.json: field 'pretrain.seeds[1]': duplicate value"),
            (pretrain, "\"warmup_steps\": 2, \"seeds\": 3}", "tiny.json: field 'pretrain.seeds': expected a list"),
            (pretrain, "\"warmup_steps\": 2, \"domains\": [\"gsm\", \"algebra\"]}", "tiny.json: field 'pretrain.domains[1]': 'algebra' is not one of gsm, math"),
            (pretrain, "\"warmup_steps\": 2, \"domains\": []}", "tiny.json: field 'pretrain.domains': expected a non-empty list"),
            ("\"E1\": {}", "\"E1\": {\"pretrain_seeds\": [1.5]}", "tiny.json: field 'experiments.E1.pretrain_seeds[0]': expected a non-negative integer"),
            ("{\"contaminate\": 8}", "{\"contaminate\": 8, \"pretrain_seeds\": \"1\"}", "tiny.json: field 'experiments.E9.arms[1].pretrain_seeds': expected a list"),
        ]
        assertConfigErrors(cases)
    }

    /// The paper preset follows issue 15's design.
    func testPaperPresetHasSeedsPairedTestSetsAndBothDomainBases() throws {
        let paper = try StudyConfig(parsing: Presets.paper, file: "paper")
        XCTAssertEqual(paper.pretrain.domains, [.gsm, .math])
        XCTAssertGreaterThanOrEqual(paper.eval.testSize, 800)
        for e in paper.experiments {
            for arm in e.arms {
                XCTAssertGreaterThanOrEqual(arm.seeds.count, ["E1", "E3", "E4", "E5"].contains(e.id) ? 2 : 3, e.id)
            }
        }
        let plan = StudyPlan(config: paper)
        XCTAssertEqual(plan.bases.count, 12, "3 sizes x 4 pretraining seeds")
        XCTAssertEqual(Set(plan.bases.map(\.hash)).count, 12)
        // E1, E3, E4, E5: every SFT size on at least 3 bases per model size, sizes 0, 64 and 4096 on all 4.
        for id in ["E1", "E3", "E4", "E5"] {
            let runs = plan.runs.filter { $0.experiments.contains(id) }
            for model in Set(runs.map(\.base.model.name)) {
                for size in Set(runs.map(\.size)) {
                    let bases = Set(runs.filter { $0.base.model.name == model && $0.size == size }.map(\.base.pretrain.seed))
                    XCTAssertEqual(bases, [0, 64, 4096].contains(size) ? [1, 2, 3, 4] : [1, 2, 3], "\(id) \(model) \(size)")
                }
            }
        }
        // Every arm is evaluated on the same test set: one study seed and test size for all runs.
        XCTAssertEqual(Set(plan.runs.map { "\($0.studySeed)/\($0.eval.testSize)" }).count, 1)
    }

    func measured(low: Double, high: Double, pretrain: Int, sft: Int, models: Bool = false) -> Measured {
        Measured(value: (low + high) / 2, interval: SeedInterval(low: low, high: high, pretrainSeeds: pretrain, sftSeeds: sft, questions: 800),
                 comparesModels: models)
    }

    /// The report's seeds column: `P x S seeds, Q q`, with a range of bases when cells differ.
    func testBasisNamesTheRangeOfBases() {
        XCTAssertEqual(measured(low: 0.1, high: 0.2, pretrain: 3, sft: 2).basis, "3 x 2 seeds, 800 q")
        let unequal = Measured(value: 0.15, interval: SeedInterval(low: 0.1, high: 0.2, pretrainSeeds: 3, mostPretrainSeeds: 4,
                                                                   sftSeeds: 2, questions: 800), comparesModels: false)
        XCTAssertEqual(unequal.basis, "3-4 x 2 seeds, 800 q")
    }

    func testVerdictRulesAndSingleSeedResults() {
        typealias V = Report.Verdict
        XCTAssertEqual(V.direction(measured(low: 0.01, high: 0.09, pretrain: 3, sft: 2)), .yes)
        XCTAssertEqual(V.direction(measured(low: -0.09, high: -0.01, pretrain: 3, sft: 2)), .no)
        XCTAssertEqual(V.direction(measured(low: -0.09, high: -0.01, pretrain: 3, sft: 2), positive: false), .yes)
        XCTAssertEqual(V.direction(measured(low: -0.01, high: 0.09, pretrain: 3, sft: 2)), .inconclusive)
        XCTAssertEqual(V.equivalent(measured(low: -0.04, high: 0.04, pretrain: 1, sft: 3), margin: 0.05), .yes)
        XCTAssertEqual(V.equivalent(measured(low: 0.06, high: 0.09, pretrain: 1, sft: 3), margin: 0.05), .no)
        XCTAssertEqual(V.equivalent(measured(low: 0.01, high: 0.09, pretrain: 1, sft: 3), margin: 0.05), .inconclusive)
        // One seed: never yes or no, however clear the interval.
        for m in [measured(low: 0.2, high: 0.3, pretrain: 1, sft: 1), measured(low: -0.3, high: -0.2, pretrain: 1, sft: 1),
                  measured(low: 0.2, high: 0.3, pretrain: 1, sft: 2, models: true)] {
            XCTAssertEqual(V.direction(m), .singleSeed)
            XCTAssertEqual(V.equivalent(m, margin: 0.5), .singleSeed)
        }
        XCTAssertEqual(V.singleSeed.rawValue, "single-seed result")
        // Model sizes compared with several pretraining seeds are decided.
        XCTAssertEqual(V.direction(measured(low: 0.2, high: 0.3, pretrain: 3, sft: 1, models: true)), .yes)
        XCTAssertEqual(measured(low: 0.2, high: 0.3, pretrain: 3, sft: 2).basis, "3 x 2 seeds, 800 q")
    }
}
