/// The columns of a study's metrics.csv, in file order: the one definition that `Study` writes and `Figures`
/// reads (tidy data: one row per run x experiment x metric x evaluation domain).
public enum MetricsColumn: String, CaseIterable, Sendable {
    case study, experiment, run
    case modelSize = "model_size"
    case params
    case pretrainTokens = "pretrain_tokens"
    /// `real`, `synthetic`, `none` (the base model) or `contaminated` (the E9 control).
    case dataKind = "data_kind"
    case method, domain
    case evalDomain = "eval_domain"
    case verified, resample
    case dataSize = "data_size"
    /// The SFT seed.
    case seed
    case metric, value
    case ciLow = "ci_low"
    case ciHigh = "ci_high"
    /// Questions the value is computed over.
    case n
    case pretrainSeed = "pretrain_seed"

    /// The header line's names, in order.
    public static var header: [String] { allCases.map(\.rawValue) }
}
