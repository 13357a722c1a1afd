import Foundation
import XCTest

/// Runs the built `scaling` binary as a subprocess: the CLI tested end to end, as a user calls it.
enum CLI {
    /// The `scaling` executable: `$SCALING_BIN`, else the one in SwiftPM's build products directory, next to
    /// the test bundle (build it first: `make test` does).
    static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["SCALING_BIN"] { return URL(fileURLWithPath: path) }
        for bundle in [Bundle.main] + Bundle.allBundles {
            var dir = bundle.bundleURL
            for _ in 0..<3 {
                let url = dir.appendingPathComponent("scaling")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
                dir = dir.deletingLastPathComponent()
            }
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("scaling")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `scaling args...` (or another `program`) in `directory` and returns its exit status and output;
    /// `environment` overrides variables of this process's environment.
    static func run(_ args: [String], in directory: String? = nil, environment: [String: String] = [:],
                    program: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = program ?? executable
        process.arguments = args
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory for one test.
    static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-cli-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}

final class TopLevelCLITests: XCTestCase {
    func testHelpVersionAndUsageErrors() throws {
        let help = try CLI.run(["--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("COMMANDS:"))
        XCTAssertTrue(help.stdout.contains("fit"))
        let version = try CLI.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("scaling "))
        let bad = try CLI.run(["fit", "--no-such-flag"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("unknown option '--no-such-flag'"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("see 'scaling fit --help'"), bad.stderr)
        let unknown = try CLI.run(["frobnicate"])
        XCTAssertEqual(unknown.status, 2)
    }
}
