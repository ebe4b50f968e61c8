public import Foundation

/// One value written to a column, typed the way both schemas store it: a store binds it in its
/// driver's own form (dates as Unix microseconds on SQLite and `timestamptz` on PostgreSQL, JSON
/// as text or `jsonb`), so a row written by either store reads back identical.
public enum ColumnValue: Sendable, Equatable {
    case int(Int64)
    case text(String)
    case bool(Bool)
    case double(Double)
    /// Unix microseconds.
    case timestamp(Int64)
    /// JSON text (sorted keys).
    case json(String)
    case intArray([Int64])
    case bytes([UInt8])
    case null

    /// The JSON of `value`, with sorted keys so equal values are equal text on both stores.
    public static func json<T: Encodable>(_ value: T) throws -> ColumnValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// Unix microseconds of a date, rounded: the precision both stores keep.
    public static func microseconds(_ date: Date) -> Int64 {
        Int64(clampingRounded: date.timeIntervalSince1970 * 1_000_000)
    }
}

/// Something that can be written to a column.
public protocol ColumnValueConvertible {
    var columnValue: ColumnValue { get }
}

/// An entity's columns by name, in the schema's order, for a store's insert and update.
public typealias Columns = KeyValuePairs<String, any ColumnValueConvertible>

extension ColumnValue: ColumnValueConvertible {
    public var columnValue: ColumnValue { self }
}

extension Int: ColumnValueConvertible {
    public var columnValue: ColumnValue { .int(Int64(self)) }
}

extension Int64: ColumnValueConvertible {
    public var columnValue: ColumnValue { .int(self) }
}

extension String: ColumnValueConvertible {
    public var columnValue: ColumnValue { .text(self) }
}

extension Bool: ColumnValueConvertible {
    public var columnValue: ColumnValue { .bool(self) }
}

extension Double: ColumnValueConvertible {
    public var columnValue: ColumnValue { .double(self) }
}

extension Date: ColumnValueConvertible {
    public var columnValue: ColumnValue { .timestamp(ColumnValue.microseconds(self)) }
}

extension EntityID: ColumnValueConvertible {
    public var columnValue: ColumnValue { .int(rawValue) }
}

extension Optional: ColumnValueConvertible where Wrapped: ColumnValueConvertible {
    public var columnValue: ColumnValue { self?.columnValue ?? .null }
}

/// Lists that SQL filters on, kept as a lowercased key and a bit mask, the same on both stores, so
/// the same membership tests (`instr` on SQLite, `strpos` on PostgreSQL) give the same answers.
public enum ListKey {
    public static let separator = "\u{1F}"

    /// `\u{1F}a\u{1F}b\u{1F}` of the lowercased values, or "" when empty.
    public static func key(_ values: [String]) -> String {
        let cleaned = values.map { $0.lowercased() }.filter { !$0.isEmpty }
        guard !cleaned.isEmpty else { return "" }
        return separator + cleaned.joined(separator: separator) + separator
    }

    /// What a membership test looks for to find one value in a key.
    public static func needle(_ value: String) -> String {
        separator + value.lowercased() + separator
    }

    /// Bit `year` set for each eligible year of study; 0 means every year.
    public static func yearMask(_ years: [Int]) -> Int64 {
        years.reduce(Int64(0)) { mask, year in
            (1...62).contains(year) ? mask | (Int64(1) << Int64(year)) : mask
        }
    }
}
