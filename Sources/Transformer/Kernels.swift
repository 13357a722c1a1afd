import CKernels
import DataFiles
import Foundation
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

/// Single-threaded sgemm on the faster of two engines for the current path and shape: our packed microkernel
/// (CKernels) on AVX-512, where it measured 1.2-1.8x OpenBLAS 0.3.21 at the trainer's narrow shapes on CPUs where
/// OpenBLAS picks its AVX2 Haswell kernels, and OpenBLAS elsewhere (AVX2: within ±10% of ours; portable: OpenBLAS's
/// own kernels are much faster than plain 4-lane C). Where OpenBLAS runs AVX-512 kernels itself (its core name is
/// an AVX-512 one), large products (all three sizes >= 256) go to it: it ran a 1024 square at 1.44x ours on such a
/// host, narrow ones stay ours (1.02-1.30x OpenBLAS there; benchmarks/README.md). Row-major, like cblas_sgemm.
public enum GEMM {
    public enum Engine: String, CaseIterable, Sendable {
        case openBLAS = "openblas", kernels
    }

    /// OpenBLAS's kernel set for this CPU (`openblas_get_corename`), e.g. Haswell, SkylakeX.
    public static let openBLASCore = String(cString: openblas_get_corename())

    /// Whether OpenBLAS runs AVX-512 kernels on this CPU.
    public static let openBLASHasAVX512 = ["SkylakeX", "Cooperlake", "SapphireRapids"].contains(openBLASCore)

    /// Products whose sizes are all at least this are large. No product of the studies' models (d <= 128: one of
    /// N, K is at most 128, or the head size) is, so routing large ones elsewhere leaves the studies' bits alone.
    public static let largeProduct = 256

    /// The engine named by SCALING_GEMM in the environment (nil when unset; an unknown name throws), for A/B
    /// measurements.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Engine? {
        guard let name = environment["SCALING_GEMM"] else { return nil }
        guard let engine = Engine(rawValue: name) else {
            throw ToolError("SCALING_GEMM=\(name): not a GEMM engine (expected one of: \(Engine.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return engine
    }

    /// The explicit choice for every product, if any (nil: by path and shape).
    nonisolated(unsafe) private(set) static var chosen: Engine? = try? fromEnvironment()

    /// Makes every later product use `engine`, or the default rule again with nil (tests, benchmarks).
    public static func use(_ engine: Engine?) { chosen = engine }

    /// The engine of the narrow products on the current kernel path.
    public static var engine: Engine { chosen ?? (KernelPath.current == .avx512 ? .kernels : .openBLAS) }

    /// The engine for an M × N × K product on the current kernel path.
    public static func engine(_ M: Int, _ N: Int, _ K: Int) -> Engine {
        if let chosen { return chosen }
        guard KernelPath.current == .avx512 else { return .openBLAS }
        return openBLASHasAVX512 && min(M, N, K) >= largeProduct ? .openBLAS : .kernels
    }

    /// C[M,N] = alpha · op(A) · op(B) + beta · C (op = transpose when the flag is set), on `engine` or else the
    /// one `engine(M, N, K)` picks.
    @inline(__always)
    public static func multiply(
        transA: Bool, transB: Bool, _ M: Int, _ N: Int, _ K: Int, alpha: Float,
        _ A: UnsafePointer<Float>, _ lda: Int, _ B: UnsafePointer<Float>, _ ldb: Int,
        beta: Float, _ C: UnsafeMutablePointer<Float>, _ ldc: Int, engine: Engine? = nil
    ) {
        switch engine ?? GEMM.engine(M, N, K) {
        case .kernels:
            sk_sgemm(transA ? 1 : 0, transB ? 1 : 0, Int32(M), Int32(N), Int32(K), alpha, A, Int32(lda), B, Int32(ldb),
                     beta, C, Int32(ldc))
        case .openBLAS:
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                        Int32(M), Int32(N), Int32(K), alpha, A, Int32(lda), B, Int32(ldb), beta, C, Int32(ldc))
        }
    }

    /// C[M,N] = start + op(A) · op(B), where start's row i is residual[i·ldr ..< i·ldr + N] + bias (either may be
    /// nil). Our kernels add start in the product's first store (`sk_sgemm_add`); for OpenBLAS it is written into C
    /// first and the product added with beta 1. Both give the same bits. C may be residual itself (ldr = ldc).
    @inline(__always)
    public static func multiply(
        transA: Bool, transB: Bool, _ M: Int, _ N: Int, _ K: Int,
        _ A: UnsafePointer<Float>, _ lda: Int, _ B: UnsafePointer<Float>, _ ldb: Int,
        bias: UnsafePointer<Float>?, residual: UnsafePointer<Float>?, _ ldr: Int,
        _ C: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        guard bias != nil || residual != nil else {
            multiply(transA: transA, transB: transB, M, N, K, alpha: 1, A, lda, B, ldb, beta: 0, C, ldc)
            return
        }
        let engine = GEMM.engine(M, N, K)
        if engine == .kernels {
            sk_sgemm_add(transA ? 1 : 0, transB ? 1 : 0, Int32(M), Int32(N), Int32(K), A, Int32(lda), B, Int32(ldb),
                         bias, residual, Int32(ldr), C, Int32(ldc))
            return
        }
        for r in 0..<M {
            let o = C + r * ldc
            if let residual {
                let res = residual + r * ldr
                if let bias { Vector.add(o, res, bias, N) } else if res != UnsafePointer(o) { o.update(from: res, count: N) }
            } else if let bias {
                o.update(from: bias, count: N)
            }
        }
        multiply(transA: transA, transB: transB, M, N, K, alpha: 1, A, lda, B, ldb, beta: 1, C, ldc, engine: engine)
    }
}
