public import Foundation

/// What a new account needs.
public struct NewAccount: Sendable, Equatable, Hashable, Codable {
    public var email: String
    public var displayName: String
    public var role: Role
    public var password: String
    public var phone: String?
    public var organizationID: OrganizationID?
    public var institutionID: InstitutionID?

    public init(
        email: String, displayName: String, role: Role, password: String, phone: String? = nil,
        organizationID: OrganizationID? = nil, institutionID: InstitutionID? = nil
    ) {
        self.email = email
        self.displayName = displayName
        self.role = role
        self.password = password
        self.phone = phone
        self.organizationID = organizationID
        self.institutionID = institutionID
    }
}

extension EdulinkService {
    /// The one message for unknown, wrong-password, locked and disabled accounts (no enumeration).
    public static let loginRefusedMessage =
        "Email or password is incorrect, or the account is locked. Try again later or ask an admin."

    // MARK: Signing in

    /// Checks credentials. Every failure is recorded once; the fifth within 15 minutes locks the
    /// account for 15 minutes. `source` is the network address, or `local`.
    public func login(email rawEmail: String, password: String, origin: Origin, source: String) async throws -> User {
        let email = AccountRules.signInEmail(rawEmail)
        let found = try await store.read { try $0.user(email: email) }
        // bcrypt runs outside the transaction; it is slow on purpose and must not hold the writer.
        // An unknown email is checked against a decoy hash, so it takes as long as a real account.
        let hasher = environment.hasher
        let stored = if let hash = found?.passwordHash { hash } else { await decoy.value(hasher) }
        let passwordMatches: Bool
        if let matches = OneTimeCodeHash.matches(password, stored: stored) {
            // An imported student's one-time code is quick to check; the decoy makes the answer take
            // as long as anyone else's, so timing tells nobody which accounts are waiting for theirs.
            _ = await PasswordWork.verify(password, hash: await decoy.value(hasher), with: hasher)
            passwordMatches = matches && found != nil
        } else {
            passwordMatches = await PasswordWork.verify(password, hash: stored, with: hasher) && found != nil
        }
        let at = now()
        let outcome: Result<User, EdulinkError> = try await store.write { session in
            guard var user = try session.user(email: email) else {
                try self.securityEvent(
                    session, .loginFailed, user: nil, email: String(email.prefix(254)), source: source,
                    "unknown account")
                return .failure(.unauthenticated(Self.loginRefusedMessage))
            }
            if user.status == .disabled {
                try self.securityEvent(session, .loginFailed, user: user.id, email: email, source: source, "disabled")
                return .failure(.unauthenticated(Self.loginRefusedMessage))
            }
            if user.isLocked(at: at) {
                try self.securityEvent(session, .loginFailed, user: user.id, email: email, source: source, "locked")
                return .failure(.unauthenticated(Self.loginRefusedMessage))
            }
            if user.status == .locked {  // the lock expired: a fresh window starts now
                user.status = .active
                user.lockedUntil = nil
                user.failureWindowStart = at
            }
            guard passwordMatches else {
                try self.securityEvent(
                    session, .loginFailed, user: user.id, email: email, source: source, "wrong password")
                let windowStart = max(
                    at.addingTimeInterval(-Self.lockoutWindow), user.failureWindowStart ?? .distantPast)
                let failures = try session.countSecurityEvents(kind: .loginFailed, userID: user.id, since: windowStart)
                if failures >= Self.lockoutThreshold {
                    user.status = .locked
                    user.lockedUntil = at.addingTimeInterval(Self.lockoutDuration)
                    try self.securityEvent(
                        session, .accountLocked, user: user.id, email: email, source: source,
                        "\(failures) failed logins in 15 minutes")
                    try self.notify(
                        session, user.id, .accountLocked, "Your account was locked",
                        "After \(failures) failed sign-in attempts your account is locked for 15 minutes. "
                            + "If this was not you, ask an admin to reset your password.")
                    try self.audit(session, nil, "user.lock", "user", user.id.rawValue, "locked after failed logins")
                }
                try session.updateUser(user)
                return .failure(.unauthenticated(Self.loginRefusedMessage))
            }
            user.lastLoginAt = at
            user.failureWindowStart = at
            try session.updateUser(user)
            try self.securityEvent(
                session, .loginSucceeded, user: user.id, email: email, source: source, origin.rawValue)
            return .success(user)
        }
        return try outcome.get()
    }

