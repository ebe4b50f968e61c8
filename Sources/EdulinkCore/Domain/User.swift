public import Foundation

/// Whether a user can sign in.
public enum AccountStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case active
    /// Locked until `User.lockedUntil`; becomes usable again by itself after that time.
    case locked
    case disabled
}

/// A person who signs in to Edulink.
public struct User: Sendable, Equatable, Codable, Identifiable {
    public var id: UserID
    /// Trimmed and lowercased; unique.
    public var email: String
    public var displayName: String
    public var role: Role
    public var status: AccountStatus
    public var lockedUntil: Date?
    /// bcrypt hash; never leaves the service.
    public var passwordHash: String
    public var phone: String?
    /// The organization an employer belongs to.
    public var organizationID: OrganizationID?
    /// The institution a student studies at, or an institution admin administers.
    public var institutionID: InstitutionID?
    public var createdAt: Date
    public var lastLoginAt: Date?
    /// Failed logins before this instant no longer count towards a lockout (set on success and unlock).
    public var failureWindowStart: Date?
    /// Sign-in sessions begun before this instant have ended: an admin locked or disabled the
    /// account, changed its role or reset its password (see `sessionEnd(begunAt:at:)`).
    public var sessionsEndedAt: Date?
    /// Signed in with a one-time code: nothing but setting their own password works until they do.
    public var mustChangePassword: Bool

    public init(
        id: UserID = 0, email: String, displayName: String, role: Role, status: AccountStatus = .active,
        lockedUntil: Date? = nil, passwordHash: String, phone: String? = nil,
        organizationID: OrganizationID? = nil, institutionID: InstitutionID? = nil, createdAt: Date,
        lastLoginAt: Date? = nil, failureWindowStart: Date? = nil, sessionsEndedAt: Date? = nil,
        mustChangePassword: Bool = false
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.status = status
        self.lockedUntil = lockedUntil
        self.passwordHash = passwordHash
        self.phone = phone
        self.organizationID = organizationID
        self.institutionID = institutionID
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
        self.failureWindowStart = failureWindowStart
        self.sessionsEndedAt = sessionsEndedAt
        self.mustChangePassword = mustChangePassword
    }

    /// True when the account is locked at `date` (a lock ends by itself at `lockedUntil`).
    public func isLocked(at date: Date) -> Bool {
        status == .locked && (lockedUntil.map { $0 > date } ?? true)
    }

    /// Why a sign-in session begun at `begunAt` can no longer act for this user at `date`, or nil
    /// while it can. The one rule for every session, local or remote: a disabled account has no
    /// sessions; an admin's lock, role change or password reset ends those begun before it. A
    /// lockout after failed sign-ins does not: it stops guessing passwords, not the person who is
    /// already signed in.
    public func sessionEnd(begunAt: Date, at date: Date) -> String? {
        if status == .disabled { return "Your account has been disabled. Ask an admin if this is a mistake." }
        guard let ended = sessionsEndedAt, ended > begunAt else { return nil }
        if isLocked(at: date) { return "An admin locked your account, which ended this session." }
        return "An admin changed your account or restored the database, which ended this session. Sign in again."
    }

    /// The user as other screens may show it: everything but the password hash.
    public var publicProfile: UserSummary {
        UserSummary(
            id: id, email: email, displayName: displayName, role: role, status: status,
            lockedUntil: lockedUntil, organizationID: organizationID, institutionID: institutionID,
            createdAt: createdAt, lastLoginAt: lastLoginAt, mustChangePassword: mustChangePassword)
    }
}

/// A user without secrets, as lists and the API show it.
public struct UserSummary: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: UserID
    public var email: String
    public var displayName: String
    public var role: Role
    public var status: AccountStatus
    public var lockedUntil: Date?
    public var organizationID: OrganizationID?
    public var institutionID: InstitutionID?
    public var createdAt: Date
    public var lastLoginAt: Date?
    /// Signed in with a one-time code and must set their own password before anything else.
    public var mustChangePassword: Bool

    public init(
        id: UserID, email: String, displayName: String, role: Role, status: AccountStatus, lockedUntil: Date?,
        organizationID: OrganizationID?, institutionID: InstitutionID?, createdAt: Date, lastLoginAt: Date?,
        mustChangePassword: Bool = false
    ) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.status = status
        self.lockedUntil = lockedUntil
        self.organizationID = organizationID
        self.institutionID = institutionID
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
        self.mustChangePassword = mustChangePassword
    }
}

/// Who is acting: the signed-in user as the service sees it.
public struct Principal: Sendable, Equatable, Codable {
    public var userID: UserID
    public var role: Role
    public var organizationID: OrganizationID?
    public var institutionID: InstitutionID?
    public var origin: Origin
    /// The account signed in with a one-time code and has not set its own password yet.
    public var mustChangePassword: Bool

    public init(
        userID: UserID, role: Role, organizationID: OrganizationID? = nil, institutionID: InstitutionID? = nil,
        origin: Origin, mustChangePassword: Bool = false
    ) {
        self.userID = userID
        self.role = role
        self.organizationID = organizationID
        self.institutionID = institutionID
        self.origin = origin
        self.mustChangePassword = mustChangePassword
    }

    public init(user: User, origin: Origin) {
        self.init(
            userID: user.id, role: user.role, organizationID: user.organizationID,
            institutionID: user.institutionID, origin: origin, mustChangePassword: user.mustChangePassword)
    }
}
