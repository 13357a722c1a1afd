import DataFiles

/// What `scaling fit` computes besides the fit itself.
public struct FitRequest: Sendable {
    /// The models to fit, in report order.
    public var models: [ScalingModel]
    /// When true (`--model all`), a model that cannot take a group's points or fails is skipped with a
    /// reason instead of stopping with an error.
    public var skipInapplicable: Bool
    /// Bootstrap resamples K (0: none) and the seed of their generator.
    public var bootstrap: Int
    public var seed: UInt64
    /// x values at which to report the curve with a CI.
    public var predict: [Double]
    /// y values whose x to report with a CI.
    public var targets: [Double]
    /// Refit without the largest x and report the relative error of the prediction there.
    public var holdoutLargest: Bool
    /// Confidence level of every interval.
    public var level: Double

    public init(models: [ScalingModel], skipInapplicable: Bool = false, bootstrap: Int = 0, seed: UInt64 = 0,
                predict: [Double] = [], targets: [Double] = [], holdoutLargest: Bool = false, level: Double = 0.95) {
        self.models = models
        self.skipInapplicable = skipInapplicable
        self.bootstrap = bootstrap
        self.seed = seed
        self.predict = predict
        self.targets = targets
        self.holdoutLargest = holdoutLargest
        self.level = level
    }
}

/// The extrapolation check of `--holdout-largest`.
public struct HoldoutCheck: Sendable {
    /// The largest x, left out of the refit (all points at that x are left out).
    public var x: Double
    /// Mean observed y at that x.
    public var observed: Double
    /// The refit's prediction there, with its CI.
    public var prediction: IntervalEstimate
    /// (predicted - observed) / observed.
    public var relativeError: Double
    /// Points used by the refit.
    public var pointsUsed: Int
}

/// Everything reported for one model on one group.
public struct ModelResult: Sendable {
    public var fit: FittedModel
    public var parameters: [Parameter]
    /// (x, curve at x with CI) per `--predict` value.
    public var predictions: [(x: Double, estimate: IntervalEstimate)]
    /// (y, x reaching y with CI, or nil when the curve never reaches y) per `--target` value.
    public var targets: [(y: Double, estimate: IntervalEstimate?)]
    public var bootstrap: BootstrapSummary?
    public var holdout: HoldoutCheck?
    /// Why the holdout check could not be done (too few points left, failed refit).
    public var holdoutSkipped: String?
    /// 1 = best (lowest) AIC / BIC within the group.
    public var aicRank = 0
    public var bicRank = 0
    /// AIC - min AIC and BIC - min BIC within the group.
    public var deltaAIC = 0.0
    public var deltaBIC = 0.0
}

/// The fits of one group.
public struct GroupResult: Sendable {
    public var group: PointGroup
    public var results: [ModelResult]
    /// Models left out under `--model all`, with the reason.
    public var skipped: [(model: ScalingModel, reason: String)]
}

/// All groups' results plus what was asked.
public struct FitReport: Sendable {
    public var table: PointTable
    public var request: FitRequest
    public var groups: [GroupResult]

    /// Fits every requested model to every group of `table`.
    public init(table: PointTable, request: FitRequest) throws {
        self.table = table
        self.request = request
        groups = try table.groups.enumerated().map { index, group in
            try FitReport.analyze(group, index: index, request: request)
        }
    }

    private static func analyze(_ group: PointGroup, index: Int, request: FitRequest) throws -> GroupResult {
        let resamples = request.bootstrap > 0
            ? Resamples(count: request.bootstrap, points: group.x.count, seed: request.seed, stream: index) : nil
        var results: [ModelResult] = []
        var skipped: [(ScalingModel, String)] = []
        for model in request.models {
            let fit: FittedModel
            do {
                fit = try group.fit(model)
            } catch where request.skipInapplicable {
                skipped.append((model, "\(error)"))
                continue
            }
            var result = ModelResult(
                fit: fit, parameters: fit.parameters(level: request.level),
                predictions: request.predict.map { ($0, fit.predict(at: $0, level: request.level)) },
                targets: request.targets.map { ($0, fit.target(y: $0, level: request.level)) })
            if let resamples {
                result.bootstrap = model.bootstrap(x: group.x, y: group.y, resamples: resamples, seed: request.seed,
                                                   predict: request.predict, targets: request.targets, level: request.level)
            }
            if request.holdoutLargest {
                do { result.holdout = try holdout(group, model: model, level: request.level) } catch {
                    result.holdoutSkipped = "\(error)"
                }
            }
            results.append(result)
        }
        rank(&results)
        return GroupResult(group: group, results: results, skipped: skipped)
    }

    /// Refits without the points at the largest x and predicts there.
    private static func holdout(_ group: PointGroup, model: ScalingModel, level: Double) throws -> HoldoutCheck {
        let largest = group.x.max()!
        let keep = group.x.indices.filter { group.x[$0] < largest }
        let left = group.x.indices.filter { group.x[$0] == largest }
        var rest = group
        rest.x = keep.map { group.x[$0] }
        rest.y = keep.map { group.y[$0] }
        rest.lines = keep.map { group.lines[$0] }
        let refit = try rest.fit(model)
        let observed = left.reduce(0) { $0 + group.y[$1] } / Double(left.count)
        let prediction = refit.predict(at: largest, level: level)
        return HoldoutCheck(x: largest, observed: observed, prediction: prediction,
                            relativeError: (prediction.value - observed) / observed, pointsUsed: keep.count)
    }

    /// Ranks by AIC and BIC within a group (ties keep report order).
    private static func rank(_ results: inout [ModelResult]) {
        guard let bestAIC = results.map(\.fit.aic).min(), let bestBIC = results.map(\.fit.bic).min() else { return }
        let byAIC = results.indices.sorted { results[$0].fit.aic < results[$1].fit.aic }
        let byBIC = results.indices.sorted { results[$0].fit.bic < results[$1].fit.bic }
        for (r, i) in byAIC.enumerated() { results[i].aicRank = r + 1 }
        for (r, i) in byBIC.enumerated() { results[i].bicRank = r + 1 }
        for i in results.indices {
            results[i].deltaAIC = results[i].fit.aic - bestAIC
            results[i].deltaBIC = results[i].fit.bic - bestBIC
        }
    }
}
