import CLapacke

/// LAPACKE's `lapack_int` (a C macro, not imported): 32-bit in Debian's liblapacke.
private typealias LapackInt = Int32

/// Dense linear least squares through LAPACK, for the fits: min ||A c - y||_2 with A an m x n matrix stored
/// column-major (column j is a[j*m ..< (j+1)*m]).
enum LeastSquares {
    struct Solution {
        /// The coefficients c (n values).
        var coefficients: [Double]
        /// The numerical rank of A that LAPACK determined; below n means the columns are linearly dependent.
        var rank: Int
    }

    /// Solves by the SVD (dgelsd), so a rank-deficient A is detected rather than silently solved: singular
    /// values below `rcond` times the largest count as zero.
    static func solve(columnMajor a: [Double], rows m: Int, columns n: Int, rhs y: [Double],
                      rcond: Double = 1e-12) -> Solution? {
        precondition(a.count == m * n && y.count == m && m >= n)
        var a = a, b = y
        var singular = [Double](repeating: 0, count: n)
        var rank: LapackInt = 0
        let info = LAPACKE_dgelsd(LAPACK_COL_MAJOR, LapackInt(m), LapackInt(n), 1, &a, LapackInt(m), &b,
                                  LapackInt(m), &singular, rcond, &rank)
        guard info == 0 else { return nil }
        return Solution(coefficients: Array(b[0..<n]), rank: Int(rank))
    }

    /// Solves a full-rank problem by QR (dgels): the fast path for the inner loops of offset-power.
    /// `a` and `y` are overwritten (scratch space); the coefficients land in y[0..<n]. Returns false when
    /// A is rank-deficient.
    static func solveQR(columnMajor a: inout [Double], rows m: Int, columns n: Int, rhs y: inout [Double]) -> Bool {
        LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), LapackInt(m), LapackInt(n), 1, &a,
                      LapackInt(m), &y, LapackInt(m)) == 0
    }

    /// (J^T J)^-1 for a column-major m x n Jacobian J of full column rank, by Cholesky (dpotrf + dpotri);
    /// nil when J^T J is not positive definite (rank-deficient J). The result is n x n, symmetric.
    static func inverseGram(columnMajor j: [Double], rows m: Int, columns n: Int) -> [Double]? {
        var gram = [Double](repeating: 0, count: n * n)
        for p in 0..<n {
            for q in 0...p {
                var s = 0.0
                for i in 0..<m { s += j[p * m + i] * j[q * m + i] }
                gram[p * n + q] = s
                gram[q * n + p] = s
            }
        }
        let lower = CChar(UInt8(ascii: "L"))
        guard LAPACKE_dpotrf(LAPACK_COL_MAJOR, lower, LapackInt(n), &gram, LapackInt(n)) == 0,
              LAPACKE_dpotri(LAPACK_COL_MAJOR, lower, LapackInt(n), &gram, LapackInt(n)) == 0 else { return nil }
        for p in 0..<n { for q in 0..<p { gram[p * n + q] = gram[q * n + p] } }  // mirror lower into upper
        return gram
    }
}
