import DataFiles
import Fits
import Foundation
import MathTasks

/// The percentile bootstrap of the metrics and of the study report: intervals of statistics built from runs that
/// share one test set, resampled the way the study was designed (docs/statistics.md).
///
/// A statistic is a weighted sum of cells, `sum(weight * cell)`; a cell is the runs of one configuration (say d64L2,
/// real data, 256 examples) over its pretraining seeds and SFT seeds, and its value is the mean over pretraining
/// seeds of the mean over that base's SFT seeds of each run's value. A run's value is a ratio of per-question sums
/// (`sum numerator / sum denominator`; a plain mean has denominator 1), or an estimate with a standard error when
/// there is no per-question data (a fitted Acc_step, an LM-loss mean).
///
/// Every resample, shared by all statistics and all cells so that differences are paired:
/// 1. pretraining seeds: a cell with P >= 2 of them draws P - 1 with replacement and keeps each drawn base's SFT
///    runs whole (the spread between bases already contains the SFT-seed noise; drawing P - 1 of P makes the
///    bootstrap variance of a mean of P values exactly s^2 / P, the unbiased one, instead of (P - 1) s^2 / P^2);
/// 2. SFT seeds: a cell with one base and S >= 2 SFT seeds draws S - 1 of them the same way;
/// 3. questions: one draw of the test questions with replacement, the same questions for every run (the test set
///    is shared, so arms are compared on the same questions: a paired interval); estimates get value + se * z.
/// Draws are positional (the k-th pretraining seed of one cell is paired with the k-th of another), which pairs the
/// same base in comparisons of arms on one model and is a harmless pairing of independent bases elsewhere.
/// A cell's seed-level deviation is stretched by t(0.975, df) / z(0.975), df from the spread of its few seeds
/// against their question noise (`seedStretches`): a percentile interval from 2-6 seeds is otherwise too narrow.
/// With one seed at both levels this is the plain bootstrap over questions that `MetricsSummary` uses per run.
public struct Bootstrap: Sendable {
    /// The lowest level of one run's data.
    public enum Observations: Sendable {
        /// Per-question numerator and denominator, in test-set order (the same order for every run).
        case questions(numerator: [Double], denominator: [Double])
        /// A value and its standard error, resampled as value + se * z with z standard normal.
        case estimate(value: Double, se: Double)
    }

    /// One run: its seeds and its data.
    public struct Run: Sendable {
        public var pretrainSeed: Int
        public var sftSeed: Int
        public var observations: Observations
        /// Which of a resample's normals this run takes (set by `add`: each estimate of a statistic its own).
        var slot = 0

        public init(pretrainSeed: Int, sftSeed: Int, _ observations: Observations) {
            self.pretrainSeed = pretrainSeed
            self.sftSeed = sftSeed
            self.observations = observations
        }
    }

    /// `weight` times the value of a cell of runs.
    public struct Term: Sendable {
        public var weight: Double
        public var runs: [Run]

        public init(_ weight: Double, _ runs: [Run]) {
            self.weight = weight
            self.runs = runs
        }
    }

    /// A statistic's estimate with what it rests on: the fewest pretraining seeds and SFT seeds (per base) of
    /// any of its cells, and the fewest test questions of any of its runs (0 when none has per-question data).
    public struct Result: Sendable {
        public var estimate: IntervalEstimate
        public var pretrainSeeds: Int
        /// The most pretraining seeds of any cell (a design whose cells differ, e.g. a fourth base at some sizes).
        public var mostPretrainSeeds: Int
        public var sftSeeds: Int
        public var questions: Int
        /// Resamples whose statistic was defined (a ratio with a zero denominator is not).
        public var resamples: Int
    }

    /// A cell: its runs grouped by pretraining seed (ascending), each base's runs by SFT seed (ascending).
    struct Cell: Sendable {
        var weight: Double
        var bases: [[Run]]
    }

    var statistics: [[Cell]] = []

