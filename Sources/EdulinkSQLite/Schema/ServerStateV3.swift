/// Tables an Edulink server keeps: refresh-token families and idempotency records.
enum ServerStateV3 {
    static let statements = [
        """
        CREATE TABLE token_families (
            id TEXT PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER,
            revoked_reason TEXT
        )
        """,
        """
        CREATE TABLE refresh_tokens (
            id TEXT PRIMARY KEY,
            family_id TEXT NOT NULL REFERENCES token_families(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            secret_hash TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            used_at INTEGER
        )
        """,
        "CREATE INDEX refresh_tokens_family ON refresh_tokens(family_id)",
        "CREATE INDEX refresh_tokens_expiry ON refresh_tokens(expires_at)",
        """
        CREATE TABLE idempotency_records (
            user_id INTEGER NOT NULL,
            key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status INTEGER,
            body BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (user_id, key)
        )
        """,
        "CREATE INDEX idempotency_records_created ON idempotency_records(created_at)",
    ]
}
