import DataFiles
import Grading

/// How a synthetic question is made from a seed question (the paper's GPT-4 Turbo prompts).
public enum SynthesisMethod: String, CaseIterable, Sendable, Hashable {
    /// New numbers, same operations, template and background.
    case numbers
    /// New names and objects, same math and wording.
    case background
    /// One more step appended (up to `SynthesisConfig.maxSteps`).
    case constraint
    /// New numbers and a new background.
    case numbersBackground = "numbers+background"
    /// New wording (template and phrasings), same math and background.
    case rephrase
}

/// How synthetic solutions are checked before they are kept.
public enum Verification: String, CaseIterable, Sendable, Hashable {
    case none
    /// Solve twice independently; keep the first solution when both final answers agree.
    case solveTwice = "solve-twice"
    /// Keep the solution when every annotation's arithmetic is exactly right (catches calculation errors only).
    case checkAnnotations = "check-annotations"
}

public struct SynthesisConfig: Sendable, Hashable {
    /// Methods drawn uniformly per question (one method, or several for a mix).
    public var methods: [SynthesisMethod]
    public var teacher: Teacher
    public var verification: Verification
    /// `constraint` does not grow a question beyond this many steps (it picks another seed instead).
    public var maxSteps: Int

    /// Throws when `methods` is empty or `maxSteps` is outside 1-8.
    public init(methods: [SynthesisMethod] = SynthesisMethod.allCases, teacher: Teacher = .perfect,
                verification: Verification = .none, maxSteps: Int = 4) throws {
        guard !methods.isEmpty else { throw ToolError("synthesis needs at least one method") }
        guard (1...8).contains(maxSteps) else { throw ToolError("synthesis: maxSteps must be 1 to 8, not \(maxSteps)") }
        self.methods = methods
        self.teacher = teacher
        self.verification = verification
        self.maxSteps = maxSteps
    }
}

/// A synthetic question with the teacher's solution.
public struct SyntheticProblem: Hashable, Sendable {
    public var problem: ChainProblem
    public var method: SynthesisMethod
    public var teacher: TeacherSolution

    /// The record: the teacher's (possibly wrong) solution, `method` naming the synthesis method, and the exact
    /// reference `step_values` of the new question.
    public func record(id: String) -> TaskRecord {
        problem.record(id: id, method: method.rawValue, solution: teacher.solution)
    }
}

/// What a synthesis run made and rejected.
public struct SynthesisReport: Sendable {
    public var problems: [SyntheticProblem]
    /// Candidate questions drawn (kept + rejected).
    public var attempts: Int
    /// Candidates rejected because they were not new (same text as a seed or an earlier synthetic question, or a
    /// test chain) or could not be made (no valid new numbers; `constraint` at the step limit).
    public var rejectedAsNotNew: Int
    /// New questions whose solution failed verification.
    public var rejectedByVerification: Int

    /// Share of verified questions that verification rejected.
    public var verificationRejectionRate: Double {
        let verified = problems.count + rejectedByVerification
        return verified == 0 ? 0 : Double(rejectedByVerification) / Double(verified)
    }

    /// Records with ids `<prefix>-<index>`.
    public func records(idPrefix: String) -> [TaskRecord] {
        problems.enumerated().map { $0.element.record(id: "\(idPrefix)-\($0.offset)") }
    }
}

/// Makes new training questions from seed questions (a pool) and solves them with an imperfect teacher,
/// deterministically from a seed; like the paper's GPT-4 Turbo pipeline, but procedural.
public struct Synthesizer: Sendable {
    public let seeds: [ChainProblem]
    public let config: SynthesisConfig
    private var generator: ChainGenerator
    private var rng: SplitMix64
    private var seen: Set<String>

    /// - Parameters:
    ///   - seeds: the seed questions (all of one domain), typically the real pool.
    ///   - excluding: chain keys never produced (the test set's), as for the pool.
    /// Throws when there are no seeds, seeds of several domains, or when `constraint` is the only method and every
    /// seed already has `config.maxSteps` steps (no question could ever be made).
    public init(seeds: [ChainProblem], config: SynthesisConfig, seed: UInt64, excluding: Set<String> = []) throws {
        guard !seeds.isEmpty else { throw ToolError("the synthesizer needs seed questions") }
        guard Set(seeds.map(\.domain)).count == 1 else { throw ToolError("the synthesizer's seed questions must be of one domain") }
        if config.methods.allSatisfy({ $0 == .constraint }), !seeds.contains(where: { $0.steps < config.maxSteps }) {
            throw ToolError("method 'constraint' adds a step, but every seed question already has the maximum of \(config.maxSteps) steps")
        }
        self.seeds = seeds
        self.config = config
        generator = ChainGenerator(domain: seeds[0].domain, split: .train, seed: seed, excluding: excluding)
        rng = SplitMix64(seed: seed).derived(TaskStream.synthesis)
        seen = Set(seeds.map(\.question))
    }

    /// Synthesizes until `count` questions are kept; throws when `GeneratorLimits.maxFailedDraws` candidates in a
    /// row are rejected (the seeds and methods cannot make that many new questions).
    public mutating func synthesize(count: Int) throws -> SynthesisReport {
        var report = SynthesisReport(problems: [], attempts: 0, rejectedAsNotNew: 0, rejectedByVerification: 0)
        var failedInARow = 0
        while report.problems.count < count {
            if failedInARow >= GeneratorLimits.maxFailedDraws {
                throw GeneratorLimits.gaveUp("synthetic questions (methods \(config.methods.map(\.rawValue).joined(separator: ",")), "
                                             + "\(grouped(seeds.count)) seeds)", made: report.problems.count, asked: count)
            }
            report.attempts += 1
            failedInARow += 1
            let method = rng.pick(config.methods)
            guard let p = transform(rng.pick(seeds), by: method), generator.accepts(p), !seen.contains(p.question) else {
                report.rejectedAsNotNew += 1
                continue
            }
            seen.insert(p.question)
            let solution = config.teacher.solve(p, using: &rng)
            guard verify(p, solution) else {
                report.rejectedByVerification += 1
                continue
            }
            failedInARow = 0
            report.problems.append(SyntheticProblem(problem: p, method: method, teacher: solution))
        }
        return report
    }

    /// A new question from `seed` by `method`, or nil when the method cannot apply.
    public mutating func transform(_ seed: ChainProblem, by method: SynthesisMethod) -> ChainProblem? {
        var p = seed
        switch method {
        case .numbers, .numbersBackground:
            guard let chain = generator.chain(kinds: seed.operations.map(\.kind)) else { return nil }
            p.start = chain.start
            p.operations = chain.operations
            if method == .numbersBackground { p.background = generator.randomBackground(other: seed.background) }
            return p.chainKey == seed.chainKey ? nil : p
        case .background:
            p.background = generator.randomBackground(other: seed.background)
        case .constraint:
            guard seed.steps < config.maxSteps else { return nil }
            p.operations.append(generator.rules.randomOperation(on: seed.answerValue, using: &rng))
            p.phrasings.append(rng.index(2))
        case .rephrase:
            p.template = generator.randomTemplate(other: seed.template)
            p.phrasings = generator.randomPhrasings(seed.steps)
        }
        return p
    }

    private mutating func verify(_ p: ChainProblem, _ solution: TeacherSolution) -> Bool {
        switch config.verification {
        case .none: return true
        case .solveTwice: return config.teacher.solve(p, using: &rng).solution.final == solution.solution.final
        case .checkAnnotations: return StepChecker.allCorrect(solution.solution.text(.target))
        }
    }
}
