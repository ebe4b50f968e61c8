import EdulinkViewModels

/// Drives a view-model synchronously, the way the runner would once every delay has passed: of
/// the effects with one key only the last runs (a later one replaced it), a cancel drops the
/// keyed effect, and each message goes back to the view-model until no effect is left.
///
/// Returns how many operations ran.
@discardableResult
func settle<Model: ViewModel>(_ model: inout Model, _ effects: [Effect<Model.Message>]) async -> Int {
    var pending = effects
    var ran = 0
    var rounds = 0
    while !pending.isEmpty, rounds < 50 {
        rounds += 1
        let batch = latestPerKey(pending)
        pending = []
        for effect in batch {
            guard let operation = effect.operation else { continue }
            ran += 1
            pending += model.handle(await operation())
        }
    }
    return ran
}

/// Sends an intent and settles every effect it leads to.
@discardableResult
func send<Model: ViewModel>(_ model: inout Model, _ intent: Model.Intent) async -> Int {
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
