import Foundation

/// Where a study looks for cached base checkpoints, and where it builds missing ones.
///
/// Bases are named by the hash of what they compute and verified by checksum, so looking them up in several
/// directories is safe. New bases are built in `home`; `directories` (home first) are searched in order.
/// The first rule that applies decides:
///
/// 1. `--bases DIR[:DIR...]` on the command line, then 2. the `SCALING_BASES` environment variable (same form):
///    exactly these directories, the first is home;
/// 3. a `bases` field in the study config other than the default: that directory (relative to the study);
/// 4. the default: home is the study's `../bases` (next to the study, as in `notebooks-data/`), and when the
///    command runs inside the repository (a directory above the current one holds `Package.swift` and
///    `notebooks-data/bases`), the shipped `notebooks-data/bases` is searched too, without ever writing there.
public struct BaseLocations: Sendable, Equatable {
    /// Why a directory is on the list (printed by the plan).
    public enum Origin: String, Sendable {
        case option = "--bases"
        case environment = "SCALING_BASES"
        case config = "the config's \"bases\""
        case studySibling = "the study's ../bases"
        case repository = "the repository's shipped bases, found from the current directory"
    }

    /// Absolute directories, home first.
    public let directories: [String]
    public let origins: [Origin]

    /// Where missing bases are built.
    public var home: String { directories[0] }

    /// The environment variable holding a base search list.
    public static let environmentVariable = "SCALING_BASES"

    /// The locations for the study at `studyPath` (see the type's rules). `configured` is the config's `bases`
    /// field; `explicit` the command line's `--bases` value. Pure: the caller passes the environment and the
    /// current directory.
    public static func resolve(studyPath: String, configured: String, explicit: String?,
                               environment: [String: String], currentDirectory: String) -> BaseLocations {
        func absolute(_ path: String, from base: String) -> String {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
            return url.standardizedFileURL.path
        }
        func list(_ text: String, origin: Origin) -> BaseLocations? {
            let dirs = text.split(separator: ":").map { absolute(String($0), from: currentDirectory) }
            return dirs.isEmpty ? nil : BaseLocations(directories: dirs, origins: dirs.map { _ in origin })
        }
        if let explicit, let found = list(explicit, origin: .option) { return found }
        if let value = environment[environmentVariable], let found = list(value, origin: .environment) { return found }
        let study = absolute(studyPath, from: currentDirectory)
        if configured != StudyConfig.defaultBasesDirectory {
            return BaseLocations(directories: [absolute(configured, from: study)], origins: [.config])
        }
        var dirs = [absolute(configured, from: study)], origins = [Origin.studySibling]
        if let shipped = repositoryBases(from: currentDirectory), !dirs.contains(shipped) {
            dirs.append(shipped)
            origins.append(.repository)
        }
        return BaseLocations(directories: dirs, origins: origins)
    }

    /// `notebooks-data/bases` of the nearest directory at or above `directory` that holds `Package.swift` and
    /// `notebooks-data/bases` (the scaling repository, when the command runs inside it).
    static func repositoryBases(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let bases = url.appendingPathComponent("notebooks-data/bases").path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: bases, isDirectory: &isDirectory), isDirectory.boolValue {
                return bases
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }

    /// The `--bases` value that makes another process (a child run, a cluster job) see exactly these locations.
    public var argument: String { directories.joined(separator: ":") }

    /// What the plan prints: each directory, why it is searched, and how many checkpoints it holds.
    public func description(counting store: BaseStore) -> String {
        var out = ""
        for (i, (dir, origin)) in zip(directories, origins).enumerated() {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) && isDirectory.boolValue
            let count = exists ? store.checkpointCount(in: dir) : 0
            out += "  looked in \(dir) (\(origin.rawValue)\(i == 0 ? "; missing bases are built here" : "")): "
                + (exists ? "\(count) checkpoint(s)" : "does not exist yet") + "\n"
        }
        return out
    }
}
