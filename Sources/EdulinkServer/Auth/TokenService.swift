import Crypto
import EdulinkCore
import Foundation
import JWTKit

/// The rules of sign-in sessions: short access tokens (JWT), long refresh tokens that rotate on
/// every use, reuse detection that revokes the whole family, logout. Persistence is the store's
/// (`ServerStateWriter`); time comes from the service's clock.
struct TokenService: Sendable {
    /// A fresh pair for a client.
    struct Issued: Sendable {
        var accessToken: String
        var refreshToken: String
        var accessLifetime: TimeInterval
        var refreshLifetime: TimeInterval
        var user: User
    }

    let keys: SigningKeyRing
    let store: any ServerStateStore
    /// Access tokens whose signature held, and the sessions they stood for (`VerifiedToken`).
    let verified: BoundedCache<String, VerifiedToken>
    /// When accounts and sessions changed; nil: no session is cached, every request reads them.
    let signal: (any ChangeSignal)?
    let clock: any TimeSource
    let random: any RandomSource
    let accessLifetime: TimeInterval
    let refreshLifetime: TimeInterval

    /// Starts a new sign-in session (token family) for `user`.
    func startSession(for user: User) async throws -> Issued {
        let now = clock.now()
        let familyID = token(16)
        let refresh = newRefreshToken(familyID: familyID, userID: user.id, now: now)
        try await store.writeServerState { session in
            try session.insertTokenFamily(TokenFamily(id: familyID, userID: user.id, createdAt: now))
            try session.insertRefreshToken(refresh.record)
            try session.pruneTokens(expiredBefore: now)
        }
        return try await issued(user: user, familyID: familyID, refreshToken: refresh.text, now: now)
    }

    /// Exchanges a refresh token for a new pair. A token used before revokes its family and records
    /// a `token_reuse` security event: one of the two holders is not the user.
    func refresh(_ presented: String, source: String) async throws -> Issued {
        let now = clock.now()
        guard let (id, secret) = Self.split(presented) else { throw Self.rejected }
        let secretHash = Self.hash(secret)
        let refreshLifetime = refreshLifetime
        let next = newRefreshToken(familyID: "", userID: UserID(0), now: now)
        enum Outcome: Sendable {
            case rotated(User, familyID: String)
            case reused
            case rejected
        }
        let outcome: Outcome = try await store.writeServerState { session in
            guard let record = try session.refreshToken(id),
                Self.constantTimeEqual(record.secretHash, secretHash),
                let family = try session.tokenFamily(record.familyID)
            else { return .rejected }
            if record.usedAt != nil {
                try session.revokeTokenFamily(family.id, at: now, reason: "refresh token reused")
                try session.insertSecurityEvent(
                    SecurityEvent(
                        kind: .tokenReuse, userID: record.userID, source: source,
                        detail: "A used refresh token was presented again; the session was ended.", at: now))
                return .reused
            }
            guard family.revokedAt == nil, record.expiresAt > now, let user = try session.user(record.userID),
                user.sessionEnd(begunAt: family.createdAt, at: now) == nil
            else { return .rejected }
            try session.markRefreshTokenUsed(record.id, at: now)
            var fresh = next.record
            fresh.familyID = family.id
            fresh.userID = user.id
            fresh.expiresAt = now.addingTimeInterval(refreshLifetime)
            try session.insertRefreshToken(fresh)
            return .rotated(user, familyID: family.id)
        }
        switch outcome {
        case .rotated(let user, let familyID):
            return try await issued(user: user, familyID: familyID, refreshToken: next.text, now: now)
        case .reused:
            throw EdulinkError.unauthenticated(
                "This session was ended because its refresh token was used twice. Sign in again.")
        case .rejected:
            throw Self.rejected
        }
    }

    /// Ends every sign-in session of `userID` but `keeping` (the caller's own, after a password
    /// change); returns how many it ended.
    @discardableResult
    func endSessions(of userID: UserID, keeping familyID: String?, reason: String) async throws -> Int {
        let now = clock.now()
        return try await store.writeServerState { session in
            try session.revokeTokenFamilies(of: userID, keeping: familyID, at: now, reason: reason)
        }
    }

    /// Ends a sign-in session: its refresh tokens and access tokens stop working.
    func endSession(familyID: String) async throws {
        let now = clock.now()
        try await store.writeServerState { session in
            try session.revokeTokenFamily(familyID, at: now, reason: "signed out")
        }
    }

