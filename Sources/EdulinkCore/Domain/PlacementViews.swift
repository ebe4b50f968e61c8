public import Foundation

/// How far a placement's logbook is, as lists and the institution's reports count it.
public struct PlacementProgress: Sendable, Equatable, Hashable, Codable {
    public var weekCount: Int
    /// The week the placement is in now: 0 before the start, at most ``weekCount``.
    public var currentWeek: Int
    public var approved: Int
    public var submitted: Int
    public var returned: Int
    public var excused: Int
    /// Weeks past their due date without a submitted, approved or excused entry.
    public var overdue: Int
    /// Hours of the approved entries.
    public var hoursApproved: Double
    /// The evaluation that is open and not written yet, if any.
    public var evaluationDue: EvaluationKind?

    public init(
        weekCount: Int, currentWeek: Int, approved: Int, submitted: Int, returned: Int, excused: Int, overdue: Int,
        hoursApproved: Double, evaluationDue: EvaluationKind?
    ) {
        self.weekCount = weekCount
        self.currentWeek = currentWeek
        self.approved = approved
        self.submitted = submitted
        self.returned = returned
        self.excused = excused
        self.overdue = overdue
        self.hoursApproved = hoursApproved
        self.evaluationDue = evaluationDue
    }
}

/// A row of a placements list.
public struct PlacementSummary: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var placement: Placement
    public var studentName: String
    public var listingTitle: String
    public var organizationName: String
    public var workplaceSupervisorName: String?
    public var academicSupervisorName: String?
    public var progress: PlacementProgress
    public var id: PlacementID { placement.id }

    public init(
        placement: Placement, studentName: String, listingTitle: String, organizationName: String,
        workplaceSupervisorName: String?, academicSupervisorName: String?, progress: PlacementProgress
    ) {
        self.placement = placement
        self.studentName = studentName
        self.listingTitle = listingTitle
        self.organizationName = organizationName
        self.workplaceSupervisorName = workplaceSupervisorName
        self.academicSupervisorName = academicSupervisorName
        self.progress = progress
    }
}

/// One week of the logbook: its dates, its entry and the entry's history.
public struct LogbookWeek: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var week: Int
    public var startsOn: Date
    /// The start of the next week.
    public var endsAt: Date
    public var due: Date
    public var entry: LogbookEntry?
    /// Oldest first.
    public var history: [LogbookEvent]
    public var overdue: Bool
    public var id: Int { week }

    public init(
        week: Int, startsOn: Date, endsAt: Date, due: Date, entry: LogbookEntry?, history: [LogbookEvent],
        overdue: Bool
    ) {
        self.week = week
        self.startsOn = startsOn
        self.endsAt = endsAt
        self.due = due
        self.entry = entry
        self.history = history
        self.overdue = overdue
    }
}

/// What the viewer may do to a placement now; screens offer exactly these.
public struct PlacementPermissions: Sendable, Equatable, Hashable, Codable {
    /// Weeks the viewer (its student) may write or edit now.
    public var writableWeeks: [Int]
    /// The viewer approves and returns entries (an assigned supervisor).
    public var canReview: Bool
    /// The viewer excuses weeks (the academic supervisor).
    public var canExcuse: Bool
    /// Evaluations the viewer may write (or correct) now.
    public var evaluations: [EvaluationKind]
    public var canTerminate: Bool
    public var canMoveDates: Bool
    /// Which supervisor the viewer assigns.
    public var assigns: SupervisorKind?

    public init(
        writableWeeks: [Int] = [], canReview: Bool = false, canExcuse: Bool = false,
        evaluations: [EvaluationKind] = [], canTerminate: Bool = false, canMoveDates: Bool = false,
        assigns: SupervisorKind? = nil
    ) {
        self.writableWeeks = writableWeeks
        self.canReview = canReview
        self.canExcuse = canExcuse
        self.evaluations = evaluations
        self.canTerminate = canTerminate
        self.canMoveDates = canMoveDates
        self.assigns = assigns
    }
}

/// A placement with everything its screens show.
public struct PlacementDetail: Sendable, Equatable, Hashable, Codable {
    public var summary: PlacementSummary
    /// Oldest first; never rewritten.
    public var timeline: [PlacementTimelineEvent]
    public var weeks: [LogbookWeek]
    /// Every version, oldest first.
    public var evaluations: [Evaluation]
    /// The rubric evaluations are written against now.
    public var rubric: Rubric
    /// The assigned supervisors, with how to reach them.
    public var supervisors: [SupervisorSummary]
    public var permissions: PlacementPermissions
    /// Why an active placement has not completed yet.
    public var completionBlocker: String?

