import EdulinkCore
import Foundation
import GRDB

// Applications and their append-only timeline.
extension SQLiteSession {
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

    // MARK: Timeline

}
