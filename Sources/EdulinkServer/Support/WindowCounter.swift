import Foundation

/// Fixed-window counters in this process's memory: rate limits are per server instance (behind a
/// load balancer each instance counts on its own).
actor WindowCounter {
    struct Window {
        var start: Date
        var count: Int
    }

    /// The state of one key's window after a look or a hit.
    struct Reading: Sendable {
        var count: Int
        var resetAt: Date
    }

    private var windows: [String: Window] = [:]
    private let length: TimeInterval

    init(window length: TimeInterval) { self.length = length }

    /// Counts one more event for `key`.
    func hit(_ key: String, now: Date) -> Reading {
        var window = current(key, now: now)
        window.count += 1
        windows[key] = window
        pruneIfLarge(now: now)
        return Reading(count: window.count, resetAt: window.start.addingTimeInterval(length))
    }

    /// The count for `key` without adding to it.
    func peek(_ key: String, now: Date) -> Reading {
        let window = current(key, now: now)
        return Reading(count: window.count, resetAt: window.start.addingTimeInterval(length))
    }

    private func current(_ key: String, now: Date) -> Window {
        if let window = windows[key], now >= window.start, now < window.start.addingTimeInterval(length) {
            return window
        }
        return Window(start: now, count: 0)
    }

    private func pruneIfLarge(now: Date) {
        guard windows.count > 50_000 else { return }
        windows = windows.filter { now < $0.value.start.addingTimeInterval(length) }
    }
}
