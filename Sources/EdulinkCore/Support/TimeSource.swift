public import Foundation
import Synchronization

/// Where the service reads the current time. Injected so tests control time instead of sleeping.
public protocol TimeSource: Sendable {
    func now() -> Date
    /// A monotonic reading, for measuring how long something took (`end - start`); never goes back.
    /// Durations measured on it are the clock's, so a test clock measures no time at all and the
    /// figures built on them (latency percentiles, round trips) never depend on the machine's speed.
    func uptime() -> Duration
}

extension TimeSource {
    /// The time from `start` (an ``uptime()`` reading) to now, in nanoseconds.
    public func nanosecondsSince(_ start: Duration) -> Int64 {
        let elapsed = uptime() - start
        return elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
    }
}

/// The instant the process first read the real monotonic clock; readings are measured from it.
private let processEpoch = ContinuousClock.now

/// The real clock.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
    public func uptime() -> Duration { ContinuousClock.now - processEpoch }
}

/// A clock that only moves when told to; for tests and deterministic data generation.
public final class ManualTimeSource: TimeSource {
    private let current: Mutex<(date: Date, uptime: Duration)>

    public init(_ start: Date) { current = Mutex((start, .zero)) }

    public func now() -> Date { current.withLock { $0.date } }

    /// How far the clock has been advanced (a set backwards does not move it back).
    public func uptime() -> Duration { current.withLock { $0.uptime } }

    /// Moves the clock forward (or backward with a negative interval).
    public func advance(by interval: TimeInterval) {
        current.withLock {
            $0.date = $0.date.addingTimeInterval(interval)
            if interval > 0 { $0.uptime += .nanoseconds(Int64(interval * 1e9)) }
        }
    }

    /// Sets the clock to an exact instant.
    public func set(_ date: Date) {
        current.withLock {
            let forward = date.timeIntervalSince($0.date)
            if forward > 0 { $0.uptime += .nanoseconds(Int64(forward * 1e9)) }
            $0.date = date
        }
    }
}

/// Randomness for secrets (temporary passwords, tokens). Injected so tests can be deterministic.
public protocol RandomSource: Sendable {
    /// Returns `count` random bytes.
    func bytes(_ count: Int) -> [UInt8]
}

/// Cryptographically secure randomness from the system generator.
public struct SystemRandomSource: RandomSource {
    public init() {}
    public func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

extension RandomSource {
    /// A random token from an unambiguous alphabet (no 0/O, 1/l/I), e.g. for one-time passwords.
    public func token(length: Int) -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String(bytes(length).map { alphabet[Int($0) % alphabet.count] })
    }
}
