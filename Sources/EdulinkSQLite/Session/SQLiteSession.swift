import EdulinkCore
import Foundation
import GRDB
import Synchronization

/// The store's reader and writer inside one transaction: typed SQL over one GRDB connection.
///
/// Each entity's columns are mapped by hand in `SQLiteSession+<Entity>.swift`, so what is stored
/// is visible in one place and a renamed Swift property can never silently change the schema.
struct SQLiteSession: StoreWriter, SQLSession {
    var dialect: SchemaDialect { .sqlite }
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
        // A cursor, each row decoded while it is current: `Row.fetchAll` would copy every row into
        // an array-backed row, whose lookup by name lowercases every column's name on each read
        // (GRDB's `ArrayRowImpl`); the statement's own row looks names up in a dictionary made once.
        // `decode` reads the row only; it runs no statement of its own.
        let statement = try db.cachedStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var decoded: [T] = []
        while let row = try rows.next() { decoded.append(try decode(RowReader(row))) }
        return decoded
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

    func select<T>(_ sql: String, _ values: [any ColumnValueConvertible], _ decode: (RowReader) throws -> T) throws
        -> [T]
    {
        try fetchAll(sql, StatementArguments(values.map(\.columnValue.databaseValue)), decode)
    }

    @discardableResult
    func perform(_ sql: String, _ values: [any ColumnValueConvertible]) throws -> Int {
        try execute(sql, StatementArguments(values.map(\.columnValue.databaseValue)))
        return db.changesCount
    }

    func insert(_ table: String, _ columns: Columns) throws -> Int64 {
        var values: [DatabaseValue] = []
        values.reserveCapacity(columns.count + 1)
        var newID = false
        for (name, value) in columns {
            let value = value.columnValue
            if name == "id", value == .int(0) || value == .null {
                newID = true
                continue
            }
            values.append(value.databaseValue)
        }
        let derived = Self.derived(table, columns)
        values += derived.map(\.2)
        let sql = Self.builtStatement("insert \(table) \(columns.count) \(newID)") {
            let names = columns.map(\.key).filter { !(newID && $0 == "id") }
            let placeholders = Array(repeating: "?", count: names.count) + derived.map(\.1)
            return "INSERT INTO \(table) (\((names + derived.map(\.0)).joined(separator: ", "))) "
                + "VALUES (\(placeholders.joined(separator: ", ")))"
        }
        try execute(sql, StatementArguments(values))
        return db.lastInsertedRowID
    }

    /// The insert and update statements built from a table's column list, by table and shape: an
    /// entity's columns are always the same list (`Rows.columns`), so each statement is built once
    /// per process instead of once per row.
    private static let built = Mutex<[String: String]>([:])

    private static func builtStatement(_ key: String, _ build: () -> String) -> String {
        if let sql = built.withLock({ $0[key] }) { return sql }
        let sql = build()
        built.withLock { $0[key] = sql }
        return sql
    }

    /// Columns SQLite fills in the statement itself where PostgreSQL's schema has a trigger: a
    /// listing's copy of its organization's name (searched and shown with every summary).
    static func derived(_ table: String, _ columns: Columns) -> [(String, String, DatabaseValue)] {
        guard table == "listings", let organization = columns.first(where: { $0.key == "organization_id" }) else {
            return []
        }
        return [
            (
                "organization_name", "(SELECT name FROM organizations WHERE id = ?)",
                organization.value.columnValue.databaseValue
            )
        ]
    }

    func update(_ table: String, id: Int64, _ columns: Columns, what: String) throws {
        var values: [DatabaseValue] = []
        values.reserveCapacity(columns.count + 1)
        for (name, value) in columns where name != "id" { values.append(value.columnValue.databaseValue) }
        let derived = Self.derived(table, columns)
        values += derived.map(\.2)
        values.append(id.databaseValue)
        let sql = Self.builtStatement("update \(table) \(columns.count)") {
            let assignments =
                columns.map(\.key).filter { $0 != "id" }.map { "\($0) = ?" } + derived.map { "\($0.0) = \($0.1)" }
            return "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE id = ?"
        }
        try execute(sql, StatementArguments(values))
        if db.changesCount == 0 { throw EdulinkError.notFound(what) }
    }
}

extension ColumnValue {
    /// The value in SQLite's form: dates as Unix microseconds, booleans as 0 and 1, JSON as text.
    var databaseValue: DatabaseValue {
        switch self {
        case .int(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .bool(let value): value.databaseValue
        case .double(let value): value.databaseValue
        case .timestamp(let value): value.databaseValue
        case .json(let value): value.databaseValue
        case .intArray(let value): "[\(value.map(String.init).joined(separator: ","))]".databaseValue
        case .bytes(let value): Data(value).databaseValue
        case .null: .null
        }
    }
}
