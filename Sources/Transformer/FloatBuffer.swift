import Foundation

/// One flat, zero-initialised Float allocation owned by a class (freed on deinit). It comes from calloc, so pages
/// that are never written never become resident.
///
/// Parameters, gradients, Adam moments and activations each live in one of these; named views point into it.
public final class FloatBuffer {
    public let base: UnsafeMutablePointer<Float>
    public let count: Int

    public init(count: Int) {
        self.count = count
        guard let raw = calloc(max(count, 1), MemoryLayout<Float>.stride) else {
            // Commands check a model's memory (`MemoryEstimate`) before allocating it; if the system still refuses,
            // stop the way every other failure does: one line, exit 1, no backtrace.
            let line = "error: out of memory: cannot allocate \(count) floats (\(MemoryEstimate.text(4 * Double(count))))\n"
            FileHandle.standardError.write(Data(line.utf8))
            exit(1)
        }
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    deinit { free(base) }

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
