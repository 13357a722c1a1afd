import Dispatch

/// Runs `body(i)` for every `i` in `0..<count` on all cores and waits. `body` must write only disjoint state
/// (its own slot of a preallocated buffer); that is what makes the unchecked hand-over to Dispatch safe.
func parallelFor(_ count: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
        let task = UncheckedSendable(value: body)
        DispatchQueue.concurrentPerform(iterations: count) { task.value($0) }
    }
}

private struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
}
