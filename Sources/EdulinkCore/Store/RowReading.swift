public import Foundation

/// A row of a query, as both stores' drivers give it (GRDB's `Row`, PostgresNIO's row): typed,
/// throwing access to its columns by name, so a missing or unreadable value is an error and never
/// a crash. A store implements the few primitives its driver decodes in its own way (dates are
/// microseconds on SQLite and `timestamptz` on PostgreSQL); the rest, and every entity's decoder
/// (``Rows``), are written once here.
public protocol RowReading {
    func optionalString(_ column: String) throws -> String?
    func optionalInt64(_ column: String) throws -> Int64?
    func optionalDouble(_ column: String) throws -> Double?
    func optionalBool(_ column: String) throws -> Bool?
    func optionalDate(_ column: String) throws -> Date?
}

extension RowReading {
    /// The error for a column that holds NULL where a value must be.
    @inlinable
    public func missing(_ column: String) -> EdulinkError {
        .unavailable("The database holds no value in column \(column).")
    }

    @inlinable
    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func optionalInt(_ column: String) throws -> Int? { try optionalInt64(column).map { Int($0) } }
    @inlinable
    public func int(_ column: String) throws -> Int { Int(try int64(column)) }

    @inlinable
    public func double(_ column: String) throws -> Double {
        guard let value = try optionalDouble(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func bool(_ column: String) throws -> Bool {
        guard let value = try optionalBool(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func date(_ column: String) throws -> Date {
        guard let value = try optionalDate(column) else { throw missing(column) }
        return value
    }

    @inlinable
    public func id<Entity>(_ column: String) throws -> EntityID<Entity> { EntityID(try int64(column)) }

    @inlinable
    public func optionalID<Entity>(_ column: String) throws -> EntityID<Entity>? {
        try optionalInt64(column).map { EntityID($0) }
    }

    /// A value of a string-backed enumeration; a value the code does not know is an error.
    @inlinable
    public func value<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E where E.RawValue == String {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else {
            throw EdulinkError.unavailable("The database holds an unknown value \"\(raw)\" in column \(column).")
        }
        return value
    }

    @inlinable
    public func optionalValue<E: RawRepresentable>(_ type: E.Type, _ column: String) throws -> E?
    where E.RawValue == String {
        guard try optionalString(column) != nil else { return nil }
        return try value(type, column)
    }

    /// A JSON column that may be NULL, decoded.
    @inlinable
    public func optionalJSON<T: Decodable>(_ type: T.Type, _ column: String) throws -> T? {
        guard try optionalString(column) != nil else { return nil }
        return try json(type, column)
    }

    /// A JSON column (text on SQLite, `jsonb` on PostgreSQL), decoded.
    @inlinable
    public func json<T: Decodable>(_ type: T.Type, _ column: String) throws -> T {
        let text = try string(column)
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw EdulinkError.unavailable("The database holds unreadable data in column \(column): \(error).")
        }
    }
}
