import CKernels
import COpenBLAS

/// The instruction-set path of the C kernels (CKernels): the widest the CPU supports unless chosen otherwise
/// (`use(_:)`, or SCALING_KERNELS=portable|avx2|avx512 in the environment). Tests run every supported path.
public enum KernelPath: Int, CaseIterable, Sendable, CustomStringConvertible {
    case portable = 0, avx2 = 1, avx512 = 2

    /// Whether this CPU and OS can run the path.
    public var isSupported: Bool { sk_path_supported(sk_path(rawValue: UInt32(rawValue))) != 0 }

    /// The path in use.
    public static var current: KernelPath { KernelPath(rawValue: Int(sk_current_path().rawValue)) ?? .portable }

    /// The paths this machine can run, narrowest first.
    public static var supported: [KernelPath] { allCases.filter(\.isSupported) }

    /// Switches every kernel to `path` (process-wide); returns false, changing nothing, if it is unsupported.
    @discardableResult
    public static func use(_ path: KernelPath) -> Bool { sk_set_path(sk_path(rawValue: UInt32(path.rawValue))) != 0 }

    public var description: String { String(cString: sk_path_name(sk_path(rawValue: UInt32(rawValue)))) }
}

/// Single-threaded sgemm on the faster of two engines for the current path: our packed microkernel (CKernels)
/// on AVX-512, where it measured 1.2-1.8x OpenBLAS 0.3.21 at the trainer's narrow shapes (OpenBLAS picks its
/// AVX2 Haswell kernels there), and OpenBLAS elsewhere (AVX2: within ±10% of ours; portable: OpenBLAS's own
/// kernels are much faster than plain 4-lane C). Row-major, like cblas_sgemm.
public enum GEMM {
    public enum Engine: Sendable { case openBLAS, kernels }

    /// The engine for the current kernel path.
    public static var engine: Engine { KernelPath.current == .avx512 ? .kernels : .openBLAS }

    /// C[M,N] = alpha · op(A) · op(B) + beta · C (op = transpose when the flag is set).
    @inline(__always)
    public static func multiply(
        transA: Bool, transB: Bool, _ M: Int, _ N: Int, _ K: Int, alpha: Float,
        _ A: UnsafePointer<Float>, _ lda: Int, _ B: UnsafePointer<Float>, _ ldb: Int,
        beta: Float, _ C: UnsafeMutablePointer<Float>, _ ldc: Int, engine: Engine = GEMM.engine
    ) {
        switch engine {
        case .kernels:
            sk_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(M), Int32(N), Int32(K), alpha, A, Int32(lda), B, Int32(ldb),
                     beta, C, Int32(ldc))
        case .openBLAS:
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(M), Int32(N), Int32(K), alpha, A, Int32(lda), B, Int32(ldb), beta, C, Int32(ldc))
        }
    }
}
