/// The SQL both stores run alike: statements written once with `?` placeholders and values as
/// ``ColumnValue``, which each store binds in its own form (PostgreSQL numbers the placeholders).
/// What the dialects write differently (full-text search, upserts, date arithmetic, booleans in
/// literals) stays in each store.
public protocol SQLSession: TableWriting {
    associatedtype Reader: RowReading, SendableMetatype

    /// Which SQL this session speaks, for the few shared statements that spell something differently.
    var dialect: SchemaDialect { get }

    /// The rows of `sql`, each decoded.
    func select<T>(_ sql: String, _ values: [any ColumnValueConvertible], _ decode: (Reader) throws -> T) throws
        -> [T]
    /// Runs `sql`; returns how many rows it changed.
    @discardableResult
    func perform(_ sql: String, _ values: [any ColumnValueConvertible]) throws -> Int
}

extension SQLSession {
    /// The first row of `sql`, decoded; nil when there is none.
    public func selectOne<T>(
        _ sql: String, _ values: [any ColumnValueConvertible] = [], _ decode: (Reader) throws -> T
    ) throws -> T? {
        try select(sql, values, decode).first
    }

    /// The number in column `count` of the first row of `sql` (`SELECT count(*) AS count …`).
    public func selectCount(_ sql: String, _ values: [any ColumnValueConvertible] = []) throws -> Int {
        try selectOne(sql, values) { try $0.int("count") } ?? 0
    }
}

/// The expressions the shared statements spell per dialect.
extension SchemaDialect {
    /// Seconds from `start` to `end`, two timestamp expressions, as a real number.
    public func seconds(from start: String, to end: String) -> String {
        switch self {
        case .sqlite: "((\(end) - \(start)) / 1000000.0)"
        case .postgres: "extract(epoch FROM \(end) - \(start))::float8"
        }
    }

    /// `value` rounded down to a whole number (`value` is never negative where it is used).
    public func wholeNumber(_ value: String) -> String {
        switch self {
        case .sqlite: "CAST(\(value) AS INTEGER)"
        case .postgres: "floor(\(value))::bigint"
        }
    }

    /// The text `text` in lower case by Unicode's rules, as Swift's `lowercased()` folds a needle:
    /// PostgreSQL's `lower()` in a UTF-8 database; on SQLite, whose `lower()` folds ASCII only (so
    /// "élodie" would never find "Élodie"), the store's own function (``lowerFunction``).
    public func lower(_ text: String) -> String {
        switch self {
        case .sqlite: "\(Self.lowerFunction)(\(text))"
        case .postgres: "lower(\(text))"
        }
    }

    /// The SQLite function behind ``lower(_:)``, registered on every connection of the SQLite store.
    public static let lowerFunction = "edulink_lower"

    /// Whether the text `haystack` contains the bound text (one `?`).
    public func contains(_ haystack: String) -> String {
        switch self {
        case .sqlite: "instr(\(haystack), ?) > 0"
        case .postgres: "strpos(\(haystack), ?) > 0"
        }
    }

    /// Whether `column` is one of the ids of one bound `ColumnValue.intArray`.
    public func isAny(_ column: String) -> String {
        switch self {
        case .sqlite: "\(column) IN (SELECT value FROM json_each(?))"
        case .postgres: "\(column) = ANY(?)"
        }
    }
}

/// `?` placeholders numbered `$1`, `$2`… (PostgreSQL's), outside quoted strings and identifiers.
public func numberedPlaceholders(_ sql: String) -> String {
    var result = ""
    result.reserveCapacity(sql.utf8.count + 8)
    var count = 0
    var quote: Character?
    for character in sql {
        if let open = quote {
            if character == open { quote = nil }
            result.append(character)
        } else if character == "'" || character == "\"" {
            quote = character
            result.append(character)
        } else if character == "?" {
            count += 1
            result += "$\(count)"
        } else {
            result.append(character)
        }
    }
    return result
}
