import Foundation

/// Student's t distribution with `degreesOfFreedom` (any real value > 0), computed from the regularized
/// incomplete beta function, for the t-based confidence intervals of every fit.
public struct StudentT: Sendable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "Student t needs degrees of freedom > 0")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T > t) for t >= 0, without the cancellation of 1 - cdf in the far tail.
    func upperTail(_ t: Double) -> Double {
        let v = degreesOfFreedom
        let t2 = t * t
        // P(|T| > t) = I_{v/(v+t^2)}(v/2, 1/2); the complement argument t^2/(v+t^2) is passed exactly.
        return 0.5 * regularizedIncompleteBeta(a: v / 2, b: 0.5, x: v / (v + t2), oneMinusX: t2 / (v + t2))
    }

    /// The cumulative distribution function P(T <= t).
    public func cdf(_ t: Double) -> Double {
        t >= 0 ? 1 - upperTail(t) : upperTail(-t)
    }

    /// The probability density at t.
    public func density(_ t: Double) -> Double {
        let v = degreesOfFreedom
        return exp(lgamma((v + 1) / 2) - lgamma(v / 2) - 0.5 * log(v * Double.pi) - (v + 1) / 2 * log1p(t * t / v))
    }

    /// The quantile: the t with P(T <= t) = p, for p in (0, 1). Newton's method on the upper tail, kept inside
    /// a bracket by bisection, to full double precision.
    public func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "quantile needs p in (0, 1)")
        if p == 0.5 { return 0 }
        let tail = min(p, 1 - p)  // solve upperTail(t) = tail for t > 0, then restore the sign
        var low = 0.0, high = 1.0
        while upperTail(high) > tail { low = high; high *= 2 }
        var t = 0.5 * (low + high)
        for _ in 0..<200 {
            let g = upperTail(t) - tail
            if g == 0 { break }
            if g > 0 { low = t } else { high = t }
            var next = t + g / density(t)  // d(upperTail)/dt = -density
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - t) <= 4 * Double.ulpOfOne * t { t = next; break }
            t = next
        }
        return p < 0.5 ? -t : t
    }

    /// The two-sided critical value t with P(|T| <= t) = level (1.96... for large dof at 95%).
    public func critical(level: Double = 0.95) -> Double {
        quantile(0.5 + level / 2)
    }
}

/// The regularized incomplete beta function I_x(a, b), by the continued fraction (modified Lentz), using the
/// symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges faster. `oneMinusX` is 1 - x given
/// exactly by the caller when it is known more precisely than `1 - x`.
public func regularizedIncompleteBeta(a: Double, b: Double, x: Double, oneMinusX: Double? = nil) -> Double {
    let y = oneMinusX ?? (1 - x)
    if x <= 0 { return 0 }
    if y <= 0 { return 1 }
    // ln x and ln(1 - x) from whichever of x, 1 - x is known to full relative precision.
    let logX = x < 0.5 ? log(x) : log1p(-y)
    let logY = y < 0.5 ? log(y) : log1p(-x)
    let logFront = a * logX + b * logY - logBeta(a, b)
    if x < (a + 1) / (a + b + 2) {
        return exp(logFront) * betaContinuedFraction(a: a, b: b, x: x) / a
    }
    return 1 - exp(logFront) * betaContinuedFraction(a: b, b: a, x: y) / b
}

/// ln B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b), without the cancellation of the lgamma difference
/// when a or b is large (the t distribution with many degrees of freedom has a = dof/2): Stirling's series
/// with its correction term delta(z) = lgamma(z) - ((z - 1/2) ln z - z + ln(2 pi)/2), z >= 10.
func logBeta(_ a: Double, _ b: Double) -> Double {
    let (small, large) = (min(a, b), max(a, b))
    guard large >= 10 else { return lgamma(a) + lgamma(b) - lgamma(a + b) }
    func delta(_ z: Double) -> Double {
        let r = 1 / (z * z)
        return (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r / 1680))) / z
    }
    // lgamma(large) - lgamma(small + large) = -(large - 1/2) ln(1 + small/large) - small ln(small + large)
    //                                         + small + delta(large) - delta(small + large)
    let difference = -(large - 0.5) * log1p(small / large) - small * log(small + large) + small
        + delta(large) - delta(small + large)
    return lgamma(small) + difference
}

/// The continued fraction of I_x(a, b) (Numerical Recipes' betacf), evaluated by the modified Lentz method.
private func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
    let tiny = 1e-300
    let qab = a + b, qap = a + 1, qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...100_000 {
        let m = Double(m), m2 = 2 * m
        var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d; if abs(d) < tiny { d = tiny }
        c = 1 + aa / c; if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return h
}
