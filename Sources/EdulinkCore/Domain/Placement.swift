public import Foundation

public typealias PlacementID = EntityID<Placement>

/// Where a placement is in its life (PLACEMENTS.md, "Placement").
public enum PlacementStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case upcoming
    case active
    case completed
    case terminated

    public var label: String { rawValue }

    /// Whether nothing more happens to it.
    public var isFinal: Bool { self == .completed || self == .terminated }
}

/// Something that happens to a placement.
public enum PlacementEvent: String, Sendable, Codable, CaseIterable, Hashable {
    /// The start date is reached (the jobs run).
    case start
    /// The employer or the institution admin ends it early, with a reason.
    case terminate
    /// The end date passed, every week is approved or excused and the final evaluation is in.
    case complete

    var verb: String {
        switch self {
        case .start: "start"
        case .terminate: "terminate"
        case .complete: "complete"
        }
    }
}

/// The internship after an accepted offer: who, where, when, who supervises it and where it is.
public struct Placement: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: PlacementID
    public var applicationID: ApplicationID
    public var studentID: UserID
    public var listingID: ListingID
    public var organizationID: OrganizationID
    /// The student's institution when the placement began.
    public var institutionID: InstitutionID?
    /// The first day (from the listing; the employer may move it before the start).
    public var startDate: Date
    /// The last day.
    public var endDate: Date
    public var workplaceSupervisorID: UserID?
    public var academicSupervisorID: UserID?
    public var status: PlacementStatus
    /// Why it was terminated.
    public var statusReason: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?
    /// The final score and grade with their parts, once the service has computed them.
    public var result: FinalResult?
    /// The code printed on the completion record, set when the placement completes.
    public var completionCode: String?

    public init(
        id: PlacementID = 0, applicationID: ApplicationID, studentID: UserID, listingID: ListingID,
        organizationID: OrganizationID, institutionID: InstitutionID?, startDate: Date, endDate: Date,
        workplaceSupervisorID: UserID? = nil, academicSupervisorID: UserID? = nil,
        status: PlacementStatus = .upcoming, statusReason: String? = nil, createdAt: Date, updatedAt: Date? = nil,
        completedAt: Date? = nil, result: FinalResult? = nil, completionCode: String? = nil
    ) {
        self.id = id
        self.applicationID = applicationID
        self.studentID = studentID
        self.listingID = listingID
        self.organizationID = organizationID
        self.institutionID = institutionID
        self.startDate = startDate
        self.endDate = endDate
        self.workplaceSupervisorID = workplaceSupervisorID
        self.academicSupervisorID = academicSupervisorID
        self.status = status
        self.statusReason = statusReason
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.completedAt = completedAt
        self.result = result
        self.completionCode = completionCode
    }

    /// The supervisor of `kind`.
    public func supervisor(_ kind: SupervisorKind) -> UserID? {
        kind == .workplace ? workplaceSupervisorID : academicSupervisorID
    }

    /// Whether `user` is one of its supervisors.
    public func isSupervised(by user: UserID) -> Bool {
        workplaceSupervisorID == user || academicSupervisorID == user
    }

    /// Its weeks, from its dates.
    public func calendar(_ calendar: Calendar) -> PlacementCalendar {
        PlacementCalendar(start: startDate, end: endDate, calendar: calendar)
    }
}

/// What completing a placement needs, as the service has found it.
public struct CompletionCheck: Sendable, Equatable {
    /// The end date has passed.
    public var ended: Bool
    /// Weeks whose entry is neither approved nor excused, by number.
    public var openWeeks: [Int]
    /// The workplace supervisor's final evaluation is submitted.
    public var finalEvaluationSubmitted: Bool

    public init(ended: Bool, openWeeks: [Int], finalEvaluationSubmitted: Bool) {
        self.ended = ended
        self.openWeeks = openWeeks
        self.finalEvaluationSubmitted = finalEvaluationSubmitted
    }

    /// Why the placement cannot complete yet, in the order a person would fix it; nil when it can.
    public var refusal: Refusal? {
        if !ended { return Refusal(.invalidTransition, "The placement has not ended yet.") }
        if !openWeeks.isEmpty {
            let weeks = openWeeks.map(String.init).joined(separator: ", ")
            let noun = openWeeks.count == 1 ? "Week" : "Weeks"
            return Refusal(.invalidTransition, "\(noun) \(weeks) of the logbook are not approved or excused.")
        }
        if !finalEvaluationSubmitted {
            return Refusal(.invalidTransition, "The final evaluation is not submitted yet.")
        }
        return nil
    }
}