    public init(
        summary: PlacementSummary, timeline: [PlacementTimelineEvent], weeks: [LogbookWeek],
        evaluations: [Evaluation], rubric: Rubric, supervisors: [SupervisorSummary],
        permissions: PlacementPermissions, completionBlocker: String?
    ) {
        self.summary = summary
        self.timeline = timeline
        self.weeks = weeks
        self.evaluations = evaluations
        self.rubric = rubric
        self.supervisors = supervisors
        self.permissions = permissions
        self.completionBlocker = completionBlocker
    }

    public var placement: Placement { summary.placement }

    /// The latest version of each evaluation kind.
    public func latest(_ kind: EvaluationKind) -> Evaluation? {
        evaluations.last { $0.kind == kind }
    }
}

/// A submitted entry waiting for a supervisor, with what the queue shows.
public struct LogbookQueueItem: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var entry: LogbookEntry
    public var studentName: String
    public var listingTitle: String
    public var weekStart: Date
    public var due: Date
    public var id: LogbookEntryID { entry.id }

    public init(entry: LogbookEntry, studentName: String, listingTitle: String, weekStart: Date, due: Date) {
        self.entry = entry
        self.studentName = studentName
        self.listingTitle = listingTitle
        self.weekStart = weekStart
        self.due = due
    }
}

/// A change to a placement by the people who run it.
public struct PlacementChangeRequest: Sendable, Equatable, Hashable, Codable {
    public enum Action: String, Sendable, Codable, CaseIterable, Hashable {
        case terminate
        case moveDates = "move_dates"
        case assignSupervisor = "assign_supervisor"
    }

    public var action: Action
    public var reason: String?
    public var startDate: Date?
    public var endDate: Date?
    public var supervisorID: UserID?

    public init(
        action: Action, reason: String? = nil, startDate: Date? = nil, endDate: Date? = nil,
        supervisorID: UserID? = nil
    ) {
        self.action = action
        self.reason = reason
        self.startDate = startDate
        self.endDate = endDate
        self.supervisorID = supervisorID
    }

    public static func terminate(reason: String) -> Self { Self(action: .terminate, reason: reason) }
    public static func moveDates(start: Date, end: Date, reason: String) -> Self {
        Self(action: .moveDates, reason: reason, startDate: start, endDate: end)
    }
    public static func assign(_ supervisor: UserID) -> Self {
        Self(action: .assignSupervisor, supervisorID: supervisor)
    }
}

/// A supervisor's decision on a submitted entry, or their private note on any entry.
public struct LogbookReview: Sendable, Equatable, Hashable, Codable {
    public enum Action: String, Sendable, Codable, CaseIterable, Hashable {
        case approve
        /// Back to the student, with a comment (10–1,000 characters).
        case `return`
        /// The private note (supervisors and the institution admin only); no state change.
        case note
    }

    public var action: Action
    public var comment: String?

    public init(action: Action, comment: String? = nil) {
        self.action = action
        self.comment = comment
    }

    public static let approve = Self(action: .approve)
    public static func `return`(_ comment: String) -> Self { Self(action: .return, comment: comment) }
    public static func note(_ note: String) -> Self { Self(action: .note, comment: note) }
}

/// The completion record of a placement: what the certificate prints and verification returns.
public struct CompletionRecord: Sendable, Equatable, Hashable, Codable {
    public var code: String
    public var placementID: PlacementID
    public var studentName: String
    public var registrationNumber: String?
    public var institutionName: String?
    public var organizationName: String
    public var listingTitle: String
    public var startDate: Date
    public var endDate: Date
    public var completedAt: Date
    public var weekCount: Int
    public var weeksApproved: Int
    public var weeksExcused: Int
    public var hours: Double
    /// The latest version of each evaluation.
    public var evaluations: [Evaluation]
    public var result: FinalResult?

    public init(
        code: String, placementID: PlacementID, studentName: String, registrationNumber: String?,
        institutionName: String?, organizationName: String, listingTitle: String, startDate: Date, endDate: Date,
        completedAt: Date, weekCount: Int, weeksApproved: Int, weeksExcused: Int, hours: Double,
        evaluations: [Evaluation], result: FinalResult?
    ) {
        self.code = code
        self.placementID = placementID
        self.studentName = studentName
        self.registrationNumber = registrationNumber
        self.institutionName = institutionName
        self.organizationName = organizationName
        self.listingTitle = listingTitle
        self.startDate = startDate
        self.endDate = endDate
        self.completedAt = completedAt
        self.weekCount = weekCount
        self.weeksApproved = weeksApproved
        self.weeksExcused = weeksExcused
        self.hours = hours
        self.evaluations = evaluations
        self.result = result
    }
}
