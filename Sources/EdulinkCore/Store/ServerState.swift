public import Foundation

/// One refresh token of a sign-in session. Tokens of one sign-in form a family: each refresh uses
/// one token and issues the next, so a token presented twice means it was copied, and the family
/// is revoked. Only a hash of the token's secret is stored.
public struct RefreshTokenRecord: Sendable, Equatable {
    /// The token's public identifier (the part before the dot).
    public var id: String
    public var familyID: String
    public var userID: UserID
    /// Hex SHA-256 of the token's secret part.
    public var secretHash: String
    public var issuedAt: Date
    public var expiresAt: Date
    /// When it was exchanged for the next token; a second use is reuse.
    public var usedAt: Date?

    public init(
        id: String, familyID: String, userID: UserID, secretHash: String, issuedAt: Date, expiresAt: Date,
        usedAt: Date? = nil
    ) {
        self.id = id
        self.familyID = familyID
        self.userID = userID
        self.secretHash = secretHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// A sign-in session: the family its refresh tokens belong to.
public struct TokenFamily: Sendable, Equatable {
    public var id: String
    public var userID: UserID
    public var createdAt: Date
    /// Set by logout or by reuse detection; revoked families' access tokens stop working too.
    public var revokedAt: Date?
    public var revokedReason: String?

    public init(id: String, userID: UserID, createdAt: Date, revokedAt: Date? = nil, revokedReason: String? = nil) {
        self.id = id
        self.userID = userID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.revokedReason = revokedReason
    }
}

/// The stored response to a write that carried an `Idempotency-Key`, replayed when the same user
/// retries the same request with the same key.
public struct IdempotencyRecord: Sendable, Equatable {
    public var userID: UserID
    public var key: String
    /// A hash of method, path and body: the same key with another request is a conflict.
    public var fingerprint: String
    /// Nil while the first request is still running.
    public var status: Int?
    public var body: [UInt8]
    public var createdAt: Date

    public init(userID: UserID, key: String, fingerprint: String, status: Int?, body: [UInt8], createdAt: Date) {
        self.userID = userID
        self.key = key
        self.fingerprint = fingerprint
        self.status = status
        self.body = body
        self.createdAt = createdAt
    }
}

/// Reads of the state an Edulink server keeps between requests (sign-in sessions and idempotency
/// records). Persistence only: the rules live in the server's `TokenService` and idempotency
/// middleware. Separate from `StoreReader` so that a store without a server still compiles.
public protocol ServerStateReader: StoreReader {
    func tokenFamily(_ id: String) throws -> TokenFamily?
    func refreshToken(_ id: String) throws -> RefreshTokenRecord?
    func idempotencyRecord(userID: UserID, key: String) throws -> IdempotencyRecord?
}

/// Writes of the server's state, in the same transaction as the service's writes.
public protocol ServerStateWriter: ServerStateReader, StoreWriter {
    func insertTokenFamily(_ family: TokenFamily) throws
    /// Marks the family revoked (if it is not already).
    func revokeTokenFamily(_ id: String, at date: Date, reason: String) throws
    /// Revokes every open family of the user but `keeping`; returns how many it revoked.
    func revokeTokenFamilies(of userID: UserID, keeping: String?, at date: Date, reason: String) throws -> Int
    func insertRefreshToken(_ token: RefreshTokenRecord) throws
    func markRefreshTokenUsed(_ id: String, at date: Date) throws
    /// Removes refresh tokens and families that expired before `date`.
    func pruneTokens(expiredBefore date: Date) throws
    /// Inserts a pending record; returns false when the user already has one with this key.
    func insertIdempotencyRecord(_ record: IdempotencyRecord) throws -> Bool
    func completeIdempotencyRecord(userID: UserID, key: String, status: Int, body: [UInt8]) throws
    func deleteIdempotencyRecord(userID: UserID, key: String) throws
    /// Removes records created before `date`.
    func pruneIdempotencyRecords(createdBefore date: Date) throws
}

/// A store that can also keep an Edulink server's state.
public protocol ServerStateStore: Store {
    func readServerState<T: Sendable>(_ body: @escaping @Sendable (any ServerStateReader) throws -> T) async throws
        -> T
    func writeServerState<T: Sendable>(_ body: @escaping @Sendable (any ServerStateWriter) throws -> T) async throws
        -> T
}
