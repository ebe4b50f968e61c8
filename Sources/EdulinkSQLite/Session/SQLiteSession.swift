import EdulinkCore
import GRDB

/// The store's reader and writer inside one transaction: typed SQL over one GRDB connection.
///
/// Each entity's columns are mapped by hand in `SQLiteSession+<Entity>.swift`, so what is stored
/// is visible in one place and a renamed Swift property can never silently change the schema.
struct SQLiteSession: StoreWriter {
    let db: Database
    /// How much of a full-text match listing searches rank (see ``SearchWindow``).
    let searchWindow: SearchWindow
    /// When set, listing searches record each statement they run (for benchmarks and plans).
    let searchTrace: SearchTrace?

    init(_ db: Database, searchWindow: SearchWindow = .standard, searchTrace: SearchTrace? = nil) {
        self.db = db
        self.searchWindow = searchWindow
        self.searchTrace = searchTrace
    }

    typealias Arguments = [String: (any DatabaseValueConvertible)?]

    func fetchAll<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (RowReader) throws -> T)
        throws -> [T]
    {
        let statement = try db.cachedStatement(sql: sql)
        return try Row.fetchAll(statement, arguments: arguments).map { try decode(RowReader($0)) }
    }

    func fetchOne<T>(_ sql: String, _ arguments: StatementArguments = [], _ decode: (RowReader) throws -> T)
        throws -> T?
    {
        let statement = try db.cachedStatement(sql: sql)
        return try Row.fetchOne(statement, arguments: arguments).map { try decode(RowReader($0)) }
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Inserts a row and returns its id: the given one, or a new one from the table's sequence when 0.
    func insert(_ sql: String, _ arguments: Arguments) throws -> Int64 {
        try execute(sql, StatementArguments(arguments))
        return db.lastInsertedRowID
    }

    /// Runs an update of one row; a missing row is `notFound(what)`.
    func updateOne(_ sql: String, _ arguments: Arguments, what: String) throws {
        try execute(sql, StatementArguments(arguments))
        if db.changesCount == 0 { throw EdulinkError.notFound(what) }
    }

    /// `nil` for a new row (so SQLite assigns the id), the id otherwise.
    static func newID(_ raw: Int64) -> Int64? { raw == 0 ? nil : raw }
}