/// The placement lifecycle (PLACEMENTS.md): `upcoming → active → completed`, and `terminated` from
/// upcoming or active.
///
/// ```swift
/// PlacementLifecycle.transition(from: .active, on: .terminate, by: .employer)  // .success(.terminated)
/// ```
public enum PlacementLifecycle {
    /// The characters a termination reason must have.
    public static let reasonLength = 10...500
    /// How far the employer may move the dates, before the start.
    public static let maximumMoveDays = 60

    /// Who may cause each event; the system (the jobs run, the completion check) has no role.
    public static func actors(for event: PlacementEvent) -> Set<Role> {
        switch event {
        case .terminate: [.employer, .institutionAdmin]
        case .start, .complete: []
        }
    }

    /// The status after `event`, or why it is refused. `role == nil` means the system.
    public static func transition(from status: PlacementStatus, on event: PlacementEvent, by role: Role?)
        -> Result<PlacementStatus, Refusal>
    {
        if let role, !actors(for: event).contains(role) {
            return .failure(Refusal(.forbiddenTransition, "A \(role.rawValue) cannot \(event.verb) a placement."))
        }
        let target: PlacementStatus? =
            switch (status, event) {
            case (.upcoming, .start): .active
            case (.upcoming, .terminate), (.active, .terminate): .terminated
            case (.active, .complete): .completed
            default: nil
            }
        guard let target else {
            return .failure(Refusal(.invalidTransition, "A placement that is \(status.label) cannot \(event.verb)."))
        }
        return .success(target)
    }

    /// The checks on a termination's reason.
    public static func validateReason(_ reason: String?) throws(EdulinkError) {
        var v = FieldValidator()
        v.text("reason", reason ?? "", label: "Reason", range: reasonLength, multiline: true)
        try v.check()
    }

    /// The checks on moving an upcoming placement's dates at `now`: before the start, by at most
    /// ``maximumMoveDays`` days each way, with a reason, the end after the start.
    public static func validateMove(
        _ placement: Placement, start: Date, end: Date, reason: String?, now: Date
    ) throws(EdulinkError) {
        var v = FieldValidator()
        if placement.status != .upcoming || placement.startDate <= now {
            v.add("start_date", "Dates can move only before the placement starts.")
        } else {
            let limit = Double(maximumMoveDays) * 86_400
            if abs(start.timeIntervalSince(placement.startDate)) > limit {
                v.add("start_date", "The start may move by at most \(maximumMoveDays) days.")
            } else if start <= now {
                v.add("start_date", "The new start must be in the future.")
            }
            if abs(end.timeIntervalSince(placement.endDate)) > limit {
                v.add("end_date", "The end may move by at most \(maximumMoveDays) days.")
            } else if end <= start {
                v.add("end_date", "The end must be after the start.")
            }
        }
        v.text("reason", reason ?? "", label: "Reason", range: reasonLength, multiline: true)
        try v.check()
    }
}

public typealias PlacementEventID = EntityID<PlacementTimelineEvent>

/// What happened to a placement, as its timeline shows it.
public enum PlacementChange: String, Sendable, Codable, CaseIterable, Hashable {
    case created
    case started
    case datesMoved = "dates_moved"
    case supervisorAssigned = "supervisor_assigned"
    case terminated
    case completed
    /// The final score and grade were computed (again).
    case graded

    public var label: String {
        switch self {
        case .created: "created"
        case .started: "started"
        case .datesMoved: "dates moved"
        case .supervisorAssigned: "supervisor assigned"
        case .terminated: "terminated"
        case .completed: "completed"
        case .graded: "graded"
        }
    }
}

/// One entry of a placement's timeline; never rewritten. Assignments keep their history here: each
/// names the supervisor and which one (workplace or academic) it replaced.
public struct PlacementTimelineEvent: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: PlacementEventID
    public var placementID: PlacementID
    public var change: PlacementChange
    /// Nil for the system (the jobs run) or the command line's operator.
    public var actorID: UserID?
    public var actorRole: Role?
    public var at: Date
    /// A reason, the dates moved from and to, or the grade.
    public var note: String?
    /// The supervisor assigned, for `supervisorAssigned`.
    public var supervisorID: UserID?
    public var supervisorKind: SupervisorKind?

    public init(
        id: PlacementEventID = 0, placementID: PlacementID, change: PlacementChange, actorID: UserID?,
        actorRole: Role?, at: Date, note: String? = nil, supervisorID: UserID? = nil,
        supervisorKind: SupervisorKind? = nil
    ) {
        self.id = id
        self.placementID = placementID
        self.change = change
        self.actorID = actorID
        self.actorRole = actorRole
        self.at = at
        self.note = note
        self.supervisorID = supervisorID
        self.supervisorKind = supervisorKind
    }
}
