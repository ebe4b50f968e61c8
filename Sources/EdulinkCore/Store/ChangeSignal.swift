/// Values a store changes whenever something a cache may hold changes, so that a cache can tell
/// whether what it remembers is still what the database says.
///
/// - `accounts`: users (anything but the sign-in bookkeeping `last_login_at` and
///   `failure_window_start`), sign-in sessions (token families ended or removed) and student
///   profiles (a student's institution decides which listings they see).
/// - `listings`: any listing inserted, changed or removed (applying changes its count).
///
/// The numbers mean nothing in themselves (SQLite's are random, PostgreSQL's count in memory); only
/// equality matters: an entry tagged with the versions read *before* the database read that
/// produced it is valid while they are unchanged.
public struct ChangeVersions: Sendable, Equatable, Hashable {
    public var accounts: Int64
    public var listings: Int64

    public init(accounts: Int64, listings: Int64) {
        self.accounts = accounts
        self.listings = listings
    }
}

/// Where a cache learns that the database changed (see ``ChangeVersions``). SQLite reads the values
/// its triggers set (every process writing the file sets them, so a CLI command is seen by a
/// running server at its next request); PostgreSQL keeps counters in memory, moved by the
/// notifications its triggers send (`LISTEN`) and by this process's own writes.
public protocol ChangeSignal: Sendable {
    /// The current versions; nil while the store cannot vouch for them (PostgreSQL's listening
    /// connection is down): then no cache may be used, and everything is read from the database.
    func versions() -> ChangeVersions?
}

/// A store that can tell caches about changes (both stores).
public protocol ChangeSignalling: Sendable {
    /// Starts watching for changes (a connection of its own); it stops when the store shuts down.
    func changeSignal() async throws -> any ChangeSignal
}
