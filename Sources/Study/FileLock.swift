#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DataFiles

/// An advisory lock on a file (flock). The kernel drops it when the process dies, even by kill -9, so a
/// crashed run never leaves a stale lock behind: used for "this run / base is being computed" and for
/// rebuilding the study-level result files from several processes.
final class FileLock {
    private let fd: Int32

    /// Takes the lock, waiting for another holder when `wait`; returns nil when it is held and `wait` is false.
    init?(path: String, wait: Bool = true) throws {
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ToolError("cannot open lock file \(path): \(String(cString: strerror(errno)))") }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            close(fd)
            return nil
        }
    }

    /// Whether someone holds the lock right now (without taking it for longer than the check).
    static func isHeld(path: String) -> Bool {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 { return true }
        flock(fd, LOCK_UN)
        return false
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
