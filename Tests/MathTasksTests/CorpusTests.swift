import XCTest
@testable import MathTasks

final class CorpusTests: XCTestCase {
    static let testKeys = try! Set(ProblemSets.testSet(domain: .gsm, perSteps: 50, seed: 1).map(\.chainKey))
        .union(ProblemSets.testSet(domain: .math, perSteps: 50, seed: 1).map(\.chainKey))

    func testStyleAndErrorSharesMatchTheConfiguration() throws {
        var corpus = try PretrainingCorpus(config: CorpusConfig(domainWeights: [.gsm: 3, .math: 1]), seed: 21, excluding: Self.testKeys)
        let n = 4000
        let docs = try (0..<n).map { _ in try corpus.nextDocument() }
        func share(_ f: (CorpusDocument) -> Bool) -> Double { Double(docs.filter(f).count) / Double(n) }
        func tolerance(_ p: Double) -> Double { 4 * (p * (1 - p) / Double(n)).squareRoot() }
        let expected: [SolutionStyle: Double] = [.target: 0.30, .plain: 0.30, .terse: 0.25, .answerOnly: 0.15]
        for (style, p) in expected { XCTAssertEqual(share { $0.style == style }, p, accuracy: tolerance(p), "\(style)") }
        XCTAssertEqual(share { $0.errorStep != nil }, 0.15, accuracy: tolerance(0.15))
        XCTAssertEqual(share { $0.problem.domain == .gsm }, 0.75, accuracy: tolerance(0.75))
        XCTAssertFalse(docs.contains { Self.testKeys.contains($0.problem.chainKey) })
        let testTemplates = Domain.allCases.flatMap { ChainLanguage.of($0).testTemplates }
        XCTAssertTrue(Set(docs.map(\.problem.template)).isDisjoint(with: testTemplates))
        // The base model's world holds every name and object, the held-out ones too.
        let gsm = BackgroundLists.of(.gsm)
        let names = Set(docs.filter { $0.problem.domain == .gsm }.map(\.problem.background.name))
        let objects = Set(docs.filter { $0.problem.domain == .gsm }.map(\.problem.background.object))
        XCTAssertEqual(names, Set(gsm.trainNames + gsm.testNames))
        XCTAssertEqual(objects, Set(gsm.trainObjects + gsm.testObjects))
    }

    func testEachStyleWritesTheSameSolution() throws {
        var corpus = try PretrainingCorpus(config: CorpusConfig(domainWeights: [.gsm: 1, .math: 1]), seed: 22)
        let alphabet = Set(ChainFormat.alphabet)
        for _ in 0..<1500 {
            let d = try corpus.nextDocument()
            XCTAssertTrue(d.text.hasPrefix(d.problem.question + "\n"))
            XCTAssertTrue(d.text.allSatisfy(alphabet.contains))
            XCTAssertLessThanOrEqual(d.text.count, 352)
            let body = d.text.dropFirst(d.problem.question.count + 1).dropLast()
            let lines = body.split(separator: "\n")
            let truth = d.problem.answerValue
            let lastNumber = Int(lines.last!.split(whereSeparator: { !$0.isNumber }).last!)!
            XCTAssertEqual(lastNumber == truth, d.errorStep == nil, String(body))
            switch d.style {
            case .target:
                XCTAssertEqual(lines.count, d.problem.steps + 1)
                let notes = annotations(String(body))
                XCTAssertEqual(notes.count, d.problem.steps)
                let wrong = notes.indices.filter { evaluate(notes[$0].expression) != Double(notes[$0].result) }
                XCTAssertEqual(wrong, d.errorStep.map { [$0] } ?? [], String(body))
                XCTAssertEqual(String(lines.last!), "#### \(lastNumber)")
            case .plain:
                XCTAssertFalse(body.contains("<<"))
                XCTAssertEqual(lines.count, d.problem.steps + 1)
                XCTAssertEqual(String(lines.last!), "The answer is \(lastNumber).")
            case .terse:
                XCTAssertEqual(lines.count, 2)
                XCTAssertEqual(lines[0].split(separator: ";").count, d.problem.steps)
                XCTAssertEqual(String(lines[1]), "Answer: \(lastNumber)")
            case .answerOnly:
                XCTAssertEqual(String(body), "Answer: \(lastNumber)")
            }
        }
    }

    func testThePackedStreamIsTheDocumentsBackToBack() throws {
        var a = try PretrainingCorpus(seed: 23)
        var b = try PretrainingCorpus(seed: 23)
        let packed = try a.take(characters: 1000) + a.take(characters: 2345)
        var joined = ""
        while joined.count < packed.count { joined += b.next()! + "\n" }
        XCTAssertEqual(packed, String(joined.prefix(packed.count)))
        XCTAssertEqual(packed.count, 3345)
        var c = try PretrainingCorpus(seed: 24)
        XCTAssertNotEqual(try c.take(characters: 500), String(packed.prefix(500)))
    }

    func testResamplingFavoursLongSolutionsOnlyWhenAsked() throws {
        let pool = try ProblemSets.records(ProblemSets.pool(domain: .gsm, size: 2000, seed: 5, excluding: []), kind: "pool")
        func meanSteps(_ r: [TaskRecord]) -> Double { Double(r.map { $0.steps! }.reduce(0, +)) / Double(r.count) }
        let uniform = try Resampling.sample(pool, count: 500, exponent: 0, seed: 1)
        let long = try Resampling.sample(pool, count: 500, exponent: 2, seed: 1)
        XCTAssertEqual(Set(uniform.compactMap(\.id)).count, 500, "without replacement")
        XCTAssertEqual(meanSteps(uniform), 2.5, accuracy: 0.15)
        // Weights s^2 over steps 1-4 in equal shares: without replacement the mean stays below sum(s^3)/sum(s^2) = 3.33.
        XCTAssertGreaterThan(meanSteps(long), 3.0)
        XCTAssertEqual(try Resampling.sample(pool, count: 500, exponent: 2, seed: 1), long)
        XCTAssertEqual(try Resampling.sample(pool, count: 2000, exponent: 2, seed: 1), pool, "the whole pool in pool order")
    }
}
