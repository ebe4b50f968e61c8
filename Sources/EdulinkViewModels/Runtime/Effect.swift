/// Async work a view-model asks the UI loop to run: a repository call, a draft write, a timer.
///
/// A view-model never runs anything itself. `handle(_:)` returns effects; the UI loop's runtime
/// (`EffectBridge` over TerminalKit's task center) runs each one off the loop and feeds the message
/// it produces back into the same view-model's `handle(_:)`. Events for the rest of the app
/// (toasts, navigation, offline) come back the same way, as ``post(_:)`` effects, so nothing polls
/// a view-model for them.
///
/// ```swift
/// let search = Effect<BrowseMessage>(key: "search") {
///     .searched(generation: 3, await attempt { try await repository.search(filter, cursor: nil, limit: 100) })
/// }
/// ```
///
/// - An effect with a ``key`` replaces the running or waiting effect with the same key: the older one
///   is cancelled and its message is never delivered. That is how a newer search cancels an older one.
/// - A ``delay`` makes the runner wait first (debounce); a replacement during the wait means the
///   work never starts.
/// - ``cancel(_:)`` makes an effect that only cancels the keyed work.
public struct Effect<Message: Sendable>: Sendable {
    /// What the runner does with the effect.
    public enum Action: Sendable {
        /// Run the operation and deliver its message.
        case run(@Sendable () async -> Message)
        /// Cancel the effect with the same key, deliver nothing.
        case cancel
        /// Nothing to run: an event for the rest of the app (a toast, navigation, offline), which
        /// the shell acts on as it takes the effects, in the same update.
        case post(AppEvent)
    }

    /// Effects with the same key replace each other; nil runs alongside everything else.
    public var key: String?
    /// How long to wait before starting (debounce); zero starts at once.
    public var delay: Duration
    /// The work, or a cancellation.
    public var action: Action

    /// An effect that runs `operation` after `delay`, replacing any effect with the same `key`.
    public init(key: String? = nil, delay: Duration = .zero, _ operation: @escaping @Sendable () async -> Message) {
        self.key = key
        self.delay = delay
        self.action = .run(operation)
    }

    private init(key: String?, action: Action) {
        self.key = key
        self.delay = .zero
        self.action = action
    }

    /// An effect that cancels the keyed effect and delivers nothing.
    public static func cancel(_ key: String) -> Effect {
        Effect(key: key, action: .cancel)
    }

    /// An event for the rest of the app, returned with the effects of the update that raised it.
    public static func post(_ event: AppEvent) -> Effect {
        Effect(key: nil, action: .post(event))
    }

    /// The event this effect posts, if it is one.
    public var event: AppEvent? {
        if case .post(let event) = action { return event }
        return nil
    }

    /// The operation, or nil for a cancellation. Tests call it directly to drive a view-model
    /// synchronously, without a runner or a clock.
    public var operation: (@Sendable () async -> Message)? {
        if case .run(let operation) = action { return operation }
        return nil
    }

    /// The same effect producing a parent's message, e.g. `.browse(message)` in the app's root message.
    /// `keyPrefix` keeps the keys of different screens apart in one runner (`"browse."` + `"search"`).
    public func map<Parent: Sendable>(keyPrefix: String = "", _ transform: @escaping @Sendable (Message) -> Parent)
        -> Effect<Parent>
    {
        let parentKey = key.map { keyPrefix + $0 }
        switch action {
        case .cancel:
            return Effect<Parent>.cancel(parentKey ?? keyPrefix)
        case .post(let event):
            return Effect<Parent>.post(event)
        case .run(let operation):
            return Effect<Parent>(key: parentKey, delay: delay) { transform(await operation()) }
        }
    }
}

extension Array {
    /// Maps every effect into the parent's message type; see ``Effect/map(keyPrefix:_:)``.
    public func map<Message: Sendable, Parent: Sendable>(
        keyPrefix: String = "", _ transform: @escaping @Sendable (Message) -> Parent
    ) -> [Effect<Parent>] where Element == Effect<Message> {
        map { $0.map(keyPrefix: keyPrefix, transform) }
    }
}
