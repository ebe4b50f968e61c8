import EdulinkViewModels

/// Drives a view-model synchronously, the way the runner would once every delay has passed: of
/// the effects with one key only the last runs (a later one replaced it), a cancel drops the
/// keyed effect, and each message goes back to the view-model until no effect is left.
///
/// Returns the events the view-model posted on the way (`Effect.post`), oldest first.
@discardableResult
func settle<Model: ViewModel>(_ model: inout Model, _ effects: [Effect<Model.Message>]) async -> [AppEvent] {
    var pending = effects
    var events: [AppEvent] = []
    var rounds = 0
    while !pending.isEmpty, rounds < 50 {
        rounds += 1
        events += pending.compactMap(\.event)
        let batch = latestPerKey(pending)
        pending = []
        for effect in batch {
            guard let operation = effect.operation else { continue }
            pending += model.handle(await operation())
        }
    }
    return events
}

/// Sends an intent and settles every effect it leads to; returns the events posted on the way.
@discardableResult
func send<Model: ViewModel>(_ model: inout Model, _ intent: Model.Intent) async -> [AppEvent] {
    await settle(&model, model.handle(intent))
}

/// The effects that would still run: for each key, the last effect with it (nothing if that is a
/// cancel); unkeyed effects all run, in order.
func latestPerKey<Message>(_ effects: [Effect<Message>]) -> [Effect<Message>] {
    var lastIndex: [String: Int] = [:]
    for (index, effect) in effects.enumerated() {
        if let key = effect.key { lastIndex[key] = index }
    }
    return effects.enumerated().compactMap { index, effect in
        guard let key = effect.key else { return effect }
        guard lastIndex[key] == index, effect.operation != nil else { return nil }
        return effect
    }
}

/// The message of the effect with `key` among `effects`, run now; nil when there is none.
func run<Message>(_ key: String, in effects: [Effect<Message>]) async -> Message? {
    guard let operation = effects.last(where: { $0.key == key })?.operation else { return nil }
    return await operation()
}
