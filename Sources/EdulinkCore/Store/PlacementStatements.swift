public import Foundation

/// Which placements a read returns.
public enum PlacementScope: Sendable, Equatable {
    case student(UserID)
    case organization(OrganizationID)
    /// Assigned to the supervisor, as workplace or academic supervisor.
    case supervisor(UserID)
    case institution(InstitutionID)
    /// Upcoming placements whose start date is at or before the date (the jobs run starts them).
    case startingBy(Date)
    /// Every active placement (the jobs run's reminders).
    case active
    case all
}

/// A logbook entry without its texts: what lists and progress counts need.
public struct LogbookMark: Sendable, Equatable {
    public var placementID: PlacementID
    public var week: Int
    public var status: LogbookStatus
    public var hours: Double
    public var submittedAt: Date?

    public init(placementID: PlacementID, week: Int, status: LogbookStatus, hours: Double, submittedAt: Date?) {
        self.placementID = placementID
        self.week = week
        self.status = status
        self.hours = hours
        self.submittedAt = submittedAt
    }
}

extension Rows {
    @inlinable
    public static func placement(_ r: some RowReading) throws -> Placement {
        Placement(
            id: try r.id("id"), applicationID: try r.id("application_id"), studentID: try r.id("student_id"),
            listingID: try r.id("listing_id"), organizationID: try r.id("organization_id"),
            institutionID: try r.optionalID("institution_id"), startDate: try r.date("start_date"),
            endDate: try r.date("end_date"), workplaceSupervisorID: try r.optionalID("workplace_supervisor_id"),
            academicSupervisorID: try r.optionalID("academic_supervisor_id"),
            status: try r.value(PlacementStatus.self, "status"), statusReason: try r.optionalString("status_reason"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"),
            completedAt: try r.optionalDate("completed_at"), result: try r.optionalJSON(FinalResult.self, "result"),
            completionCode: try r.optionalString("completion_code"))
    }

    @inlinable
    public static func placementEvent(_ r: some RowReading) throws -> PlacementTimelineEvent {
        PlacementTimelineEvent(
            id: try r.id("id"), placementID: try r.id("placement_id"),
            change: try r.value(PlacementChange.self, "kind"),
            actorID: try r.optionalID("actor_id"), actorRole: try r.optionalValue(Role.self, "actor_role"),
            at: try r.date("at"), note: try r.optionalString("note"), supervisorID: try r.optionalID("supervisor_id"),
            supervisorKind: try r.optionalValue(SupervisorKind.self, "supervisor_kind"))
    }

    @inlinable
    public static func logbookEntry(_ r: some RowReading) throws -> LogbookEntry {
        LogbookEntry(
            id: try r.id("id"), placementID: try r.id("placement_id"), week: try r.int("week"),
            content: LogbookContent(
                activities: try r.string("activities"), hours: Double(try r.int("hours_tenths")) / 10,
                skills: try r.json([String].self, "skills"), learned: try r.optionalString("learned"),
                challenges: try r.optionalString("challenges")),
            status: try r.value(LogbookStatus.self, "status"),
            supervisorComment: try r.optionalString("supervisor_comment"),
            privateNote: try r.optionalString("private_note"),
            excuse: try r.optionalValue(ExcuseReason.self, "excuse_reason"),
            approvedBy: try r.optionalID("approved_by"),
            submittedAt: try r.optionalDate("submitted_at"), updatedAt: try r.date("updated_at"))
    }

    @inlinable
    public static func logbookEvent(_ r: some RowReading) throws -> LogbookEvent {
        LogbookEvent(
            id: try r.id("id"), entryID: try r.id("entry_id"),
            from: try r.optionalValue(LogbookStatus.self, "from_status"),
            to: try r.value(LogbookStatus.self, "to_status"), actorID: try r.optionalID("actor_id"),
            actorRole: try r.optionalValue(Role.self, "actor_role"), at: try r.date("at"),
            comment: try r.optionalString("comment"))
    }

    @inlinable
    public static func evaluation(_ r: some RowReading) throws -> Evaluation {
        Evaluation(
            id: try r.id("id"), placementID: try r.id("placement_id"), kind: try r.value(EvaluationKind.self, "kind"),
            version: try r.int("version"), authorID: try r.optionalID("author_id"),
            rubricVersion: try r.int("rubric_version"), criteria: try r.json([RubricCriterion].self, "criteria"),
            scores: try r.json([CriterionScore].self, "scores"), overall: try r.optionalInt("overall"),
            grade: try r.optionalValue(Grade.self, "grade"), comment: try r.string("comment"),
            correctionReason: try r.optionalString("correction_reason"), submittedAt: try r.date("submitted_at"))
    }

    public static func columns(_ p: Placement) throws -> Columns {
        [
            "id": p.id, "application_id": p.applicationID, "student_id": p.studentID, "listing_id": p.listingID,
            "organization_id": p.organizationID, "institution_id": p.institutionID, "start_date": p.startDate,
            "end_date": p.endDate, "workplace_supervisor_id": p.workplaceSupervisorID,
            "academic_supervisor_id": p.academicSupervisorID, "status": p.status.rawValue,
            "status_reason": p.statusReason, "created_at": p.createdAt, "updated_at": p.updatedAt,
            "completed_at": p.completedAt, "result": try p.result.map { try ColumnValue.json($0) },
            "completion_code": p.completionCode,
        ]
    }

    public static func columns(_ e: LogbookEntry) throws -> Columns {
        [
            "id": e.id, "placement_id": e.placementID, "week": e.week, "activities": e.content.activities,
            "hours_tenths": Int((e.content.hours * 10).rounded()), "skills": try ColumnValue.json(e.content.skills),
            "learned": e.content.learned, "challenges": e.content.challenges, "status": e.status.rawValue,
            "supervisor_comment": e.supervisorComment, "private_note": e.privateNote,
            "excuse_reason": e.excuse?.rawValue, "approved_by": e.approvedBy, "submitted_at": e.submittedAt,
            "updated_at": e.updatedAt,
        ]
    }
}

// The placement statements both stores run alike (see `SQLSession`).
extension SQLSession {
    public func placement(_ id: PlacementID) throws -> Placement? {
        try selectOne("SELECT * FROM placements WHERE id = ?", [id], Rows.placement)
    }

