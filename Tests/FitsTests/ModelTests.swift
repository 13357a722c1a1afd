import Foundation
import XCTest
import DataFiles
@testable import Fits

/// Normal noise for ground-truth data (Box-Muller on SplitMix64).
struct GaussianNoise {
    var rng: SplitMix64
    init(seed: UInt64) { rng = SplitMix64(seed: seed) }
    mutating func next(sigma: Double) -> Double {
        let u1 = (Double(rng.next() >> 11) + 0.5) / 9007199254740992.0
        let u2 = Double(rng.next() >> 11) / 9007199254740992.0
        return sigma * sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
    }
}

/// Points on a doubling grid, as in the paper's SFT sizes.
func doublingGrid(from start: Double, count: Int) -> [Double] {
    (0..<count).map { start * pow(2, Double($0)) }
}

final class ModelTests: XCTestCase {
    let x8 = doublingGrid(from: 1000, count: 8)

    func testPowerRecoversExactGroundTruth() throws {
        let fit = try PointGroup(x: x8, y: x8.map { 0.05 * pow($0, 0.35) }).fit(.power)
        let p = fit.parameters()
        XCTAssertEqual(p.map(\.name), ["a", "b", "log_a"])
        XCTAssertEqual(p[0].estimate, 0.05, accuracy: 1e-12)
        XCTAssertEqual(p[1].estimate, 0.35, accuracy: 1e-12)
        XCTAssertEqual(p[2].estimate, log(0.05), accuracy: 1e-12)
        XCTAssertLessThan(fit.rss, 1e-25)
        XCTAssertEqual(fit.r2, 1, accuracy: 1e-12)
        XCTAssertEqual(fit.formula(), "y = 0.05 x^0.35")
        XCTAssertEqual(fit.value(at: 5e5), 0.05 * pow(5e5, 0.35), accuracy: 1e-12)
    }

    func testLogitPowerRecoversExactGroundTruth() throws {
        let y = x8.map { 1 / (1 + exp(-(-6 + 0.7 * log($0)))) }
        let fit = try PointGroup(x: x8, y: y).fit(.logitPower)
        XCTAssertEqual(fit.theta[0], -6, accuracy: 1e-10)
        XCTAssertEqual(fit.theta[1], 0.7, accuracy: 1e-11)
        XCTAssertEqual(fit.formula(), "logit(y) = -6 + 0.7 ln x")
        XCTAssertEqual(fit.model.scale, "logit")
    }

    func testOffsetPowerRecoversExactGroundTruthWithoutStartingValues() throws {
        let x = doublingGrid(from: 500, count: 10)
        for (c, a, b) in [(0.9, -3.0, 0.3), (0.05, 40.0, 0.6), (0.2, 5e3, 1.5), (1.2, -0.9, 0.08)] {
            let fit = try PointGroup(x: x, y: x.map { c + a * pow($0, -b) }).fit(.offsetPower)
            XCTAssertEqual(fit.theta[0], c, accuracy: 1e-8 * max(1, abs(c)), "c of \((c, a, b))")
            XCTAssertEqual(fit.theta[1], a, accuracy: 1e-7 * abs(a), "a of \((c, a, b))")
            XCTAssertEqual(fit.theta[2], b, accuracy: 1e-8, "b of \((c, a, b))")
        }
        let fit = try PointGroup(x: x, y: x.map { 0.9 - 3 * pow($0, -0.3) }).fit(.offsetPower)
        XCTAssertEqual(fit.formula(), "y = 0.9 - 3 x^-0.3")
        XCTAssertEqual(fit.model.scale, "linear")
    }

    /// Noisy ground truth: estimates land within a few standard errors of the truth.
    func testEveryModelOnNoisyGroundTruth() throws {
        var noise = GaussianNoise(seed: 42)
        let x = doublingGrid(from: 100, count: 12)
        let power = try PointGroup(x: x, y: x.map { 0.05 * pow($0, 0.35) * exp(noise.next(sigma: 0.02)) }).fit(.power)
        let logit = try PointGroup(x: x, y: x.map { 1 / (1 + exp(-(-6 + 0.7 * log($0) + noise.next(sigma: 0.05)))) }).fit(.logitPower)
        let offset = try PointGroup(x: x, y: x.map { 0.9 - 3 * pow($0, -0.3) + noise.next(sigma: 0.002) }).fit(.offsetPower)
        for (fit, truth) in [(power, [log(0.05), 0.35]), (logit, [-6, 0.7]), (offset, [0.9, -3, 0.3])] {
            let se = fit.thetaStandardErrors
            for k in truth.indices {
                XCTAssertGreaterThan(se[k], 0)
                XCTAssertLessThan(abs(fit.theta[k] - truth[k]), 4 * se[k], "\(fit.model) theta[\(k)]")
            }
            XCTAssertGreaterThan(fit.r2, 0.99)
        }
    }

