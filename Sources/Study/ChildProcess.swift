import Foundation

/// A `scaling sweep run` child process: its stdout carries progress lines, its stderr is kept for failures.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let readers = DispatchGroup()
    private let lock = NSLock()
    private var errorTail: [String] = []

    init(executable: String, arguments: [String], threads: Int, board: ProgressBoard, ended: EndedQueue, hash: String) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_NUM_THREADS"] = String(threads)
        env["OMP_NUM_THREADS"] = String(threads)
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.terminationHandler = { _ in ended.push(hash) }
        try process.run()
        readLines(out.fileHandleForReading) { line in
            if let p = MachineProgress.parse(line) { board.progress(hash, p) }
        }
        readLines(err.fileHandleForReading) { [weak self] line in
            guard let self else { return }
            self.lock.withLock {
                self.errorTail.append(line)
                if self.errorTail.count > 5 { self.errorTail.removeFirst() }
            }
        }
    }

    /// The exit status, or the signal and true when a signal ended the process.
    var termination: (Int32, Bool) { (process.terminationStatus, process.terminationReason == .uncaughtSignal) }

    /// The last non-empty line the child wrote to stderr (its error message, if it failed).
    var lastError: String { lock.withLock { errorTail.last { !$0.isEmpty } ?? "" } }

    /// Waits until both output pipes are drained.
    func finish() { readers.wait() }

    private func readLines(_ handle: FileHandle, _ body: @escaping @Sendable (String) -> Void) {
        readers.enter()
        Thread.detachNewThread { [readers] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let nl = buffer.firstIndex(of: 10) {
                    body(String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...nl)
                }
            }
            if !buffer.isEmpty { body(String(decoding: buffer, as: UTF8.self)) }
            readers.leave()
        }
    }
}
