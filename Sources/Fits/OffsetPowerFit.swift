import Foundation

/// y = c + a x^(-b) by variable projection, then Levenberg-Marquardt.
///
/// For a fixed exponent b the model is linear in (c, a), so the best (c, a) is a linear least-squares
/// solve (LAPACK dgels) and the residual sum of squares becomes a function of b alone, the profile RSS.
/// That one-dimensional function is scanned on a log grid (the global bracket: no starting values needed),
/// minimised by Brent's method, and the full three-parameter problem is then polished by Levenberg-Marquardt,
/// which converges to the gradient-zero optimum to full precision (Brent alone gets b only to ~sqrt(eps)).
///
/// Internally x is divided by its geometric mean x0 so that the columns stay well scaled for any b;
/// the fitted a' of c + a' (x/x0)^(-b) maps back to a = a' x0^b (the covariance goes through the Jacobian
/// of that map).
struct OffsetPowerFitter {
    /// The exponent range scanned: an optimum at its edge means the data do not determine b.
    static let exponentRange = (low: 1e-4, high: 20.0)
    static let gridSize = 72

    let y: [Double]
    let n: Int
    /// ln(x / x0).
    let logU: [Double]
    let logX0: Double
    // Scratch for the linear solves, reused across the profile evaluations.
    private var design: [Double]
    private var rhs: [Double]

    init(x: [Double], y: [Double]) {
        n = x.count
        self.y = y
        let logs = x.map { log($0) }
        let center = logs.reduce(0, +) / Double(n)
        logX0 = center
        logU = logs.map { $0 - center }
        design = [Double](repeating: 0, count: 2 * n)
        rhs = [Double](repeating: 0, count: n)
    }

    /// The best (c, a') for exponent b and the profile RSS; nil when the 2-column design is singular.
    mutating func profile(b: Double) -> (rss: Double, c: Double, a: Double)? {
        for i in 0..<n {
            design[i] = 1
            design[n + i] = exp(-b * logU[i])
            rhs[i] = y[i]
        }
        guard LeastSquares.solveQR(columnMajor: &design, rows: n, columns: 2, rhs: &rhs) else { return nil }
        let c = rhs[0], a = rhs[1]
        var rss = 0.0
        for i in 0..<n {
            let r = y[i] - c - a * exp(-b * logU[i])
            rss += r * r
        }
        return rss.isFinite ? (rss, c, a) : nil
    }

    mutating func fit(covariance: Bool) throws(FitFailure) -> LeastSquaresEstimate {
        let distinct = Set(logU).count
        guard distinct >= 3 else { throw .rankDeficient(rank: distinct, needed: 3) }

        // 1. Global scan of the profile RSS over s = ln b.
        let (low, high) = (log(Self.exponentRange.low), log(Self.exponentRange.high))
        let grid = (0..<Self.gridSize).map { low + (high - low) * Double($0) / Double(Self.gridSize - 1) }
        var best = -1, bestRSS = Double.infinity
        for (k, s) in grid.enumerated() {
            if let value = profile(b: exp(s))?.rss, value < bestRSS { best = k; bestRSS = value }
        }
        guard best >= 0 else { throw .noOptimum("the linear subproblem is singular for every exponent") }
        guard best > 0 && best < grid.count - 1 else {
            let edge = best == 0 ? Self.exponentRange.low : Self.exponentRange.high
            throw .noOptimum("the profile RSS is smallest at the edge of the exponent range (b = \(edge)): "
                + "the points do not determine an offset c and exponent b (try power or logit-power)")
        }

        // 2. Brent on the bracket around the best grid point.
        let brent = Brent.minimize({ s in self.profile(b: exp(s))?.rss ?? .infinity },
                                   low: grid[best - 1], high: grid[best + 1], start: grid[best], tolerance: 1e-10)
        let b0 = exp(brent.x)
        guard let start = profile(b: b0) else { throw .noOptimum("singular linear subproblem at b = \(b0)") }

        // 3. Levenberg-Marquardt polish of (c, a', b) from the variable-projection optimum.
        var theta = [start.c, start.a, b0]
        var rss = levenbergMarquardt(&theta)
        guard theta.allSatisfy(\.isFinite), theta[2] > 0 else { throw .noOptimum("Levenberg-Marquardt diverged") }

        // Back to a = a' x0^b.
        let scale = exp(theta[2] * logX0)
        let thetaOut = [theta[0], theta[1] * scale, theta[2]]
        rss = residualSumOfSquares(theta)
        var cov: [Double] = []
        if covariance {
            let jacobian = self.jacobian(theta)
            guard let inverse = LeastSquares.inverseGram(columnMajor: jacobian, rows: n, columns: 3) else {
                throw .rankDeficient(rank: 2, needed: 3)
            }
            let s2 = rss / Double(n - 3)
            // T = d(c, a, b)/d(c, a', b); cov = T (s^2 (J^T J)^-1) T^T.
            let t: [Double] = [1, 0, 0,
                               0, scale, thetaOut[1] * logX0,
                               0, 0, 1]
            cov = [Double](repeating: 0, count: 9)
            for i in 0..<3 {
                for j in 0..<3 {
                    var s = 0.0
                    for k in 0..<3 { for l in 0..<3 { s += t[i * 3 + k] * inverse[k * 3 + l] * t[j * 3 + l] } }
                    cov[i * 3 + j] = s2 * s
                }
            }
        }
        return LeastSquaresEstimate(theta: thetaOut, covariance: cov, rss: rss)
    }

