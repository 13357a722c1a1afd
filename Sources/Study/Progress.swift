#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DataFiles
import Foundation

/// Where a run is: phase (`pretrain`, `sft`, `eval`), fraction done, the latest loss and speed.
public struct RunProgress: Sendable {
    public var run: String
    public var phase: String
    public var fraction: Double
    public var loss: Double?
    public var tokensPerSecond: Double?
    /// The fraction already done when this process started (a resumed base build): not work done at this speed.
    public var startFraction: Double

    public init(run: String, phase: String, fraction: Double, loss: Double? = nil, tokensPerSecond: Double? = nil,
                startFraction: Double = 0) {
        self.run = run
        self.phase = phase
        self.fraction = fraction
        self.loss = loss
        self.tokensPerSecond = tokensPerSecond
        self.startFraction = startFraction
    }

    /// `sft 45% loss 0.831 52.1K tok/s`
    var text: String {
        var s = "\(phase) \(Int((fraction * 100).rounded()))%"
        if let loss { s += String(format: " loss %.3f", loss) }
        if let t = tokensPerSecond { s += " \(Format.count(t)) tok/s" }
        return s
    }
}

/// Receives progress from a running run.
public protocol ProgressSink: AnyObject {
    func update(_ progress: RunProgress)
}

/// One status line on stderr: rewritten in place with `\r` on a terminal, one line per update (at most every
/// 10 s) otherwise, so logs stay readable.
public final class StatusLine: ProgressSink {
    private let isTerminal = isatty(2) != 0
    private var lastWrite = Date.distantPast
    private var lastText = ""
    var prefix: () -> String
    var suffix: () -> String

    public init() {
        prefix = { "" }
        suffix = { "" }
    }

    public func update(_ progress: RunProgress) {
        show(prefix() + progress.run + " " + progress.text + suffix())
    }

    /// Shows `text` (throttled when not a terminal, unless `force`).
    func show(_ text: String, force: Bool = false) {
        let now = Date()
        if isTerminal {
            guard force || now.timeIntervalSince(lastWrite) > 0.2 else { return }
            let width = 118
            let line = text.count > width ? String(text.prefix(width)) : text.padding(width)
            StandardError.write("\r" + line)
        } else {
            guard force || now.timeIntervalSince(lastWrite) > 10, text != lastText else { return }
            StandardError.write(text + "\n")
        }
        lastWrite = now
        lastText = text
    }

    /// Ends the line on a terminal (before other output).
    func finish() {
        if isTerminal && !lastText.isEmpty { StandardError.write("\n") }
        lastText = ""
    }
}

/// Progress as JSON lines `{"progress": ...}` on stdout, for the executor that runs `sweep run` as a child. Exits
/// when the parent is gone (its pid changes), so a killed sweep does not leave orphans computing.
public final class MachineProgress: ProgressSink {
    private let parent = getppid()
    private var lastWrite = Date.distantPast

    public init() {}

    public func update(_ progress: RunProgress) {
        if getppid() != parent { exit(3) }
        let now = Date()
        guard now.timeIntervalSince(lastWrite) > 0.5 || progress.fraction >= 1 else { return }
        lastWrite = now
        var o: [String: Any] = ["run": progress.run, "phase": progress.phase, "fraction": progress.fraction]
        if let l = progress.loss, l.isFinite { o["loss"] = l }
        if let t = progress.tokensPerSecond, t.isFinite { o["tokens_per_s"] = t }
        if progress.startFraction > 0 { o["start_fraction"] = progress.startFraction }
        if let line = try? JSONLines.line(["progress": o]) {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
    }

    /// Parses a line written by `update`, or nil for any other output.
    static func parse(_ line: String) -> RunProgress? {
        guard line.hasPrefix("{\"progress\""), let o = try? JSONLines.object(from: line, file: "", line: 0),
              let p = o["progress"] as? [String: Any], let run = p["run"] as? String, let phase = p["phase"] as? String,
              let f = p["fraction"].flatMap(FieldReader.number) else { return nil }
        return RunProgress(run: run, phase: phase, fraction: f, loss: p["loss"].flatMap(FieldReader.number),
                           tokensPerSecond: p["tokens_per_s"].flatMap(FieldReader.number),
                           startFraction: p["start_fraction"].flatMap(FieldReader.number) ?? 0)
    }
}
