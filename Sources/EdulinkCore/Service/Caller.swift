import Foundation

/// Who the service acts for: the principal every use case checks its rules against.
///
/// A use case reads its principal from here (`try await caller()`), so the service's use cases have
/// the same signatures as `EdulinkRepository`'s and the service conforms to it directly: local mode
/// binds it to a session signed in on this machine, the server to each request's verified caller,
/// tests and the command line to whoever they act as.
///
/// ```swift
/// let page = try await service.acting(as: student).search(filter, cursor: nil, limit: 20)
/// ```
public struct Caller: Sendable {
    enum Source: Sendable {
        /// Unbound: every use case answers "Sign in first.".
        case nobody
        /// A principal checked by someone else (a request's token, the command line).
        case fixed(Principal)
        /// A session signed in on this machine, checked again at every call.
        case session(LocalSession)
    }

    let source: Source
    /// Where the session's data lives, for the status bar.
    public let mode: RepositoryMode

    static let nobody = Caller(source: .nobody, mode: .local(path: ""))
}

extension EdulinkService {
    /// A copy of the service acting for `caller`.
    func bound(to caller: Caller) -> EdulinkService {
        var copy = self
        copy.binding = caller
        return copy
    }

    /// The service acting as `principal`, already authenticated by the caller of this method.
    public func acting(as principal: Principal) -> EdulinkService {
        bound(to: Caller(source: .fixed(principal), mode: binding.mode))
    }

    /// The service as a repository for one person on this machine (local mode): it starts signed
    /// out; `login` begins the session, and every call after checks that the account may still act.
    public func localSession(mode: RepositoryMode, origin: Origin = .tui) -> EdulinkService {
        bound(to: Caller(source: .session(LocalSession(origin: origin)), mode: mode))
    }

    /// The principal the use cases act as; throws when nobody is signed in or the session ended,
    /// and, for an account that signed in with a one-time code, until it sets its own password
    /// (only the use cases that lead there pass `allowingPasswordChange`).
    func caller(allowingPasswordChange: Bool = false) async throws -> Principal {
        let principal: Principal
        switch binding.source {
        case .nobody: throw EdulinkError.unauthenticated("Sign in first.")
        case .fixed(let fixed): principal = fixed
        case .session(let session): principal = try await session.principal(resuming: self)
        }
        if principal.mustChangePassword && !allowingPasswordChange {
            throw EdulinkError.refused(
                Refusal(
                    .passwordChangeRequired,
                    "Set your own password first (Profile, p): the one-time code is for signing in once."))
        }
        return principal
    }

    /// The local session this service is bound to, if any.
    var localSession: LocalSession? {
        if case .session(let session) = binding.source { return session }
        return nil
    }
}

/// A session signed in on this machine: who, and since when (an admin's lock, disable, role change
/// or reset after that ends it at the next call).
public actor LocalSession {
    let origin: Origin
    private(set) var user: User?
    private var begunAt = Date.distantPast

    init(origin: Origin) {
        self.origin = origin
    }

    func begin(_ user: User, at: Date) {
        self.user = user
        begunAt = at
    }

    func end() { user = nil }

    /// The signed-in user as the account is now; a session an admin ended signs out here.
    func principal(resuming service: EdulinkService) async throws -> Principal {
        guard let current = user else { throw EdulinkError.unauthenticated("Sign in first.") }
        do {
            let resumed = try await service.resumeSession(current.id, begunAt: begunAt)
            user = resumed
            return Principal(user: resumed, origin: origin)
        } catch let error as EdulinkError {
            if case .unauthenticated = error { user = nil }
            throw error
        }
    }

    func update(_ user: User) { self.user = user }
}