    /// RSS of c + a' u^(-b) for theta = (c, a', b).
    func residualSumOfSquares(_ theta: [Double]) -> Double {
        var rss = 0.0
        for i in 0..<n {
            let r = y[i] - theta[0] - theta[1] * exp(-theta[2] * logU[i])
            rss += r * r
        }
        return rss
    }

    /// The n x 3 Jacobian of the model (column-major) with respect to (c, a', b).
    func jacobian(_ theta: [Double]) -> [Double] {
        var j = [Double](repeating: 1, count: 3 * n)
        for i in 0..<n {
            let u = exp(-theta[2] * logU[i])
            j[n + i] = u
            j[2 * n + i] = -theta[1] * u * logU[i]
        }
        return j
    }

    /// Minimises the RSS from theta in place (Marquardt's diagonal scaling; each step is the linear
    /// least-squares problem [J; sqrt(lambda) D] delta = [r; 0], solved by LAPACK). Returns the final RSS.
    private func levenbergMarquardt(_ theta: inout [Double]) -> Double {
        var rss = residualSumOfSquares(theta)
        var lambda = 1e-3
        let m = n + 3
        var augmented = [Double](repeating: 0, count: 3 * m)
        var rhs = [Double](repeating: 0, count: m)
        for _ in 0..<200 {
            let j = jacobian(theta)
            for col in 0..<3 {
                var norm = 0.0
                for i in 0..<n {
                    augmented[col * m + i] = j[col * n + i]
                    norm += j[col * n + i] * j[col * n + i]
                }
                for k in 0..<3 { augmented[col * m + n + k] = k == col ? sqrt(lambda * norm) : 0 }
            }
            for i in 0..<n { rhs[i] = y[i] - theta[0] - theta[1] * exp(-theta[2] * logU[i]) }
            for k in 0..<3 { rhs[n + k] = 0 }
            guard LeastSquares.solveQR(columnMajor: &augmented, rows: m, columns: 3, rhs: &rhs) else { break }
            let trial = [theta[0] + rhs[0], theta[1] + rhs[1], theta[2] + rhs[2]]
            let trialRSS = trial[2] > 0 ? residualSumOfSquares(trial) : .infinity
            if trialRSS <= rss {
                // Stop on the step, not on the RSS gain: near the optimum the RSS changes by the square of
                // the step, so a gain test would stop with parameters good to only ~sqrt(eps).
                let stepSmall = (0..<3).allSatisfy { abs(rhs[$0]) <= 1e-13 * (abs(theta[$0]) + 1e-300) }
                theta = trial
                rss = trialRSS
                lambda = max(lambda * 0.1, 1e-12)
                if stepSmall { break }
            } else {
                lambda *= 10
                if lambda > 1e12 { break }
            }
        }
        return rss
    }
}
