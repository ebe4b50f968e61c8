import Synchronization

extension Task where Success == Void {
    /// Whether the task finishes (returns or throws) within `limit`. Never waits longer, even when
    /// the task never ends: awaiting `value` directly could not be interrupted, nor could a task
    /// group, which waits for every child. Used to stop what must stop in time (a store's pool, a
    /// server), leaving behind, and saying so, what does not.
    public func finishes(within limit: Duration) async -> Bool {
        let answer = FirstAnswer()
        return await withCheckedContinuation { continuation in
            answer.wait(with: continuation)
            let timer = Task<Void, Never> {
                try? await Task<Never, Never>.sleep(for: limit)
                answer.give(false)
            }
            Task<Void, Never> {
                _ = try? await self.value
                answer.give(true)
                timer.cancel()
            }
        }
    }
}

/// Resumes one waiting continuation with the first answer given; later answers are dropped.
private final class FirstAnswer: Sendable {
    private let waiting = Mutex<CheckedContinuation<Bool, Never>?>(nil)

    func wait(with continuation: CheckedContinuation<Bool, Never>) {
        waiting.withLock { $0 = continuation }
    }

    func give(_ answer: Bool) {
        waiting.withLock { $0.take() }?.resume(returning: answer)
    }
}
