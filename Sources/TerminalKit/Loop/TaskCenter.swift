internal import Foundation

/// Runs an application's async work off the UI loop and hands finished results back to it.
///
/// Tasks run detached (the loop's thread is blocked in `poll`), put their result in an inbox and call
/// `wake`, which makes the loop's `poll` return. Results of cancelled or replaced tasks are dropped.
final class TaskCenter<Action: Sendable> {
    private struct Running {
        var generation: Int
        var task: Task<Void, Never>
    }

    private let inbox: Inbox
    private var running: [TaskKey: Running] = [:]
    private var anonymous: [Int: Task<Void, Never>] = [:]
    private var nextGeneration = 0

    init(wake: @escaping @Sendable () -> Void) {
        inbox = Inbox(wake: wake)
    }

    /// How many tasks have not delivered yet.
    var pendingCount: Int { running.count + anonymous.count }

    func run(key: TaskKey?, _ operation: @escaping @Sendable () async -> Action) {
        nextGeneration += 1
        let generation = nextGeneration
        if let key { running[key]?.task.cancel() }
        let inbox = self.inbox
        let task = Task.detached {
            let value = await operation()
            inbox.deliver(Inbox.Delivery(key: key, generation: generation, value: value, cancelled: Task.isCancelled))
        }
        if let key {
            running[key] = Running(generation: generation, task: task)
        } else {
            anonymous[generation] = task
        }
    }

    func cancel(_ key: TaskKey) {
        running.removeValue(forKey: key)?.task.cancel()
    }

    func cancelAll() {
        for entry in running.values { entry.task.cancel() }
        for task in anonymous.values { task.cancel() }
        running.removeAll()
        anonymous.removeAll()
    }

    /// Results that arrived since the last call, oldest first, without those of cancelled tasks.
    func collect() -> [Action] {
        var results: [Action] = []
        for delivery in inbox.take() {
            if let key = delivery.key {
                guard running[key]?.generation == delivery.generation else { continue }
                running.removeValue(forKey: key)
            } else {
                guard anonymous.removeValue(forKey: delivery.generation) != nil else { continue }
            }
            if !delivery.cancelled { results.append(delivery.value) }
        }
        return results
    }

    /// The mailbox finished tasks write to from any thread.
    ///
    /// `@unchecked Sendable` is safe: `deliveries` is read and written only while `lock` is held, and
    /// `wake` is itself `@Sendable`.
    final class Inbox: @unchecked Sendable {
        struct Delivery {
            var key: TaskKey?
            var generation: Int
            var value: Action
            var cancelled: Bool
        }

        private let lock = NSLock()
        private var deliveries: [Delivery] = []
        private let wake: @Sendable () -> Void

        init(wake: @escaping @Sendable () -> Void) { self.wake = wake }

        func deliver(_ delivery: Delivery) {
            lock.withLock { deliveries.append(delivery) }
            wake()
        }

        func take() -> [Delivery] {
            lock.withLock {
                defer { deliveries.removeAll() }
                return deliveries
            }
        }
    }
}
