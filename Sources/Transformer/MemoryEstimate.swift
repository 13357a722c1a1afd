import DataFiles
import Foundation

/// The memory a model of a shape needs, computed in floating point from the shape alone (no allocation, no
/// integer overflow for absurd shapes), so a command can refuse a model that cannot fit before allocating it.
///
/// It counts exactly the buffers the trainer allocates: parameters, gradients and the two AdamW moments (4N
/// floats, N = `GPTConfig.parameterCount`), the activations of a batch (`Activations`), and, when the model
/// samples, the KV cache (`SamplingSettings.cacheBudgetBytes`, at least one sample row).
public struct MemoryEstimate: Sendable, Equatable {
    /// Parameters N.
    public var parameters: Double
    /// Bytes of parameters, gradients and AdamW moments (4N floats).
    public var modelBytes: Double
    /// Bytes of the activations of one batch (forward and backward scratch) and the token arrays.
    public var activationBytes: Double
    /// Bytes of the sampling KV cache (0 without sampling).
    public var samplingBytes: Double
    /// Bytes of training data held in memory (the caller's estimate; 0 unless set).
    public var dataBytes: Double = 0

    public var totalBytes: Double { modelBytes + activationBytes + samplingBytes + dataBytes }

    /// The estimate for training `config` with batches of `batch` rows (and sampling from it when `sampling`).
    public init(_ config: GPTConfig, batch: Int, sampling: Bool = false, cacheBudgetBytes: Int = 256 << 20) {
        let (V, T, C, L, H) = (Double(config.vocabSize), Double(config.contextLength), Double(config.width),
                               Double(config.layers), Double(config.heads))
        let B = Double(max(batch, 1)), N = B * T
        // ParameterLayout: wte, wpe, per layer 12 C^2 + 13 C (qkv, projection, MLP, two LayerNorms), final LayerNorm.
        parameters = V * C + T * C + L * (12 * C * C + 13 * C) + 2 * C
        modelBytes = 4 * parameters * 4
        // Activations: per layer N (16 C + 4) + B H T^2; embeddings, final LayerNorm, logits, losses, mask and the
        // backward scratch; tokens, positions and targets as Int32.
        let perLayer = N * (16 * C + 4) + B * H * T * T
        let floats = N * C + L * perLayer + N * C + 2 * N + N * V + 2 * N + N * C + 4 * N * C + N * C
            + Double(Threads.maximum) * T * T
        activationBytes = 4 * floats + 3 * 4 * N
        samplingBytes = sampling ? max(Double(cacheBudgetBytes), 2 * L * T * C * 4) : 0
    }

    /// One line: `290 MB (parameters, gradients and AdamW moments 1.8 MB, activations 32 MB, sampling cache 256 MB)`.
    public var summary: String {
        var parts = ["parameters, gradients and AdamW moments \(MemoryEstimate.text(modelBytes))",
                     "activations \(MemoryEstimate.text(activationBytes))"]
        if samplingBytes > 0 { parts.append("sampling cache \(MemoryEstimate.text(samplingBytes))") }
        if dataBytes > 0 { parts.append("data \(MemoryEstimate.text(dataBytes))") }
        return "\(MemoryEstimate.text(totalBytes)) (" + parts.joined(separator: ", ") + ")"
    }

    /// Throws a one-line error naming `what` when the estimate exceeds the memory available to this process.
    public func check(_ what: String, available: Double? = MemoryEstimate.availableBytes()) throws {
        guard let available else { return }
        if totalBytes > available {
            throw ToolError("\(what) needs about \(summary), more than the \(MemoryEstimate.text(available)) of memory available")
        }
    }

    /// `1.2 GB`, `340 MB`, `12 kB`.
    public static func text(_ bytes: Double) -> String {
        if !bytes.isFinite || bytes >= 1e15 { return String(format: "%.1e bytes", bytes) }
        for (unit, size) in [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)] where bytes >= size {
            return String(format: bytes / size >= 100 ? "%.0f" : "%.1f", bytes / size) + " " + unit
        }
        return "\(Int(bytes)) bytes"
    }

    /// Memory this process may still use: `MemAvailable` of /proc/meminfo on Linux, else the physical memory
    /// (`ProcessInfo.physicalMemory`, which macOS also reports through sysctl hw.memsize).
    public static func availableBytes() -> Double? {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let fields = line.split(separator: " ")
                if fields.count >= 2, let kB = Double(fields[1]) { return kB * 1024 }
            }
        }
        let physical = Double(ProcessInfo.processInfo.physicalMemory)
        return physical > 0 ? physical : nil
    }
}
