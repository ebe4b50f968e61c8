import EdulinkCore
import Synchronization

/// What the HTTP middleware learned about the request in flight, for the OpenAPI middleware and
/// handlers, which the transport calls in the same task.
struct RequestValues: Sendable {
    var requestID: String
    var clientAddress: String
    /// The database's change versions as this request sees them (`RequestChangeSignal`); nil
    /// outside a request.
    var changes: ChangeSnapshot?

    @TaskLocal static var current = RequestValues(requestID: "-", clientAddress: "unknown")
}

/// The change versions one request reads, read once: its first question reads them from the
/// store's signal, later ones get the same answer. SQLite's signal is a read transaction on a
/// connection of its own, and a search asked it twice (the session's check, the search cache's):
/// reading it once raised SQLite's floor (a search whose page is kept) from 7,700 to 9,970
/// requests/s (BENCHMARKS.md, "Server").
final class ChangeSnapshot: Sendable {
    private let read = Mutex<ChangeVersions??>(.none)

    /// The versions read by the first call, `read` called then only.
    func versions(_ read: () -> ChangeVersions?) -> ChangeVersions? {
        self.read.withLock { kept in
            if case .some(let versions) = kept { return versions }
            let versions = read()
            kept = .some(versions)
            return versions
        }
    }
}

/// The store's change signal, read once per request (`RequestValues.changes`); outside a request
/// (the scheduled jobs) every call reads it.
///
/// Both caches stay right: an entry is tagged with versions read before the database read that
/// filled it (the request's versions were read earlier still, so a change in between leaves the
/// entry stale, never wrongly fresh), and a request answered from a cache answers as the database
/// was when it began: a change committed during the request is seen by the next one, as it would
/// be had the request come a moment sooner.
struct RequestChangeSignal: ChangeSignal {
    let base: any ChangeSignal

    func versions() -> ChangeVersions? {
        guard let snapshot = RequestValues.current.changes else { return base.versions() }
        return snapshot.versions { base.versions() }
    }
}

/// The verified caller of the request in flight.
struct Authenticated: Sendable {
    var user: User
    var principal: Principal
    /// The sign-in session the access token belongs to; logout revokes it.
    var familyID: String

    @TaskLocal static var current: Authenticated?
}
