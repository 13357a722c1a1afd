import Foundation

/// Why a model could not be fitted to a set of points (mapped to a one-line error with file and line by
/// `PointGroup`'s fitting functions).
public enum FitFailure: Error, Equatable, Sendable {
    /// Fewer points than parameters + 1: no degrees of freedom left for the residual variance.
    case tooFewPoints(needed: Int, found: Int)
    /// The design (or Jacobian) has lower rank than the number of parameters, e.g. all x equal.
    case rankDeficient(rank: Int, needed: Int)
    /// The nonlinear fit found no interior optimum or did not converge.
    case noOptimum(String)
}

/// A least-squares estimate on the model's fitting scale.
struct LeastSquaresEstimate {
    /// Parameters on the fitting scale (see `ScalingModel`).
    var theta: [Double]
    /// s^2 (J^T J)^-1, p x p row-major, with s^2 = RSS / (n - p); empty when not asked for.
    var covariance: [Double]
    /// Residual sum of squares on the fitting scale.
    var rss: Double
}

extension ScalingModel {
    /// Fits the model to points already checked for validity (see `invalidPoint`). The bootstrap calls this
    /// thousands of times with `covariance: false`.
    func estimate(x: [Double], y: [Double], covariance: Bool) throws(FitFailure) -> LeastSquaresEstimate {
        let n = x.count, p = parameterCount
        guard n >= p + 1 else { throw .tooFewPoints(needed: p + 1, found: n) }
        switch self {
        case .power, .logitPower: return try linearizedEstimate(x: x, y: y, covariance: covariance)
        case .offsetPower:
            var fitter = OffsetPowerFitter(x: x, y: y)
            return try fitter.fit(covariance: covariance)
        }
    }

    /// OLS of g(y) on (1, ln x) by LAPACK's SVD solver, whose rank reveals all-equal x.
    private func linearizedEstimate(x: [Double], y: [Double], covariance: Bool) throws(FitFailure) -> LeastSquaresEstimate {
        let n = x.count
        var design = [Double](repeating: 1, count: 2 * n)  // column 0: ones, column 1: ln x
        for i in 0..<n { design[n + i] = log(x[i]) }
        let z = y.map(toFittingScale)
        guard let solution = LeastSquares.solve(columnMajor: design, rows: n, columns: 2, rhs: z) else {
            throw .noOptimum("LAPACK dgelsd failed")
        }
        guard solution.rank == 2 else { throw .rankDeficient(rank: solution.rank, needed: 2) }
        let theta = solution.coefficients
        var rss = 0.0
        for i in 0..<n {
            let r = z[i] - theta[0] - theta[1] * design[n + i]
            rss += r * r
        }
        var cov: [Double] = []
        if covariance {
            guard let inverse = LeastSquares.inverseGram(columnMajor: design, rows: n, columns: 2) else {
                throw .rankDeficient(rank: 1, needed: 2)
            }
            let s2 = rss / Double(n - 2)
            cov = inverse.map { $0 * s2 }
        }
        return LeastSquaresEstimate(theta: theta, covariance: cov, rss: rss)
    }
}