    public func placement(applicationID: ApplicationID) throws -> Placement? {
        try selectOne("SELECT * FROM placements WHERE application_id = ?", [applicationID], Rows.placement)
    }

    public func placement(completionCode: String) throws -> Placement? {
        try selectOne("SELECT * FROM placements WHERE completion_code = ?", [completionCode], Rows.placement)
    }

    /// Reads a placement and keeps it locked until the transaction ends (`FOR UPDATE` on
    /// PostgreSQL; SQLite's single writer already serializes).
    public func lockPlacement(_ id: PlacementID) throws -> Placement? {
        let lock = dialect == .postgres ? " FOR UPDATE" : ""
        return try selectOne("SELECT * FROM placements WHERE id = ?\(lock)", [id], Rows.placement)
    }

    /// Newest start first.
    public func placements(_ scope: PlacementScope) throws -> [Placement] {
        let (condition, values): (String, [any ColumnValueConvertible]) =
            switch scope {
            case .student(let id): ("student_id = ?", [id])
            case .organization(let id): ("organization_id = ?", [id])
            case .supervisor(let id): ("(workplace_supervisor_id = ? OR academic_supervisor_id = ?)", [id, id])
            case .institution(let id): ("institution_id = ?", [id])
            case .startingBy(let date): ("status = ? AND start_date <= ?", [PlacementStatus.upcoming.rawValue, date])
            case .active: ("status = ?", [PlacementStatus.active.rawValue])
            case .all: ("1 = 1", [])
            }
        return try select(
            "SELECT * FROM placements WHERE \(condition) ORDER BY start_date DESC, id DESC", values, Rows.placement)
    }

    public func placementTimeline(_ id: PlacementID) throws -> [PlacementTimelineEvent] {
        try select(
            "SELECT * FROM placement_events WHERE placement_id = ? ORDER BY id", [id], Rows.placementEvent)
    }

