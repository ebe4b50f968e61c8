public import Foundation

public typealias LogbookEntryID = EntityID<LogbookEntry>

/// A placement's weeks: week 1 starts on the start date, each lasts seven days, and there are as
/// many as the weeks between start and end, rounded up. An entry is due three days after its week
/// ends and is overdue after that: shown and counted, never refused.
public struct PlacementCalendar: Sendable, Equatable {
    public let start: Date
    public let end: Date
    let calendar: Calendar
    /// Whether the calendar's time zone keeps one offset from the start to well past the end (no
    /// daylight-saving change), so that every day is 86,400 seconds and days are added by arithmetic:
    /// a report walks every week of thousands of placements, and `Calendar`'s day arithmetic costs
    /// microseconds a call. Where the offset changes, `Calendar` adds the days.
    private let uniformDays: Bool

    /// Days after a week's end that its entry is still on time.
    public static let graceDays = 3

    public init(start: Date, end: Date, calendar: Calendar) {
        let first = calendar.startOfDay(for: start)
        self.start = first
        self.end = end
        self.calendar = calendar
        // The last instant any week's date reaches: a week past the end, plus the grace days.
        let reach = max(end, first).addingTimeInterval(Double(7 + Self.graceDays + 1) * 86_400)
        let transition = calendar.timeZone.nextDaylightSavingTimeTransition(after: first)
        uniformDays =
            (transition.map { $0 > reach } ?? true)
            && calendar.timeZone.secondsFromGMT(for: first) == calendar.timeZone.secondsFromGMT(for: reach)
    }

    /// How many weeks (at least one).
    public var weekCount: Int {
        let last = calendar.startOfDay(for: end)
        let days =
            uniformDays
            ? Int((last.timeIntervalSince(start) / 86_400).rounded())
            : calendar.dateComponents([.day], from: start, to: last).day ?? 0
        return max(1, Int((Double(days) / 7).rounded(.up)))
    }

    /// The first instant of week `week` (1-based).
    public func weekStart(_ week: Int) -> Date { adding(days: (week - 1) * 7) }

    /// The instant week `week` ends (the start of the next week).
    public func weekEnd(_ week: Int) -> Date { weekStart(week + 1) }

    /// When week `week`'s entry is due: the start of the day `graceDays` after the week ends.
    public func due(_ week: Int) -> Date { adding(days: week * 7 + Self.graceDays) }

    /// The week `date` falls in: 0 before the start, ``weekCount`` + 1 after the last week.
    public func week(at date: Date) -> Int {
        guard date >= start else { return 0 }
        let days =
            uniformDays
            ? Int((date.timeIntervalSince(start) / 86_400).rounded(.down))
            : calendar.dateComponents([.day], from: start, to: date).day ?? 0
        return min(days / 7 + 1, weekCount + 1)
    }

    /// The start of the day `days` after the first day.
    private func adding(days: Int) -> Date {
        if uniformDays { return start.addingTimeInterval(Double(days) * 86_400) }
        return calendar.date(byAdding: .day, value: days, to: start)
            ?? start.addingTimeInterval(Double(days) * 86_400)
    }

    /// Whether week `week`'s entry, not yet submitted, is overdue at `date`.
    public func isOverdue(_ week: Int, at date: Date) -> Bool { date > due(week) }

    /// The week the midpoint evaluation opens (the middle week).
    public var midpointWeek: Int { (weekCount + 1) / 2 }
}

/// Where a logbook entry is (PLACEMENTS.md, "Logbook").
public enum LogbookStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case draft
    case submitted
    case approved
    case returned
    /// The academic supervisor excused the week (no entry needed).
    case excused

    /// Whether the week counts as done for completion.
    public var closesWeek: Bool { self == .approved || self == .excused }
}

/// Why a week is excused.
public enum ExcuseReason: String, Sendable, Codable, CaseIterable, Hashable {
    case illness
    case publicHoliday = "public_holiday"
    case other

    public var label: String {
        switch self {
        case .illness: "illness"
        case .publicHoliday: "public holiday"
        case .other: "other"
        }
    }
}

