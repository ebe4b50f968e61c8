public import Foundation
import Synchronization

/// Where the service reads the current time. Injected so tests control time instead of sleeping.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemTimeSource: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to; for tests and deterministic data generation.
public final class ManualTimeSource: TimeSource {
    private let current: Mutex<Date>

    public init(_ start: Date) { current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or backward with a negative interval).
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Sets the clock to an exact instant.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
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
