import XCTest
@testable import MathTasks

final class SynthesizerTests: XCTestCase {
    static let test = try! ProblemSets.testSet(domain: .gsm, perSteps: 25, seed: 11)
    static let pool = try! ProblemSets.pool(domain: .gsm, size: 400, steps: 1...3, seed: 12, excluding: Set(test.map(\.chainKey)))

    private func synthesize(_ config: SynthesisConfig, count: Int = 2000, seed: UInt64 = 13) throws -> SynthesisReport {
        var s = try Synthesizer(seeds: Self.pool, config: config, seed: seed, excluding: Set(Self.test.map(\.chainKey)))
        return try s.synthesize(count: count)
    }

    /// Standard error of a proportion p over n samples.
    private func se(_ p: Double, _ n: Int) -> Double { (p * (1 - p) / Double(n)).squareRoot() }

    func testEachMethodChangesWhatItShouldAndKeepsTheRest() throws {
        var s = try Synthesizer(seeds: Self.pool, config: SynthesisConfig(), seed: 1)
        for seed in Self.pool.prefix(60) {
            for method in SynthesisMethod.allCases {
                guard let p = s.transform(seed, by: method) else {
                    XCTAssertTrue(method == .constraint && seed.steps == 4 || method == .numbers || method == .numbersBackground)
                    continue
                }
                let sameMath = p.chainKey == seed.chainKey
                XCTAssertNotEqual(p.question, seed.question, "\(method)")
                switch method {
                case .numbers:
                    XCTAssertFalse(sameMath); XCTAssertEqual(p.background, seed.background); XCTAssertEqual(p.template, seed.template)
                    XCTAssertEqual(p.operations.map(\.kind), seed.operations.map(\.kind))
                case .numbersBackground:
                    XCTAssertFalse(sameMath); XCTAssertNotEqual(p.background, seed.background)
                    XCTAssertEqual(p.operations.map(\.kind), seed.operations.map(\.kind))
                case .background:
                    XCTAssertTrue(sameMath); XCTAssertNotEqual(p.background, seed.background); XCTAssertEqual(p.template, seed.template)
                case .constraint:
                    XCTAssertEqual(p.steps, seed.steps + 1); XCTAssertEqual(Array(p.operations.prefix(seed.steps)), seed.operations)
                    XCTAssertEqual(Array(p.values.prefix(seed.steps)), seed.values)
                case .rephrase:
                    XCTAssertTrue(sameMath); XCTAssertEqual(p.background, seed.background); XCTAssertNotEqual(p.template, seed.template)
                }
            }
        }
    }

    func testSyntheticQuestionsAreNewAndNeverTestChains() throws {
        let report = try synthesize(SynthesisConfig(), count: 1000)
        let questions = report.problems.map(\.problem.question)
        XCTAssertEqual(Set(questions).count, questions.count)
        XCTAssertTrue(Set(questions).isDisjoint(with: Self.pool.map(\.question)))
        XCTAssertTrue(Set(report.problems.map(\.problem.chainKey)).isDisjoint(with: Self.test.map(\.chainKey)))
        XCTAssertTrue(Set(report.problems.map(\.problem.template)).isDisjoint(with: Self.test.map(\.template)))
        let records = report.records(idPrefix: "gsm-synth")
        XCTAssertEqual(Set(records.compactMap(\.method)), Set(SynthesisMethod.allCases.map(\.rawValue)))
        XCTAssertEqual(records[5].id, "gsm-synth-5")
        for r in records {
            XCTAssertEqual(finalAnswer(r.answer), r.stepValues?.last, "a perfect teacher is always right")
        }
    }

