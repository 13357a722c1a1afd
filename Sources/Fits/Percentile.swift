/// The q-quantile (0 <= q <= 1) of sorted values (at least one), by linear interpolation between order statistics:
/// position h = (n - 1) q, value sorted[floor h] + (h - floor h) (sorted[floor h + 1] - sorted[floor h]). This is
/// numpy's and R's default (Hyndman-Fan type 7), and the toolkit's one percentile: the fits' bootstrap and the
/// metrics' and report's bootstrap intervals both use it.
///
/// Why this definition: it is symmetric (the 2.5% and 97.5% points of 1,000 draws sit 24.975 positions from either
/// end), so a percentile interval of a symmetric distribution is centred; the floor rank sorted[Int(q n)] the metrics
/// used before takes the 26th and the 976th of 1,000, one order statistic high at both ends. Users can check a
/// value with `numpy.percentile`.
public func percentile(_ sorted: [Double], _ q: Double) -> Double {
    precondition(!sorted.isEmpty, "percentile of no values")
    let h = Double(sorted.count - 1) * q
    let i = Int(h.rounded(.down))
    if i + 1 >= sorted.count { return sorted[sorted.count - 1] }
    return sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i])
}
