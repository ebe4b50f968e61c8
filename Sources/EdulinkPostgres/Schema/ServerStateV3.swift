/// Tables an Edulink server keeps: refresh-token families and idempotency records — the same
/// tables, columns and keys as the SQLite store's `ServerStateV3`, in PostgreSQL's types.
///
/// Every server instance in front of one database reads and writes these rows, so they are what
/// makes the instances stateless: a refresh token rotated on one instance is used on another.
/// `PostgresSession` locks a refresh token's row (`FOR UPDATE`) when a write reads it, and
/// idempotency records are claimed with `INSERT … ON CONFLICT DO NOTHING` on the primary key.
enum ServerStateV3 {
    static let statements = [
        """
        CREATE TABLE token_families (
            id text PRIMARY KEY,
            user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at timestamptz NOT NULL,
            revoked_at timestamptz,
            revoked_reason text
        )
        """,
        """
        CREATE TABLE refresh_tokens (
            id text PRIMARY KEY,
            family_id text NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
            user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            secret_hash text NOT NULL,
            issued_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            used_at timestamptz
        )
        """,
        "CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id)",
        "CREATE INDEX refresh_tokens_expiry ON refresh_tokens(expires_at)",
        """
        CREATE TABLE idempotency_records (
            user_id bigint NOT NULL,
            key text NOT NULL,
            fingerprint text NOT NULL,
            status bigint,
            body bytea NOT NULL,
            created_at timestamptz NOT NULL,
            PRIMARY KEY (user_id, key)
        )
        """,
        "CREATE INDEX idempotency_records_created ON idempotency_records(created_at)",
    ]
}
