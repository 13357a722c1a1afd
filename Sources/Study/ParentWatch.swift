#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CProcessControl
import Foundation

/// Makes a child process (`scaling sweep run` started by the local executor) die with its parent, so that a
/// killed sweep, even by `kill -9`, never leaves a run going that the next sweep would find locked.
public enum ParentWatch {
    /// Call first thing in the child with the executor's pid. On Linux the kernel sends SIGKILL the moment the
    /// parent dies (PR_SET_PDEATHSIG); the parent may already have died before that was set, so `getppid()` is
    /// checked afterwards. Elsewhere (and as a fallback) a thread checks `getppid()` every half second.
    public static func dieWith(parent: Int32) {
        _ = scaling_set_parent_death_signal(SIGKILL)
        if getppid() != parent { die() }
        Thread.detachNewThread {
            while true {
                usleep(500_000)
                if getppid() != parent { die() }
            }
        }
    }

    private static func die() -> Never {
        kill(getpid(), SIGKILL)
        _exit(137)
    }
}
