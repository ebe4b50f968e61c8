import CoreMetrics
public import Foundation
public import Logging
import Synchronization

/// Hashes and checks passwords. bcrypt in production; a cheap cost in tests.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) -> String
    func verify(_ password: String, hash: String) -> Bool
}

/// Everything the service depends on, injected so that tests control time, randomness and cost.
public struct ServiceEnvironment: Sendable {
    public var store: any Store
    public var clock: any TimeSource
    public var random: any RandomSource
    public var hasher: any PasswordHasher
    public var passwordPolicy: PasswordPolicy
    /// Calendar for "per day" and "per month" limits (the platform's time zone).
    public var calendar: Calendar
    public var logger: Logger
    /// What the health report measures beyond the store; nil reports those checks as unmeasured.
    public var operations: OperationsEnvironment?
    /// How long the scheduled jobs keep what expires (PLACEMENTS.md, Privacy).
    public var retention: Retention = .standard
    /// Recent search pages (`SearchCache`); a server sets it, local mode leaves it nil.
    public var searchCache: SearchCache?

    public init(
        store: any Store, clock: any TimeSource = SystemTimeSource(), random: any RandomSource = SystemRandomSource(),
        hasher: any PasswordHasher = BcryptHasher(), passwordPolicy: PasswordPolicy, calendar: Calendar = .current,
        logger: Logger = Logger(label: "edulink.service"), operations: OperationsEnvironment? = nil
    ) {
        self.store = store
        self.clock = clock
        self.random = random
        self.hasher = hasher
        self.passwordPolicy = passwordPolicy
        self.calendar = calendar
        self.logger = logger
        self.operations = operations
    }
}

/// Every business rule of Edulink, once: validation, state transitions, permissions, limits,
/// audit and security events, notifications. Local mode and the server both call it, so the TUI,
/// the CLI and the API can never disagree about what is allowed.
public struct EdulinkService: Sendable {
    public let environment: ServiceEnvironment
    /// Who the use cases act for (`Caller`); nobody until bound.
    var binding = Caller.nobody
    var store: any Store { environment.store }
    var logger: Logger { environment.logger }

    /// How long an employer may undo a decision.
    public static let undoWindow: TimeInterval = 10 * 60
    /// ``undoWindow`` in whole minutes, for messages.
    public static var undoWindowMinutes: Int { Int(undoWindow / 60) }
    /// Failed logins within this window lock an account…
    public static let lockoutWindow: TimeInterval = 15 * 60
    /// …when there are this many…
    public static let lockoutThreshold = 5
    /// …for this long.
    public static let lockoutDuration: TimeInterval = 15 * 60
    public static let dailyApplicationLimit = 5
    public static let monthlyApplicationLimit = 50

    /// What an unknown email's password is checked against (see `DecoyHash`).
    let decoy = DecoyHash()

    public init(environment: ServiceEnvironment) {
        self.environment = environment
    }

    func now() -> Date { environment.clock.now() }

    /// This service with `cache` in front of listing searches (the server's; see `SearchCache`).
    public func cachingSearches(in cache: SearchCache) -> EdulinkService {
        var environment = environment
        environment.searchCache = cache
        var copy = EdulinkService(environment: environment)
        copy.binding = binding
        return copy
    }

    // MARK: Permissions

    /// Throws when `principal` may not do `action` on `ownership`. `hidden` reports the refusal as
    /// "not found" so that a caller cannot learn that somebody else's record exists.
    func authorize(
        _ principal: Principal, _ action: Action, on ownership: Ownership = .none, hidden entity: String? = nil
    ) throws {
        if PermissionPolicy.allows(principal, action, on: ownership) { return }
        throw PermissionDenied(action: action, hiddenEntity: entity)
    }

    /// Runs `work`; when it was refused by the permission policy, records a security event (in its
    /// own transaction, because the refused one rolled back) and reports the refusal.
    /// Times the call as a repository call when the environment asks for it (local mode).
    func guarded<T: Sendable>(_ principal: Principal, _ work: () async throws -> T) async throws -> T {
        let started = environment.clock.uptime()
        var failed = false
        defer {
            if let operations = environment.operations, operations.timesServiceCalls,
                let metrics = operations.requests
            {
                Timer(
                    label: RequestMetrics.repositoryCallLabel, dimensions: [("outcome", failed ? "error" : "ok")],
                    factory: metrics
                ).recordNanoseconds(environment.clock.nanosecondsSince(started))
            }
        }
        do {
            return try await work()
        } catch let denied as PermissionDenied {
            let at = now()
            let event = SecurityEvent(
                kind: .permissionDenied, userID: principal.isOperator ? nil : principal.userID,
                source: principal.origin.rawValue,
                detail: "\(principal.role.rawValue) was refused \(denied.action.rawValue)", at: at)
            do {
                try await store.write { try $0.insertSecurityEvent(event) }
            } catch {
                logger.error("could not record a permission denial: \(error)")
            }
            throw denied.outward
        } catch {
            failed = Self.isFault(error)
            throw error
        }
    }

