public import Foundation

/// A stored text that quotes a person: which row of which column, and the text.
public struct QuotedText: Sendable, Equatable {
    public var table: String
    public var column: String
    public var id: Int64
    public var text: String
}

/// What the store clears and rewrites when a person is erased (PLACEMENTS.md, Privacy). The
/// service decides who and with what; the values here are only written.
public struct PersonalRecordsErasure: Sendable, Equatable {
    public var userID: UserID
    /// The email the person had, as stored (the copies in security events and sign-up attempts).
    public var formerEmail: String
    /// What those copies become.
    public var placeholderEmail: String
    /// What replaces the texts the person wrote.
    public var marker: String
    public var at: Date

    public init(userID: UserID, formerEmail: String, placeholderEmail: String, marker: String, at: Date) {
        self.userID = userID
        self.formerEmail = formerEmail
        self.placeholderEmail = placeholderEmail
        self.marker = marker
        self.at = at
    }
}

/// The text columns that may quote a person (a name, an email, a phone) in something written by
/// someone else or by the platform: what an erasure searches and rewrites. Every table of the
/// schema was gone through; the rest hold ids, states, dates, codes, numbers or the person's own
/// rows (cleared by `erasePersonalRecords`).
public enum QuotingColumns {
    public static let all: [(table: String, columns: [String])] = [
        ("audit_events", ["summary"]),
        ("security_events", ["detail"]),
        ("notifications", ["title", "body"]),
        ("outbox", ["recipient", "subject", "body", "last_error"]),
        ("alerts", ["message"]),
        ("registration_code_uses", ["detail"]),
        ("applications", ["cover_letter", "notes", "interview_place", "rejection_note"]),
        // Only rewrites that leave the marker in the text pass the timeline's append-only trigger.
        ("application_events", ["note", "reason", "stage_interview_place", "stage_rejection_note"]),
        ("placements", ["status_reason"]),
        ("placement_events", ["note"]),
        ("logbook_entries", ["activities", "learned", "challenges", "supervisor_comment", "private_note"]),
        ("logbook_events", ["comment"]),
        ("evaluations", ["comment", "correction_reason"]),
        ("student_profiles", ["bio"]),
        ("supervisor_profiles", ["title"]),
        ("listings", ["description"]),
        ("organizations", ["description", "website"]),
        ("saved_searches", ["name"]),
        ("job_runs", ["failure"]),
    ]

    /// The key column of a table (`id` unless the table has another).
    static func key(of table: String) -> String {
        switch table {
        case "student_profiles", "supervisor_profiles": "user_id"
        case "job_runs": "tick"
        default: "id"
        }
    }
}

// A person's data, to export and to erase: statements both stores run alike.
extension SQLSession {
    /// Every notification of the user, oldest first.
    public func allNotifications(userID: UserID) throws -> [Notification] {
        try select("SELECT * FROM notifications WHERE user_id = ? ORDER BY id", [userID], Rows.notification)
    }

    /// Audit events the user caused or that concern their account, oldest first.
    public func personalAuditEvents(userID: UserID) throws -> [AuditEvent] {
        try select(
            "SELECT * FROM audit_events WHERE actor_id = ? OR (entity = 'user' AND entity_id = ?) ORDER BY id",
            [userID, userID.rawValue], Rows.audit)
    }

    /// Security events of the user's account or typed with their email, oldest first.
    public func personalSecurityEvents(userID: UserID, email: String) throws -> [SecurityEvent] {
        try select(
            "SELECT * FROM security_events WHERE user_id = ? OR email = ? ORDER BY id", [userID, email],
            Rows.securityEvent)
    }

