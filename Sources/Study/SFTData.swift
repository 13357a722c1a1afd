import DataFiles
import MathTasks

/// The fine-tuning examples of one run, drawn from the study's fixed data with the run's seed. The same seed gives
/// nested sets across sizes (the 256 examples of a run are the first 256 of the 1024-example run), which makes
/// the size comparisons paired rather than independent draws.
public enum SFTData {
    /// Weight of a problem in `long` resampling: steps^1 (a 4-step problem is drawn 4x as often as a 1-step one).
    static let longExponent = 1.0

    static func examples(_ run: RunSpec, data: StudyData) throws -> [TaskRecord] {
        let domains = run.domain.domains
        var out: [TaskRecord] = []
        for (i, domain) in domains.enumerated() {
            // A mix splits the size evenly (the first domain takes the odd example).
            let count = run.size / domains.count + (i < run.size % domains.count ? 1 : 0)
            out += try draw(run, domain: domain, count: count, data: data)
        }
        if run.contaminate > 0 {
            // The E9 control: test questions with their reference solutions replace the first examples.
            let test = ProblemSets.records(try data.testSet(run.domain.primary), kind: "test")
            out.replaceSubrange(0..<run.contaminate, with: test.prefix(run.contaminate))
        }
        return out
    }

    /// What a run draws at random; each purpose (and domain) has its own stream of the run's seed, so that, say, the
    /// synthetic data does not shift when the batch order changes. The numbers are part of every committed run's
    /// data and never change.
    enum Stream: UInt64 {
        /// Which pool problems a real-data run fine-tunes on.
        case realExamples = 1
        /// The synthesizer's seed.
        case synthesis = 2
        /// Long resampling of the synthetic candidates.
        case longResampling = 3
        /// The order of the SFT batches (always drawn with domain gsm, whatever the run's domain).
        case batchOrder = 4
        /// The sampled completions on an evaluation domain.
        case evaluationSampling = 5
    }

    /// Streams per purpose: the label of a purpose and domain is `purpose * 16 + the domain's index`.
    static let streamsPerPurpose: UInt64 = 16

    static func seed(_ run: RunSpec, _ domain: Domain, _ purpose: Stream) -> UInt64 {
        let label = purpose.rawValue &* streamsPerPurpose &+ UInt64(Domain.allCases.firstIndex(of: domain)!)
        var g = SplitMix64(seed: UInt64(run.seed)).derived(label)
        return g.next()
    }

    private static func draw(_ run: RunSpec, domain: Domain, count: Int, data: StudyData) throws -> [TaskRecord] {
        guard count > 0 else { return [] }
        let exponent = run.resample == .long ? longExponent : 0
        let pool = try data.pool(domain)
        if run.dataKind == .real {
            let records = ProblemSets.records(pool, kind: "pool")
            return try Resampling.sample(records, count: count, exponent: exponent, seed: seed(run, domain, .realExamples))
        }
        let teacher = Teacher(calculationErrorRate: run.data.teacherCalculationErrorRate,
                              reasoningErrorRate: run.data.teacherReasoningErrorRate)
        let config = try SynthesisConfig(methods: run.method.synthesisMethods, teacher: teacher, verification: run.verified ? .solveTwice : .none,
                                     maxSteps: StudyData.steps.upperBound)
        var synthesizer = try Synthesizer(seeds: pool, config: config, seed: seed(run, domain, .synthesis),
                                      excluding: Set(try data.testSet(domain).map(\.chainKey)))
        // Long resampling draws from twice as many candidates as needed.
        let candidates = try synthesizer.synthesize(count: exponent > 0 ? 2 * count : count).records(idPrefix: "\(domain.rawValue)-synthetic")
        return exponent > 0 ? try Resampling.sample(candidates, count: count, exponent: exponent, seed: seed(run, domain, .longResampling)) : candidates
    }
}

extension SFTData {
    /// Draws, before anything runs, the largest synthetic set of every synthetic arm (per domain, method,
    /// verification, resampling, teacher and SFT seed: the sets of one seed are nested across sizes, so the largest
    /// stands for all). A size the synthesizer cannot reach then fails in seconds, naming the run, instead of after
    /// its base has been pretrained. About a second per 8,000 synthetic examples; finished runs are not re-drawn.
    public static func checkSyntheticSizes(study: StudyDirectory, runs: [RunSpec]) throws {
        let data = StudyData(study: study)
        var largest: [String: RunSpec] = [:]
        for run in runs where run.dataKind == .synthetic {
            if case .done = study.state(of: run.hash) { continue }   // a resumed study re-draws only what is left
            let key = [run.method.rawValue, run.domain.rawValue, "\(run.verified)", run.resample.rawValue, "\(run.seed)",
                       "\(run.data.teacherCalculationErrorRate)", "\(run.data.teacherReasoningErrorRate)"].joined(separator: "|")
            if let other = largest[key], other.size >= run.size { continue }
            largest[key] = run
        }
        for run in largest.values.sorted(by: { $0.label < $1.label }) {
            do { _ = try examples(run, data: data) } catch {
                throw ToolError("\(run.label): its synthetic data cannot be made (checked before any run): \(error)")
            }
        }
    }
}
