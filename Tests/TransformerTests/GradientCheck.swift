import XCTest
@testable import Transformer

/// Finite differences against an analytic gradient, over every entry of a Float tensor.
///
/// Fourth-order central differences (f(x±h), f(x±2h)) keep the truncation error far below fp32 round-off at
/// h = 1e-2, so the tolerance can be tight enough to catch a 1% error in any single path. The error is measured
/// relative to the tensor's largest gradient entry, which is robust to entries that are tiny by chance.
func assertGradientMatches(
    _ name: String, parameter p: UnsafeMutablePointer<Float>, count: Int, analytic: [Float],
    epsilon: Float = 1e-2, tolerance: Double = 3e-4, loss: () -> Double, file: StaticString = #filePath, line: UInt = #line
) {
    precondition(analytic.count == count)
    var numeric = [Double](repeating: 0, count: count)
    for i in 0..<count {
        let saved = p[i]
        func at(_ k: Float) -> Double {
            p[i] = saved + k * epsilon
            return loss()
        }
        let near = at(1) - at(-1), far = at(2) - at(-2)
        p[i] = saved
        numeric[i] = (8 * near - far) / (12 * Double(epsilon))
    }
    let scale = max(numeric.map(abs).max() ?? 0, 1e-6)
    var worst = 0.0, worstIndex = 0
    for i in 0..<count {
        let error = abs(Double(analytic[i]) - numeric[i]) / scale
        if error > worst { worst = error; worstIndex = i }
    }
    XCTAssertGreaterThan(numeric.map(abs).max() ?? 0, 1e-6, "[\(KernelPath.current)] \(name): gradient is zero, the check would be vacuous", file: file, line: line)
    XCTAssertLessThan(worst, tolerance,
                      "[\(KernelPath.current)] \(name)[\(worstIndex)]: analytic \(analytic[worstIndex]) vs numeric \(numeric[worstIndex]) (scale \(scale))",
                      file: file, line: line)
}

/// Deterministic pseudo-random Floats in [-scale, scale] for test inputs.
func randomFloats(_ n: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var state = seed
    return (0..<n).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale
    }
}

/// Runs `body` once on every kernel path this machine supports (portable, avx2, avx512), restoring the
/// default path afterwards. (`assertGradientMatches` names the path in its messages.)
func forEachKernelPath(_ body: (KernelPath) throws -> Void) rethrows {
    let original = KernelPath.current
    defer { KernelPath.use(original) }
    for path in KernelPath.supported {
        XCTAssertTrue(KernelPath.use(path))
        try body(path)
    }
}

/// Runs `body` once with each attention kernel (fused, fused-kept, blocked), restoring the default afterwards.
func forEachAttentionKernel(_ body: (Attention.Kernel) throws -> Void) rethrows {
    let original = Attention.chosenKernel
    defer { Attention.use(original) }
    for kernel in Attention.Kernel.allCases {
        Attention.use(kernel)
        try body(kernel)
    }
}