    /// Mixed into the seed for the pilot resamples that measure the seed stretches, so they do not reuse the
    /// main resamples' draws.
    static let seedStretchStream: UInt64 = 0x5EED_5EED_5EED_5EED

    public init() {}

    /// Adds a statistic; returns its index. A statistic without runs is never defined.
    @discardableResult
    public mutating func add(_ terms: [Term]) -> Int {
        var slots = 0
        statistics.append(terms.map { term in
            var runs = term.runs
            for i in runs.indices where runs[i].questionCount == 0 {
                runs[i].slot = slots
                slots += 1
            }
            let bySeed = Dictionary(grouping: runs, by: \.pretrainSeed)
            return Cell(weight: term.weight, bases: bySeed.keys.sorted().map { bySeed[$0]!.sorted { $0.sftSeed < $1.sftSeed } })
        })
        return statistics.count - 1
    }

    /// Adds the statistic `sum(numerator) / sum(denominator)` of one run; returns its index.
    @discardableResult
    mutating func add(numerator: [Double], denominator: [Double]) -> Int {
        add([Term(1, [Run(pretrainSeed: 0, sftSeed: 0, .questions(numerator: numerator, denominator: denominator))])])
    }

    /// The estimates of every statistic, nil where it is undefined on the full data.
    public func run(resamples: Int, seed: UInt64) -> [IntervalEstimate?] {
        results(resamples: resamples, seed: seed).map { $0?.estimate }
    }

    /// The estimates of every statistic with their seed and question counts.
    public func results(resamples: Int, seed: UInt64) -> [Result?] {
        let draws = self.draws(resamples: resamples, seed: seed)
        return statistics.enumerated().map { s, statistic in
            guard let value = Bootstrap.value(statistic, nil) else { return nil }
            let sorted = draws[s].sorted()
            let estimate = sorted.isEmpty ? IntervalEstimate(value: value, lower: value, upper: value)
                : IntervalEstimate(value: value, lower: percentile(sorted, 0.025), upper: percentile(sorted, 0.975))
            let counts = statistic.map { cell in (cell.bases.count, cell.bases.map(\.count).min() ?? 0) }
            let questions = statistic.flatMap { $0.bases.flatMap { $0 } }.map(\.questionCount).filter { $0 > 0 }.min() ?? 0
            return Result(estimate: estimate, pretrainSeeds: counts.map(\.0).min() ?? 0,
                          mostPretrainSeeds: counts.map(\.0).max() ?? 0, sftSeeds: counts.map(\.1).min() ?? 0,
                          questions: questions, resamples: sorted.count)
        }
    }

    /// Each statistic on every resample where it is defined.
    func draws(resamples: Int, seed: UInt64) -> [[Double]] {
        var draws = [[Double]](repeating: [], count: statistics.count)
        resample(resamples: resamples, seed: seed) { values in
            for (s, v) in values.enumerated() { if let v { draws[s].append(v) } }
        }
        return draws
    }

    /// Every statistic on each resample where all are defined, paired: row r holds each statistic's value on
    /// resample r (for a statistic of several, such as a curve fitted through one cell per x: `ResampledFit`).
    public func jointDraws(resamples: Int, seed: UInt64) -> [[Double]] {
        var rows: [[Double]] = []
        resample(resamples: resamples, seed: seed) { values in
            let defined = values.compactMap { $0 }
            if defined.count == values.count { rows.append(defined) }
        }
        return rows
    }

