import Synchronization

/// Whether a lease started before its deadline: exactly one of `start()` and `expire()` wins, so a
/// transaction never runs after its caller was told the database is unavailable.
final class LeaseDeadline: Sendable {
    private enum State { case waiting, started, expired }
    private let state = Mutex(State.waiting)

    /// True when the lease may go ahead (the deadline has not passed).
    func start() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .started
            return true
        }
    }

    /// True when the deadline passed before the lease started.
    func expire() -> Bool {
        state.withLock { state in
            guard state == .waiting else { return false }
            state = .expired
            return true
        }
    }
}