/// Something done to a logbook entry.
public enum LogbookAction: Sendable, Equatable, Hashable {
    /// The student saves it without sending it.
    case save
    /// The student sends it for review.
    case submit
    /// A supervisor approves it (it is frozen after).
    case approve
    /// A supervisor returns it with a comment.
    case `return`(comment: String)
    /// The academic supervisor excuses the week.
    case excuse(ExcuseReason, note: String?)

    var verb: String {
        switch self {
        case .save: "save"
        case .submit: "submit"
        case .approve: "approve"
        case .return: "return"
        case .excuse: "excuse"
        }
    }
}

/// What the student writes for one week.
public struct LogbookContent: Sendable, Equatable, Hashable, Codable {
    public var activities: String
    /// 0–80, one decimal.
    public var hours: Double
    public var skills: [String]
    public var learned: String?
    public var challenges: String?

    public init(
        activities: String, hours: Double, skills: [String] = [], learned: String? = nil, challenges: String? = nil
    ) {
        self.activities = activities
        self.hours = hours
        self.skills = skills
        self.learned = learned
        self.challenges = challenges
    }

    public enum Limits {
        public static let activities = 20...5000
        public static let hours = 0.0...80.0
        public static let skills = 10
        public static let reflection = 0...2000
        public static let returnComment = 10...1000
    }

    /// Every field rule of PLACEMENTS.md for an entry.
    public func validate() throws(EdulinkError) {
        var v = FieldValidator()
        v.text("activities", activities, label: "Activities", range: Limits.activities, multiline: true)
        if !Limits.hours.contains(hours) || !hours.isFinite {
            v.add("hours", "Hours must be between 0 and 80.")
        } else if (hours * 10).rounded() != hours * 10 {
            v.add("hours", "Hours take at most one decimal (like 37.5).")
        }
        v.list("skills", skills, label: "skills", maximum: Limits.skills, itemRange: 2...50)
        v.optionalText("learned", learned, label: "What you learned", range: Limits.reflection, multiline: true)
        v.optionalText("challenges", challenges, label: "Challenges", range: Limits.reflection, multiline: true)
        try v.check()
    }
}

/// One week's entry of a placement's logbook.
public struct LogbookEntry: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: LogbookEntryID
    public var placementID: PlacementID
    /// 1…the placement's week count.
    public var week: Int
    public var content: LogbookContent
    public var status: LogbookStatus
    /// The supervisor's comment, shown to the student (for an excused week, the excuse's note).
    public var supervisorComment: String?
    /// The supervisors' and the institution admin's own note; never shown to the student.
    public var privateNote: String?
    /// Why the week is excused, when it is.
    public var excuse: ExcuseReason?
    /// Who approved it.
    public var approvedBy: UserID?
    public var submittedAt: Date?
    public var updatedAt: Date

    public init(
        id: LogbookEntryID = 0, placementID: PlacementID, week: Int, content: LogbookContent,
        status: LogbookStatus = .draft, supervisorComment: String? = nil, privateNote: String? = nil,
        excuse: ExcuseReason? = nil, approvedBy: UserID? = nil, submittedAt: Date? = nil, updatedAt: Date
    ) {
        self.id = id
        self.placementID = placementID
        self.week = week
        self.content = content
        self.status = status
        self.supervisorComment = supervisorComment
        self.privateNote = privateNote
        self.excuse = excuse
        self.approvedBy = approvedBy
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt
    }

    /// The entry as its student sees it: without the private note.
    public var redactedForStudent: LogbookEntry {
        var copy = self
        copy.privateNote = nil
        return copy
    }
}

public typealias LogbookEventID = EntityID<LogbookEvent>

