import Foundation
import Synchronization

/// Whether a call is waiting for another process's lock, and since when. The store reports each
/// retry of a refused lock; the terminal app shows the wait, so a save held up by another program
/// never looks like a frozen screen. (The store gives up after its own bound, with a message that
/// says why.) A wait is over when its retries stop: no retry for `quiet` means nothing waits.
public final class LockWait: Sendable {
    private struct Wait {
        var start: ContinuousClock.Instant
        var lastRetry: ContinuousClock.Instant
    }

    private let wait = Mutex<Wait?>(nil)
    /// How long without a retry ends a wait (the store retries far more often).
    public let quiet: Duration

    public init(quiet: Duration = .milliseconds(250)) { self.quiet = quiet }

    /// The lock was refused once more: a wait begins, or goes on.
    public func retrying(at now: ContinuousClock.Instant = .now) {
        wait.withLock { current in
            if let ongoing = current, now - ongoing.lastRetry < quiet {
                current?.lastRetry = now
            } else {
                current = Wait(start: now, lastRetry: now)
            }
        }
    }

    /// How long the current wait has lasted, or nil when nothing waits.
    public func waited(at now: ContinuousClock.Instant = .now) -> Duration? {
        wait.withLock { current in
            guard let ongoing = current, now - ongoing.lastRetry < quiet else { return nil }
            return now - ongoing.start
        }
    }
}

extension Store {
    /// Where this store reports waits for another process's lock; nil for stores that have none to
    /// report.
    public var lockWait: LockWait? { nil }
}