    /// Calls `body` with every statistic's value (nil where undefined) on each of `resamples` resamples.
    private func resample(resamples: Int, seed: UInt64, _ body: ([Double?]) -> Void) {
        let cells = statistics.flatMap { $0 }
        let runs = cells.flatMap { $0.bases.flatMap { $0 } }
        let maxBases = cells.map(\.bases.count).max() ?? 0
        let maxSFT = cells.filter { $0.bases.count == 1 }.map { $0.bases[0].count }.max() ?? 0
        let maxQuestions = runs.map(\.questionCount).max() ?? 0
        // One normal per run without questions in a statistic (the largest statistic's count).
        let parametric = statistics.map { $0.flatMap { $0.bases.flatMap { $0 } }.filter { $0.questionCount == 0 }.count }.max() ?? 0

        func questionsAndNormals(_ rng: inout SplitMix64) -> ([Int], [Double]) {
            let questions = (0..<maxQuestions).map { _ in rng.index(maxQuestions) }
            // Box-Muller standard normals for the runs without per-question data (1 - unit() is in (0, 1]).
            let normals = (0..<parametric).map { _ in (-2 * log(1 - rng.unit())).squareRoot() * cos(2 * Double.pi * rng.unit()) }
            return (questions, normals)
        }
        let stretches = maxBases >= 2 || maxSFT >= 2
            ? seedStretches(resamples: max(100, resamples / 4), seed: seed ^ Bootstrap.seedStretchStream, maxQuestions: maxQuestions, questionsAndNormals)
            : statistics.map { $0.map { _ in 1.0 } }

        var rng = SplitMix64(seed: seed)
        for _ in 0..<resamples {
            let baseDraws = maxBases >= 2 ? (0..<(maxBases - 1)).map { _ in rng.unit() } : []
            let sftDraws = maxSFT >= 2 ? (0..<(maxSFT - 1)).map { _ in rng.unit() } : []
            let (questionDraws, normals) = questionsAndNormals(&rng)
            let draw = Draw(bases: baseDraws, sft: sftDraws, questions: questionDraws, maxQuestions: maxQuestions, normals: normals)
            body(statistics.indices.map { Bootstrap.value(statistics[$0], draw, stretches: stretches[$0]) })
        }
    }

    /// For each cell of each statistic, the stretch of its seed-level deviations: t(0.975, df) / z(0.975), with df
    /// the Welch-Satterthwaite degrees of freedom of the spread between its K seeds. That spread is the seeds' own
    /// variance (estimated on K - 1 df) plus each run's question noise (known well from the questions: estimated
    /// here by resampling the questions alone). Seeds that differ by no more than their question noise get a
    /// stretch near 1; seeds that differ far more get the full t(K - 1) / z (12.7 / 1.96 for 2 seeds), since a
    /// percentile interval from 2-6 seeds otherwise ignores that their spread is itself uncertain (with 3 seeds
    /// and 800 questions it covered 83% of true effects instead of 95%).
    func seedStretches(resamples: Int, seed: UInt64, maxQuestions: Int,
                       _ questionsAndNormals: (inout SplitMix64) -> ([Int], [Double])) -> [[Double]] {
        var rng = SplitMix64(seed: seed)
        // Per cell: sums of d_u and d_u^2 over resamples, d_u = unit u's value minus the cell's mean of units.
        var sums = statistics.map { $0.map { [Double](repeating: 0, count: Bootstrap.units($0).count) } }
        var squares = sums
        var counts = statistics.map { $0.map { _ in 0 } }
        for _ in 0..<resamples {
            let (questions, normals) = questionsAndNormals(&rng)
            let draw = Draw(bases: [], sft: [], questions: questions, maxQuestions: maxQuestions, normals: normals)
            for (s, statistic) in statistics.enumerated() {
                for (c, cell) in statistic.enumerated() where sums[s][c].count >= 2 {
                    guard let values = Bootstrap.unitValues(cell, draw) else { continue }
                    let mean = values.reduce(0, +) / Double(values.count)
                    for (u, v) in values.enumerated() {
                        sums[s][c][u] += v - mean
                        squares[s][c][u] += (v - mean) * (v - mean)
                    }
                    counts[s][c] += 1
                }
            }
        }
        return statistics.enumerated().map { s, statistic in
            statistic.enumerated().map { c, cell in
                let k = Double(sums[s][c].count), n = Double(counts[s][c])
                guard k >= 2, let values = Bootstrap.unitValues(cell, nil) else { return 1 }
                let mean = values.reduce(0, +) / k
                let spread = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (k - 1)
                // Question noise of one unit: Var(v_u - mean) = noise (1 - 1/K) for independent units.
                let noise = n >= 2 ? zip(sums[s][c], squares[s][c]).map { sum, square in (square - sum * sum / n) / (n - 1) }
                    .reduce(0, +) / k * k / (k - 1) : 0
                let seedPart = max(0, spread - noise)
                guard seedPart > 0 else { return 1 }
                let df = (k - 1) * (spread / seedPart) * (spread / seedPart)
                return Bootstrap.tQuantileRatio(degreesOfFreedom: df)
            }
        }
    }

