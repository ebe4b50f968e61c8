public import EdulinkCore
public import Foundation

/// The admin Audit tab: every change, newest first, filtered by a query line
/// (`actor:admin@edulink.demo action:user. entity:listing since:7d until:2026-09-30`), paged by
/// keyset (`before` the last id shown) and exported to CSV page by page.
public struct AuditViewModel: Sendable {
    public static let pageSize = 100

    /// The query line, read into an audit query; `actor` may be an email (looked up) or an id.
    public struct Filter: Sendable, Equatable {
        public var actor: String?
        public var action: String?
        public var entity: String?
        public var since: Date?
        public var until: Date?

        /// Reads `key:value` words; a relative time is `12h` or `7d` before `now`, a date is
        /// `YYYY-MM-DD` (start of that day in `timeZone`; `until` takes the day's end).
        public static func parse(_ line: String, now: Date, timeZone: TimeZone) -> Result<Filter, Failure> {
            var filter = Filter()
            for word in line.split(separator: " ", omittingEmptySubsequences: true) {
                let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else {
                    return .failure(
                        Failure(message: "\"\(word)\": use key:value (actor, action, entity, since, until)."))
                }
                switch parts[0].lowercased() {
                case "actor": filter.actor = parts[1]
                case "action": filter.action = parts[1]
                case "entity": filter.entity = parts[1]
                case "since", "until":
                    guard let date = time(parts[1], now: now, timeZone: timeZone, endOfDay: parts[0] == "until") else {
                        return .failure(Failure(message: "\"\(parts[1])\": a time is 12h, 7d or YYYY-MM-DD."))
                    }
                    if parts[0] == "since" { filter.since = date } else { filter.until = date }
                default:
                    return .failure(
                        Failure(message: "\"\(parts[0])\": filter by actor, action, entity, since or until."))
                }
            }
            return .success(filter)
        }

        static func time(_ text: String, now: Date, timeZone: TimeZone, endOfDay: Bool) -> Date? {
            if let unit = text.last, unit == "h" || unit == "d", let amount = Int(text.dropLast()), amount >= 0 {
                return now.addingTimeInterval(-Double(amount) * (unit == "h" ? 3600 : 86_400))
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3,
                let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
            else { return nil }
            return endOfDay ? day.addingTimeInterval(86_400 - 1) : day
        }
    }

    /// An export while it runs (a toast says when it is done).
    public struct Export: Sendable, Equatable {
        public var path: String
        public var written: Int
    }

    public struct State: Sendable, Equatable {
        public var line = ""
        public var filter = Filter()
        public var events: [AuditEvent] = []
        public var selectedIndex: Int?
        public var hasMore = false
        public var loading = false
        /// Whether a load has answered: an empty list then means none, not "not loaded".
        public var loaded = false
        public var export: Export?
        public var message: String?
    }

    public enum Intent: Sendable, Hashable {
        case load
        /// Applies a query line.
        case setQuery(String)
        case moveSelection(Int)
        case loadMore
        /// Writes every event the filter matches to a CSV file.
        case export(path: String)
    }

    public enum Message: Sendable {
        case loaded(append: Bool, Result<[AuditEvent], Failure>)
        case exported(path: String, written: Int, last: AuditEventID?, finished: Bool, Result<Int, Failure>)
        /// The finished export was recorded as a data-export security event (or could not be).
        case exportRecorded(Result<Void, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let now: @Sendable () -> Date
    private let timeZone: TimeZone

    public init(repository: any EdulinkRepository, timeZone: TimeZone, now: @escaping @Sendable () -> Date) {
        self.repository = repository
        self.timeZone = timeZone
        self.now = now
    }

    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            return [page(before: nil)]
        case .setQuery(let line):
            switch Filter.parse(line, now: now(), timeZone: timeZone) {
            case .failure(let failure):
                state.message = failure.message
                return []
            case .success(let filter):
                state.line = line
                state.filter = filter
                state.selectedIndex = nil
                return [page(before: nil)]
            }
        case .moveSelection(let delta):
            guard !state.events.isEmpty else { return [] }
            let index = min(max((state.selectedIndex ?? 0) + delta, 0), state.events.count - 1)
            state.selectedIndex = index
            if index == state.events.count - 1, state.hasMore, !state.loading { return handle(.loadMore) }
        case .loadMore:
            guard state.hasMore, let last = state.events.last else { return [] }
            return [page(before: last.id)]
        case .export(let path):
            guard state.export == nil else { return [] }
            state.export = Export(path: path, written: 0)
            return [exportPage(path: path, written: 0, before: nil)]
        }
        return []
    }

