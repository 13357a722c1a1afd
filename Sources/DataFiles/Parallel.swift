import Dispatch

/// Runs `body(i)` for every `i` in `0..<count` on Dispatch's pool and waits: the toolkit's one parallel loop (the
/// trainer's kernels split their rows with it, `scaling eval` grades with it).
///
/// `body` must write only disjoint state (its own rows, its own slot of a preallocated buffer); that is what makes
/// the unchecked hand-over to Dispatch safe. The body is not `@Sendable` because the kernels' closures capture raw
/// pointers, which Swift cannot prove disjoint.
@inlinable
public func parallelFor(_ count: Int, _ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: count) { work.value($0) }
    }
}

/// Carries a value into a @Sendable closure when the caller guarantees the accesses do not race.
@usableFromInline
struct UncheckedSendable<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}
