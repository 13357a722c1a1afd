import Foundation

/// The scaling-law models `scaling fit` knows, with their formulas and the scale each is fitted on.
///
/// Every model is described by a parameter vector theta on its *fitting scale*:
/// - `power`:        ln y = theta0 + theta1 ln x   (theta = (ln a, b); y = a x^b), OLS in log-log space.
/// - `logitPower`:   logit y = theta0 + theta1 ln x (theta = (alpha, beta)), OLS; y in (0, 1).
/// - `offsetPower`:  y = theta0 + theta1 x^(-theta2) (theta = (c, a, b)), nonlinear least squares in y.
public enum ScalingModel: String, CaseIterable, Sendable {
    case power
    case logitPower = "logit-power"
    case offsetPower = "offset-power"

    /// The model's formula, as shown in `--help` and the README.
    public var formula: String {
        switch self {
        case .power: return "y = a * x^b                      (OLS of ln y on ln x)"
        case .logitPower: return "logit(y) = alpha + beta * ln x   (OLS of logit y on ln x; y in (0, 1))"
        case .offsetPower: return "y = c + a * x^(-b)               (nonlinear least squares in y; b > 0)"
        }
    }

    /// The number of fitted parameters p (the noise variance not counted).
    public var parameterCount: Int { self == .offsetPower ? 3 : 2 }

    /// Where RSS and R^2 are measured: "log" (ln y), "logit" (logit y) or "linear" (y itself).
    public var scale: String {
        switch self {
        case .power: return "log"
        case .logitPower: return "logit"
        case .offsetPower: return "linear"
        }
    }

    /// Names of the reported parameters, in the order of `reportedValues(theta:)`.
    public var parameterNames: [String] {
        switch self {
        case .power: return ["a", "b", "log_a"]
        case .logitPower: return ["alpha", "beta"]
        case .offsetPower: return ["c", "a", "b"]
        }
    }

    /// The reported parameters from theta (for power, a = exp(ln a) and ln a itself as `log_a`).
    func reportedValues(theta: [Double]) -> [Double] {
        self == .power ? [exp(theta[0]), theta[1], theta[0]] : theta
    }

    /// y mapped onto the fitting scale.
    func toFittingScale(_ y: Double) -> Double {
        switch self {
        case .power: return log(y)
        case .logitPower: return log(y / (1 - y))
        case .offsetPower: return y
        }
    }

    /// A value on the fitting scale mapped back to y.
    func fromFittingScale(_ z: Double) -> Double {
        switch self {
        case .power: return exp(z)
        case .logitPower: return 1 / (1 + exp(-z))
        case .offsetPower: return z
        }
    }

    /// -2 sum ln|g'(y_i)| for the transform g onto the fitting scale: added to AIC/BIC so that they are the
    /// Gaussian likelihood of y itself, comparable between models fitted on different scales.
    func jacobianPenalty(_ y: [Double]) -> Double {
        switch self {
        case .power: return 2 * y.reduce(0) { $0 + log($1) }                 // g' = 1/y
        case .logitPower: return 2 * y.reduce(0) { $0 + log($1 * (1 - $1)) } // g' = 1/(y(1-y))
        case .offsetPower: return 0
        }
    }

    /// Why a point cannot enter this model, or nil when it can.
    func invalidPoint(x: Double, y: Double) -> (column: Column, reason: String)? {
        switch self {
        case .power, .logitPower, .offsetPower:
            if !(x > 0) { return (.x, "x must be > 0 for \(rawValue) (it takes ln x), found \(x)") }
        }
        switch self {
        case .power where !(y > 0): return (.y, "y must be > 0 for power (it takes ln y), found \(y)")
        case .logitPower where !(y > 0 && y < 1):
            return (.y, "y must be in (0, 1) for logit-power, found \(y) (use --percent for percentages)")
        default: return nil
        }
    }

    enum Column { case x, y }

    /// The model's value on the fitting scale at x, and its gradient with respect to theta.
    func predictor(theta: [Double], at x: Double) -> (value: Double, gradient: [Double]) {
        switch self {
        case .power, .logitPower:
            let lx = log(x)
            return (theta[0] + theta[1] * lx, [1, lx])
        case .offsetPower:
            let u = pow(x, -theta[2])
            return (theta[0] + theta[1] * u, [1, u, -theta[1] * u * log(x)])
        }
    }

    /// ln x at which the model reaches y, and its gradient with respect to theta; nil when it never does
    /// (a flat fit, or a target beyond the asymptote c of offset-power).
    func logInverse(theta: [Double], y: Double) -> (value: Double, gradient: [Double])? {
        switch self {
        case .power, .logitPower:
            guard theta[1] != 0, invalidPoint(x: 1, y: y) == nil else { return nil }
            let z = toFittingScale(y)
            let lx = (z - theta[0]) / theta[1]
            return (lx, [-1 / theta[1], -lx / theta[1]])
        case .offsetPower:
            let (c, a, b) = (theta[0], theta[1], theta[2])
            let ratio = (y - c) / a  // = x^(-b)
            guard ratio > 0, b > 0 else { return nil }
            let lx = -log(ratio) / b
            return (lx, [1 / (b * (y - c)), 1 / (b * a), -lx / b])
        }
    }

    /// The model's curve at x for parameters theta (no uncertainty).
    func value(theta: [Double], at x: Double) -> Double {
        fromFittingScale(predictor(theta: theta, at: x).value)
    }
}
