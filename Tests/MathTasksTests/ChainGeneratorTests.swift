import XCTest
@testable import MathTasks

final class ChainGeneratorTests: XCTestCase {
    /// A test set and a pool per domain, shared by the tests below.
    static let sets: [Domain: (test: [ChainProblem], pool: [ChainProblem])] = {
        var out: [Domain: ([ChainProblem], [ChainProblem])] = [:]
        for d in Domain.allCases {
            let test = try! ProblemSets.testSet(domain: d, perSteps: 50, seed: 1)
            let pool = try! ProblemSets.pool(domain: d, size: 2000, seed: 2, excluding: Set(test.map(\.chainKey)))
            out[d] = (test, pool)
        }
        return out
    }()

    func testAnnotationsReproduceTheGraphValues() throws {
        for (_, sets) in Self.sets {
            for p in sets.test + sets.pool {
                let r = p.record(id: "x")
                let notes = annotations(r.answer)
                XCTAssertEqual(notes.count, p.steps, r.answer)
                XCTAssertEqual(notes.map(\.result), r.stepValues, r.answer)
                for (expression, result) in notes {
                    XCTAssertEqual(evaluate(expression), Double(result), "\(expression)=\(result)")
                }
                XCTAssertEqual(finalAnswer(r.answer), r.stepValues?.last)
                XCTAssertEqual(r.steps, p.steps)
                // Each annotation starts from the previous step's value (one running value).
                let inputs = notes.map { String($0.expression.prefix { $0.isNumber }) }
                XCTAssertEqual(inputs, [String(p.start)] + r.stepValues!.dropLast())
            }
        }
    }

    func testValuesStayInTheDomainRange() throws {
        for (d, sets) in Self.sets {
            let rules = ChainRules.of(d)
            for p in sets.test + sets.pool {
                XCTAssertTrue(rules.values.contains(p.start))
                for v in p.values { XCTAssertTrue(rules.values.contains(v), "\(v) in \(p.question)") }
                for (op, v) in zip(p.operations, [p.start] + p.values) {
                    if case .multiply = op { XCTAssertLessThanOrEqual(v, rules.multiplyMaxValue) }
                }
            }
        }
        // The gsm operand ranges from the prototype.
        let ops = Self.sets[.gsm]!.pool.flatMap(\.operations)
        for op in ops {
            switch op {
            case .add(let n): XCTAssertTrue((2...20).contains(n))
            case .subtract(let n): XCTAssertTrue((1...20).contains(n))
            case .multiply(let n), .divide(let n): XCTAssertTrue((2...5).contains(n))
            case .fraction, .remainder: XCTFail("gsm has no \(op)")
            }
        }
        XCTAssertEqual(Set(ops.map(\.kind)), [.add, .subtract, .multiply, .divide])
        let mathKinds = Set(Self.sets[.math]!.pool.flatMap(\.operations).map(\.kind))
        XCTAssertEqual(mathKinds, Set(ChainOperation.Kind.allCases))
    }

    func testTrainAndTestShareNoTemplateBackgroundOrChain() throws {
        for (_, sets) in Self.sets {
            let test = sets.test, pool = sets.pool
            XCTAssertTrue(Set(test.map(\.template)).isDisjoint(with: pool.map(\.template)))
            XCTAssertTrue(Set(test.map(\.background.name)).isDisjoint(with: pool.map(\.background.name)))
            XCTAssertTrue(Set(test.map(\.background.object)).isDisjoint(with: pool.map(\.background.object)))
            XCTAssertTrue(Set(test.map(\.chainKey)).isDisjoint(with: pool.map(\.chainKey)))
            XCTAssertEqual(Set(pool.map(\.chainKey)).count, pool.count, "pool problems are distinct")
            XCTAssertEqual(Set(test.map(\.chainKey)).count, test.count)
            // Every training template and most backgrounds are used.
            XCTAssertEqual(Set(pool.map(\.template)).count, 6)
            XCTAssertEqual(Set(test.map(\.template)).count, 2)
        }
    }

