public import EdulinkCore
public import Foundation

/// The institution admin's Reports tab: the placement report for a period (last 12 months, this
/// year, the last 90 or 30 days, or all time), one table at a time with its chart, and the table on
/// screen exported to CSV. The service computes every figure; the CSV holds the rows the screen shows.
public struct ReportsViewModel: Sendable {
    /// The periods the tab offers.
    public enum Span: String, Sendable, CaseIterable, Hashable {
        case year, calendarYear, quarter, month, all

        public var label: String {
            switch self {
            case .year: "last 12 months"
            case .calendarYear: "this year"
            case .quarter: "last 90 days"
            case .month: "last 30 days"
            case .all: "all time"
            }
        }

        /// The period ending at `now`.
        public func period(now: Date, calendar: Calendar) -> ReportPeriod {
            let end = now.addingTimeInterval(1)
            let day: TimeInterval = 86_400
            let start: Date =
                switch self {
                case .year: calendar.date(byAdding: .year, value: -1, to: now) ?? now.addingTimeInterval(-365 * day)
                case .calendarYear:
                    calendar.dateInterval(of: .year, for: now)?.start ?? now.addingTimeInterval(-365 * day)
                case .quarter: now.addingTimeInterval(-90 * day)
                case .month: now.addingTimeInterval(-30 * day)
                case .all: end.addingTimeInterval(-ReportPeriod.longest)
                }
            return ReportPeriod(from: start, to: end)
        }
    }

    public struct State: Sendable, Equatable {
        public var span = Span.year
        public var report: PlacementReport?
        public var loading = false
        public var message: String?
        /// The table on screen.
        public var table = ReportTable.Kind.summary
        /// Where the last export went.
        public var exportedTo: String?

        public var shown: ReportTable? { report?.table(table) }
    }

    public enum Intent: Sendable, Hashable {
        case load
        case nextSpan
        /// The next (+1) or previous (-1) table.
        case moveTable(Int)
        case showTable(ReportTable.Kind)
        /// Writes the table on screen to `path` as CSV.
        case export(path: String)
    }

    public enum Message: Sendable {
        case loaded(Result<PlacementReport, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let now: @Sendable () -> Date
    private let calendar: Calendar

    /// Periods are reckoned in `timeZone` ("this year" starts on its 1 January).
    public init(repository: any EdulinkRepository, now: @escaping @Sendable () -> Date, timeZone: TimeZone = .current) {
        self.repository = repository
        self.now = now
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    /// A file name for the table on screen: `placements-rates-2025-12-03-to-2026-12-03.csv`.
    public var suggestedFileName: String {
        guard let report = state.report else { return "placements-\(state.table.rawValue).csv" }
        let format = Date.ISO8601FormatStyle(timeZone: calendar.timeZone).year().month().day()
        let last = report.period.to.addingTimeInterval(-1)
        return
            "placements-\(state.table.rawValue)-\(report.period.from.formatted(format))-to-\(last.formatted(format)).csv"
    }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        switch intent {
        case .load:
            state.loading = true
            let period = state.span.period(now: now(), calendar: calendar)
            let repository = repository
            return [
                Effect(key: "report") {
                    .loaded(await attempt { try await repository.placementReport(period, institution: nil) })
                }
            ]
        case .nextSpan:
            let all = Span.allCases
            state.span = all[((all.firstIndex(of: state.span) ?? 0) + 1) % all.count]
            return update(.load)
        case .moveTable(let delta):
            let all = ReportTable.Kind.allCases
            state.table = all[((all.firstIndex(of: state.table) ?? 0) + delta + all.count) % all.count]
        case .showTable(let kind):
            state.table = kind
        case .export(let path):
            guard let table = state.shown else { return [] }
            let trimmed = path.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return [] }
            do {
                try CSV.write(table.records, to: trimmed, append: false)
                state.exportedTo = trimmed
                events.post(.toast(Toast("\(table.title): \(table.rows.count) rows written to \(trimmed).")))
            } catch {
                events.post(.toast(Toast("Could not write \(trimmed): \(error.localizedDescription)", kind: .error)))
            }
        }
        return []
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let report)):
            events.succeeded()
            state.loading = false
            state.message = nil
            state.report = report
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        }
        return []
    }
}

extension ReportsViewModel: ViewModel {}
