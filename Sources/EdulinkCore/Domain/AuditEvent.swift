public import Foundation

/// A record of a change: who did what to which entity, when and from where.
public struct AuditEvent: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: AuditEventID
    public var actorID: UserID?
    public var actorRole: Role?
    /// A dotted verb, e.g. `application.create`, `listing.verify`, `user.lock`.
    public var action: String
    /// `user`, `listing`, `application`, …
    public var entity: String
    public var entityID: Int64?
    public var summary: String
    public var at: Date
    public var origin: Origin

    public init(
        id: AuditEventID = 0, actorID: UserID?, actorRole: Role?, action: String, entity: String, entityID: Int64?,
        summary: String, at: Date, origin: Origin
    ) {
        self.id = id
        self.actorID = actorID
        self.actorRole = actorRole
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.summary = summary
        self.at = at
        self.origin = origin
    }
}

/// What to show of the audit log.
public struct AuditQuery: Sendable, Equatable, Codable {
    public var actorID: UserID?
    /// Prefix match, e.g. `application.` for every application action.
    public var action: String?
    public var entity: String?
    public var entityID: Int64?
    public var since: Date?
    public var until: Date?
    /// Events with an id below this one (keyset pagination, newest first).
    public var before: AuditEventID?
    public var limit: Int

    public init(
        actorID: UserID? = nil, action: String? = nil, entity: String? = nil, entityID: Int64? = nil,
        since: Date? = nil, until: Date? = nil, before: AuditEventID? = nil, limit: Int = 100
    ) {
        self.actorID = actorID
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.since = since
        self.until = until
        self.before = before
        self.limit = limit
    }
}

/// Kinds of security event, as DOMAIN.md lists them.
public enum SecurityEventKind: String, Sendable, Codable, CaseIterable, Hashable {
    case loginSucceeded = "login_succeeded"
    case loginFailed = "login_failed"
    case accountLocked = "account_locked"
    case accountUnlocked = "account_unlocked"
    case passwordChanged = "password_changed"
    case roleChanged = "role_changed"
    case permissionDenied = "permission_denied"
    case tokenReuse = "token_reuse"
    case rateLimited = "rate_limited"
    case adminAction = "admin_action"
    case dataExport = "data_export"
}

/// Something that matters for security, for admins to review.
public struct SecurityEvent: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: SecurityEventID
    public var kind: SecurityEventKind
    public var userID: UserID?
    /// The email typed at a login, also for unknown accounts.
    public var email: String?
    /// Network address or `local`.
    public var source: String?
    public var detail: String
    public var at: Date

    public init(
        id: SecurityEventID = 0, kind: SecurityEventKind, userID: UserID? = nil, email: String? = nil,
        source: String? = nil, detail: String, at: Date
    ) {
        self.id = id
        self.kind = kind
        self.userID = userID
        self.email = email
        self.source = source
        self.detail = detail
        self.at = at
    }
}

/// A database snapshot on disk.
public struct BackupRecord: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: BackupID
    public var path: String
    public var createdAt: Date
    public var sizeBytes: Int64
    public var verifiedAt: Date?
    /// Result of the integrity check of the copy.
    public var integrityOK: Bool

    public init(
        id: BackupID = 0, path: String, createdAt: Date, sizeBytes: Int64, verifiedAt: Date?, integrityOK: Bool
    ) {
        self.id = id
        self.path = path
        self.createdAt = createdAt
        self.sizeBytes = sizeBytes
        self.verifiedAt = verifiedAt
        self.integrityOK = integrityOK
    }
}
