import EdulinkCore
import Foundation
import GRDB

/// How values that SQLite has no type for are written into columns, in one place so every table
/// agrees.
///
/// - Dates are `INTEGER` Unix microseconds: they sort correctly as numbers, compare exactly in keyset
///   pagination, keep the precision PostgreSQL keeps (microseconds), and any whole-second or
///   millisecond `Date` comes back equal. Read them in the shell with
///   `datetime(column / 1000000, 'unixepoch')`.
/// - Arrays are JSON text (`["python","sql"]`), so the sqlite3 shell and `json_each` can read them.
/// - Lists that SQL filters on are also kept as a lowercased key (Core's `ListKey`, shared with
///   PostgreSQL): the values between U+001F unit separators, so membership is one `instr` with no
///   JSON parsing. Validation refuses control characters, so the separator can never be part of a
///   value.
enum ColumnCoding {
    /// Unix microseconds of a date.
    static func microseconds(_ date: Date) -> Int64 { ColumnValue.microseconds(date) }

    static func microseconds(_ date: Date?) -> Int64? {
        date.map { microseconds($0) }
    }

    /// The date of a Unix-microseconds column value.
    static func date(microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    /// Seconds (a cursor key) back to the exact stored microseconds.
    static func microseconds(seconds: Double) -> Int64 {
        Int64(clampingRounded: seconds * 1_000_000)
    }

    /// Seconds of a stored microseconds value, for cursor keys.
    static func seconds(microseconds: Int64) -> Double {
        Double(microseconds) / 1_000_000
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, column: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw EdulinkError.unavailable("The database holds unreadable data in column \(column): \(error).")
        }
    }
}

/// A GRDB row as ``RowReading``: dates are stored as Unix microseconds (`ColumnCoding`).
struct RowReader: RowReading {
    let row: Row

    init(_ row: Row) { self.row = row }

    func optionalString(_ column: String) throws -> String? { try row.decode(String?.self, forColumn: column) }
    func optionalInt64(_ column: String) throws -> Int64? { try row.decode(Int64?.self, forColumn: column) }
    func optionalDouble(_ column: String) throws -> Double? { try row.decode(Double?.self, forColumn: column) }
    func optionalBool(_ column: String) throws -> Bool? { try row.decode(Bool?.self, forColumn: column) }
    func optionalDate(_ column: String) throws -> Date? {
        try optionalInt64(column).map { ColumnCoding.date(microseconds: $0) }
    }
}
