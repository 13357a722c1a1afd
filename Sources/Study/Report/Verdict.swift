extension Report {
    /// One claim of the paper checked against the study.
    struct Finding {
        var experiment: String
        var claim: String
        var paper: String
        /// The measured effect with its interval (`Measured.effect`), "-" when not measured.
        var effect: String
        var verdict: Verdict
        /// Pretraining seeds x SFT seeds and questions behind the effect (`Measured.basis`).
        var basis: String
    }

    /// The verdict rules, fixed before the run: the effect's 95% interval on the paper's side of zero is "yes",
    /// on the other side "no", else "inconclusive"; an "about equal" claim is "yes" with the interval inside
    /// ±margin and "no" with it wholly outside. A comparison resting on one seed (`Measured.singleSeed`) is never
    /// yes or no: its interval covers the test questions, not the seeds, which move results by more (issue 15).
    enum Verdict: String {
        case yes, no, inconclusive
        case singleSeed = "single-seed result"
        case notMeasured = "not measured"

        /// A claim that `effect` is positive (negative when `positive` is false).
        static func direction(_ effect: Measured?, positive: Bool = true) -> Verdict {
            guard let e = effect else { return .notMeasured }
            if e.singleSeed { return .singleSeed }
            let (lo, hi) = positive ? (e.low, e.high) : (-e.high, -e.low)
            return lo > 0 ? .yes : hi < 0 ? .no : .inconclusive
        }

        /// A claim that `effect` is negligible: its interval inside ±margin (yes), or wholly outside it (no).
        static func equivalent(_ effect: Measured?, margin: Double) -> Verdict {
            guard let e = effect else { return .notMeasured }
            if e.singleSeed { return .singleSeed }
            if e.low > -margin && e.high < margin { return .yes }
            return e.low > margin || e.high < -margin ? .no : .inconclusive
        }

        /// The margin of "about equal" claims (synthetic vs real data, verified vs unverified, Delta1 near zero).
        static let equivalenceMargin = 0.05
    }
}
