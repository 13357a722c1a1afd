import DataFiles

/// The mix of a pretraining corpus: problem families, solution styles and the share of wrong solutions.
/// Defaults follow the prototype: 30% target format, 30% plain, 25% terse, 15% answer only, and 15% of the
/// documents with one step off by 1, 2, 3 or 10 (the error propagates).
public struct CorpusConfig: Sendable, Hashable {
    /// Relative weight of each domain's chain problems (a domain missing or at 0 is not used).
    public var domainWeights: [Domain: Double]
    public var steps: ClosedRange<Int>
    /// Relative weight of each solution style.
    public var styleShares: [SolutionStyle: Double]
    /// Share of documents with one wrong step.
    public var errorShare: Double
    /// How far off a wrong step is (either sign).
    public var errorOffsets: [Int]

    /// The prototype's mix of gsm problems (the defaults below).
    public static let standard = CorpusConfig(checked: [.gsm: 1])

    /// Throws when no domain or style has a positive weight, a weight is negative or infinite, `errorShare` is not
    /// a probability, or `steps` leaves 1-8.
    public init(domainWeights: [Domain: Double] = [.gsm: 1], steps: ClosedRange<Int> = 1...4,
                styleShares: [SolutionStyle: Double] = [.target: 0.30, .plain: 0.30, .terse: 0.25, .answerOnly: 0.15],
                errorShare: Double = 0.15, errorOffsets: [Int] = [1, 2, 3, 10]) throws {
        guard domainWeights.values.allSatisfy({ $0 >= 0 && $0.isFinite }), domainWeights.values.contains(where: { $0 > 0 }) else {
            throw ToolError("a corpus needs a domain with positive weight (and no negative or infinite weight)")
        }
        guard styleShares.values.allSatisfy({ $0 >= 0 && $0.isFinite }), styleShares.values.contains(where: { $0 > 0 }) else {
            throw ToolError("a corpus needs a solution style with positive share (and no negative or infinite share)")
        }
        guard (0...1).contains(errorShare) else { throw ToolError("a corpus's error share is a probability, got \(errorShare)") }
        guard steps.lowerBound >= 1, steps.upperBound <= 8 else { throw ToolError("corpus steps must lie within 1-8, got \(steps)") }
        self.init(checked: domainWeights, steps: steps, styleShares: styleShares, errorShare: errorShare, errorOffsets: errorOffsets)
    }

    private init(checked domainWeights: [Domain: Double], steps: ClosedRange<Int> = 1...4,
                 styleShares: [SolutionStyle: Double] = [.target: 0.30, .plain: 0.30, .terse: 0.25, .answerOnly: 0.15],
                 errorShare: Double = 0.15, errorOffsets: [Int] = [1, 2, 3, 10]) {
        self.domainWeights = domainWeights
        self.steps = steps
        self.styleShares = styleShares
        self.errorShare = errorShare
        self.errorOffsets = errorOffsets
    }
}

/// One pretraining document and how it was made.
public struct CorpusDocument: Sendable, Hashable {
    /// Question, newline, solution in `style`, newline (as `ChainFormat.document`).
    public var text: String
    public var problem: ChainProblem
    /// The solution part of `text` (between the question's newline and the final newline).
    public var solution: String
    public var style: SolutionStyle
    /// The step whose written result is off, when the document has a wrong step.
    public var errorStep: Int?
}

/// An endless, deterministic stream of pretraining documents: chain problems of the training templates with
/// the names and objects of both splits (never a test chain), written in mixed styles, a share of them with a
/// wrong step. It holds one document at a time, so a trainer can pull 32M characters without materialising them.
///
/// The corpus is the base model's world: like a 7B model, it has seen every name and object, so test questions
/// are new in their wording (held-out templates) and chains, not in their words. (With held-out names absent
/// from pretraining, d128L2 bases fell apart on test questions, greedy 0.03, while getting the same questions
/// right with a training name.) The real SFT pool keeps to training templates and backgrounds.
public struct PretrainingCorpus: Sequence, IteratorProtocol, Sendable {
    public let config: CorpusConfig
    private var generators: [ChainGenerator]
    private let domainWeights: [Double]
    private let styles: [SolutionStyle]
    private let styleWeights: [Double]
    private var rng: SplitMix64
    /// The rest of the current document in the packed stream.
    private var pending: [UInt8] = []
    private var pendingStart = 0

    /// - Parameter excluding: chain keys never used (the test sets' `chainKey`s).
    /// Throws when some step count of the corpus has no chain left outside `excluding`.
    public init(config: CorpusConfig = .standard, seed: UInt64, excluding: Set<String> = []) throws {
        self.config = config
        let domains = Domain.allCases.filter { (config.domainWeights[$0] ?? 0) > 0 }
        generators = domains.map { ChainGenerator(domain: $0, split: .train, seed: seed, excluding: excluding, anyBackground: true) }
        for g in generators {
            try GeneratorLimits.checkChains(g.rules, domain: g.domain, asked: Dictionary(uniqueKeysWithValues: config.steps.map { ($0, 1) }),
                                            excluding: excluding)
        }
        domainWeights = domains.map { config.domainWeights[$0]! }
        styles = SolutionStyle.allCases
        styleWeights = styles.map { config.styleShares[$0] ?? 0 }
        rng = SplitMix64(seed: seed).derived(TaskStream.pretrainingCorpus)
    }

    /// The next document with its metadata.
    public mutating func nextDocument() throws -> CorpusDocument {
        let d = rng.weightedIndex(domainWeights)
        let problem = try generators[d].next(steps: rng.int(in: config.steps))
        let style = styles[rng.weightedIndex(styleWeights)]
        var solution = problem.reference
        var errorStep: Int? = nil
        if rng.chance(config.errorShare), let e = problem.withCalculationError(offsets: config.errorOffsets, using: &rng) {
            solution = e.solution
            errorStep = e.step
        }
        let question = problem.question, written = solution.text(style)
        return CorpusDocument(text: ChainFormat.document(question: question, answer: written), problem: problem,
                              solution: written, style: style, errorStep: errorStep)
    }

    /// The next document's text (the stream ends only if the generator gives up, which the check in `init` rules out).
    public mutating func next() -> String? { try? nextDocument().text }

    /// The next `count` characters of the packed stream: documents back to back, each followed by a blank line
    /// (a document ends in a newline; one more separates it from the next). Consecutive calls continue the
    /// stream where the last one stopped, so windows may start and end inside a document.
    public mutating func take(characters count: Int) throws -> String { String(decoding: try take(bytes: count), as: UTF8.self) }

    /// `take(characters:)` as ASCII bytes (all corpus characters are ASCII).
    public mutating func take(bytes count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            if pendingStart == pending.count {
                pending = Array((try nextDocument().text + "\n").utf8)
                pendingStart = 0
            }
            let n = Swift.min(count - out.count, pending.count - pendingStart)
            out += pending[pendingStart..<pendingStart + n]
            pendingStart += n
        }
        return out
    }
}