    /// The signed-in user proves it is still them (the idle lock). A wrong password counts as a
    /// failed sign-in (the lockout rules apply) but keeps the session, so the person may try again;
    /// it is a field error, never a sign-out. An account that is locked (the fifth failure locks it),
    /// disabled or gone ends the session with the sign-in refusal.
    public func reauthenticate(password: String, source: String) async throws -> User {
        let principal = try await caller(allowingPasswordChange: true)
        guard let user = try await store.read({ try $0.user(principal.userID) }) else {
            throw EdulinkError.unauthenticated(Self.loginRefusedMessage)
        }
        do {
            return try await login(email: user.email, password: password, origin: principal.origin, source: source)
        } catch let error as EdulinkError {
            guard case .unauthenticated = error else { throw error }
            let after = try await store.read { try $0.user(principal.userID) }
            if let after, after.status != .disabled, !after.isLocked(at: now()) {
                throw EdulinkError.validation([FieldError("password", Self.wrongPasswordMessage)])
            }
            throw error
        }
    }

    /// The account a sign-in session begun at `begunAt` acts for, as it is now (its current role and
    /// status), or `unauthenticated` with the reason when the session has ended
    /// (`User.sessionEnd(begunAt:at:)`). Every local call and every server request resolves its
    /// caller through this, so a lock, disable or role change takes effect at the next call.
    public func resumeSession(_ id: UserID, begunAt: Date) async throws -> User {
        guard let user = try await store.read({ try $0.user(id) }) else {
            throw EdulinkError.unauthenticated("This account no longer exists. Sign in again.")
        }
        if let ended = user.sessionEnd(begunAt: begunAt, at: now()) { throw EdulinkError.unauthenticated(ended) }
        return user
    }

    /// What the idle lock says to a wrong password (the person is signed in: no enumeration to fear).
    public static let wrongPasswordMessage = "That password is not right; try again."

    /// Changes the signed-in user's own password after checking the current one.
    public func changePassword(current: String, new: String) async throws {
        let principal = try await caller(allowingPasswordChange: true)
        return try await guarded(principal) {
            try authorize(principal, .changeOwnPassword, on: Ownership(userID: principal.userID))
            // The current password is checked like a sign-in: a wrong one counts towards the lockout
            // and is a security event, so a stolen session cannot guess it without limit.
            let user: User
            do {
                user = try await acting(as: principal).reauthenticate(
                    password: current, source: principal.origin.rawValue)
            } catch let error as EdulinkError where error.fieldErrors.map(\.field) == ["password"] {
                throw EdulinkError.validation([FieldError("current_password", "Current password is incorrect.")])
            }
            try environment.passwordPolicy.check(password: new, email: user.email)
            let hash = await PasswordWork.hash(new, with: environment.hasher)
            try await store.write { session in
                guard var user = try session.user(principal.userID) else { throw EdulinkError.notFound("Account") }
                user.passwordHash = hash
                user.mustChangePassword = false
                try session.updateUser(user)
                try self.securityEvent(
                    session, .passwordChanged, user: user.id, source: principal.origin.rawValue, "by self")
                try self.audit(session, principal, "user.password", "user", user.id.rawValue, "changed own password")
            }
        }
    }

    // MARK: Administration

