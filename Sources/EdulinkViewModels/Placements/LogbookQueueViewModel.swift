public import EdulinkCore

/// The supervisor's Logbooks tab: submitted entries oldest first; approve or return the selected
/// one and the next follows at once; a private note; `space` marks entries and the marked ones are
/// approved together (one transaction) after a preview.
public struct LogbookQueueViewModel: Sendable {
    /// What the tab draws.
    public struct State: Sendable, Equatable {
        /// The submitted entries, oldest first; `/` narrows them by student, listing or week.
        public var list = NarrowedList<LogbookQueueItem>()
        public var marked: Set<LogbookEntryID> = []
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        public var message: String?
        /// A decision is on its way.
        public var working = false

        /// Every entry waiting.
        public var items: [LogbookQueueItem] { list.rows }
        /// The selected entry, only while the query shows it: no key decides a hidden entry.
        public var selected: LogbookQueueItem? { list.selected }

        /// The marked entries in queue order (those the query hides too: the preview names them all).
        public var markedItems: [LogbookQueueItem] { items.filter { marked.contains($0.id) } }
    }

    public enum Intent: Sendable, Hashable {
        case load
        case moveSelection(Int)
        /// Narrows the queue to the entries whose student, listing or week has every word.
        case setQuery(String)
        case toggleMark
        case approveSelected
        case returnSelected(String)
        case noteSelected(String)
        /// Approves every marked entry (after the screen's preview).
        case approveMarked
    }

    public enum Message: Sendable {
        case loaded(Result<[LogbookQueueItem], Failure>)
        case decided(LogbookEntryID, Result<LogbookEntry, Failure>, done: String)
        case approvedMany([LogbookEntryID], Result<Int, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            state.loading = true
            let repository = repository
            return [Effect(key: "queue") { .loaded(await attempt { try await repository.logbookQueue() }) }]
        case .moveSelection(let delta):
            state.list.move(by: delta)
        case .setQuery(let query):
            state.list.narrow(query)
        case .toggleMark:
            guard let id = state.selected?.id else { return [] }
            if state.marked.remove(id) == nil { state.marked.insert(id) }
            return update(.moveSelection(1))
        case .approveSelected:
            guard let item = state.selected, !state.working else { return [] }
            return decide(item, .approve, done: "\(item.studentName), week \(item.entry.week): approved.")
        case .returnSelected(let comment):
            guard let item = state.selected, !state.working else { return [] }
            return decide(item, .return(comment), done: "\(item.studentName), week \(item.entry.week): returned.")
        case .noteSelected(let note):
            guard let item = state.selected else { return [] }
            return decide(item, .note(note), done: "Private note saved.")
        case .approveMarked:
            let ids = state.markedItems.map(\.id)
            guard !ids.isEmpty, !state.working else { return [] }
            state.working = true
            let repository = repository
            return [
                Effect(key: "approve-many") {
                    .approvedMany(ids, await attempt { try await repository.approveLogbookEntries(ids) })
                }
            ]
        }
        return []
    }

    private mutating func decide(_ item: LogbookQueueItem, _ review: LogbookReview, done: String) -> [Effect<Message>] {
        state.working = review.action != .note
        let repository = repository
        let id = item.id
        return [
            Effect(key: "decide") {
                .decided(id, await attempt { try await repository.reviewLogbookEntry(id, review) }, done: done)
            }
        ]
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let items)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            state.message = nil
            state.list.replace(items)
            state.marked.formIntersection(items.map(\.id))
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .decided(let id, .success(let entry), let done):
            events.succeeded()
            state.working = false
            events.post(.toast(Toast(done)))
            if entry.status != .submitted { remove([id]) }
        case .decided(_, .failure(let failure), _):
            state.working = false
            events.failed(failure, toast: true)
        case .approvedMany(let ids, .success(let count)):
            events.succeeded()
            state.working = false
            remove(ids)
            events.post(.toast(Toast("Approved \(count) \(count == 1 ? "entry" : "entries").")))
        case .approvedMany(_, .failure(let failure)):
            state.working = false
            events.failed(failure, toast: true)
        }
        return []
    }

    /// Takes decided entries out of the queue; the selection stays on the same row, so the next
    /// entry follows.
    private mutating func remove(_ ids: [LogbookEntryID]) {
        let gone = Set(ids)
        state.list.replace(state.items.filter { !gone.contains($0.id) })
        state.marked.subtract(gone)
    }
}

extension LogbookQueueViewModel: ViewModel {}
