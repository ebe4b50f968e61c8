import Foundation

/// Fixed-window counters in this process's memory: rate limits are per server instance (behind a
/// load balancer each instance counts on its own).
///
/// Windows are aligned to the clock (every key's window starts at a multiple of the length), so a
/// new window is one `removeAll` and no hit ever sweeps the table. At most `capacity` keys are
/// counted on their own in one window; beyond that, new keys share one overflow count, so a flood
/// of keys costs bounded memory and constant time per hit (and is limited together).
actor WindowCounter {
    /// The state of one key's window after a look or a hit.
    struct Reading: Sendable {
        var count: Int
        var resetAt: Date
    }

    private var counts: [String: Int] = [:]
    private var overflow = 0
    private var windowIndex = Int64.min
    private let length: TimeInterval
    private let capacity: Int

    init(window length: TimeInterval, capacity: Int = 100_000) {
        self.length = max(length, 1)
        self.capacity = max(capacity, 1)
    }

    /// Keys counted on their own in the current window (at most `capacity`).
    var keyCount: Int { counts.count }

    /// Counts one more event for `key`.
    func hit(_ key: String, now: Date) -> Reading {
        let resetAt = roll(now)
        return Reading(count: add(1, to: key), resetAt: resetAt)
    }

    /// The count for `key` without adding to it.
    func peek(_ key: String, now: Date) -> Reading {
        let resetAt = roll(now)
        return Reading(count: count(key), resetAt: resetAt)
    }

    /// Counts one event for every key at once, unless one of them already reached `limit`: then
    /// nothing is counted and the reading of the key at its limit is returned. Checking and counting
    /// in one step means concurrent attempts cannot all pass a check made before any was counted.
    func hitUnlessAtLimit(_ keys: [String], limit: Int, now: Date) -> Reading? {
        let resetAt = roll(now)
        for key in keys where count(key) >= limit {
            return Reading(count: count(key), resetAt: resetAt)
        }
        for key in keys { _ = add(1, to: key) }
        return nil
    }

    /// Takes back one event counted for each key in this window (an attempt that succeeded).
    func forgive(_ keys: [String], now: Date) {
        _ = roll(now)
        for key in keys { _ = add(-1, to: key) }
    }

    private func count(_ key: String) -> Int {
        counts[key] ?? (counts.count >= capacity ? overflow : 0)
    }

    private func add(_ delta: Int, to key: String) -> Int {
        if let current = counts[key] {
            let next = max(0, current + delta)
            counts[key] = next
            return next
        }
        if counts.count < capacity {
            let next = max(0, delta)
            counts[key] = next
            return next
        }
        overflow = max(0, overflow + delta)
        return overflow
    }

    /// Starts a new window when `now` is past the current one; returns when the current one ends.
    private func roll(_ now: Date) -> Date {
        let index = Int64((now.timeIntervalSince1970 / length).rounded(.down))
        if index != windowIndex {
            windowIndex = index
            counts.removeAll(keepingCapacity: counts.count < 10_000)
            overflow = 0
        }
        return Date(timeIntervalSince1970: Double(index + 1) * length)
    }
}
