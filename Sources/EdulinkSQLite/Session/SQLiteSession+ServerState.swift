import EdulinkCore
import Foundation
import GRDB

// Refresh-token families and idempotency records of an Edulink server.
extension SQLiteSession: ServerStateWriter {

    func refreshToken(_ id: String) throws -> RefreshTokenRecord? {
        try fetchOne("SELECT * FROM refresh_tokens WHERE id = ?", [id]) { r in
            RefreshTokenRecord(
                id: try r.string("id"), familyID: try r.string("family_id"), userID: try r.id("user_id"),
                secretHash: try r.string("secret_hash"), issuedAt: try r.date("issued_at"),
                expiresAt: try r.date("expires_at"), usedAt: try r.optionalDate("used_at"))
        }
    }

    func idempotencyRecord(userID: UserID, key: String) throws -> IdempotencyRecord? {
        try fetchOne("SELECT * FROM idempotency_records WHERE user_id = ? AND key = ?", [userID.rawValue, key]) { r in
            IdempotencyRecord(
                userID: try r.id("user_id"), key: try r.string("key"), fingerprint: try r.string("fingerprint"),
                status: try r.optionalInt("status"), body: [UInt8](try r.row.decode(Data.self, forColumn: "body")),
                createdAt: try r.date("created_at"))
        }
    }

    func revokeTokenFamilies(of userID: UserID, keeping: String?, at date: Date, reason: String) throws -> Int {
        try execute(
            """
            UPDATE token_families SET revoked_at = ?, revoked_reason = ?
            WHERE user_id = ? AND revoked_at IS NULL AND id IS NOT ?
            """, [ColumnCoding.microseconds(date), reason, userID.rawValue, keeping])
        return db.changesCount
    }

    func insertIdempotencyRecord(_ record: IdempotencyRecord) throws -> Bool {
        try execute(
            """
            INSERT INTO idempotency_records (user_id, key, fingerprint, status, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, key) DO NOTHING
            """,
            [
                record.userID.rawValue, record.key, record.fingerprint, record.status, Data(record.body),
                ColumnCoding.microseconds(record.createdAt),
            ])
        return db.changesCount > 0
    }

    func completeIdempotencyRecord(userID: UserID, key: String, status: Int, body: [UInt8]) throws {
        try execute(
            "UPDATE idempotency_records SET status = ?, body = ? WHERE user_id = ? AND key = ?",
            [status, Data(body), userID.rawValue, key])
    }

}
