import DataFiles
import Foundation

/// The cache of pretrained base checkpoints: `<dir>/<hash>.ckpt` plus a sidecar `<dir>/<hash>.json` holding the
/// base config, its hash, the command that made it, its probe and the SHA-256 of the checkpoint file.
/// A checkpoint is used only when the sidecar's checksum matches the file; otherwise it is rebuilt from scratch.
/// Checkpoints are looked up in `directories` in order (see BaseLocations); missing ones are built in the first.
public struct BaseStore: Sendable {
    public let directories: [String]

    /// Where missing bases are built (and locked while building).
    public var directory: String { directories[0] }

    public init(directory: String) { self.init(directories: [directory]) }

    public init(directories: [String]) {
        precondition(!directories.isEmpty, "a base store needs a directory")
        self.directories = directories
    }

    public func checkpointPath(_ hash: String, in dir: String? = nil) -> String { "\(dir ?? directory)/\(hash).ckpt" }
    public func sidecarPath(_ hash: String, in dir: String? = nil) -> String { "\(dir ?? directory)/\(hash).json" }
    public func lockPath(_ hash: String) -> String { "\(directory)/.\(hash).lock" }

    public enum State: Sendable, Equatable {
        case missing
        case valid
        /// Present but unusable (checksum mismatch, unreadable sidecar): rebuilt when needed.
        case invalid(String)
    }

    /// Whether a usable checkpoint is cached in any directory; else the state in the home directory (reads and
    /// checksums the files, a few MB at most).
    public func state(_ base: BaseSpec) -> State {
        if validDirectory(base) != nil { return .valid }
        return state(base, in: directory)
    }

    /// The first directory holding a valid checkpoint of `base`.
    public func validDirectory(_ base: BaseSpec) -> String? {
        directories.first { state(base, in: $0) == .valid }
    }

    /// The checkpoint to load: the valid copy, or where a build writes it.
    public func checkpoint(_ base: BaseSpec) -> String { checkpointPath(base.hash, in: validDirectory(base)) }

    func state(_ base: BaseSpec, in dir: String) -> State {
        let hash = base.hash
        let ckpt = checkpointPath(hash, in: dir), sidecar = sidecarPath(hash, in: dir)
        guard FileManager.default.fileExists(atPath: ckpt) else { return .missing }
        guard let info = try? JSONLines.object(fromFile: sidecar), let sum = info["sha256"] as? String else {
            return .invalid("\(sidecar): missing or unreadable sidecar")
        }
        guard info["hash"] as? String == hash else { return .invalid("\(sidecar): sidecar is for another base") }
        guard let data = FileManager.default.contents(atPath: ckpt) else { return .invalid("\(ckpt): cannot read") }
        guard SHA256.hex(data) == sum else { return .invalid("\(ckpt): checksum mismatch (file changed or truncated)") }
        return .valid
    }

    /// The number of sealed checkpoints (`<hash>.ckpt` with its sidecar) in `dir`, for the plan's text.
    func checkpointCount(in dir: String) -> Int {
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
        return names.filter { $0.hasSuffix(".ckpt") && names.contains(String($0.dropLast(5)) + ".json") }.count
    }

    /// The sidecar's recorded fields (probe accuracy, tokens/s, command), when the base is valid.
    public func info(_ base: BaseSpec) -> [String: Any]? {
        guard let dir = validDirectory(base) else { return nil }
        return try? JSONLines.object(fromFile: sidecarPath(base.hash, in: dir))
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
