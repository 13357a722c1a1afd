import DataFiles
import Foundation

/// The gnuplot program: found on PATH (or given explicitly), asked which terminals it has, and run on a
/// script in the script's own directory.
public struct Gnuplot: Sendable {
    /// The gnuplot executable.
    public var executable: String
    /// The PNG terminal to use: `pngcairo` when gnuplot has it, else libgd's plain `png`.
    public var pngTerminal: String

    /// The one-line error when there is no gnuplot.
    public static let installHint = "install it with 'sudo apt-get install gnuplot-nox' (or 'make deps')"

    /// Finds gnuplot: `$SCALING_GNUPLOT` when set, else the first `gnuplot` on `searchPath` (default: $PATH),
    /// and checks its terminals. Throws a `ToolError` that says how to install gnuplot when there is none.
    public static func locate(explicit: String? = ProcessInfo.processInfo.environment["SCALING_GNUPLOT"],
                              searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) throws -> Gnuplot {
        let executable: String
        if let explicit, !explicit.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw ToolError("gnuplot not found at SCALING_GNUPLOT=\(explicit): \(installHint)")
            }
            executable = explicit
        } else {
            let directories = (searchPath ?? "").split(separator: ":").map(String.init)
            guard let found = directories.map({ $0 + "/gnuplot" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw ToolError("gnuplot not found on PATH: \(installHint)")
            }
            executable = found
        }
        let terminals = try run(executable, ["-e", "set print '-'; print GPVAL_TERMINALS"], in: nil)
        guard terminals.status == 0 else {
            throw ToolError("\(executable) does not run: \(firstLine(terminals.stderr)); \(installHint)")
        }
        let names = Set(terminals.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        guard names.contains("png") || names.contains("pngcairo") else {
            throw ToolError("\(executable) has no png terminal: \(installHint)")
        }
        return Gnuplot(executable: executable, pngTerminal: names.contains("pngcairo") ? "pngcairo" : "png")
    }

    /// Renders `script` (a file name in `directory`) to `output` (a file name in the same directory) and
    /// returns gnuplot's warnings. The image is written under a temporary name and renamed into place, so an
    /// interrupted run never leaves half an image.
    public func render(script: String, in directory: String, format: ImageFormat, output: String) throws -> [String] {
        let temporary = ".\(output).\(getpid()).tmp"
        let temporaryPath = directory + "/" + temporary
        defer { try? FileManager.default.removeItem(atPath: temporaryPath) }
        let settings = "fmt='\(format.rawValue)'; out='\(temporary)'; pngterm='\(pngTerminal)'"
        let result = try Gnuplot.run(executable, ["-e", settings, script], in: directory)
        let messages = result.stderr.split(separator: "\n").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
        let size = (try? FileManager.default.attributesOfItem(atPath: temporaryPath)[.size] as? Int) ?? 0
        guard result.status == 0, size > 0 else {
            let reason = messages.first { $0.contains("line") || $0.contains("error") } ?? messages.first ?? "no image written"
            throw ToolError("gnuplot failed on \(directory)/\(script): \(reason)")
        }
        if rename(temporaryPath, directory + "/" + output) != 0 {
            throw ToolError("cannot write \(directory)/\(output): \(String(cString: strerror(errno)))")
        }
        return messages
    }

    static func firstLine(_ text: String) -> String {
        text.split(separator: "\n").first.map { String($0).trimmingWhitespace() } ?? "no output"
    }

    static func run(_ executable: String, _ arguments: [String], in directory: String?) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try ExternalCommand.run(executable, arguments, in: directory)
        return (r.status, r.stdout, r.stderr)
    }
}
