import EdulinkCore
import PostgresNIO

/// Turns PostgreSQL's errors into `EdulinkError`, so the service and the screens see one kind of
/// error whatever the store. Only the database's own errors are translated: an `EdulinkError` or
/// any other error thrown by a transaction body passes through unchanged.
enum PostgresErrorMapping {
    /// SQLSTATEs after which the whole transaction may simply run again.
    static let retryableStates: Set<String> = ["40001", "40P01"]

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isRetryable(_ error: any Error) -> Bool {
        sqlState(error).map(retryableStates.contains) ?? false
    }

    /// `error` as an `EdulinkError` for a connection to `location`: mapped when it is PostgreSQL's,
    /// else (a failure before any PostgreSQL answer) the server cannot be reached.
    static func connectionError(_ error: any Error, location: PostgresLocation) -> EdulinkError {
        map(error, location: location)
            ?? .unavailable(
                "Cannot reach PostgreSQL at \(location.host):\(location.port) (\(error)); check that it is running.")
    }

    /// The mapped error, or nil when `error` is not PostgreSQL's and must pass through.
    static func map(_ error: any Error, location: PostgresLocation) -> EdulinkError? {
        guard let error = error as? PSQLError else { return nil }
        let server = "PostgreSQL at \(location.host):\(location.port)"
        guard let info = error.serverInfo, let state = info[.sqlState] else {
            if error.code == .sslUnsupported {
                return .unavailable(
                    "\(server) does not offer TLS, which sslmode=\(location.tls.rawValue) in the URL requires; turn "
                        + "on ssl in its postgresql.conf, or choose another sslmode.")
            }
            if let underlying = error.underlying, PostgresLocation.isHandshakeFailure(underlying) {
                return .unavailable(
                    "The TLS handshake with \(server) failed (\(underlying)); check sslmode and sslrootcert in "
                        + "the URL against the server's certificate.")
            }
            // No server answer: refused, closed, reset or timed out connections, a closed pool.
            return .unavailable("Cannot reach \(server) (\(describe(error))); check that it is running.")
        }
        let message = info[.message] ?? describe(error)
        let constraint = info[.constraintName] ?? ""
        // Edulink's own triggers raise sentences for people (RAISE EXCEPTION in PL/pgSQL).
        if info[.routine] == "exec_stmt_raise", state.hasPrefix("23") || state == "P0001" {
            return .conflict(message)
        }
        switch state {
        case "23505":
            return .conflict(uniqueMessage(constraint))
        case "23503":
            return .conflict(ConstraintMessages.missingReference)
        case "23514", "23001", "23502", "23000", "P0001":
            return .conflict(ConstraintMessages.notAllowed)
        case "40001", "40P01":
            return .unavailable("\(server) could not serialize concurrent changes (\(message)). Try again.")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006", "08001", "08004":
            return .unavailable("\(server) is not accepting connections (\(message)). Try again.")
        case "53100", "53200", "53300":
            return .unavailable("\(server) is out of resources (\(message)).")
        case "28000", "28P01":
            return .unavailable("\(server) refused the login (\(message)); check the user and password in the URL.")
        case "3D000":
            return .unavailable("\(server) has no such database (\(message)).")
        default:
            return .unavailable("\(server) failed: \(message) (SQLSTATE \(state)).")
        }
    }

    /// A sentence for a unique violation, by the constraint's name (named like SQLite's columns).
    static func uniqueMessage(_ constraint: String) -> String {
        switch constraint {
        case "users_email_key_key": "An account with this email already exists."
        case "institutions_name_key_key": "An institution with this name already exists."
        case "student_profiles_registration_number_key":
            "Another student of this institution already uses this registration number."
        case "applications_student_id_listing_id_key": "You have already applied to this listing."
        default: ConstraintMessages.duplicate
        }
    }

    private static func describe(_ error: PSQLError) -> String {
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