    public func supervisorProfiles(_ ids: [UserID]) throws -> [UserID: SupervisorProfile] {
        guard !ids.isEmpty else { return [:] }
        let rows = try select(
            "SELECT * FROM supervisor_profiles WHERE \(dialect.isAny("user_id"))",
            [ColumnValue.intArray(ids.map(\.rawValue))]
        ) { r in
            SupervisorProfile(
                userID: try r.id("user_id"), title: try r.string("title"), capacity: try r.int("capacity"))
        }
        return Dictionary(rows.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Upcoming and active placements per supervisor, as workplace or academic supervisor.
    public func supervisorLoads(_ ids: [UserID]) throws -> [UserID: Int] {
        guard !ids.isEmpty else { return [:] }
        let list = ColumnValue.intArray(ids.map(\.rawValue))
        let open = [PlacementStatus.upcoming.rawValue, PlacementStatus.active.rawValue]
        let rows = try select(
            """
            SELECT supervisor, count(*) AS n FROM (
                SELECT workplace_supervisor_id AS supervisor FROM placements
                WHERE status IN (?, ?) AND \(dialect.isAny("workplace_supervisor_id"))
                UNION ALL
                SELECT academic_supervisor_id AS supervisor FROM placements
                WHERE status IN (?, ?) AND \(dialect.isAny("academic_supervisor_id"))
            ) assigned GROUP BY supervisor
            """, open + [list] + open + [list]
        ) { r in (UserID(try r.int64("supervisor")), try r.int("n")) }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    /// Accounts of a role, of an organization or an institution when given, by name.
    public func users(role: Role, organizationID: OrganizationID?, institutionID: InstitutionID?) throws -> [User] {
        var conditions = ["role = ?"]
        var values: [any ColumnValueConvertible] = [role.rawValue]
        if let organizationID {
            conditions.append("organization_id = ?")
            values.append(organizationID)
        }
        if let institutionID {
            conditions.append("institution_id = ?")
            values.append(institutionID)
        }
        return try select(
            "SELECT * FROM users WHERE \(conditions.joined(separator: " AND ")) ORDER BY display_name, id", values,
            Rows.user)
    }

    public func logbookEntries(placementIDs: [PlacementID]) throws -> [LogbookEntry] {
        guard !placementIDs.isEmpty else { return [] }
        return try select(
            "SELECT * FROM logbook_entries WHERE \(dialect.isAny("placement_id")) ORDER BY placement_id, week",
            [ColumnValue.intArray(placementIDs.map(\.rawValue))], Rows.logbookEntry)
    }

    /// Each entry's week, status, hours and submission time, without its texts (what lists count).
    public func logbookMarks(placementIDs: [PlacementID]) throws -> [LogbookMark] {
        guard !placementIDs.isEmpty else { return [] }
        return try select(
            """
            SELECT placement_id, week, status, hours_tenths, submitted_at FROM logbook_entries
            WHERE \(dialect.isAny("placement_id")) ORDER BY placement_id, week
            """, [ColumnValue.intArray(placementIDs.map(\.rawValue))]
        ) { r in
            LogbookMark(
                placementID: try r.id("placement_id"), week: try r.int("week"),
                status: try r.value(LogbookStatus.self, "status"), hours: Double(try r.int("hours_tenths")) / 10,
                submittedAt: try r.optionalDate("submitted_at"))
        }
    }

    /// The kinds of evaluation each placement has (any version).
    public func evaluationKinds(placementIDs: [PlacementID]) throws -> [PlacementID: Set<EvaluationKind>] {
        guard !placementIDs.isEmpty else { return [:] }
        let rows = try select(
            "SELECT DISTINCT placement_id, kind FROM evaluations WHERE \(dialect.isAny("placement_id"))",
            [ColumnValue.intArray(placementIDs.map(\.rawValue))]
        ) { r in (PlacementID(try r.int64("placement_id")), try r.value(EvaluationKind.self, "kind")) }
        return rows.reduce(into: [:]) { $0[$1.0, default: []].insert($1.1) }
    }

    /// The display names of users, by id (missing ids are left out).
    public func displayNames(_ ids: [UserID]) throws -> [UserID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try select(
            "SELECT id, display_name FROM users WHERE \(dialect.isAny("id"))",
            [ColumnValue.intArray(ids.map(\.rawValue))]
        ) { r in (UserID(try r.int64("id")), try r.string("display_name")) }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    public func logbookEntry(_ id: LogbookEntryID) throws -> LogbookEntry? {
        try selectOne("SELECT * FROM logbook_entries WHERE id = ?", [id], Rows.logbookEntry)
    }

    public func logbookEntry(placementID: PlacementID, week: Int) throws -> LogbookEntry? {
        try selectOne(
            "SELECT * FROM logbook_entries WHERE placement_id = ? AND week = ?", [placementID, week], Rows.logbookEntry)
    }

    public func logbookHistory(entryIDs: [LogbookEntryID]) throws -> [LogbookEvent] {
        guard !entryIDs.isEmpty else { return [] }
        return try select(
            "SELECT * FROM logbook_events WHERE \(dialect.isAny("entry_id")) ORDER BY id",
            [ColumnValue.intArray(entryIDs.map(\.rawValue))], Rows.logbookEvent)
    }

    /// Submitted entries of the active placements the supervisor is assigned to, oldest submission first.
    public func logbookQueue(supervisorID: UserID, limit: Int) throws -> [LogbookEntry] {
        try select(
            """
            SELECT e.* FROM logbook_entries e JOIN placements p ON p.id = e.placement_id
            WHERE e.status = ? AND p.status = ? AND (p.workplace_supervisor_id = ? OR p.academic_supervisor_id = ?)
            ORDER BY e.submitted_at, e.id LIMIT ?
            """,
            [
                LogbookStatus.submitted.rawValue, PlacementStatus.active.rawValue, supervisorID, supervisorID,
                max(limit, 0),
            ], Rows.logbookEntry)
    }

    /// Every version of every evaluation of the placement, oldest first.
    public func evaluations(placementID: PlacementID) throws -> [Evaluation] {
        try select(
            "SELECT * FROM evaluations WHERE placement_id = ? ORDER BY id", [placementID], Rows.evaluation)
    }

    public func saveSupervisorProfile(_ profile: SupervisorProfile) throws {
        try perform(
            """
            INSERT INTO supervisor_profiles (user_id, title, capacity) VALUES (?, ?, ?)
            ON CONFLICT (user_id) DO UPDATE SET title = excluded.title, capacity = excluded.capacity
            """, [profile.userID, profile.title, profile.capacity])
    }
}

extension TableWriting {
    public func insertPlacement(_ placement: Placement) throws -> Placement {
        var saved = placement
        saved.id = PlacementID(try insert("placements", try Rows.columns(placement)))
        return saved
    }

    public func updatePlacement(_ placement: Placement) throws {
        try update("placements", id: placement.id.rawValue, try Rows.columns(placement), what: "Placement")
    }

    public func appendPlacementEvent(_ event: PlacementTimelineEvent) throws -> PlacementTimelineEvent {
        var saved = event
        saved.id = PlacementEventID(
            try insert(
                "placement_events",
                [
                    "id": event.id, "placement_id": event.placementID, "kind": event.change.rawValue,
                    "actor_id": event.actorID, "actor_role": event.actorRole?.rawValue, "at": event.at,
                    "note": event.note, "supervisor_id": event.supervisorID,
                    "supervisor_kind": event.supervisorKind?.rawValue,
                ]))
        return saved
    }

    public func insertLogbookEntry(_ entry: LogbookEntry) throws -> LogbookEntry {
        var saved = entry
        saved.id = LogbookEntryID(try insert("logbook_entries", try Rows.columns(entry)))
        return saved
    }

    public func updateLogbookEntry(_ entry: LogbookEntry) throws {
        try update("logbook_entries", id: entry.id.rawValue, try Rows.columns(entry), what: "Logbook entry")
    }

    public func appendLogbookEvent(_ event: LogbookEvent) throws -> LogbookEvent {
        var saved = event
        saved.id = LogbookEventID(
            try insert(
                "logbook_events",
                [
                    "id": event.id, "entry_id": event.entryID, "from_status": event.from?.rawValue,
                    "to_status": event.to.rawValue, "actor_id": event.actorID,
                    "actor_role": event.actorRole?.rawValue, "at": event.at, "comment": event.comment,
                ]))
        return saved
    }

    public func insertEvaluation(_ evaluation: Evaluation) throws -> Evaluation {
        var saved = evaluation
        saved.id = EvaluationID(
            try insert(
                "evaluations",
                [
                    "id": evaluation.id, "placement_id": evaluation.placementID, "kind": evaluation.kind.rawValue,
                    "version": evaluation.version, "author_id": evaluation.authorID,
                    "rubric_version": evaluation.rubricVersion, "criteria": try ColumnValue.json(evaluation.criteria),
                    "scores": try ColumnValue.json(evaluation.scores), "overall": evaluation.overall,
                    "grade": evaluation.grade?.rawValue, "comment": evaluation.comment,
                    "correction_reason": evaluation.correctionReason, "submitted_at": evaluation.submittedAt,
                ]))
        return saved
    }
}

/// Everything stored about one placement: the row, its timeline, its logbook with each entry's
/// history, and every evaluation version. What a data export or a restore check reads.
public struct PlacementRecord: Sendable, Equatable, Codable {
    public var placement: Placement
    public var timeline: [PlacementTimelineEvent]
    public var entries: [LogbookEntry]
    public var history: [LogbookEvent]
    public var evaluations: [Evaluation]
}

extension StoreReader {
    /// Every stored row of the placements in `scope`, oldest placement first.
    public func placementRecords(_ scope: PlacementScope) throws -> [PlacementRecord] {
        try placements(scope).sorted { $0.id.rawValue < $1.id.rawValue }.map { placement in
            let entries = try logbookEntries(placementIDs: [placement.id])
            return PlacementRecord(
                placement: placement, timeline: try placementTimeline(placement.id), entries: entries,
                history: try logbookHistory(entryIDs: entries.map(\.id)),
                evaluations: try evaluations(placementID: placement.id))
        }
    }
}