    /// Creates an account (admins and the local operator).
    @discardableResult
    public func createUser(_ account: NewAccount) async throws -> UserSummary {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            let email = AccountRules.normalizeEmail(account.email)
            let name = TextRules.clean(account.displayName)
            let phone = account.phone.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
            try AccountRules.validate(email: email, displayName: name, phone: phone)
            try environment.passwordPolicy.check(password: account.password, email: email)
            let hash = await PasswordWork.hash(account.password, with: environment.hasher)
            let at = now()
            return try await store.write { session in
                if try session.user(email: email) != nil {
                    throw EdulinkError.validation([FieldError("email", "An account with this email already exists.")])
                }
                if account.role == .employer {
                    guard let organizationID = account.organizationID, try session.organization(organizationID) != nil
                    else {
                        throw EdulinkError.validation([FieldError("organization", "An employer needs an organization.")]
                        )
                    }
                }
                if let institutionID = account.institutionID, try session.institution(institutionID) == nil {
                    throw EdulinkError.validation([FieldError("institution", "No such institution.")])
                }
                let user = try session.insertUser(
                    User(
                        email: email, displayName: name, role: account.role, passwordHash: hash, phone: phone,
                        organizationID: account.role == .employer ? account.organizationID : nil,
                        institutionID: account.institutionID, createdAt: at))
                if user.role == .student {
                    try session.saveProfile(
                        StudentProfile(userID: user.id, institutionID: account.institutionID, updatedAt: at))
                }
                try self.audit(
                    session, principal, "user.create", "user", user.id.rawValue, "\(email) as \(user.role.rawValue)")
                try self.securityEvent(
                    session, .adminAction, user: user.id, source: principal.origin.rawValue, "account created")
                return user.publicProfile
            }
        }
    }

    /// Users whose email or name contains `text`.
    public func users(
        matching text: String?, role: Role? = nil, after: UserID? = nil, limit: Int = 100
    )
        async throws -> [UserSummary]
    {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            let limit = min(max(limit, 1), 1000)
            return try await store.read { try $0.users(matching: text, role: role, after: after, limit: limit) }
                .map(\.publicProfile)
        }
    }

    /// Finds one account by email (admins and the local operator).
    public func user(email: String) async throws -> UserSummary {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            let email = AccountRules.normalizeEmail(email)
            guard let user = try await store.read({ try $0.user(email: email) }) else {
                throw EdulinkError.notFound("Account \(email)")
            }
            return user.publicProfile
        }
    }

    /// Changes an account's role. The last active admin cannot be demoted.
    public func setRole(_ id: UserID, to role: Role) async throws {
        let principal = try await caller()
        let at = now()
        try await changeAccount(principal, id, action: "user.role", security: .roleChanged) { user, session in
            if user.role == role { return nil }
            try Self.refuseOwnAccount(principal, user, "change the role of")
            if user.role == .admin, try self.isLastActiveAdmin(user, session) {
                throw EdulinkError.refused(
                    Refusal(.lastAdmin, "This is the last active admin; make another admin first."))
            }
            if role == .employer && user.organizationID == nil {
                throw EdulinkError.validation([FieldError("role", "An employer needs an organization first.")])
            }
            let old = user.role
            user.role = role
            user.sessionsEndedAt = at
            return "role \(old.rawValue) → \(role.rawValue)"
        }
    }

    /// Ties a student or an institution admin to an institution, or unties them (`nil`): the admin's
    /// way until the institution's own codes and imports; a student's profile edit never changes it.
    public func setInstitution(_ id: UserID, to institutionID: InstitutionID?) async throws {
        let principal = try await caller()
        let at = now()
        try await changeAccount(principal, id, action: "user.institution", security: .adminAction) { user, session in
            guard user.role == .student || user.role == .institutionAdmin else {
                throw EdulinkError.validation([
                    FieldError("institution", "Only students and institution admins belong to an institution.")
                ])
            }
            let profile =
                user.role == .student ? try session.profile(id) ?? StudentProfile(userID: id, updatedAt: at) : nil
            if user.institutionID == institutionID && (profile?.institutionID ?? institutionID) == institutionID {
                return nil
            }
            var institutionName = "none"
            if let institutionID {
                guard let institution = try session.institution(institutionID) else {
                    throw EdulinkError.validation([FieldError("institution", "No such institution.")])
                }
                institutionName = institution.name
                try Self.refuseTakenRegistrationNumber(
                    profile?.registrationNumber, institutionID: institutionID, student: id, session)
            }
            if var moved = profile {
                moved.institutionID = institutionID
                moved.updatedAt = at
                try session.saveProfile(moved)
            }
            user.institutionID = institutionID
            // What the account may see changes with its institution: open sessions start again.
            user.sessionsEndedAt = at
            return "institution → \(institutionName)"
        }
    }

    /// Locks an account until `until` (nil: until an admin unlocks it).
    public func lockUser(_ id: UserID, until: Date? = nil) async throws {
        let principal = try await caller()
        let at = now()
        try await changeAccount(principal, id, action: "user.lock", security: .accountLocked) { user, session in
            try Self.refuseOwnAccount(principal, user, "lock")
            if user.role == .admin, try self.isLastActiveAdmin(user, session) {
                throw EdulinkError.refused(Refusal(.lastAdmin, "This is the last active admin; it cannot be locked."))
            }
            user.status = .locked
            user.lockedUntil = until
            user.sessionsEndedAt = at
            return until.map { "locked until \($0.ISO8601Format())" } ?? "locked"
        }
    }

    /// Unlocks an account and forgets its failed logins.
    public func unlockUser(_ id: UserID) async throws {
        let principal = try await caller()
        let at = now()
        try await changeAccount(principal, id, action: "user.unlock", security: .accountUnlocked) { user, _ in
            user.status = .active
            user.lockedUntil = nil
            user.failureWindowStart = at
            return "unlocked"
        }
    }

    /// Disables an account: it can no longer sign in.
    public func disableUser(_ id: UserID) async throws {
        let principal = try await caller()
        let at = now()
        try await changeAccount(principal, id, action: "user.disable", security: .adminAction) { user, session in
            try Self.refuseOwnAccount(principal, user, "disable")
            if user.role == .admin, try self.isLastActiveAdmin(user, session) {
                throw EdulinkError.refused(Refusal(.lastAdmin, "This is the last active admin; it cannot be disabled."))
            }
            user.status = .disabled
            user.sessionsEndedAt = at
            return "disabled"
        }
    }

    /// An admin signed in to a session never locks, disables or demotes themselves: one key too many
    /// would lock them out with nobody to notice. Another admin (or the local operator) does it.
    static func refuseOwnAccount(_ principal: Principal, _ user: User, _ verb: String) throws {
        guard !principal.isOperator, principal.userID == user.id else { return }
        throw EdulinkError.refused(
            Refusal(.ownAccount, "You cannot \(verb) your own account; another admin has to do it."))
    }

    /// Sets a new random password and returns it, to be shown once.
    public func resetPassword(_ id: UserID) async throws -> String {
        let principal = try await caller()
        var password = environment.random.token(length: 16)
        while environment.passwordPolicy.problem(password: password, email: "") != nil {
            password = environment.random.token(length: 16)
        }
        let hash = await PasswordWork.hash(password, with: environment.hasher)
        let at = now()
        try await changeAccount(principal, id, action: "user.reset_password", security: .passwordChanged) { user, _ in
            user.passwordHash = hash
            if user.status == .locked {
                user.status = .active
                user.lockedUntil = nil
            }
            user.failureWindowStart = at
            user.sessionsEndedAt = at
            return "password reset"
        }
        return password
    }

    /// Sets a chosen password for an account (the CLI reads it from standard input).
    public func setPassword(_ id: UserID, to password: String) async throws {
        let principal = try await caller()
        guard let email = try await store.read({ try $0.user(id)?.email }) else {
            throw EdulinkError.notFound("Account")
        }
        try environment.passwordPolicy.check(password: password, email: email)
        let hash = await PasswordWork.hash(password, with: environment.hasher)
        let at = now()
        try await changeAccount(principal, id, action: "user.set_password", security: .passwordChanged) { user, _ in
            user.passwordHash = hash
            user.mustChangePassword = false
            user.sessionsEndedAt = at
            return "password set"
        }
    }

    func isLastActiveAdmin(_ user: User, _ session: any StoreReader) throws -> Bool {
        guard user.status == .active else { return false }
        return try session.countUsers(role: .admin, status: .active) <= 1
    }

    /// One admin change to one account: permission, the change, audit and security event together.
    private func changeAccount(
        _ principal: Principal, _ id: UserID, action: String, security: SecurityEventKind,
        _ change: @escaping @Sendable (inout User, any StoreWriter) throws -> String?
    ) async throws {
        try await guarded(principal) {
            try authorize(principal, .manageUsers)
            try await store.write { session in
                guard var user = try session.user(id) else { throw EdulinkError.notFound("Account") }
                guard let summary = try change(&user, session) else { return }
                try session.updateUser(user)
                try self.audit(session, principal, action, "user", id.rawValue, "\(user.email): \(summary)")
                try self.securityEvent(session, security, user: id, source: principal.origin.rawValue, summary)
            }
        }
    }
}