    func testExcludedChainsAreNeverGenerated() throws {
        // Exclude 3000 likely 1-step chains and check the generator avoids them.
        var gen = ChainGenerator(domain: .gsm, split: .train, seed: 5)
        let keys = try Set((0..<3000).map { _ in try gen.next(steps: 1).chainKey })
        var constrained = ChainGenerator(domain: .gsm, split: .train, seed: 6, excluding: keys)
        for _ in 0..<500 { XCTAssertFalse(try keys.contains(constrained.next(steps: 1).chainKey)) }
    }

    func testStepCountsAndIds() throws {
        let test = Self.sets[.gsm]!.test
        XCTAssertEqual(test.count, 200)
        for s in 1...4 { XCTAssertEqual(test.filter { $0.steps == s }.count, 50) }
        let records = ProblemSets.records(test, kind: "test")
        XCTAssertEqual(records[3].id, "gsm-test-3")
        XCTAssertEqual(records[3].method, "real")
        XCTAssertEqual(records[3].domain, "gsm")
        XCTAssertEqual(Set(records.compactMap(\.id)).count, 200)
        var long = ChainGenerator(domain: .math, split: .train, seed: 3)
        for s in 5...8 { XCTAssertEqual(try long.next(steps: s).values.count, s) }
    }

    func testSameSeedSameProblemsOtherSeedOtherProblems() throws {
        let a = try ProblemSets.pool(domain: .math, size: 300, seed: 9, excluding: [])
        let b = try ProblemSets.pool(domain: .math, size: 300, seed: 9, excluding: [])
        let c = try ProblemSets.pool(domain: .math, size: 300, seed: 10, excluding: [])
        XCTAssertEqual(ProblemSets.records(a, kind: "pool"), ProblemSets.records(b, kind: "pool"))
        XCTAssertNotEqual(a.map(\.question), c.map(\.question))
    }

    func testDocumentsFitAndUseTheAlphabet() throws {
        let alphabet = Set(ChainFormat.alphabet)
        XCTAssertTrue(alphabet.allSatisfy { $0.isASCII && ($0 == "\n" || $0.asciiValue! >= 32 && $0.asciiValue! < 127) })
        XCTAssertLessThanOrEqual(alphabet.count, 80)
        for (_, sets) in Self.sets {
            for p in sets.test + sets.pool {
                XCTAssertLessThanOrEqual(p.document.count, 352, p.document)
                XCTAssertTrue(p.document.allSatisfy(alphabet.contains), p.document)
            }
        }
        var gen = ChainGenerator(domain: .gsm, split: .train, seed: 4)
        for _ in 0..<50 { XCTAssertLessThanOrEqual(try gen.next(steps: 8).document.count, ChainFormat.maxCharacters(steps: 8)) }
    }

    func testTheRenderedFormat() throws {
        let t = ChainLanguage.of(.gsm).trainTemplates[0]
        let p = ChainProblem(domain: .gsm, template: t, background: Background(name: "Eve", object: "apples"), start: 16,
                             operations: [.subtract(3), .add(5)], phrasings: [0, 1])
        XCTAssertEqual(p.question, "Eve has 16 apples. (1) Eve gives away 3. (2) Eve finds 5 more. How many apples does Eve have now?")
        XCTAssertEqual(p.answer, "(1) gives away 3: 16-3=<<16-3=13>>13.\n(2) finds 5 more: 13+5=<<13+5=18>>18.\n#### 18")
        XCTAssertEqual(p.chainKey, "16|-3|+5")
        let m = ChainProblem(domain: .math, template: ChainLanguage.of(.math).trainTemplates[0],
                             background: Background(name: "x", object: "number"), start: 240,
                             operations: [.fraction(3, 4), .remainder(7)], phrasings: [0, 0])
        XCTAssertEqual(m.question, "Let x be 240. (1) Take 3/4 of x. (2) Replace x by its remainder mod 7. What is x now?")
        XCTAssertEqual(m.answer, "(1) take 3/4: 240*3/4=<<240*3/4=180>>180.\n(2) remainder mod 7: 180-7*25=<<180-7*25=5>>5.\n#### 5")
        XCTAssertEqual(m.values, [180, 5])
    }
}
