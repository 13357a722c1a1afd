import Foundation
import XCTest
@testable import Fits

final class StudentTTests: XCTestCase {
    /// Closed forms: 1 dof is Cauchy, t = tan(pi (p - 1/2)) = cot(pi (1 - p)); 2 dof, t = (2p - 1) / sqrt(2 p (1 - p)).
    func testQuantileMatchesClosedForms() {
        for p in [0.001, 0.025, 0.1, 0.3, 0.5, 0.75, 0.975, 0.995, 0.999999] {
            let cauchy = p > 0.5 ? 1 / tan(Double.pi * (1 - p)) : -1 / tan(Double.pi * p)  // well conditioned in the tails
            XCTAssertEqual(StudentT(degreesOfFreedom: 1).quantile(p), cauchy, accuracy: 1e-12 * max(1, abs(cauchy)), "p=\(p)")
            let two = (2 * p - 1) / sqrt(2 * p * (1 - p))
            XCTAssertEqual(StudentT(degreesOfFreedom: 2).quantile(p), two, accuracy: 1e-12 * max(1, abs(two)), "p=\(p)")
        }
    }

    /// As dof grows t tends to the normal: z_0.975 = 1.959963984540054 (erfc-based check below).
    func testLargeDegreesOfFreedomApproachNormal() {
        let z = StudentT(degreesOfFreedom: 1e9).quantile(0.975)
        XCTAssertEqual(0.5 * erfc(-z / sqrt(2)), 0.975, accuracy: 1e-9)
        // The 95% critical value decreases with dof toward 1.96.
        let criticals = [1.0, 2, 3, 5, 10, 30, 100].map { StudentT(degreesOfFreedom: $0).critical() }
        XCTAssertEqual(criticals, criticals.sorted(by: >))
        XCTAssertGreaterThan(criticals.last!, z)
    }

    /// The quantile inverts the CDF, and the CDF is the integral of the density (trapezoid check).
    func testQuantileInvertsCDFAndCDFIntegratesDensity() {
        for v in [1.0, 2.5, 4, 7, 20, 150] {
            let t = StudentT(degreesOfFreedom: v)
            for p in [0.01, 0.2, 0.6, 0.9, 0.975, 0.9999] {
                XCTAssertEqual(t.cdf(t.quantile(p)), p, accuracy: 1e-14, "v=\(v) p=\(p)")
            }
            let (a, b, steps) = (-1.0, 2.0, 20_000)
            let h = (b - a) / Double(steps)
            var integral = 0.5 * (t.density(a) + t.density(b))
            for i in 1..<steps { integral += t.density(a + Double(i) * h) }
            XCTAssertEqual(integral * h, t.cdf(b) - t.cdf(a), accuracy: 1e-8, "v=\(v)")
        }
    }

    /// I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_x(1/2, 1/2) = (2/pi) asin(sqrt x).
    func testIncompleteBetaClosedForms() {
        for x in [0.01, 0.2, 0.5, 0.77, 0.99] {
            XCTAssertEqual(regularizedIncompleteBeta(a: 3.5, b: 1, x: x), pow(x, 3.5), accuracy: 1e-14)
            XCTAssertEqual(regularizedIncompleteBeta(a: 1, b: 2.25, x: x), 1 - pow(1 - x, 2.25), accuracy: 1e-14)
            XCTAssertEqual(regularizedIncompleteBeta(a: 0.5, b: 0.5, x: x), 2 / Double.pi * asin(sqrt(x)), accuracy: 1e-14)
        }
    }
}

final class LogBetaTests: XCTestCase {
    /// The Stirling path of ln B(a, b) agrees with the plain lgamma sum where that one is accurate.
    func testLogBetaMatchesLgammaForModerateArguments() {
        for (a, b) in [(12.5, 0.5), (30.0, 40.0), (10.0, 3.0), (250.0, 0.5)] {
            XCTAssertEqual(logBeta(a, b), lgamma(a) + lgamma(b) - lgamma(a + b), accuracy: 1e-11, "\((a, b))")
        }
    }
}