    /// The 95% t intervals cover the true parameter about 95% of the time with only 6 points (4 dof);
    /// normal quantiles would cover ~88%, so this checks the t quantile is really used.
    func testConfidenceIntervalsHaveNominalCoverage() throws {
        var noise = GaussianNoise(seed: 7)
        let x = doublingGrid(from: 1000, count: 6)
        var covered = [0, 0, 0]
        let trials = 400
        for _ in 0..<trials {
            let fit = try PointGroup(x: x, y: x.map { 0.05 * pow($0, 0.35) * exp(noise.next(sigma: 0.05)) }).fit(.power)
            let p = fit.parameters()
            if p[0].interval.lower <= 0.05 && 0.05 <= p[0].interval.upper { covered[0] += 1 }
            if p[1].interval.lower <= 0.35 && 0.35 <= p[1].interval.upper { covered[1] += 1 }
            let band = fit.band(at: 20_000)
            let truth = 0.05 * pow(20_000, 0.35)
            if band.lower <= truth && truth <= band.upper { covered[2] += 1 }
        }
        for c in covered {
            XCTAssertEqual(Double(c) / Double(trials), 0.95, accuracy: 0.03)
        }
    }

    func testPredictBandAndTargetAreConsistent() throws {
        var noise = GaussianNoise(seed: 3)
        let x = doublingGrid(from: 500, count: 10)
        let groups: [(ScalingModel, [Double])] = [
            (.power, x.map { 0.05 * pow($0, 0.35) * exp(noise.next(sigma: 0.03)) }),
            (.logitPower, x.map { 1 / (1 + exp(-(-6 + 0.7 * log($0) + noise.next(sigma: 0.05)))) }),
            (.offsetPower, x.map { 0.9 - 3 * pow($0, -0.3) + noise.next(sigma: 0.002) }),
        ]
        for (model, y) in groups {
            let fit = try PointGroup(x: x, y: y).fit(model)
            for px in [700.0, 30_000, 1e6] {
                let prediction = fit.predict(at: px)
                XCTAssertEqual(prediction.value, fit.value(at: px))
                XCTAssertLessThan(prediction.interval.lower, prediction.value)
                XCTAssertGreaterThan(prediction.interval.upper, prediction.value)
                // The x where the curve reaches its own value at px is px.
                let target = try XCTUnwrap(fit.target(y: prediction.value))
                XCTAssertEqual(target.value, px, accuracy: 1e-8 * px, "\(model)")
                XCTAssertLessThan(target.interval.lower, px)
                XCTAssertGreaterThan(target.interval.upper, px)
            }
            // Extrapolating far beyond the data is less certain than inside it (on the fitting scale).
            func width(_ band: Interval) -> Double { model.toFittingScale(band.upper) - model.toFittingScale(band.lower) }
            XCTAssertLessThan(width(fit.band(at: 20_000)), width(fit.band(at: 1e8)), "\(model)")
        }
        // Beyond the asymptote c, offset-power never reaches the target.
        let offset = try PointGroup(x: x, y: x.map { 0.9 - 3 * pow($0, -0.3) }).fit(.offsetPower)
        XCTAssertNil(offset.target(y: 0.95))
    }

    /// Delta-method SE of a for power is a * se(ln a); the t interval of ln a maps to the interval of a.
    func testPowerReportsDeltaMethodForA() throws {
        var noise = GaussianNoise(seed: 11)
        let fit = try PointGroup(x: x8, y: x8.map { 0.05 * pow($0, 0.35) * exp(noise.next(sigma: 0.02)) }).fit(.power)
        let p = fit.parameters()
        XCTAssertEqual(p[0].standardError, p[0].estimate * p[2].standardError, accuracy: 1e-15)
        XCTAssertEqual(log(p[0].interval.lower), p[2].interval.lower, accuracy: 1e-12)
        XCTAssertEqual(log(p[0].interval.upper), p[2].interval.upper, accuracy: 1e-12)
        let t = StudentT(degreesOfFreedom: 6).critical()
        XCTAssertEqual(p[1].interval.upper - p[1].estimate, t * p[1].standardError, accuracy: 1e-14)
    }

    /// AIC/BIC by hand for a 4-point power fit: n ln(RSS/n) + 2k + 2 sum ln y, k = 3.
    func testInformationCriteriaConvention() throws {
        let x = [1.0, 2, 4, 8], y = [1.0, 1.9, 4.3, 7.7]
        let fit = try PointGroup(x: x, y: y).fit(.power)
        let ln = y.map { log($0) }, lx = x.map { log($0) }
        let mx = lx.reduce(0, +) / 4, my = ln.reduce(0, +) / 4
        let b = zip(lx, ln).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / lx.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let rss = zip(lx, ln).reduce(0) { let r = $1.1 - my - b * ($1.0 - mx); return $0 + r * r }
        XCTAssertEqual(fit.rss, rss, accuracy: 1e-14)
        let jacobian = 2 * ln.reduce(0, +)
        XCTAssertEqual(fit.aic, 4 * log(rss / 4) + 2 * 3 + jacobian, accuracy: 1e-10)
        XCTAssertEqual(fit.bic, 4 * log(rss / 4) + 3 * log(4) + jacobian, accuracy: 1e-10)
    }
}
