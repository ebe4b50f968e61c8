import EdulinkCore
import Foundation
import GRDB

// Applications and their append-only timeline.
extension SQLiteSession {
    static func applicationArguments(_ a: Application) throws -> Arguments {
        [
            "id": newID(a.id.rawValue), "student_id": a.studentID.rawValue, "listing_id": a.listingID.rawValue,
            "status": a.status.rawValue, "cover_letter": a.coverLetter, "answers": try ColumnCoding.json(a.answers),
            "resume_path": a.resumePath, "submitted_at": ColumnCoding.microseconds(a.submittedAt),
            "updated_at": ColumnCoding.microseconds(a.updatedAt),
            "reviewed_at": ColumnCoding.microseconds(a.reviewedAt), "rating": a.rating, "notes": a.notes,
            "interview_at": ColumnCoding.microseconds(a.interview?.at), "interview_place": a.interview?.place,
            "rejection_reason": a.rejection?.reason.rawValue, "rejection_note": a.rejection?.note,
            "offer_expires_at": ColumnCoding.microseconds(a.offerExpiresAt),
        ]
    }

    func application(_ id: ApplicationID) throws -> Application? {
        try fetchOne("SELECT * FROM applications WHERE id = ?", [id.rawValue], Rows.application)
    }

    func application(studentID: UserID, listingID: ListingID) throws -> Application? {
        try fetchOne(
            "SELECT * FROM applications WHERE student_id = ? AND listing_id = ?",
            [studentID.rawValue, listingID.rawValue], Rows.application)
    }

    func applications(studentID: UserID) throws -> [Application] {
        try fetchAll(
            "SELECT * FROM applications WHERE student_id = ? ORDER BY submitted_at DESC, id DESC",
            [studentID.rawValue], Rows.application)
    }

    func applications(listingID: ListingID, status: ApplicationStatus?, after: ApplicationID?, limit: Int) throws
        -> [Application]
    {
        let arguments: StatementArguments = [listingID.rawValue, after?.rawValue ?? 0, max(limit, 0)]
        if let status {
            return try fetchAll(
                "SELECT * FROM applications WHERE listing_id = ? AND status = ? AND id > ? ORDER BY id LIMIT ?",
                [listingID.rawValue, status.rawValue, after?.rawValue ?? 0, max(limit, 0)], Rows.application)
        }
        return try fetchAll(
            "SELECT * FROM applications WHERE listing_id = ? AND id > ? ORDER BY id LIMIT ?", arguments,
            Rows.application)
    }

    func countApplications(studentID: UserID, since: Date) throws -> Int {
        try count(
            "SELECT count(*) FROM applications WHERE student_id = ? AND submitted_at >= ?",
            [studentID.rawValue, ColumnCoding.microseconds(since)])
    }

    func insertApplication(_ application: Application) throws -> Application {
        var saved = application
        saved.id = ApplicationID(
            try insert(
                """
                INSERT INTO applications (id, student_id, listing_id, status, cover_letter, answers, resume_path,
                    submitted_at, updated_at, reviewed_at, rating, notes, interview_at, interview_place,
                    rejection_reason, rejection_note, offer_expires_at)
                VALUES (:id, :student_id, :listing_id, :status, :cover_letter, :answers, :resume_path,
                    :submitted_at, :updated_at, :reviewed_at, :rating, :notes, :interview_at, :interview_place,
                    :rejection_reason, :rejection_note, :offer_expires_at)
                """, try Self.applicationArguments(application)))
        return saved
    }

    func updateApplication(_ application: Application) throws {
        var arguments = try Self.applicationArguments(application)
        arguments["id"] = application.id.rawValue
        try updateOne(
            """
            UPDATE applications SET student_id = :student_id, listing_id = :listing_id, status = :status,
                cover_letter = :cover_letter, answers = :answers, resume_path = :resume_path,
                submitted_at = :submitted_at, updated_at = :updated_at, reviewed_at = :reviewed_at,
                rating = :rating, notes = :notes, interview_at = :interview_at, interview_place = :interview_place,
                rejection_reason = :rejection_reason, rejection_note = :rejection_note,
                offer_expires_at = :offer_expires_at
            WHERE id = :id
            """, arguments, what: "Application")
    }

    // MARK: Timeline

    func timeline(_ applicationID: ApplicationID) throws -> [ApplicationEvent] {
        try fetchAll(
            "SELECT * FROM application_events WHERE application_id = ? ORDER BY id", [applicationID.rawValue],
            Rows.event)
    }

    func events(batchID: String) throws -> [ApplicationEvent] {
        try fetchAll("SELECT * FROM application_events WHERE batch_id = ? ORDER BY id", [batchID], Rows.event)
    }

    func appendEvent(_ event: ApplicationEvent) throws -> ApplicationEvent {
        var saved = event
        saved.id = TimelineEventID(
            try insert(
                """
                INSERT INTO application_events (id, application_id, from_status, to_status, actor_id, actor_role, at,
                    reason, note, stage_status, stage_interview_at, stage_interview_place, stage_rejection_reason,
                    stage_rejection_note, stage_offer_expires_at, undoes, batch_id)
                VALUES (:id, :application_id, :from_status, :to_status, :actor_id, :actor_role, :at, :reason, :note,
                    :stage_status, :stage_interview_at, :stage_interview_place, :stage_rejection_reason,
                    :stage_rejection_note, :stage_offer_expires_at, :undoes, :batch_id)
                """,
                [
                    "id": Self.newID(event.id.rawValue), "application_id": event.applicationID.rawValue,
                    "from_status": event.from?.rawValue, "to_status": event.to.rawValue,
                    "actor_id": event.actorID?.rawValue, "actor_role": event.actorRole?.rawValue,
                    "at": ColumnCoding.microseconds(event.at), "reason": event.reason, "note": event.note,
                    "stage_status": event.stage.status.rawValue,
                    "stage_interview_at": ColumnCoding.microseconds(event.stage.interview?.at),
                    "stage_interview_place": event.stage.interview?.place,
                    "stage_rejection_reason": event.stage.rejection?.reason.rawValue,
                    "stage_rejection_note": event.stage.rejection?.note,
                    "stage_offer_expires_at": ColumnCoding.microseconds(event.stage.offerExpiresAt),
                    "undoes": event.undoes?.rawValue, "batch_id": event.batchID,
                ]))
        return saved
    }
}
