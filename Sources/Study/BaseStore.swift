import DataFiles
import Foundation

/// The cache of pretrained base checkpoints: `<dir>/<hash>.ckpt` plus a sidecar `<dir>/<hash>.json` holding the
/// base config, its hash, the command that made it, its probe and the SHA-256 of the checkpoint file.
/// A checkpoint is used only when the sidecar's checksum matches the file; otherwise it is rebuilt from scratch.
public struct BaseStore: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    public func checkpointPath(_ hash: String) -> String { "\(directory)/\(hash).ckpt" }
    public func sidecarPath(_ hash: String) -> String { "\(directory)/\(hash).json" }
    public func lockPath(_ hash: String) -> String { "\(directory)/.\(hash).lock" }

    public enum State: Sendable, Equatable {
        case missing
        case valid
        /// Present but unusable (checksum mismatch, unreadable sidecar): rebuilt when needed.
        case invalid(String)
    }

    /// Whether a usable checkpoint is cached; reads and checksums the file (a few MB at most).
    public func state(_ base: BaseSpec) -> State {
        let hash = base.hash
        let ckpt = checkpointPath(hash), sidecar = sidecarPath(hash)
        guard FileManager.default.fileExists(atPath: ckpt) else { return .missing }
        guard let info = try? JSONLines.object(fromFile: sidecar), let sum = info["sha256"] as? String else {
            return .invalid("\(sidecar): missing or unreadable sidecar")
        }
        guard info["hash"] as? String == hash else { return .invalid("\(sidecar): sidecar is for another base") }
        guard let data = FileManager.default.contents(atPath: ckpt) else { return .invalid("\(ckpt): cannot read") }
        guard SHA256.hex(data) == sum else { return .invalid("\(ckpt): checksum mismatch (file changed or truncated)") }
        return .valid
    }

    /// The sidecar's recorded fields (probe accuracy, tokens/s, command), when the base is valid.
    public func info(_ base: BaseSpec) -> [String: Any]? {
        guard state(base) == .valid else { return nil }
        return try? JSONLines.object(fromFile: sidecarPath(base.hash))
    }

    /// Records a freshly written checkpoint: checksums the file and writes the sidecar atomically (last, so a
    /// killed build leaves no sidecar and the checkpoint is rebuilt).
    public func seal(_ base: BaseSpec, command: String, extra: [String: Any]) throws {
        let ckpt = checkpointPath(base.hash)
        guard let data = FileManager.default.contents(atPath: ckpt) else { throw ToolError("cannot read \(ckpt)") }
        var info = extra
        info["hash"] = base.hash
        info["config"] = base.canonical
        info["command"] = command
        info["sha256"] = SHA256.hex(data)
        info["bytes"] = data.count
        let json = try JSONSerialization.data(withJSONObject: info, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        try FileIO.writeAtomically(String(decoding: json, as: UTF8.self) + "\n", to: sidecarPath(base.hash))
    }
}
