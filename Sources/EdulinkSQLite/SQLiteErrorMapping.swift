import EdulinkCore
import GRDB

/// Turns SQLite's errors into `EdulinkError`, so the service and the screens see one kind of error
/// whatever the store. A refused change (`conflict`) reaches people and API clients, so it says
/// what went wrong without SQL or the table's names; `unavailable` keeps SQLite's words for the
/// operator (the server tells its clients only a request id).
enum SQLiteErrorMapping {
    static func map(_ error: any Error, path: String) -> EdulinkError {
        if let error = error as? EdulinkError { return error }
        guard let error = error as? DatabaseError else {
            return .unavailable("The database \(path) failed: \(error).")
        }
        let message = error.message ?? "\(error)"
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .conflict(uniqueMessage(message))
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .conflict(ConstraintMessages.missingReference)
        case .SQLITE_CONSTRAINT_TRIGGER:
            // Edulink's own triggers (RAISE with a sentence for people).
            return .conflict(message)
        default:
            break
        }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .unavailable(
                "The database \(path) is busy: another process held it for more than "
                    + "\(Int(SQLiteStore.busyTimeout)) seconds. Try again.")
        case .SQLITE_CANTOPEN:
            return .unavailable("Cannot open the database \(path): check that it exists and is readable (\(message)).")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .unavailable(
                "The database \(path) is damaged or not a database (\(message)). Restore a backup with `edulink db restore`."
            )
        case .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_PROTOCOL:
            return .unavailable(
                "The database \(path) cannot be read or written (\(message)); check disk space and permissions.")
        case .SQLITE_CONSTRAINT:
            return .conflict(ConstraintMessages.notAllowed)
        default:
            return .unavailable("The database \(path) failed: \(message).")
        }
    }

    /// A sentence for a unique-constraint failure (`UNIQUE constraint failed: users.email_key`).
    static func uniqueMessage(_ message: String) -> String {
        if message.contains("users.email_key") { return "An account with this email already exists." }
        if message.contains("institutions.name_key") { return "An institution with this name already exists." }
        if message.contains("student_profiles.registration_number") {
            return "Another student of this institution already uses this registration number."
        }
        if message.contains("applications.student_id") { return "You have already applied to this listing." }
        return ConstraintMessages.duplicate
    }
}
