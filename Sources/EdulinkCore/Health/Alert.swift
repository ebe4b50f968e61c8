public import Foundation

public typealias AlertID = EntityID<Alert>

/// Where an alert is in its life.
public enum AlertState: String, Sendable, Codable, CaseIterable, Hashable {
    /// Raised and nobody has looked at it yet.
    case active
    /// An admin has seen it; it stays open until the condition clears or an admin resolves it.
    case acknowledged
    /// Closed by an admin. Raised again if the condition still holds at the next evaluation.
    case resolved
    /// Closed by itself because the condition cleared.
    case cleared

    public var isOpen: Bool { self == .active || self == .acknowledged }
}

/// A threshold crossed (or a condition such as an unreachable database), kept in history.
public struct Alert: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: AlertID
    public var kind: AlertKind
    /// The worst grade seen while open.
    public var severity: HealthStatus
    /// The latest measurement, e.g. "Failed logins (1 h): 23".
    public var message: String
    public var state: AlertState
    public var raisedAt: Date
    /// When the condition was last seen.
    public var lastSeenAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: UserID?
    public var closedAt: Date?
    /// The admin who resolved it; nil when it cleared by itself.
    public var closedBy: UserID?

    public init(
        id: AlertID = 0, kind: AlertKind, severity: HealthStatus, message: String, state: AlertState = .active,
        raisedAt: Date, lastSeenAt: Date, acknowledgedAt: Date? = nil, acknowledgedBy: UserID? = nil,
        closedAt: Date? = nil, closedBy: UserID? = nil
    ) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.message = message
        self.state = state
        self.raisedAt = raisedAt
        self.lastSeenAt = lastSeenAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.closedAt = closedAt
        self.closedBy = closedBy
    }
}

/// Which alerts to list, newest first.
public struct AlertQuery: Sendable, Equatable, Codable {
    public var openOnly: Bool
    public var kind: AlertKind?
    /// Paging: alerts with a smaller id.
    public var before: AlertID?
    public var limit: Int

    public init(openOnly: Bool = false, kind: AlertKind? = nil, before: AlertID? = nil, limit: Int = 100) {
        self.openOnly = openOnly
        self.kind = kind
        self.before = before
        self.limit = limit
    }
}

/// What one evaluation changes: pure logic, so every rule of the alert life cycle is in one place.
public enum AlertRules {
    /// The alert changes that `findings` cause, given the currently open alerts (one per kind).
    /// A non-ok finding raises a new alert of its kind unless one is open (then it updates that
    /// one: de-duplication); an ok finding clears the open alert of its kind. Kinds not measured
    /// are left alone.
    public static func evaluate(_ findings: [AlertFinding], open: [Alert], at now: Date) -> (
        raise: [Alert], update: [Alert]
    ) {
        var raise: [Alert] = []
        var update: [Alert] = []
        let openByKind = Dictionary(open.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        for finding in findings {
            if var alert = openByKind[finding.kind] {
                if finding.status == .ok {
                    alert.state = .cleared
                    alert.closedAt = now
                } else {
                    alert.severity = max(alert.severity, finding.status)
                    alert.message = finding.message
                    alert.lastSeenAt = now
                }
                update.append(alert)
            } else if finding.status != .ok, !raise.contains(where: { $0.kind == finding.kind }) {
                raise.append(
                    Alert(
                        kind: finding.kind, severity: finding.status, message: finding.message, raisedAt: now,
                        lastSeenAt: now))
            }
        }
        return (raise, update)
    }
}
