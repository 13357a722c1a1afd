import Foundation

/// One reported parameter of a fit: estimate, standard error and 95% Student-t confidence interval.
public struct Parameter: Sendable {
    public var name: String
    public var estimate: Double
    public var standardError: Double
    public var interval: Interval
}

/// A model fitted to one group of points: parameters with uncertainty, goodness of fit, and the fitted
/// curve with its confidence band at any x (what the figures draw).
public struct FittedModel: Sendable {
    public let model: ScalingModel
    /// Parameters on the fitting scale: (ln a, b) for power, (alpha, beta) for logit-power, (c, a, b) for
    /// offset-power.
    public let theta: [Double]
    /// Covariance of theta, p x p row-major: s^2 (J^T J)^-1 with s^2 = RSS / (n - p).
    public let covariance: [Double]
    /// Number of points.
    public let n: Int
    /// Residual sum of squares on the fitting scale (`model.scale`).
    public let rss: Double
    /// 1 - RSS / TSS on the fitting scale (NaN when all y are equal).
    public let r2: Double
    /// AIC = n ln(RSS/n) + 2k - 2 sum ln|g'(y_i)|, k = p + 1 (see `informationCriteria`).
    public let aic: Double
    /// BIC = n ln(RSS/n) + k ln n - 2 sum ln|g'(y_i)|.
    public let bic: Double

    /// Residual degrees of freedom n - p.
    public var degreesOfFreedom: Int { n - model.parameterCount }

    /// The number k counted by AIC and BIC: the p curve parameters plus the noise variance.
    public var informationParameterCount: Int { model.parameterCount + 1 }

    /// The two-sided Student-t critical value with n - p degrees of freedom.
    public func critical(level: Double = 0.95) -> Double {
        StudentT(degreesOfFreedom: Double(degreesOfFreedom)).critical(level: level)
    }

    init(model: ScalingModel, estimate: LeastSquaresEstimate, y: [Double]) {
        self.model = model
        theta = estimate.theta
        covariance = estimate.covariance
        n = y.count
        rss = estimate.rss
        let z = y.map(model.toFittingScale)
        let mean = z.reduce(0, +) / Double(n)
        let tss = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        r2 = tss > 0 ? 1 - rss / tss : .nan
        let k = Double(model.parameterCount + 1)
        let base = Double(n) * log(rss / Double(n)) + model.jacobianPenalty(y)
        aic = base + 2 * k
        bic = base + k * log(Double(n))
    }

    /// Standard errors of theta.
    public var thetaStandardErrors: [Double] {
        let p = model.parameterCount
        return (0..<p).map { sqrt(max(covariance[$0 * p + $0], 0)) }
    }

    /// The reported parameters (`model.parameterNames`) with SEs and t intervals. For power, `a` = exp(ln a)
    /// has the delta-method SE a * se(ln a) and the interval exp(ln a -+ t se), which stays positive.
    public func parameters(level: Double = 0.95) -> [Parameter] {
        let t = critical(level: level)
        let se = thetaStandardErrors
        func symmetric(_ name: String, _ value: Double, _ s: Double) -> Parameter {
            Parameter(name: name, estimate: value, standardError: s, interval: Interval(lower: value - t * s, upper: value + t * s))
        }
        switch model {
        case .power:
            let a = exp(theta[0])
            return [Parameter(name: "a", estimate: a, standardError: a * se[0],
                              interval: Interval(lower: exp(theta[0] - t * se[0]), upper: exp(theta[0] + t * se[0]))),
                    symmetric("b", theta[1], se[1]),
                    symmetric("log_a", theta[0], se[0])]
        case .logitPower, .offsetPower:
            return zip(model.parameterNames, zip(theta, se)).map { symmetric($0, $1.0, $1.1) }
        }
    }

    /// The fitted curve at x.
    public func value(at x: Double) -> Double {
        model.value(theta: theta, at: x)
    }

    /// The curve at x with the confidence interval of the mean (delta method on the fitting scale, exact for
    /// the linear models: the OLS prediction interval of the mean), mapped back to y.
    public func predict(at x: Double, level: Double = 0.95) -> IntervalEstimate {
        let (z, gradient) = model.predictor(theta: theta, at: x)
        let half = critical(level: level) * quadraticFormRoot(gradient)
        let a = model.fromFittingScale(z - half), b = model.fromFittingScale(z + half)
        return IntervalEstimate(value: model.fromFittingScale(z), interval: Interval(lower: min(a, b), upper: max(a, b)))
    }

    /// The 95% (or `level`) confidence band of the curve at x: lower and upper ends of `predict(at:)`.
    public func band(at x: Double, level: Double = 0.95) -> Interval {
        predict(at: x, level: level).interval
    }

    /// The x at which the curve reaches y, with a delta-method interval on ln x mapped back; nil when the
    /// curve never reaches y.
    public func target(y: Double, level: Double = 0.95) -> IntervalEstimate? {
        guard let (lx, gradient) = model.logInverse(theta: theta, y: y) else { return nil }
        let half = critical(level: level) * quadraticFormRoot(gradient)
        return IntervalEstimate(value: exp(lx), interval: Interval(lower: exp(lx - half), upper: exp(lx + half)))
    }

    /// sqrt(g^T Cov g).
    private func quadraticFormRoot(_ g: [Double]) -> Double {
        let p = model.parameterCount
        var s = 0.0
        for i in 0..<p { for j in 0..<p { s += g[i] * covariance[i * p + j] * g[j] } }
        return sqrt(max(s, 0))
    }

    /// The fitted formula as text for a legend, e.g. `y = 0.26 x^0.31`, `logit(y) = -6 + 0.7 ln x`,
    /// `y = 0.9 - 3 x^-0.3`, with `digits` significant digits.
    public func formula(digits: Int = 3) -> String {
        func g(_ v: Double) -> String { formatSignificant(v, digits: digits) }
        func signed(_ v: Double) -> String { v < 0 ? "- \(g(-v))" : "+ \(g(v))" }
        switch model {
        case .power: return "y = \(g(exp(theta[0]))) x^\(g(theta[1]))"
        case .logitPower: return "logit(y) = \(g(theta[0])) \(signed(theta[1])) ln x"
        case .offsetPower: return "y = \(g(theta[0])) \(signed(theta[1])) x^-\(g(theta[2]))"
        }
    }
}

/// v with `digits` significant digits, without trailing zeros or exponent for ordinary magnitudes.
public func formatSignificant(_ v: Double, digits: Int) -> String {
    guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
    if v == 0 { return "0" }
    let magnitude = abs(v)
    if magnitude >= 1e-4 && magnitude < 1e9 {
        let decimals = max(0, digits - 1 - Int(floor(log10(magnitude))))
        var s = String(format: "%.\(decimals)f", v)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
    return String(format: "%.\(max(0, digits - 1))e", v)
}
