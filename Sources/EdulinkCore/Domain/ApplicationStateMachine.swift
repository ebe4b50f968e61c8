/// Where an application is in the hiring pipeline.
public enum ApplicationStatus: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable, Hashable {
    case pending
    case reviewed
    case shortlisted
    case interviewScheduled = "interview_scheduled"
    case offered
    case accepted
    case declined
    case rejected
    case withdrawn

    /// No transition leaves a terminal state.
    public var isTerminal: Bool {
        switch self {
        case .accepted, .declined, .rejected, .withdrawn: true
        default: false
        }
    }

    /// Open states are the ones an employer still works on (everything before an offer).
    public var isOpen: Bool {
        switch self {
        case .pending, .reviewed, .shortlisted, .interviewScheduled: true
        default: false
        }
    }

    public var label: String {
        switch self {
        case .pending: "pending"
        case .reviewed: "reviewed"
        case .shortlisted: "shortlisted"
        case .interviewScheduled: "interview"
        case .offered: "offered"
        case .accepted: "accepted"
        case .declined: "declined"
        case .rejected: "rejected"
        case .withdrawn: "withdrawn"
        }
    }

    /// The pipeline stages in order, as the employer's stage tabs show them.
    public static let pipeline: [ApplicationStatus] = [
        .pending, .reviewed, .shortlisted, .interviewScheduled, .offered, .accepted, .declined, .rejected,
        .withdrawn,
    ]
}

/// The application state machine of DOMAIN.md, as one table.
///
/// ```swift
/// ApplicationStateMachine.check(from: .pending, to: .shortlisted, by: .employer)  // nil: allowed
/// ApplicationStateMachine.check(from: .accepted, to: .withdrawn, by: .student)    // a Refusal
/// ```
public enum ApplicationStateMachine {
    /// Every allowed move and the role that makes it.
    public static let transitions: [ApplicationStatus: [(to: ApplicationStatus, by: Role)]] = [
        .pending: [(.reviewed, .employer), (.shortlisted, .employer), (.rejected, .employer), (.withdrawn, .student)],
        .reviewed: [
            (.shortlisted, .employer), (.interviewScheduled, .employer), (.rejected, .employer),
            (.withdrawn, .student),
        ],
        .shortlisted: [
            (.interviewScheduled, .employer), (.offered, .employer), (.rejected, .employer), (.withdrawn, .student),
        ],
        .interviewScheduled: [
            (.interviewScheduled, .employer), (.offered, .employer), (.rejected, .employer), (.withdrawn, .student),
        ],
        .offered: [(.accepted, .student), (.declined, .student), (.withdrawn, .student)],
    ]

    /// The states `role` may move an application in `status` to.
    public static func targets(from status: ApplicationStatus, for role: Role) -> [ApplicationStatus] {
        (transitions[status] ?? []).filter { $0.by == role }.map(\.to)
    }

    /// Nil when `role` may move an application from `from` to `to`; otherwise why not.
    public static func check(from: ApplicationStatus, to: ApplicationStatus, by role: Role) -> Refusal? {
        let moves = transitions[from] ?? []
        if moves.contains(where: { $0.to == to && $0.by == role }) { return nil }
        if from.isTerminal {
            return Refusal(.invalidTransition, "This application is \(from.label); it can no longer change.")
        }
        if let owner = moves.first(where: { $0.to == to })?.by {
            return Refusal(
                .forbiddenTransition, "Only the \(owner.rawValue) can move an application to \(to.label).")
        }
        return Refusal(.invalidTransition, "An application cannot go from \(from.label) to \(to.label).")
    }
}

extension ApplicationStatus {
    /// Whether an application in this state counts as "applied" wherever a number of applications
    /// is shown (Browse, the listing detail, the employer's listings and dashboard) and where it
    /// holds one of the listing's places: every state but withdrawn. The stores keep
    /// `listings.application_count` by the same rule.
    public var countsAsApplied: Bool { self != .withdrawn }
}

extension Dictionary where Key == ApplicationStatus, Value == Int {
    /// How many of these applications count as applied (`ApplicationStatus.countsAsApplied`).
    public var applied: Int { reduce(0) { $0 + ($1.key.countsAsApplied ? $1.value : 0) } }

    /// Offers made and not declined: still open, or accepted.
    public var offersStanding: Int { (self[.offered] ?? 0) + (self[.accepted] ?? 0) }

    /// What the employer is told when standing offers outnumber the listing's `positions`: more
    /// offers are allowed (some will be declined), but an offer accepted once every position is
    /// filled is refused (`positions_filled`), so the employer should know. Nil when they do not.
    public func offerWarning(positions: Int) -> String? {
        let standing = offersStanding
        guard standing > positions else { return nil }
        let filled = self[.accepted] ?? 0
        let places = positions == 1 ? "1 position" : "\(positions) positions"
        return "\(standing) offers for \(places), \(filled) filled: acceptances beyond \(positions) are refused"
    }
}
