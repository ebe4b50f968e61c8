/// The instant an admin ended a user's sign-in sessions (lock, disable, role change, password
/// reset): `User.sessionsEndedAt`. Sessions begun before it stop working at their next call, in a
/// running local app as through the server (`User.sessionEnd(begunAt:at:)`).
enum SessionEndsV6 {
    static let statements = ["ALTER TABLE users ADD COLUMN sessions_ended_at INTEGER"]
}
