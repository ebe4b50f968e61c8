/// The values behind `ChangeSignal` (see `ChangeVersions`): triggers set `change_epochs` in the
/// transaction that makes the change, whichever process writes (a running server, `edulink user
/// disable`, the terminal app), so a server's caches see it on the next request.
///
/// `users` changes count except `last_login_at` and `failure_window_start` alone (every sign-in
/// writes them); a column added to `users` later must be added to `usersChanged`.
///
/// A change sets a random value rather than adding one: a restore (`SQLiteStore.restore`) brings
/// back the file's old values, and a counter could then climb back to a value a server saw before,
/// with entries cached under it; a random 64-bit value never comes back.
enum ChangeSignalsV12 {
    static let identifier = "v12-change-signals"

    private static let usersChanged = [
        "email", "email_key", "display_name", "role", "status", "locked_until", "password_hash", "phone",
        "organization_id", "institution_id", "created_at", "sessions_ended_at", "must_change_password",
    ].map { "NEW.\($0) IS NOT OLD.\($0)" }.joined(separator: " OR ")

    private static func bump(_ topic: String) -> String {
        "BEGIN UPDATE change_epochs SET value = random() WHERE topic = '\(topic)'; END"
    }

    static let statements = [
        "CREATE TABLE change_epochs (topic TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT INTO change_epochs (topic, value) VALUES ('accounts', 0), ('listings', 0)",
        "CREATE TRIGGER users_changed AFTER UPDATE ON users WHEN \(usersChanged) \(bump("accounts"))",
        "CREATE TRIGGER users_removed AFTER DELETE ON users \(bump("accounts"))",
        "CREATE TRIGGER token_families_changed AFTER UPDATE ON token_families \(bump("accounts"))",
        "CREATE TRIGGER token_families_removed AFTER DELETE ON token_families \(bump("accounts"))",
        "CREATE TRIGGER student_profiles_added AFTER INSERT ON student_profiles \(bump("accounts"))",
        "CREATE TRIGGER student_profiles_changed AFTER UPDATE ON student_profiles \(bump("accounts"))",
        "CREATE TRIGGER student_profiles_removed AFTER DELETE ON student_profiles \(bump("accounts"))",
        "CREATE TRIGGER listings_added AFTER INSERT ON listings \(bump("listings"))",
        "CREATE TRIGGER listings_changed AFTER UPDATE ON listings \(bump("listings"))",
        "CREATE TRIGGER listings_removed AFTER DELETE ON listings \(bump("listings"))",
    ]
}
