/// The instant an admin ended a user's sign-in sessions; see the SQLite store's `SessionEndsV6`.
enum SessionEndsV6 {
    static let statements = ["ALTER TABLE users ADD COLUMN sessions_ended_at timestamptz"]
}
