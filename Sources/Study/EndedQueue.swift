import Foundation

/// Hashes of child processes that ended, in order; `next()` blocks until there is one.
final class EndedQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let available = DispatchSemaphore(value: 0)
    private var hashes: [String] = []

    func push(_ hash: String) {
        lock.withLock { hashes.append(hash) }
        available.signal()
    }

    func next() -> String {
        available.wait()
        return lock.withLock { hashes.removeFirst() }
    }
}