    func testTeacherErrorRatesMatchTheConfiguration() throws {
        let report = try synthesize(SynthesisConfig(teacher: Teacher(calculationErrorRate: 0.2, reasoningErrorRate: 0.1)))
        let n = report.problems.count
        let calc = Double(report.problems.filter { $0.teacher.error == .calculation }.count) / Double(n)
        let reasoning = Double(report.problems.filter { $0.teacher.error == .reasoning }.count) / Double(n)
        XCTAssertEqual(calc, 0.2, accuracy: 4 * se(0.2, n))
        XCTAssertEqual(reasoning, 0.1, accuracy: 4 * se(0.1, n))
        for s in report.problems {
            let r = s.record(id: "x")
            let written = annotations(r.answer)
            let arithmeticRight = written.allSatisfy { evaluate($0.expression) == Double($0.result) }
            let answerRight = finalAnswer(r.answer) == r.stepValues?.last
            switch s.teacher.error {
            case nil: XCTAssertTrue(arithmeticRight && answerRight)
            case .calculation?:
                XCTAssertFalse(arithmeticRight); XCTAssertFalse(answerRight)
                // Steps before the error match the reference; the wrong step's written result does not.
                let k = s.teacher.errorStep!
                XCTAssertEqual(written.prefix(k).map(\.result), Array(r.stepValues!.prefix(k)))
                XCTAssertNotEqual(evaluate(written[k].expression), Double(written[k].result))
            case .reasoning?:
                XCTAssertTrue(arithmeticRight); XCTAssertFalse(answerRight)
            }
        }
    }

    func testVerificationRejectsWhatItShould() throws {
        let calcOnly = try SynthesisConfig(teacher: Teacher(calculationErrorRate: 0.2, reasoningErrorRate: 0))
        var config = calcOnly
        config.verification = .checkAnnotations
        let checked = try synthesize(config)
        XCTAssertEqual(checked.verificationRejectionRate, 0.2, accuracy: 4 * se(0.2, 2500))
        XCTAssertTrue(checked.problems.allSatisfy { $0.teacher.error == nil })

        let reasoningOnly = Teacher(calculationErrorRate: 0, reasoningErrorRate: 0.2)
        let blind = try synthesize(SynthesisConfig(teacher: reasoningOnly, verification: .checkAnnotations), count: 500)
        XCTAssertEqual(blind.rejectedByVerification, 0, "annotation checks cannot see reasoning errors")

        // Solving twice rejects a question when either solution errs (and the two errors do not agree).
        let twice = try synthesize(SynthesisConfig(teacher: reasoningOnly, verification: .solveTwice))
        let expected = 1 - 0.8 * 0.8 - 0.04 * 0.1  // minus a few pairs of identical mistakes
        XCTAssertEqual(twice.verificationRejectionRate, expected, accuracy: 0.05)
        let wrongKept = Double(twice.problems.filter { $0.teacher.error != nil }.count) / Double(twice.problems.count)
        XCTAssertLessThan(wrongKept, 0.05, "only agreeing mistakes survive")
        let none = try synthesize(SynthesisConfig(teacher: reasoningOnly), count: 500)
        XCTAssertEqual(none.rejectedByVerification, 0)
        XCTAssertEqual(none.verificationRejectionRate, 0)
    }

    func testSynthesisIsReproducible() throws {
        let config = try SynthesisConfig(teacher: Teacher(calculationErrorRate: 0.1, reasoningErrorRate: 0.1))
        XCTAssertEqual(try synthesize(config, count: 300).records(idPrefix: "s"), try synthesize(config, count: 300).records(idPrefix: "s"))
        XCTAssertNotEqual(try synthesize(config, count: 300, seed: 14).records(idPrefix: "s"),
                          try synthesize(config, count: 300).records(idPrefix: "s"))
    }

    func testRegeneratedQuestionsKeepTheMathInNewWords() throws {
        let regenerated = Regenerator.regenerate(Self.test, seed: 3)
        XCTAssertEqual(Regenerator.regenerate(Self.test, seed: 3), regenerated)
        for (p, r) in zip(Self.test, regenerated) {
            XCTAssertEqual(r.chainKey, p.chainKey)
            XCTAssertEqual(r.values, p.values)
            XCTAssertNotEqual(r.template, p.template)
            XCTAssertNotEqual(r.background.name, p.background.name)
            XCTAssertLessThanOrEqual(r.document.count, 352)
        }
        let trainRegen = Regenerator.regenerate(Self.pool[7], seed: 1)
        XCTAssertNotEqual(trainRegen.template, Self.pool[7].template)
        XCTAssertNotEqual(trainRegen.background, Self.pool[7].background)
    }
}