    /// The token of an `Authorization` header in the bearer scheme, however the scheme is spelled
    /// (`Bearer`, `bearer`) and however many spaces surround the token; nil for anything else.
    static func bearerToken(_ header: String?) -> String? {
        // Bytes, not Foundation's trimming and lowercasing: every request parses this, twice (the
        // rate limiter and authentication), and the Foundation calls showed up in profiles.
        guard let bytes = header?.utf8 else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }),
            let end = bytes.lastIndex(where: { !isSpace($0) })
        else { return nil }
        let trimmed = bytes[start...end]
        guard let space = trimmed.firstIndex(where: isSpace) else { return nil }
        let scheme = trimmed[..<space]
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        guard let tokenStart = trimmed[space...].firstIndex(where: { !isSpace($0) }) else { return nil }
        return String(decoding: trimmed[tokenStart...], as: UTF8.self)
    }

    /// Who a token was issued to, when its signature and expiry hold, without reading the database:
    /// the rate limiter's key (one bucket per user however the header is written; a forged or
    /// random token is not anyone and counts against its address).
    func verifiedSubject(bearer token: String) async -> String? {
        await validClaims(token, seen: verified.value(for: token))?.sub.value
    }

    /// The claims of an access token whose signature, issuer and expiry hold; nil otherwise. A
    /// token verified before (`seen`, the same bytes) is not verified again: only its expiry is.
    private func validClaims(_ token: String, seen: VerifiedToken?) async -> AccessTokenClaims? {
        let claims: AccessTokenClaims
        if let seen {
            claims = seen.claims
        } else {
            guard let fresh = try? await keys.verify(token), fresh.iss.value == AccessTokenClaims.issuer else {
                return nil
            }
            claims = fresh
        }
        guard (try? claims.exp.verifyNotExpired(currentDate: clock.now())) != nil else { return nil }
        if seen == nil { verified.insert(VerifiedToken(claims: claims), for: token) }
        return claims
    }

    /// The caller an access token stands for: a valid signature by a known key, not expired, its
    /// session not revoked, and the session still valid for its user as the account is now
    /// (`User.sessionEnd(begunAt:at:)`, the same rule as local mode: an admin's lock, disable, role
    /// change or reset ends it; a lockout after failed sign-ins does not).
    ///
    /// The user and the session are read from the database once, then kept with the token while
    /// `ChangeVersions.accounts` stays the same: any change of a user, a session or a profile moves
    /// it (in this process, another instance, or a command on the same SQLite file), so the next
    /// request reads them again and a disabled user or ended session is refused at once. The rule
    /// itself is applied on every request, cached or not.
    func authenticate(bearer token: String) async throws -> Authenticated {
        // Read before the database, so a change made during the read leaves the entry stale.
        let versions = signal?.versions()
        let seen = verified.value(for: token)
        guard let claims = await validClaims(token, seen: seen) else {
            throw EdulinkError.unauthenticated("The access token is invalid or expired. Sign in again.")
        }
        if let versions, let session = seen?.session, session.accounts == versions.accounts {
            return try Self.stillValid(session.authenticated, begunAt: session.begunAt, at: clock.now())
        }
        guard let rawID = Int64(claims.sub.value) else { throw Self.rejected }
        let familyID = claims.fam
        let (user, family) = try await store.readServerState { session in
            (try session.user(UserID(rawID)), try session.tokenFamily(familyID))
        }
        guard let user, let family, family.revokedAt == nil, family.userID == user.id else {
            throw EdulinkError.unauthenticated("This session has ended. Sign in again.")
        }
        let caller = Authenticated(user: user, principal: Principal(user: user, origin: .api), familyID: familyID)
        let authenticated = try Self.stillValid(caller, begunAt: family.createdAt, at: clock.now())
        if let versions {
            let session = VerifiedToken.Session(
                authenticated: authenticated, begunAt: family.createdAt, accounts: versions.accounts)
            verified.insert(VerifiedToken(claims: claims, session: session), for: token)
        }
        return authenticated
    }

    /// `caller`, unless its session ended by `User.sessionEnd(begunAt:at:)`.
    private static func stillValid(_ caller: Authenticated, begunAt: Date, at now: Date) throws -> Authenticated {
        if let ended = caller.user.sessionEnd(begunAt: begunAt, at: now) {
            throw EdulinkError.unauthenticated(ended)
        }
        return caller
    }

    // MARK: Internals

    private static let rejected = EdulinkError.unauthenticated(
        "The refresh token is invalid or expired. Sign in again.")

    private func issued(user: User, familyID: String, refreshToken: String, now: Date) async throws -> Issued {
        let claims = AccessTokenClaims(
            sub: SubjectClaim(value: String(user.id.rawValue)), fam: familyID, iat: IssuedAtClaim(value: now),
            exp: ExpirationClaim(value: now.addingTimeInterval(accessLifetime)),
            iss: IssuerClaim(value: AccessTokenClaims.issuer))
        return Issued(
            accessToken: try await keys.sign(claims), refreshToken: refreshToken, accessLifetime: accessLifetime,
            refreshLifetime: refreshLifetime, user: user)
    }

    private func newRefreshToken(familyID: String, userID: UserID, now: Date) -> (
        text: String, record: RefreshTokenRecord
    ) {
        let id = token(12)
        let secret = token(32)
        let record = RefreshTokenRecord(
            id: id, familyID: familyID, userID: userID, secretHash: Self.hash(secret), issuedAt: now,
            expiresAt: now.addingTimeInterval(refreshLifetime))
        return ("\(id).\(secret)", record)
    }

    private func token(_ bytes: Int) -> String { Data(random.bytes(bytes)).base64URL }

    private static func split(_ token: String) -> (String, String)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// An access token whose signature held (the same bytes need no second check), and once
/// authenticated, the caller it stood for with the `ChangeVersions.accounts` it was read under.
struct VerifiedToken: Sendable {
    struct Session: Sendable {
        var authenticated: Authenticated
        /// When the token's sign-in session began (`User.sessionEnd(begunAt:at:)`).
        var begunAt: Date
        var accounts: Int64
    }

    var claims: AccessTokenClaims
    var session: Session?

    /// How many tokens are kept per cache generation (`BoundedCache`): a few hundred bytes each.
    static let capacity = 20_000
}
