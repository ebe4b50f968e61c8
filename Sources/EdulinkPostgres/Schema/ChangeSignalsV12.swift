/// What tells every server instance's caches that the database changed (`ChangeSignal`): triggers
/// send a notification on `edulink_changes` naming the topic (`accounts` or `listings`, see
/// `ChangeVersions`), delivered to the instances that `LISTEN` when the transaction commits, and
/// mark the transaction (`edulink.changed_<topic>`) so the instance that wrote it moves its own
/// counters before the write returns, without waiting for its notification.
///
/// The same rows count as in SQLite's `ChangeSignalsV12`: `users` changes except
/// `last_login_at` and `failure_window_start` alone (a column added to `users` later must be
/// added to `usersChanged`), ended or removed sign-in sessions, student profiles, any listing.
enum ChangeSignalsV12 {
    static let identifier = "v12-change-signals"
    static let channel = "edulink_changes"

    private static let usersChanged = [
        "email", "email_key", "display_name", "role", "status", "locked_until", "password_hash", "phone",
        "organization_id", "institution_id", "created_at", "sessions_ended_at", "must_change_password",
    ].map { "OLD.\($0) IS DISTINCT FROM NEW.\($0)" }.joined(separator: " OR ")

    static let statements = [
        """
        CREATE FUNCTION edulink_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM set_config('edulink.changed_' || TG_ARGV[0], '1', true);
            PERFORM pg_notify('\(channel)', TG_ARGV[0]);
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER users_changed AFTER UPDATE ON users FOR EACH ROW WHEN (\(usersChanged))
        EXECUTE FUNCTION edulink_changed('accounts')
        """,
        "CREATE TRIGGER users_removed AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION edulink_changed('accounts')",
        """
        CREATE TRIGGER token_families_changed AFTER UPDATE OR DELETE ON token_families FOR EACH ROW
        EXECUTE FUNCTION edulink_changed('accounts')
        """,
        """
        CREATE TRIGGER student_profiles_changed AFTER INSERT OR UPDATE OR DELETE ON student_profiles FOR EACH ROW
        EXECUTE FUNCTION edulink_changed('accounts')
        """,
        """
        CREATE TRIGGER listings_changed AFTER INSERT OR UPDATE OR DELETE ON listings FOR EACH STATEMENT
        EXECUTE FUNCTION edulink_changed('listings')
        """,
    ]
}
