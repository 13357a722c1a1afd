/// One row of metrics.csv as typed values; `fields` lays it out in `MetricsColumn` order with the results files'
/// number format. The writer (`Study`) fills it, so a column cannot be added on one side only.
public struct MetricsRow: Sendable, Equatable {
    public var study: String
    public var experiment: String
    public var run: String
    public var modelSize: String
    public var params: Int?
    public var pretrainTokens: Int
    public var dataKind: String
    public var method: String
    public var domain: String
    public var evalDomain: String
    public var verified: Bool
    public var resample: String
    public var dataSize: Int
    public var seed: Int
    public var metric: MetricName
    public var value: Double
    public var ciLow: Double?
    public var ciHigh: Double?
    public var n: Int
    public var pretrainSeed: Int

    public init(study: String, experiment: String, run: String, modelSize: String, params: Int?, pretrainTokens: Int,
                dataKind: String, method: String, domain: String, evalDomain: String, verified: Bool, resample: String,
                dataSize: Int, seed: Int, metric: MetricName, value: Double, ciLow: Double?, ciHigh: Double?, n: Int, pretrainSeed: Int) {
        self.study = study
        self.experiment = experiment
        self.run = run
        self.modelSize = modelSize
        self.params = params
        self.pretrainTokens = pretrainTokens
        self.dataKind = dataKind
        self.method = method
        self.domain = domain
        self.evalDomain = evalDomain
        self.verified = verified
        self.resample = resample
        self.dataSize = dataSize
        self.seed = seed
        self.metric = metric
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.n = n
        self.pretrainSeed = pretrainSeed
    }

    /// The text of one column.
    public subscript(_ column: MetricsColumn) -> String {
        switch column {
        case .study: return study
        case .experiment: return experiment
        case .run: return run
        case .modelSize: return modelSize
        case .params: return params.map(String.init) ?? ""
        case .pretrainTokens: return String(pretrainTokens)
        case .dataKind: return dataKind
        case .method: return method
        case .domain: return domain
        case .evalDomain: return evalDomain
        case .verified: return String(verified)
        case .resample: return resample
        case .dataSize: return String(dataSize)
        case .seed: return String(seed)
        case .metric: return metric.rawValue
        case .value: return MetricsRow.number(value)
        case .ciLow: return ciLow.map(MetricsRow.number) ?? ""
        case .ciHigh: return ciHigh.map(MetricsRow.number) ?? ""
        case .n: return String(n)
        case .pretrainSeed: return String(pretrainSeed)
        }
    }

    /// The row's fields in column order.
    public var fields: [String] { MetricsColumn.allCases.map { self[$0] } }

    /// A number for a results file: shortest round-trip form, integers without a fraction.
    public static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