    /// Clears what only concerns the person: their saved items, notifications and the messages
    /// queued for them, their idempotency records; revokes their refresh tokens; replaces the texts
    /// they wrote on timelines and reviews with the marker and the copies of their email.
    /// Their account, profile, applications and logbook entries are the service's to rewrite.
    public func erasePersonalRecords(_ erasure: PersonalRecordsErasure) throws {
        let id = erasure.userID
        let marker = erasure.marker
        try perform("DELETE FROM saved_listings WHERE student_id = ?", [id])
        try perform("DELETE FROM saved_searches WHERE student_id = ?", [id])
        try perform(
            "DELETE FROM outbox WHERE notification_id IN (SELECT id FROM notifications WHERE user_id = ?)", [id])
        try perform("DELETE FROM outbox WHERE recipient = ?", [erasure.formerEmail])
        try perform("DELETE FROM notifications WHERE user_id = ?", [id])
        try perform("DELETE FROM idempotency_records WHERE user_id = ?", [id])
        try perform(
            "UPDATE token_families SET revoked_at = ?, revoked_reason = 'erased' WHERE user_id = ? AND revoked_at IS NULL",
            [erasure.at, id])
        try perform("DELETE FROM refresh_tokens WHERE user_id = ?", [id])
        // Texts the person wrote where others read them.
        try perform(
            "UPDATE application_events SET note = ? WHERE actor_id = ? AND note IS NOT NULL AND note <> 'undo'",
            [marker, id])
        try perform("UPDATE placement_events SET note = ? WHERE actor_id = ? AND note IS NOT NULL", [marker, id])
        try perform("UPDATE logbook_events SET comment = ? WHERE actor_id = ? AND comment IS NOT NULL", [marker, id])
        try perform(
            """
            UPDATE logbook_entries SET supervisor_comment = CASE WHEN supervisor_comment IS NULL THEN NULL ELSE ? END,
                private_note = CASE WHEN private_note IS NULL THEN NULL ELSE ? END
            WHERE approved_by = ?
            """, [marker, marker, id])
        try perform(
            """
            UPDATE evaluations SET comment = ?,
                correction_reason = CASE WHEN correction_reason IS NULL THEN NULL ELSE ? END
            WHERE author_id = ?
            """, [marker, marker, id])
        // The email as typed at sign-ins and sign-ups.
        try perform(
            "UPDATE security_events SET email = ? WHERE email = ?", [erasure.placeholderEmail, erasure.formerEmail])
        try perform(
            "UPDATE registration_code_uses SET email = ? WHERE email = ? OR user_id = ?",
            [erasure.placeholderEmail, erasure.formerEmail, id])
    }

    /// The texts of `QuotingColumns` that contain one of `needles` (exactly, or lowercased).
    public func textsQuoting(_ needles: [String]) throws -> [QuotedText] {
        guard !needles.isEmpty else { return [] }
        var found: [QuotedText] = []
        for (table, columns) in QuotingColumns.all {
            let key = QuotingColumns.key(of: table)
            for column in columns {
                var conditions: [String] = []
                var values: [any ColumnValueConvertible] = []
                for needle in needles {
                    conditions.append(dialect.contains(column))
                    conditions.append(dialect.contains(dialect.lower(column)))
                    values += [needle, needle.lowercased()]
                }
                found += try select(
                    "SELECT \(key) AS key, \(column) AS text FROM \(table) WHERE \(conditions.joined(separator: " OR "))",
                    values
                ) { r in
                    QuotedText(table: table, column: column, id: try r.int64("key"), text: try r.string("text"))
                }
            }
        }
        return found
    }

    /// Writes `text` into the row and column `quoted` was read from.
    public func rewriteText(_ quoted: QuotedText, to text: String) throws {
        guard let entry = QuotingColumns.all.first(where: { $0.table == quoted.table }),
            entry.columns.contains(quoted.column)
        else {
            throw EdulinkError.validation([FieldError("column", "\(quoted.table).\(quoted.column) is not rewritten.")])
        }
        try perform(
            "UPDATE \(quoted.table) SET \(quoted.column) = ? WHERE \(QuotingColumns.key(of: quoted.table)) = ?",
            [text, quoted.id])
    }

    /// Deletes the idempotency records whose stored answer contains one of `needles` (a retry then
    /// runs again instead of replaying an answer that quoted an erased person); returns how many.
    @discardableResult
    public func forgetAnswersQuoting(_ needles: [String]) throws -> Int {
        var deleted = 0
        let contains =
            switch dialect {
            case .sqlite: "instr(body, ?) > 0"
            case .postgres: "position(? IN body) > 0"
            }
        for needle in needles {
            deleted += try perform(
                "DELETE FROM idempotency_records WHERE \(contains)", [ColumnValue.bytes(Array(needle.utf8))])
        }
        return deleted
    }
}