    /// One resample's draws (uniforms for the seed levels, question indices among `maxQuestions`).
    struct Draw {
        var bases: [Double]
        var sft: [Double]
        var questions: [Int]
        var maxQuestions: Int
        /// Standard normals, one per estimate (run without questions) of a statistic.
        var normals: [Double]
    }

    /// A statistic on one resample, or on the full data when `draw` is nil; nil when a ratio's denominator is 0.
    static func value(_ statistic: [Cell], _ draw: Draw?, stretches: [Double]? = nil) -> Double? {
        var total = 0.0
        for (c, cell) in statistic.enumerated() {
            guard let values = unitValues(cell, draw) else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            guard let draw, values.count >= 2 else {
                total += cell.weight * mean
                continue
            }
            let uniforms = cell.bases.count >= 2 ? draw.bases : draw.sft
            let drawn = uniforms.prefix(values.count - 1).map { values[Int($0 * Double(values.count))] }
            let deviation = drawn.reduce(0, +) / Double(drawn.count) - mean
            total += cell.weight * (mean + (stretches?[c] ?? 1) * deviation)
        }
        return total
    }

    /// The replicated level of a cell: its bases, or with one base its SFT runs (one unit: nothing to resample).
    static func units(_ cell: Cell) -> [[Run]] {
        guard !cell.bases.isEmpty else { return [] }
        return cell.bases.count >= 2 ? cell.bases : cell.bases[0].map { [$0] }
    }

    /// Each unit's value (the mean of its runs) on the draw's questions; nil when a run's value is undefined.
    static func unitValues(_ cell: Cell, _ draw: Draw?) -> [Double]? {
        let units = units(cell)
        guard !units.isEmpty else { return nil }
        var values: [Double] = []
        for unit in units {
            var sum = 0.0
            for run in unit {
                guard let v = run.value(draw) else { return nil }
                sum += v
            }
            values.append(sum / Double(unit.count))
        }
        return values
    }

    /// t(0.975, df) / z(0.975) (Fits' Student t, any real df > 0; df above 1e6 is the normal).
    static func tQuantileRatio(degreesOfFreedom df: Double) -> Double {
        guard df.isFinite, df < 1e6 else { return 1 }
        return StudentT(degreesOfFreedom: max(df, 1e-3)).critical(level: 0.95) / 1.959963984540054
    }
}

extension Bootstrap.Run {
    var questionCount: Int {
        if case .questions(let numerator, _) = observations { return numerator.count }
        return 0
    }

    /// The run's value on the resampled questions (all questions when `draw` is nil).
    func value(_ draw: Bootstrap.Draw?) -> Double? {
        switch observations {
        case .estimate(let value, let se):
            guard let draw else { return value }
            return value + se * draw.normals[slot]
        case .questions(let numerator, let denominator):
            var num = 0.0, den = 0.0
            if let draw {
                // A run with fewer questions than the largest maps the shared draw onto its own (other domain).
                let n = numerator.count
                for q in draw.questions.prefix(n) {
                    let i = n == draw.maxQuestions ? q : q * n / draw.maxQuestions
                    num += numerator[i]
                    den += denominator[i]
                }
            } else {
                for i in numerator.indices {
                    num += numerator[i]
                    den += denominator[i]
                }
            }
            return den > 0 ? num / den : nil
        }
    }
}
