import Foundation

/// Brent's method for a one-dimensional minimum (golden-section steps plus parabolic interpolation), as in
/// Brent (1973) / Numerical Recipes' `brent`: for the profile RSS of offset-power over its exponent.
enum Brent {
    /// The minimiser of f in [low, high], starting from `start` (a point inside with f lower than at the ends
    /// when the bracket comes from a grid). Stops when the bracket is within `tolerance` (relative) of x.
    static func minimize(_ f: (Double) -> Double, low: Double, high: Double, start: Double,
                         tolerance: Double = 1e-12, maxIterations: Int = 200) -> (x: Double, value: Double) {
        let golden = 0.381_966_011_250_105_1  // (3 - sqrt 5) / 2
        var a = min(low, high), b = max(low, high)
        var x = start, w = start, v = start
        var fx = f(x), fw = fx, fv = fx
        var d = 0.0, e = 0.0
        for _ in 0..<maxIterations {
            let m = 0.5 * (a + b)
            let tol1 = tolerance * abs(x) + 1e-300, tol2 = 2 * tol1
            if abs(x - m) <= tol2 - 0.5 * (b - a) { break }
            var useGolden = true
            if abs(e) > tol1 {
                // Parabola through (v, fv), (w, fw), (x, fx).
                let r = (x - w) * (fx - fv)
                var q = (x - v) * (fx - fw)
                var p = (x - v) * q - (x - w) * r
                q = 2 * (q - r)
                if q > 0 { p = -p }
                q = abs(q)
                if abs(p) < abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x) {
                    e = d
                    d = p / q
                    let u = x + d
                    if u - a < tol2 || b - u < tol2 { d = x < m ? tol1 : -tol1 }
                    useGolden = false
                }
            }
            if useGolden {
                e = x >= m ? a - x : b - x
                d = golden * e
            }
            let u = abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1)
            let fu = f(u)
            if fu <= fx {
                if u >= x { a = x } else { b = x }
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu
            } else {
                if u < x { a = u } else { b = u }
                if fu <= fw || w == x {
                    v = w; fv = fw; w = u; fw = fu
                } else if fu <= fv || v == x || v == w {
                    v = u; fv = fu
                }
            }
        }
        return (x, fx)
    }
}
