public import EdulinkCore
import GRDB

extension SQLiteStore: ChangeSignalling {
    /// A signal reading the `change_epochs` values (`ChangeSignalsV12`) on a connection of its own,
    /// so that a request's check never waits for a reader of the pool behind a long search.
    public func changeSignal() async throws -> any ChangeSignal {
        do {
            return try SQLiteChangeSignal(path: path)
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.map(error, path: path)
        }
    }
}

/// `ChangeSignal` over a SQLite file: every call reads the values the triggers of whatever process
/// wrote last set, two rows of a tiny table; a single statement, so it is its own snapshot of the
/// latest commit (a few microseconds: cheap enough for every request, and exact).
final class SQLiteChangeSignal: ChangeSignal {
    private let queue: DatabaseQueue
    private static let sql = "SELECT topic, value FROM change_epochs"

    init(path: String) throws {
        queue = try DatabaseQueue(path: path, configuration: SQLiteStore.configuration(readonly: true))
    }

    /// Nil when the values cannot be read (then nothing is cached).
    func versions() -> ChangeVersions? {
        try? queue.inDatabase { db in
            var accounts: Int64?
            var listings: Int64?
            let rows = try Row.fetchCursor(db.cachedStatement(sql: Self.sql))
            while let row = try rows.next() {
                let value = try row.decode(Int64.self, forColumn: "value")
                switch try row.decode(String.self, forColumn: "topic") {
                case "accounts": accounts = value
                case "listings": listings = value
                default: break
                }
            }
            guard let accounts, let listings else { return nil }
            return ChangeVersions(accounts: accounts, listings: listings)
        }
    }
}
