import EdulinkCore
import Foundation

// Applications and their append-only timeline.
extension PostgresSession {
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

    // MARK: Timeline

}
