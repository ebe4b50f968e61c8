import Synchronization

/// A map of bounded size that forgets what was not used lately, in bulk: entries go into a
/// recent generation; when it holds `capacity` entries it becomes the older one (the previous older
/// one is dropped whole), and an entry found in the older generation moves back to the recent one.
/// So it keeps between `capacity` and `2 × capacity` entries, the ones used since the last turn
/// among them, at O(1) a call and without a list to maintain (a least-recently-used cache,
/// approximately). Safe to call from any thread; callers decide what a stale entry is.
public final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Generations {
        var recent: [Key: Value] = [:]
        var older: [Key: Value] = [:]
    }

    /// Entries per generation.
    public let capacity: Int
    private let generations = Mutex(Generations())

    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// The entry for `key`, if it was kept.
    public func value(for key: Key) -> Value? {
        generations.withLock { state in
            if let value = state.recent[key] { return value }
            guard let value = state.older.removeValue(forKey: key) else { return nil }
            Self.insert(value, for: key, into: &state, capacity: capacity)
            return value
        }
    }

    /// Keeps `value` for `key`, replacing what was there.
    public func insert(_ value: Value, for key: Key) {
        generations.withLock { state in
            state.older.removeValue(forKey: key)
            Self.insert(value, for: key, into: &state, capacity: capacity)
        }
    }

    /// Forgets the entry for `key`.
    public func remove(_ key: Key) {
        generations.withLock { state in
            state.recent.removeValue(forKey: key)
            state.older.removeValue(forKey: key)
        }
    }

    /// Forgets everything.
    public func removeAll() {
        generations.withLock { $0 = Generations() }
    }

    /// How many entries are kept (tests).
    public var count: Int { generations.withLock { $0.recent.count + $0.older.count } }

    private static func insert(_ value: Value, for key: Key, into state: inout Generations, capacity: Int) {
        if state.recent[key] == nil, state.recent.count >= capacity {
            state.older = state.recent
            state.recent = [:]
        }
        state.recent[key] = value
    }
}
