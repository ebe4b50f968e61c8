/// Runs the effects view-models return, and hands their messages back to the UI loop.
///
/// The UI loop owns the view-models; it passes every effect from `handle(_:)` to ``run(_:)`` and
/// gives each delivered message to the view-model again. `deliver` is called from the runner's
/// tasks, never on the UI loop: the TUI queues the message and writes to its wake-up pipe.
///
/// ```swift
/// let runner = EffectRunner<AppMessage> { message in inbox.push(message); wakeUp() }
/// await runner.run(browse.handle(.queryChanged("dat")).map(keyPrefix: "browse.") { .browse($0) })
/// ```
///
/// Guarantees: an effect replaced or cancelled by key never delivers (even if its work had already
/// finished); delays are slept on the injected clock, so tests use ``ManualEffectClock``.
public actor EffectRunner<Message: Sendable> {
    private struct Running {
        var token: Int
        var task: Task<Void, Never>
    }

    private let clock: any EffectClock
    private let deliver: @Sendable (Message) -> Void
    private var keyed: [String: Running] = [:]
    private var unkeyed: [Int: Task<Void, Never>] = [:]
    private var nextToken = 0
    private var idleWaiters: [Int: CheckedContinuation<Void, Never>] = [:]

    /// A runner that sleeps on `clock` and passes each message to `deliver`.
    public init(clock: any EffectClock = SystemEffectClock(), deliver: @escaping @Sendable (Message) -> Void) {
        self.clock = clock
        self.deliver = deliver
    }

    /// How many effects are waiting or running.
    public var activeCount: Int { keyed.count + unkeyed.count }

    /// The keys of the effects waiting or running.
    public var activeKeys: Set<String> { Set(keyed.keys) }

    /// Starts the effects, in order; each keyed one first cancels the effect with its key.
    public func run(_ effects: [Effect<Message>]) {
        for effect in effects { start(effect) }
    }

    /// Cancels the effect with `key`, if any; its message is not delivered.
    public func cancel(key: String) {
        keyed.removeValue(forKey: key)?.task.cancel()
        resumeIdleWaitersIfIdle()
    }

    /// Cancels everything, e.g. when the user signs out or the app quits.
    public func cancelAll() {
        keyed.values.forEach { $0.task.cancel() }
        unkeyed.values.forEach { $0.cancel() }
        keyed = [:]
        unkeyed = [:]
        resumeIdleWaitersIfIdle()
    }

    /// Returns when no effect is waiting or running, or when the waiting task is cancelled (a test's
    /// time limit ends the wait instead of hanging the run); for tests and an orderly shutdown.
    public func waitUntilIdle() async {
        if activeCount == 0 { return }
        nextToken += 1
        let id = nextToken
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled || activeCount == 0 {
                    continuation.resume()
                } else {
                    idleWaiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.stopWaiting(id) }
        }
    }

    private func stopWaiting(_ id: Int) {
        idleWaiters.removeValue(forKey: id)?.resume()
    }

    private func start(_ effect: Effect<Message>) {
        guard case .run(let operation) = effect.action else {
            if let key = effect.key { cancel(key: key) }
            return
        }
        nextToken += 1
        let token = nextToken
        let delay = effect.delay
        let clock = self.clock
        let key = effect.key
        if let key { keyed.removeValue(forKey: key)?.task.cancel() }
        let task = Task {
            if delay > .zero {
                do { try await clock.sleep(for: delay) } catch {
                    self.finish(key: key, token: token, message: nil)
                    return
                }
            }
            if Task.isCancelled {
                self.finish(key: key, token: token, message: nil)
                return
            }
            let message = await operation()
            self.finish(key: key, token: token, message: Task.isCancelled ? nil : message)
        }
        if let key {
            keyed[key] = Running(token: token, task: task)
        } else {
            unkeyed[token] = task
        }
    }

    private func finish(key: String?, token: Int, message: Message?) {
        if let key {
            // A replaced effect no longer owns its key: drop its message.
            guard keyed[key]?.token == token else { return }
            keyed.removeValue(forKey: key)
        } else {
            guard unkeyed.removeValue(forKey: token) != nil else { return }
        }
        if let message { deliver(message) }
        resumeIdleWaitersIfIdle()
    }

    private func resumeIdleWaitersIfIdle() {
        guard activeCount == 0 else { return }
        let waiters = idleWaiters.values
        idleWaiters = [:]
        waiters.forEach { $0.resume() }
    }
}