    private static func query(
        _ filter: Filter, before: AuditEventID?, limit: Int, repository: any EdulinkRepository
    ) async throws -> AuditQuery {
        var actorID: UserID?
        if let actor = filter.actor {
            if let number = Int64(actor) {
                actorID = UserID(rawValue: number)
            } else {
                let found = try await repository.users(matching: actor, role: nil, after: nil, limit: 10)
                guard let user = found.first(where: { $0.email == actor.lowercased() }) ?? found.first else {
                    throw Failure(message: "No account matches \"\(actor)\".")
                }
                actorID = user.id
            }
        }
        return AuditQuery(
            actorID: actorID, action: filter.action, entity: filter.entity, since: filter.since, until: filter.until,
            before: before, limit: limit)
    }

    private mutating func page(before: AuditEventID?) -> Effect<Message> {
        state.loading = true
        let repository = self.repository
        let filter = state.filter
        return Effect(key: "page") {
            .loaded(
                append: before != nil,
                await attempt {
                    let query = try await Self.query(
                        filter, before: before, limit: Self.pageSize, repository: repository)
                    return try await repository.auditEvents(query)
                })
        }
    }

    /// The columns of the export.
    public static let csvHeader = [
        "id", "at", "actor_id", "actor_role", "action", "entity", "entity_id", "summary", "origin",
    ]

    public static func csvFields(_ event: AuditEvent) -> [String] {
        [
            String(event.id.rawValue), event.at.ISO8601Format(), event.actorID.map { String($0.rawValue) } ?? "",
            event.actorRole?.rawValue ?? "", event.action, event.entity, event.entityID.map(String.init) ?? "",
            event.summary, event.origin.rawValue,
        ]
    }

    private func exportPage(path: String, written: Int, before: AuditEventID?) -> Effect<Message> {
        let repository = self.repository
        let filter = state.filter
        return Effect(key: "export") {
            let limit = 500
            let result = await attempt {
                try await repository.auditEvents(
                    try await Self.query(filter, before: before, limit: limit, repository: repository))
            }
            switch result {
            case .failure(let failure):
                return .exported(path: path, written: written, last: before, finished: true, .failure(failure))
            case .success(let page):
                let rows = (before == nil ? [Self.csvHeader] : []) + page.map(Self.csvFields)
                let appended = Result { try CSV.write(rows, to: path, append: before != nil) }
                    .mapError { Failure(message: "Could not write \(path): \($0.localizedDescription)") }
                    .map { page.count }
                return .exported(
                    path: path, written: written + page.count, last: page.last?.id ?? before,
                    finished: page.count < limit, appended)
            }
        }
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(let append, .success(let page)):
            events.succeeded()
            state.loading = false
            state.loaded = true
            state.message = nil
            state.events = append ? state.events + page : page
            state.hasMore = page.count == Self.pageSize
            state.selectedIndex = state.events.isEmpty ? nil : min(state.selectedIndex ?? 0, state.events.count - 1)
        case .loaded(_, .failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .exported(let path, let written, let last, let finished, let result):
            guard state.export?.path == path else { return [] }
            switch result {
            case .failure(let failure):
                state.export = nil
                events.failed(failure, toast: true)
            case .success:
                state.export = finished ? nil : Export(path: path, written: written)
                if finished {
                    events.post(.toast(Toast("Exported \(written) audit events to \(path)")))
                    let repository = self.repository
                    return [
                        Effect(key: "export.record") {
                            .exportRecorded(await attempt { try await repository.recordExport(.audit(rows: written)) })
                        }
                    ]
                } else {
                    return [exportPage(path: path, written: written, before: last)]
                }
            }
        case .exportRecorded(.success):
            events.succeeded()
        case .exportRecorded(.failure(let failure)):
            events.failed(failure, toast: true)
        }
        return []
    }
}

extension AuditViewModel: ViewModel {}
