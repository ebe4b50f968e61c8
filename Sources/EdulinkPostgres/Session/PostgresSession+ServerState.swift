import EdulinkCore
import Foundation

// Refresh-token families and idempotency records of an Edulink server, mirroring
// `SQLiteSession+ServerState.swift`.
//
// Several server instances share these rows. SQLite serializes writers (`BEGIN IMMEDIATE`); here
// writes run in READ COMMITTED, so a write that decides on a row locks it first:
//
// - `refreshToken(_:)` in a server-state write is `SELECT … FOR UPDATE`. Two instances refreshing
//   with the same token take turns: the second waits for the first to commit, then reads the row
//   again and sees it used, so it revokes the family — reuse is detected however the two race.
// - `insertIdempotencyRecord` claims the key with `INSERT … ON CONFLICT DO NOTHING` on the primary
//   key: a concurrent claim of the same key waits for the first to commit and then inserts nothing,
//   so exactly one request runs and the other is told it is still running, or replayed.
extension PostgresSession: ServerStateWriter {

    func refreshToken(_ id: String) throws -> RefreshTokenRecord? {
        let lock = locksReads ? " FOR UPDATE" : ""
        return try fetchOne("SELECT * FROM refresh_tokens WHERE id = $1\(lock)", [id]) { r in
            RefreshTokenRecord(
                id: try r.string("id"), familyID: try r.string("family_id"), userID: try r.id("user_id"),
                secretHash: try r.string("secret_hash"), issuedAt: try r.date("issued_at"),
                expiresAt: try r.date("expires_at"), usedAt: try r.optionalDate("used_at"))
        }
    }

    func idempotencyRecord(userID: UserID, key: String) throws -> IdempotencyRecord? {
        try fetchOne("SELECT * FROM idempotency_records WHERE user_id = $1 AND key = $2", [userID, key]) { r in
            IdempotencyRecord(
                userID: try r.id("user_id"), key: try r.string("key"), fingerprint: try r.string("fingerprint"),
                status: try r.optionalInt("status"), body: try r.bytes("body"), createdAt: try r.date("created_at"))
        }
    }

    func revokeTokenFamilies(of userID: UserID, keeping: String?, at date: Date, reason: String) throws -> Int {
        try count(
            """
            WITH revoked AS (
                UPDATE token_families SET revoked_at = $1, revoked_reason = $2
                WHERE user_id = $3 AND revoked_at IS NULL AND id IS DISTINCT FROM $4
                RETURNING 1
            )
            SELECT count(*) AS count FROM revoked
            """, [date, reason, userID, keeping])
    }

    func insertIdempotencyRecord(_ record: IdempotencyRecord) throws -> Bool {
        try execute(
            """
            INSERT INTO idempotency_records (user_id, key, fingerprint, status, body, created_at)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, key) DO NOTHING
            """,
            [
                record.userID, record.key, record.fingerprint, record.status, SQLValue.bytes(record.body),
                record.createdAt,
            ]) > 0
    }

    func completeIdempotencyRecord(userID: UserID, key: String, status: Int, body: [UInt8]) throws {
        try execute(
            "UPDATE idempotency_records SET status = $1, body = $2 WHERE user_id = $3 AND key = $4",
            [status, SQLValue.bytes(body), userID, key])
    }

}