/// One state change of a logbook entry (its history): who, when, and the comment.
public struct LogbookEvent: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: LogbookEventID
    public var entryID: LogbookEntryID
    public var from: LogbookStatus?
    public var to: LogbookStatus
    public var actorID: UserID?
    public var actorRole: Role?
    public var at: Date
    public var comment: String?

    public init(
        id: LogbookEventID = 0, entryID: LogbookEntryID, from: LogbookStatus?, to: LogbookStatus, actorID: UserID?,
        actorRole: Role?, at: Date, comment: String? = nil
    ) {
        self.id = id
        self.entryID = entryID
        self.from = from
        self.to = to
        self.actorID = actorID
        self.actorRole = actorRole
        self.at = at
        self.comment = comment
    }
}

/// The logbook rules of PLACEMENTS.md: which week a student may write, and each entry's states
/// (`draft → submitted → approved | returned → submitted …`, an approved entry frozen; a week
/// excused by the academic supervisor).
public enum LogbookRules {
    /// Whether the student may write week `week` of a placement with `status` at `date`: only an
    /// active placement, only its current or a past week.
    public static func canWrite(week: Int, of calendar: PlacementCalendar, status: PlacementStatus, at date: Date)
        -> Refusal?
    {
        guard status == .active else {
            return Refusal(.invalidTransition, "The logbook is written while the placement is active.")
        }
        guard (1...calendar.weekCount).contains(week) else {
            return Refusal(.invalidTransition, "The placement has weeks 1 to \(calendar.weekCount).")
        }
        guard week <= calendar.week(at: date) else {
            return Refusal(.invalidTransition, "Week \(week) has not started yet.")
        }
        return nil
    }

    /// Weeks that count as on time for the final result: excused, or approved and first submitted by
    /// their due date (a later resubmission after a return does not make a week late). Each entry
    /// comes with its state changes; one without any counts its `submittedAt`.
    public static func weeksOnTime(
        _ entries: [(entry: LogbookEntry, history: [LogbookEvent])], calendar: PlacementCalendar
    ) -> Int {
        entries.filter { entry, history in
            if entry.status == .excused { return true }
            guard entry.status == .approved,
                let submitted = history.first(where: { $0.to == .submitted })?.at ?? entry.submittedAt
            else { return false }
            return submitted <= calendar.due(entry.week)
        }.count
    }

    /// Who may do `action`. Which supervisor (either assigned one approves or returns; only the
    /// academic one excuses) is the service's check, from the placement's assignments.
    public static func actors(for action: LogbookAction) -> Set<Role> {
        switch action {
        case .save, .submit: [.student]
        case .approve, .return: [.supervisor]
        case .excuse: [.supervisor]
        }
    }

    /// The status after `action` on an entry in `status` (nil: the week has no entry yet), or why
    /// it is refused. Comments and notes are checked here too.
    public static func transition(from status: LogbookStatus?, on action: LogbookAction, by role: Role)
        -> Result<LogbookStatus, EdulinkError>
    {
        guard actors(for: action).contains(role) else {
            return .failure(
                .refused(Refusal(.forbiddenTransition, "A \(role.rawValue) cannot \(action.verb) a logbook entry.")))
        }
        switch action {
        case .return(let comment):
            var v = FieldValidator()
            v.text("comment", comment, label: "Comment", range: LogbookContent.Limits.returnComment, multiline: true)
            do throws(EdulinkError) { try v.check() } catch { return .failure(error) }
        case .excuse(let reason, let note):
            if reason == .other, (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return .failure(.validation([FieldError("note", "Say why the week is excused.")]))
            }
        default: break
        }
        let target: LogbookStatus? =
            switch (status, action) {
            case (nil, .save), (.draft?, .save), (.returned?, .save): status ?? .draft
            case (nil, .submit), (.draft?, .submit), (.returned?, .submit): .submitted
            case (.submitted?, .approve): .approved
            case (.submitted?, .return): .returned
            case (nil, .excuse), (.draft?, .excuse), (.returned?, .excuse), (.submitted?, .excuse): .excused
            default: nil
            }
        guard let target else {
            let what = status.map { "a \($0.rawValue) entry" } ?? "a week without an entry"
            return .failure(.refused(Refusal(.invalidTransition, "You cannot \(action.verb) \(what).")))
        }
        return .success(target)
    }
}
