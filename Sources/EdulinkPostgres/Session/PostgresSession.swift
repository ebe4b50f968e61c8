import EdulinkCore
import Foundation
import PostgresNIO

/// The store's reader and writer inside one transaction: typed SQL over one blocking connection.
///
/// Each entity's columns are mapped by hand in `PostgresSession+<Entity>.swift`, mirroring the
/// SQLite store's session file by file, so the two can be compared side by side.
struct PostgresSession: StoreWriter, SQLSession {
    var dialect: SchemaDialect { .postgres }
    let db: BlockingConnection
    /// Whether reads that a write decides on lock their row (`FOR UPDATE`); true in the server-state
    /// write transactions of `PostgresStore.writeServerState`, never in read-only transactions.
    let locksReads: Bool
    /// How much of a full-text match listing searches rank (see ``SearchWindow``).
    let searchWindow: SearchWindow

    init(_ db: BlockingConnection, locksReads: Bool = false, searchWindow: SearchWindow = .standard) {
        self.db = db
        self.locksReads = locksReads
        self.searchWindow = searchWindow
    }

    /// A column and its value, in the order of the statement.

    func select<T>(
        _ sql: String, _ values: [any ColumnValueConvertible], _ decode: (PostgresRowReader) throws -> T
    ) throws -> [T] {
        try fetchAll(numberedPlaceholders(sql), values, decode)
    }

    @discardableResult
    func perform(_ sql: String, _ values: [any ColumnValueConvertible]) throws -> Int {
        try execute(numberedPlaceholders(sql), values)
    }

    func fetchAll<T>(_ sql: String, _ values: [any SQLBindable] = [], _ decode: (PostgresRowReader) throws -> T)
        throws -> [T]
    {
        try db.query(sql, values.map(\.columnValue)).rows.map { try decode(PostgresRowReader($0)) }
    }

    func fetchOne<T>(_ sql: String, _ values: [any SQLBindable] = [], _ decode: (PostgresRowReader) throws -> T)
        throws -> T?
    {
        try db.query(sql, values.map(\.columnValue)).rows.first.map { try decode(PostgresRowReader($0)) }
    }

    func count(_ sql: String, _ values: [any SQLBindable] = []) throws -> Int {
        try fetchOne(sql, values) { try $0.int("count") } ?? 0
    }

    @discardableResult
    func execute(_ sql: String, _ values: [any SQLBindable] = []) throws -> Int {
        try db.execute(sql, values.map(\.columnValue))
    }

    /// Inserts a row and returns its id. An `id` of 0 lets the table's identity assign one; a given
    /// id is kept, and the identity is moved past it so later rows never collide.
    func insert(_ table: String, _ columns: Columns) throws -> Int64 {
        var names: [String] = []
        var values: [SQLValue] = []
        var explicitID = false
        for (name, value) in columns {
            let value = value.columnValue
            if name == "id" {
                guard value != .int(0), value != .null else { continue }
                explicitID = true
            }
            names.append(name)
            values.append(value)
        }
        let placeholders = (1...values.count).map { "$\($0)" }.joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders)) RETURNING id"
        guard let id = try fetchOne(sql, values, { try $0.int64("id") }) else {
            throw EdulinkError.unavailable("Inserting into \(table) returned no id.")
        }
        if explicitID {
            try execute(
                "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), GREATEST((SELECT max(id) FROM \(table)), 1))")
        }
        return id
    }

    /// Updates every given column of the row with `id`; a missing row is `notFound(what)`.
    func update(_ table: String, id: Int64, _ columns: Columns, what: String) throws {
        var assignments: [String] = []
        var values: [SQLValue] = []
        for (name, value) in columns where name != "id" {
            values.append(value.columnValue)
            assignments.append("\(name) = $\(values.count)")
        }
        values.append(.int(id))
        let sql = "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE id = $\(values.count)"
        if try db.execute(sql, values) == 0 { throw EdulinkError.notFound(what) }
    }
}
