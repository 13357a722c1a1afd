import Foundation

/// One flat, zero-initialised Float allocation owned by a class (freed on deinit). It comes from calloc, so pages
/// that are never written never become resident, and starts on a 64-byte boundary: glibc's calloc returns large
/// blocks 16 bytes past a page start, which made every 64-byte vector load of a row straddle two cache lines
/// (our GEMM at the study's shapes ran 4-13% faster aligned, docs/engine.md).
///
/// Parameters, gradients, Adam moments and activations each live in one of these; named views point into it.
public final class FloatBuffer {
    public let base: UnsafeMutablePointer<Float>
    public let count: Int
    /// What calloc returned (base is the first 64-byte boundary at or after it).
    private let raw: UnsafeMutableRawPointer

    /// The alignment of `base`: a cache line, and one AVX-512 vector.
    public static let alignment = 64

    public init(count: Int) {
        self.count = count
        let padding = Self.alignment / MemoryLayout<Float>.stride
        guard let raw = calloc(max(count, 1) + padding, MemoryLayout<Float>.stride) else {
            // Commands check a model's memory (`MemoryEstimate`) before allocating it; if the system still refuses,
            // stop the way every other failure does: one line, exit 1, no backtrace.
            let line = "error: out of memory: cannot allocate \(count) floats (\(MemoryEstimate.text(4 * Double(count))))\n"
            FileHandle.standardError.write(Data(line.utf8))
            exit(1)
        }
        self.raw = raw
        let offset = (Self.alignment - Int(bitPattern: raw) % Self.alignment) % Self.alignment
        base = (raw + offset).bindMemory(to: Float.self, capacity: max(count, 1))
    }

    deinit { free(raw) }

    /// Sets every element to zero.
    public func zero() { base.update(repeating: 0, count: count) }

    /// The values as an array (for tests, checkpoints and comparisons; allocates).
    public var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Copies `values` (exactly `count` of them) into the buffer.
    public func copy(from values: [Float]) {
        precondition(values.count == count, "FloatBuffer.copy: \(values.count) values for \(count) slots")
        values.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: count) }
    }

    /// Bytes held, for memory accounting.
    public var byteCount: Int { count * MemoryLayout<Float>.stride }
}
