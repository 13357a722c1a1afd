import DataFiles

/// Regenerated questions for the contamination check (E9): the same math in new wording and a new background,
/// made the way the synthesizer's `rephrase` and `background` methods make them.
public enum Regenerator {
    /// `problem` with a different template, new phrasings and a different background drawn from `split`'s
    /// templates and backgrounds (the synthesizer's `train` by default), same start and operations. Redrawn
    /// until the document fits `ChainFormat.maxCharacters(steps:)` (the shortest of 100 draws otherwise).
    public static func regenerate(_ problem: ChainProblem, split: Split = .train, seed: UInt64) -> ChainProblem {
        var gen = ChainGenerator(domain: problem.domain, split: split, seed: seed)
        var best: ChainProblem? = nil
        for _ in 0..<100 {
            var p = problem
            p.template = gen.randomTemplate(other: problem.template)
            p.background = gen.randomBackground(other: problem.background)
            p.phrasings = gen.randomPhrasings(problem.steps)
            if p.document.count <= ChainFormat.maxCharacters(steps: p.steps) { return p }
            if best == nil || p.document.count < best!.document.count { best = p }
        }
        return best!
    }

    /// Every problem regenerated, each with its own stream of `seed`.
    public static func regenerate(_ problems: [ChainProblem], split: Split = .train, seed: UInt64) -> [ChainProblem] {
        let base = SplitMix64(seed: seed)
        return problems.enumerated().map { i, p in
            var stream = base.derived(TaskStream.regeneration(i))
            return regenerate(p, split: split, seed: stream.next())
        }
    }
}
