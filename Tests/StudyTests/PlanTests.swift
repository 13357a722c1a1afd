import DataFiles
import XCTest
@testable import Study

final class PlanTests: XCTestCase {
    func testSharedRunsArePlannedOnceAndTagged() throws {
        let plan = StudyPlan(config: try StudyConfig(parsing: tinyConfig, file: "tiny.json"))
        let hashes = plan.runs.map(\.hash)
        XCTAssertEqual(Set(hashes).count, hashes.count, "each run once")
        // E1: base + real 8, 16. E2: real 8, 16 (shared with E1), synthetic 8, 16, 48. E9: synthetic 16 (shared
        // with E2, now also measuring LM loss) and the contaminated control.
        XCTAssertEqual(plan.runs.count, 3 + 3 + 1)
        let real16 = try XCTUnwrap(plan.runs.first { $0.dataKind == .real && $0.size == 16 })
        XCTAssertEqual(real16.experiments, ["E1", "E2"])
        let synth16 = try XCTUnwrap(plan.runs.first { $0.dataKind == .synthetic && $0.size == 16 && $0.contaminate == 0 })
        XCTAssertEqual(synth16.experiments, ["E2", "E9"])
        XCTAssertTrue(synth16.lmLoss)
        XCTAssertEqual(plan.runs.filter { $0.dataKind == .noSFT }.count, 1, "the base evaluation is one run")
        XCTAssertEqual(plan.bases.count, 1)
        XCTAssertEqual(plan.runs(only: ["E9"]).count, 2)
        XCTAssertEqual(plan.runs(only: ["E9"]).map(\.hash), plan.runs.filter { $0.experiments.contains("E9") }.map(\.hash))
    }

    func testEvalDomainsAreUnitedForSharedRuns() throws {
        let text = tinyConfig(replacing: "\"E1\": {}", with: "\"E1\": {}, \"E8\": {\"sizes\": [16], \"eval_domains\": [\"math\", \"gsm\"]}")
        let plan = StudyPlan(config: try StudyConfig(parsing: text, file: "x"))
        let real16 = try XCTUnwrap(plan.runs.first { $0.dataKind == .real && $0.size == 16 })
        XCTAssertEqual(real16.evalDomains, [.gsm, .math])
        XCTAssertEqual(real16.experiments, ["E1", "E2", "E8"])
    }

    /// Hashes depend on what a run computes, not on formatting, key order, or unrelated experiments.
    func testHashesAreStableAndSensitive() throws {
        let base = StudyPlan(config: try StudyConfig(parsing: tinyConfig, file: "a"))
        let reformatted = tinyConfig.replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\"name\": \"tiny\", \"seed\": 3", with: "\"seed\": 3, \"name\": \"tiny\"")
        XCTAssertEqual(StudyPlan(config: try StudyConfig(parsing: reformatted, file: "b")).runs.map(\.hash), base.runs.map(\.hash))
        // Dropping E9 leaves the other runs' hashes alone (except the one E9 added LM loss to).
        let withoutE9 = tinyConfig(replacing: ",\n    \"E9\": {\"data\": \"synthetic\", \"sizes\": [16], \"lm_loss\": true, \"arms\": [{\"contaminate\": 0}, {\"contaminate\": 8}]}", with: "")
        let smaller = StudyPlan(config: try StudyConfig(parsing: withoutE9, file: "c"))
        XCTAssertEqual(Set(smaller.runs.map(\.hash)).subtracting(base.runs.map(\.hash)).count, 1)
        // An evaluation setting changes every run hash, but not the base checkpoint's.
        let hotter = StudyPlan(config: try StudyConfig(parsing: tinyConfig(replacing: "\"samples\": 2", with: "\"samples\": 2, \"temperature\": 0.8"), file: "d"))
        XCTAssertTrue(Set(hotter.runs.map(\.hash)).isDisjoint(with: base.runs.map(\.hash)))
        XCTAssertEqual(hotter.bases.map(\.hash), base.bases.map(\.hash))
        // A pretraining setting changes the base hash.
        let longer = StudyPlan(config: try StudyConfig(parsing: tinyConfig(replacing: "20000", with: "30000"), file: "e"))
        XCTAssertNotEqual(longer.bases.map(\.hash), base.bases.map(\.hash))
        // SFT seeds give distinct runs, except the base model's evaluation (size 0), which has no SFT seed.
        let seeds = StudyPlan(config: try StudyConfig(parsing: tinyConfig(replacing: "\"seeds\": [1]", with: "\"seeds\": [1, 2]"), file: "f"))
        XCTAssertEqual(seeds.runs.count, 2 * base.runs.count - 1)
        XCTAssertEqual(seeds.runs.filter { $0.size == 0 }.map(\.seed), [1])
    }

    func testCostModelCountsGPT2Parameters() throws {
        // d64L2 and d128L2 at context 352 with the 101-symbol tokenizer: PAPER.md's ~128K and ~452K parameters
        // (the prototype's vocabulary had ~80 symbols).
        let cost = CostModel()
        XCTAssertEqual(Double(cost.parameters(ModelShape("d64L2")!, context: 352)), 129_000, accuracy: 1_000)
        XCTAssertEqual(Double(cost.parameters(ModelShape("d128L2")!, context: 352)), 455_000, accuracy: 1_000)
        // Training FLOPs per token as the trainer counts them: 6N + 12 L d T.
        let d64 = cost.pretraining(BaseSpec(model: ModelShape("d64L2")!, pretrain: try StudyConfig(parsing: tinyConfig, file: "t").pretrain,
                                            testSeed: 1, testSize: 8))
        XCTAssertEqual(d64.flops / 20_000, 6 * Double(cost.parameters(ModelShape("d64L2")!, context: 352)) + 12 * 2 * 64 * 352, accuracy: 1)
        XCTAssertEqual(Format.duration(75), "1m15s")
        XCTAssertEqual(Format.duration(3725), "1h02m")
    }
}
