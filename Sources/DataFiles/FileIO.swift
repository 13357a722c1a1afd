import Foundation

/// Reading input files and writing results atomically.
///
/// Results are never written in place: `writeAtomically` writes a temporary file in the same directory and
/// renames it over the target, so a killed process leaves either the old file or the new one, never half of one.
public enum FileIO {
    /// The whole file as UTF-8 text, or an `InputError` that names it.
    public static func readText(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, "no such file") }
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: path, "cannot read file") }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: path, "not UTF-8 text") }
        return text
    }

    /// Writes `data` to `path` through a temporary file and a rename; creates missing parent directories.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw ToolError("cannot write \(temporary.path)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ToolError("cannot write \(path): \(reason)")
        }
    }

    /// Writes text atomically (see `writeAtomically(_:to:)`).
    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Appends lines to a text file atomically: the file is rewritten through a temporary file, so a reader
    /// never sees a half-written line. Meant for small results files (one line per finished run).
    public static func appendAtomically(_ lines: [String], to path: String) throws {
        var text = FileManager.default.fileExists(atPath: path) ? try readText(path) : ""
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        for line in lines { text += line + "\n" }
        try writeAtomically(text, to: path)
    }
}

/// Standard error output, for progress lines and diagnostics.
public enum StandardError {
    public static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
