import Synchronization

/// Collects what an `EffectRunner` delivers, for tests.
final class Inbox<Message: Sendable>: Sendable {
    private let messages = Mutex<[Message]>([])

    func put(_ message: Message) { messages.withLock { $0.append(message) } }

    /// The messages delivered so far, and empties the inbox.
    func take() -> [Message] {
        messages.withLock { messages in
            defer { messages = [] }; return messages
        }
    }
}
