import DataFiles
import XCTest
@testable import MathTasks

/// Every generator knows how much it can make and fails at once, with that number, when asked for more.
final class GeneratorLimitsTests: XCTestCase {
    /// 1-step gsm chains counted by hand from the rules: start 2-99; + n (2-20) staying <= 99, - n (1-20) staying
    /// >= 1, x n (2-5) on values <= 20 staying <= 99, exact / n (2-5).
    func testOneStepGSMChainCountMatchesTheRules() {
        var byHand = 0
        for v in 2...99 {
            byHand += max(0, min(20, 99 - v) - 1) + min(20, v - 1)
            byHand += v <= 20 ? max(0, min(5, 99 / v) - 1) : 0
            byHand += (2...5).filter { v % $0 == 0 }.count
        }
        XCTAssertEqual(byHand, 3623)
        XCTAssertEqual(ChainRules.of(.gsm).chainCount(steps: 1), 3623)
        // Two steps: each 1-step chain continues from its result; far more chains, no overflow for 8 steps.
        XCTAssertGreaterThan(ChainRules.of(.gsm).chainCount(steps: 2), 30 * 3623)
        XCTAssertGreaterThan(ChainRules.of(.math).chainCount(steps: 8), 0)
    }

    func testEveryOneStepChainCanBeDrawnAndOneMoreIsAnError() throws {
        let all = try ProblemSets.testSet(domain: .gsm, steps: 1...1, perSteps: 3623, seed: 3)
        XCTAssertEqual(Set(all.map(\.chainKey)).count, 3623)
        XCTAssertThrowsError(try ProblemSets.testSet(domain: .gsm, steps: 1...1, perSteps: 3624, seed: 3)) { error in
            XCTAssertEqual("\(error)", "only 3,623 distinct 1-step gsm problems exist; asked for 3,624")
        }
    }

    func testPoolCapacityExcludesTheTestChains() throws {
        let test = try ProblemSets.testSet(domain: .gsm, steps: 1...1, perSteps: 100, seed: 1)
        XCTAssertThrowsError(try ProblemSets.pool(domain: .gsm, size: 3524, steps: 1...1, seed: 2, excluding: Set(test.map(\.chainKey)))) {
            XCTAssertEqual("\($0)", "only 3,523 distinct 1-step gsm problems exist (3,623 minus the 100 of the test set); asked for 3,524")
        }
    }

    func testStepCountsOutsideTheGeneratorsRangeAreErrors() {
        var chain = ChainGenerator(domain: .gsm, split: .train, seed: 1)
        XCTAssertThrowsError(try chain.next(steps: 9))
        XCTAssertThrowsError(try chain.next(steps: 0))
        var graph = GraphGenerator(domain: .gsm, split: .train, seed: 1)
        XCTAssertThrowsError(try graph.next(steps: 1))
    }

    func testSynthesisThatCannotMakeAnythingFailsAtOnce() throws {
        XCTAssertThrowsError(try SynthesisConfig(methods: []))
        let fourSteps = try ProblemSets.pool(domain: .gsm, size: 10, steps: 4...4, seed: 1, excluding: [])
        XCTAssertThrowsError(try Synthesizer(seeds: fourSteps, config: SynthesisConfig(methods: [.constraint], maxSteps: 4), seed: 1)) {
            XCTAssertTrue("\($0)".contains("every seed question already has the maximum of 4 steps"), "\($0)")
        }
        XCTAssertThrowsError(try Synthesizer(seeds: [], config: SynthesisConfig(), seed: 1))
    }

    /// Two seed questions with new backgrounds give a few hundred new questions, then the loop gives up.
    func testSynthesisGivesUpWhenNoNewQuestionsRemain() throws {
        let seeds = try ProblemSets.pool(domain: .gsm, size: 2, steps: 1...1, seed: 1, excluding: [])
        var synthesizer = try Synthesizer(seeds: seeds, config: SynthesisConfig(methods: [.background]), seed: 1)
        XCTAssertThrowsError(try synthesizer.synthesize(count: 100_000)) {
            XCTAssertTrue("\($0)".hasPrefix("gave up after 100,000 draws in a row without a new one: made "), "\($0)")
        }
    }

    func testResamplingMoreThanThePoolIsAnError() {
        XCTAssertThrowsError(try Resampling.sample([1, 2, 3], count: 4, exponent: 0, seed: 1) { _ in 1 })
        XCTAssertThrowsError(try Resampling.sample([1, 2, 3], count: 2, exponent: .infinity, seed: 1) { _ in 1 })
    }

    func testCorpusRejectsImpossibleMixes() {
        XCTAssertThrowsError(try CorpusConfig(domainWeights: [.gsm: 0]))
        XCTAssertThrowsError(try CorpusConfig(domainWeights: [.gsm: -1, .math: 1]))
        XCTAssertThrowsError(try CorpusConfig(errorShare: 1.5))
        XCTAssertThrowsError(try CorpusConfig(steps: 0...3))
    }

    func testGroupedNumbers() {
        XCTAssertEqual(grouped(0), "0")
        XCTAssertEqual(grouped(999), "999")
        XCTAssertEqual(grouped(1000), "1,000")
        XCTAssertEqual(grouped(-1234567), "-1,234,567")
    }
}
