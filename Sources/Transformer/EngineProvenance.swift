import Foundation

/// What computed a result besides its config: the kernel path, the attention kernel, the GEMM engines, OpenBLAS's
/// kernel set and the CPU. Equal values give bit-identical results at any thread count; results made under different
/// values may differ in the last bits (and, rarely, in a sampled token), so every base and run records them
/// (`engine` in result.json and the base's sidecar) and `scaling bench` prints them.
public enum EngineProvenance {
    /// The fields' names, in the order `scaling bench` prints them.
    public static let names = ["kernels", "attention", "gemm", "gemm_large", "openblas_core", "cpu"]

    /// The fields, by name.
    public static var fields: [String: String] {
        ["kernels": KernelPath.current.description,
         "attention": Attention.kernel.rawValue,
         "gemm": GEMM.engine.rawValue,
         "gemm_large": GEMM.engine(GEMM.largeProduct, GEMM.largeProduct, GEMM.largeProduct).rawValue,
         "openblas_core": GEMM.openBLASCore,
         "cpu": cpu]
    }

    /// The CPU's model name with its family and model numbers (Linux /proc/cpuinfo), e.g. "Intel(R) Xeon(R)
    /// Processor (family 6, model 167)"; "unknown" where that file is not there.
    public static let cpu: String = {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        var values: [String: String] = [:]
        // The first processor's block ends at the first blank line; the others repeat it.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, values[parts[0]] == nil else { continue }
            values[parts[0]] = parts[1]
        }
        let name = values["model name"] ?? values["CPU part"] ?? "unknown"
        guard let family = values["cpu family"], let model = values["model"] else { return name }
        return "\(name) (family \(family), model \(model))"
    }()
}