    /// Whether an error is the platform's fault (counted in the error rate), not the caller's: an
    /// unreachable database or anything that is not an `EdulinkError`.
    static func isFault(_ error: any Error) -> Bool {
        // A superseded search the store interrupted is the caller's choice, not a failure.
        if error is CancellationError { return false }
        guard let error = error as? EdulinkError else { return true }
        if case .unavailable = error { return true }
        return false
    }

    // MARK: Audit and notifications

    func audit(
        _ session: any StoreWriter, _ principal: Principal?, _ action: String, _ entity: String, _ id: Int64?,
        _ summary: String
    ) throws {
        let actorID = principal.flatMap { $0.isOperator ? nil : $0.userID }
        try session.insertAudit(
            AuditEvent(
                actorID: actorID, actorRole: principal?.role, action: action, entity: entity, entityID: id,
                summary: summary, at: now(), origin: principal?.origin ?? .system))
    }

    /// Writes an in-app notification and queues it in the outbox for delivery elsewhere.
    func notify(
        _ session: any StoreWriter, _ userID: UserID, _ kind: NotificationKind, _ title: String, _ body: String,
        application: ApplicationID? = nil, listing: ListingID? = nil
    ) throws {
        let at = now()
        let notification = try session.insertNotification(
            Notification(
                userID: userID, kind: kind, title: title, body: body, createdAt: at, applicationID: application,
                listingID: listing))
        if let user = try session.user(userID), user.status != .disabled {
            try session.insertOutbox(
                OutboxMessage(
                    notificationID: notification.id, recipient: user.email, subject: title, body: body, createdAt: at,
                    nextAttemptAt: at))
        }
    }

    /// Records that a client was refused for sending too much (`rate_limited`): `client` is the
    /// address or the account the limit counts, `detail` what it hit. The server calls it at most once
    /// per client per minute (`RateLimitReporter`).
    public func recordRateLimited(user: UserID?, source: String, _ detail: String) async {
        try? await store.write { session in
            try self.securityEvent(session, .rateLimited, user: user, source: source, detail)
        }
    }

    func securityEvent(
        _ session: any StoreWriter, _ kind: SecurityEventKind, user: UserID?, email: String? = nil,
        source: String?, _ detail: String
    ) throws {
        try session.insertSecurityEvent(
            SecurityEvent(kind: kind, userID: user, email: email, source: source, detail: detail, at: now()))
    }
}

/// A refusal by the permission policy, carried out of a transaction so it can be recorded.
struct PermissionDenied: Error {
    var action: Action
    /// When set, the caller is told "not found" instead of "forbidden".
    var hiddenEntity: String?

    var outward: EdulinkError {
        if let hiddenEntity { return .notFound(hiddenEntity) }
        return .forbidden("You do not have permission to \(action.rawValue.replacingOccurrences(of: "_", with: " ")).")
    }
}

extension Principal {
    /// The local operator: whoever runs `edulink` commands against a database file they can write.
    /// Acts with admin rights; audited with origin `cli` and no user.
    public static func localOperator(origin: Origin = .cli) -> Principal {
        Principal(userID: UserID(0), role: .admin, origin: origin)
    }

    /// True for `localOperator`.
    public var isOperator: Bool { userID.rawValue == 0 }
}

/// A hash of nobody's password at the hasher's cost, made the first time it is needed. Signing in
/// with an unknown email checks the password against it, so the answer takes as long as for an
/// existing account and its timing does not tell which emails exist.
final class DecoyHash: Sendable {
    private let made = Mutex<String?>(nil)

    func value(_ hasher: any PasswordHasher) async -> String {
        if let hash = made.withLock({ $0 }) { return hash }
        let hash = await PasswordWork.hash(
            "no account has this password \(UInt64.random(in: 0...UInt64.max))", with: hasher)
        return made.withLock { current in
            if let current { return current }
            current = hash
            return hash
        }
    }
}
