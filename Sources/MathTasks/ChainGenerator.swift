import DataFiles

/// Draws random chain problems of one domain and split, deterministically from a seed.
///
/// Training generators take the chain keys of the test set in `excluding`, so no training problem has the same
/// start value and operations as a test problem. Every problem's document fits `ChainFormat.maxCharacters(steps:)`.
public struct ChainGenerator: Sendable {
    public let domain: Domain
    public let split: Split
    public let rules: ChainRules
    /// Chain keys (`ChainProblem.chainKey`) this generator never produces.
    public var excluding: Set<String>
    /// Draw backgrounds from both splits (the pretraining corpus) instead of this split's own.
    public let anyBackground: Bool
    var rng: SplitMix64
    let language: ChainLanguage
    let backgrounds: BackgroundLists

    public init(domain: Domain, split: Split, seed: UInt64, excluding: Set<String> = [], anyBackground: Bool = false) {
        self.domain = domain
        self.split = split
        self.excluding = excluding
        self.anyBackground = anyBackground
        rules = ChainRules.of(domain)
        language = ChainLanguage.of(domain)
        backgrounds = BackgroundLists.of(domain)
        rng = TaskStream.problems(seed: seed, "chain", domain, split)
    }

    /// The templates of this generator's split.
    public var templates: [ChainTemplate] { language.templates(split) }

    /// A new problem with `steps` operations (1 to 8); throws when `steps` is outside that range or when
    /// `GeneratorLimits.maxFailedDraws` draws in a row are rejected (every chain excluded, or no document fits).
    public mutating func next(steps: Int) throws -> ChainProblem {
        guard (1...8).contains(steps) else { throw ToolError("chain problems have 1 to 8 steps, not \(steps)") }
        for _ in 0..<GeneratorLimits.maxFailedDraws {
            let start = rng.int(in: rules.start)
            var v = start
            var ops: [ChainOperation] = []
            for _ in 0..<steps {
                let op = rules.randomOperation(on: v, using: &rng)
                ops.append(op)
                v = op.apply(to: v)!
            }
            let p = ChainProblem(domain: domain, template: rng.pick(templates), background: backgrounds.random(anyBackground ? nil : split, using: &rng),
                                 start: start, operations: ops, phrasings: randomPhrasings(ops.count))
            if accepts(p) { return p }
        }
        throw ToolError("gave up after \(grouped(GeneratorLimits.maxFailedDraws)) draws: no allowed \(steps)-step \(domain.rawValue) "
                        + "chain (all \(grouped(rules.chainCount(steps: steps))) excluded or too long)")
    }

    /// A problem with the same kinds of operations as `kinds` (in order) but new numbers, or nil when no such
    /// chain was found in a few tries (for the synthesizer's `numbers` method).
    public mutating func chain(kinds: [ChainOperation.Kind]) -> (start: Int, operations: [ChainOperation])? {
        for _ in 0..<50 {
            var v = rng.int(in: rules.start)
            let start = v
            var ops: [ChainOperation] = []
            for kind in kinds {
                guard let op = rules.randomOperation(kind, on: v, using: &rng) else { break }
                ops.append(op)
                v = op.apply(to: v)!
            }
            if ops.count == kinds.count { return (start, ops) }
        }
        return nil
    }

    /// True when the problem is allowed: its chain is not excluded and its document fits.
    public func accepts(_ p: ChainProblem) -> Bool {
        !excluding.contains(p.chainKey) && p.document.count <= ChainFormat.maxCharacters(steps: p.steps)
    }

    /// Random phrasing indices for `count` steps.
    mutating func randomPhrasings(_ count: Int) -> [Int] { (0..<count).map { _ in rng.index(2) } }

    /// A random background of the split other than `other` (`other` itself when the split has no other).
    mutating func randomBackground(other: Background) -> Background {
        for _ in 0..<GeneratorLimits.maxFailedDraws {
            let b = backgrounds.random(split, using: &rng)
            if b != other { return b }
        }
        return other
    }

    /// A random template of the split other than `other`.
    mutating func randomTemplate(other: ChainTemplate) -> ChainTemplate {
        let options = templates.filter { $0 != other }
        return options.isEmpty ? other : rng.pick(options)
    }
}
