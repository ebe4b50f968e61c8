import EdulinkCore
import Foundation

// Applications and their append-only timeline.
extension PostgresSession {
    static func applicationColumns(_ a: Application) throws -> Columns {
        [
            "id": a.id, "student_id": a.studentID, "listing_id": a.listingID, "status": a.status.rawValue,
            "cover_letter": a.coverLetter, "answers": try SQLValue.json(a.answers), "resume_path": a.resumePath,
            "submitted_at": a.submittedAt, "updated_at": a.updatedAt, "reviewed_at": a.reviewedAt,
            "rating": a.rating, "notes": a.notes, "interview_at": a.interview?.at,
            "interview_place": a.interview?.place, "rejection_reason": a.rejection?.reason.rawValue,
            "rejection_note": a.rejection?.note, "offer_expires_at": a.offerExpiresAt,
        ]
    }

    func application(_ id: ApplicationID) throws -> Application? {
        try fetchOne("SELECT * FROM applications WHERE id = $1", [id], Rows.application)
    }

    func application(studentID: UserID, listingID: ListingID) throws -> Application? {
        try fetchOne(
            "SELECT * FROM applications WHERE student_id = $1 AND listing_id = $2", [studentID, listingID],
            Rows.application)
    }

    func applications(studentID: UserID) throws -> [Application] {
        try fetchAll(
            "SELECT * FROM applications WHERE student_id = $1 ORDER BY submitted_at DESC, id DESC", [studentID],
            Rows.application)
    }

    func applications(listingID: ListingID, status: ApplicationStatus?, after: ApplicationID?, limit: Int) throws
        -> [Application]
    {
        if let status {
            return try fetchAll(
                "SELECT * FROM applications WHERE listing_id = $1 AND status = $2 AND id > $3 ORDER BY id LIMIT $4",
                [listingID, status.rawValue, after?.rawValue ?? 0, max(limit, 0)], Rows.application)
        }
        return try fetchAll(
            "SELECT * FROM applications WHERE listing_id = $1 AND id > $2 ORDER BY id LIMIT $3",
            [listingID, after?.rawValue ?? 0, max(limit, 0)], Rows.application)
    }

    func countApplications(studentID: UserID, since: Date) throws -> Int {
        try count(
            "SELECT count(*) AS count FROM applications WHERE student_id = $1 AND submitted_at >= $2",
            [studentID, since])
    }

    func insertApplication(_ application: Application) throws -> Application {
        var saved = application
        saved.id = ApplicationID(try insert("applications", try Self.applicationColumns(application)))
        return saved
    }

    func updateApplication(_ application: Application) throws {
        try update(
            "applications", id: application.id.rawValue, try Self.applicationColumns(application),
            what: "Application")
    }

    // MARK: Timeline

    func timeline(_ applicationID: ApplicationID) throws -> [ApplicationEvent] {
        try fetchAll(
            "SELECT * FROM application_events WHERE application_id = $1 ORDER BY id", [applicationID], Rows.event)
    }

    func events(batchID: String) throws -> [ApplicationEvent] {
        try fetchAll("SELECT * FROM application_events WHERE batch_id = $1 ORDER BY id", [batchID], Rows.event)
    }

    func appendEvent(_ event: ApplicationEvent) throws -> ApplicationEvent {
        var saved = event
        saved.id = TimelineEventID(
            try insert(
                "application_events",
                [
                    "id": event.id, "application_id": event.applicationID, "from_status": event.from?.rawValue,
                    "to_status": event.to.rawValue, "actor_id": event.actorID,
                    "actor_role": event.actorRole?.rawValue, "at": event.at, "reason": event.reason,
                    "note": event.note, "stage_status": event.stage.status.rawValue,
                    "stage_interview_at": event.stage.interview?.at,
                    "stage_interview_place": event.stage.interview?.place,
                    "stage_rejection_reason": event.stage.rejection?.reason.rawValue,
                    "stage_rejection_note": event.stage.rejection?.note,
                    "stage_offer_expires_at": event.stage.offerExpiresAt, "undoes": event.undoes,
                    "batch_id": event.batchID,
                ]))
        return saved
    }
}
