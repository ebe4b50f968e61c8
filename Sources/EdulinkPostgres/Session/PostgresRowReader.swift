import EdulinkCore
import Foundation
import PostgresNIO

/// Typed, throwing access to a row's columns by name: a wrong or missing value is an error, never
/// a crash. Decodes PostgreSQL's binary forms directly, so dates come back as the exact
/// microseconds that were stored.
struct PostgresRowReader: RowReading {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    private func cell(_ column: String) throws -> PostgresCell {
        guard row.contains(column) else {
            throw EdulinkError.unavailable("The database returned no column \(column).")
        }
        return row[column]
    }

    private func unreadable(_ column: String, _ cell: PostgresCell) -> EdulinkError {
        .unavailable("The database holds unreadable data in column \(column) (type \(cell.dataType)).")
    }

    func optionalInt64(_ column: String) throws -> Int64? {
        let cell = try cell(column)
        guard var bytes = cell.bytes else { return nil }
        let value: Int64? =
            switch cell.dataType {
            case .int8: bytes.readInteger(as: Int64.self)
            case .int4: bytes.readInteger(as: Int32.self).map(Int64.init)
            case .int2: bytes.readInteger(as: Int16.self).map(Int64.init)
            default: nil
            }
        guard let value else { throw unreadable(column, cell) }
        return value
    }

    func optionalDouble(_ column: String) throws -> Double? {
        let cell = try cell(column)
        guard var bytes = cell.bytes else { return nil }
        switch cell.dataType {
        case .float4:
            guard let bits = bytes.readInteger(as: UInt32.self) else { throw unreadable(column, cell) }
            return Double(Float(bitPattern: bits))
        case .float8:
            guard let bits = bytes.readInteger(as: UInt64.self) else { throw unreadable(column, cell) }
            return Double(bitPattern: bits)
        case .int8, .int4, .int2:
            return try optionalInt64(column).map(Double.init)
        default:
            throw unreadable(column, cell)
        }
    }

    func optionalString(_ column: String) throws -> String? {
        let cell = try cell(column)
        guard var bytes = cell.bytes else { return nil }
        switch cell.dataType {
        case .jsonb:
            guard bytes.readInteger(as: UInt8.self) == 1 else { throw unreadable(column, cell) }
            return bytes.readString(length: bytes.readableBytes) ?? ""
        default:
            return bytes.readString(length: bytes.readableBytes) ?? ""
        }
    }

    /// The bytes of a `bytea` column.
    func bytes(_ column: String) throws -> [UInt8] {
        let cell = try cell(column)
        guard var bytes = cell.bytes, cell.dataType == .bytea else { throw unreadable(column, cell) }
        return bytes.readBytes(length: bytes.readableBytes) ?? []
    }

    func optionalBool(_ column: String) throws -> Bool? {
        let cell = try cell(column)
        guard var bytes = cell.bytes else { return nil }
        guard cell.dataType == .bool, let byte = bytes.readInteger(as: UInt8.self) else {
            throw unreadable(column, cell)
        }
        return byte != 0
    }

    /// Unix microseconds of a `timestamptz` column.
    func optionalMicroseconds(_ column: String) throws -> Int64? {
        let cell = try cell(column)
        guard var bytes = cell.bytes else { return nil }
        guard cell.dataType == .timestamptz || cell.dataType == .timestamp,
            let value = bytes.readInteger(as: Int64.self)
        else { throw unreadable(column, cell) }
        return value + postgresEpochOffsetMicroseconds
    }

    func optionalDate(_ column: String) throws -> Date? {
        try optionalMicroseconds(column).map { Date(timeIntervalSince1970: Double($0) / 1_000_000) }
    }

}
