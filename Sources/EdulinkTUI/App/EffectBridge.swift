public import EdulinkViewModels
import TerminalKit

/// Turns the effects view-models return into TerminalKit commands: keyed effects become keyed
/// tasks (a newer search cancels an older one, and a cancelled task never delivers), delays are
/// slept on the injected clock (tests pass one that does not wait), cancellations cancel the task.
struct EffectBridge: Sendable {
    var clock: any EffectClock
    var frameLog: FrameLog?

    /// The command that runs `effects`.
    func command(_ effects: [Effect<AppMessage>]) -> Command<AppMessage> {
        Command.batch(effects.map(command))
    }

    private func command(_ effect: Effect<AppMessage>) -> Command<AppMessage> {
        guard let operation = effect.operation else {
            return effect.key.map { Command.cancel(TaskKey($0)) } ?? .none
        }
        let clock = self.clock
        let delay = effect.delay
        let log = frameLog
        return .run(key: effect.key.map { TaskKey($0) }) {
            if delay > .zero {
                do { try await clock.sleep(for: delay) } catch { return .dropped }
            }
            guard let log else { return await operation() }
            log.record("start")
            let message = await operation()
            if case .browse(.searched) = message { log.record("searched") }
            if case .browse(.pageLoaded) = message { log.record("paged") }
            return message
        }
    }
}

/// An `EffectClock` that never waits: tests see debounced work at once, deterministically.
public struct ImmediateEffectClock: EffectClock {
    /// The clock.
    public init() {}
    /// Returns at once (throws if the task was cancelled).
    public func sleep(for duration: Duration) async throws { try Task.checkCancellation() }
}
