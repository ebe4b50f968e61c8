/// Health alerts and their history. At most one open alert per kind (de-duplication), enforced by
/// a partial unique index.
enum AlertsV4 {
    static let statements = [
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            state TEXT NOT NULL,
            raised_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            acknowledged_at INTEGER,
            acknowledged_by INTEGER REFERENCES users(id),
            closed_at INTEGER,
            closed_by INTEGER REFERENCES users(id)
        )
        """,
        "CREATE UNIQUE INDEX alerts_open_kind ON alerts(kind) WHERE state IN ('active', 'acknowledged')",
        "CREATE INDEX alerts_state ON alerts(state, id)",
    ]
}
