/// The application's timers: when each fires next, and which are due.
struct TimerTable {
    private struct Entry {
        var deadline: Duration
        var interval: Duration?
    }

    private var entries: [TimerID: Entry] = [:]

    mutating func start(_ id: TimerID, after delay: Duration, repeating: Bool, now: Duration) {
        entries[id] = Entry(deadline: now + delay, interval: repeating ? max(delay, .milliseconds(1)) : nil)
    }

    mutating func stop(_ id: TimerID) { entries.removeValue(forKey: id) }

    var isEmpty: Bool { entries.isEmpty }

    /// The earliest deadline, if any timer runs.
    var nextDeadline: Duration? { entries.values.map(\.deadline).min() }

    /// The timers due at `now`, in deadline order; repeating ones are rescheduled (skipping missed beats).
    mutating func fire(now: Duration) -> [TimerID] {
        let due = entries.filter { $0.value.deadline <= now }.sorted { $0.value.deadline < $1.value.deadline }
        for (id, entry) in due {
            if let interval = entry.interval {
                var next = entry.deadline + interval
                if next <= now { next = now + interval }
                entries[id]?.deadline = next
            } else {
                entries.removeValue(forKey: id)
            }
        }
        return due.map(\.key)
    }
}
