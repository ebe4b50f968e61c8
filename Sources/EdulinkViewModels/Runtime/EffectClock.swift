import Synchronization

/// How the UI loop's runtime (`EffectBridge`) waits out an effect's delay. Injected so that tests
/// can pass one that does not wait.
public protocol EffectClock: Sendable {
    /// Suspends for `duration`; throws `CancellationError` when the waiting task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// Real time, through `Task.sleep`.
public struct SystemEffectClock: EffectClock {
    /// Creates the clock.
    public init() {}

    /// Sleeps for `duration` of continuous time.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
