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

    func applications(
        listingID: ListingID, status: ApplicationStatus?, studentNamed: String?, after: ApplicationID?, limit: Int
    ) throws -> [Application] {
        var conditions = ["a.listing_id = :listing", "a.id > :after"]
        var arguments: Arguments = [
            "listing": listingID.rawValue, "after": after?.rawValue ?? 0, "limit": max(limit, 0),
        ]
        if let status {
            conditions.append("a.status = :status")
            arguments["status"] = status.rawValue
        }
        if let name = studentNamed?.lowercased(), !name.isEmpty {
            // Each row's student by primary key: the listing's applications are read in id order anyway.
            conditions.append(
                "EXISTS (SELECT 1 FROM users AS u WHERE u.id = a.student_id"
                    + " AND instr(\(SchemaDialect.sqlite.lower("u.display_name")), :name) > 0)")
            arguments["name"] = name
        }
        let sql =
            "SELECT a.* FROM applications AS a WHERE \(conditions.joined(separator: " AND ")) ORDER BY a.id LIMIT :limit"
        return try fetchAll(sql, StatementArguments(arguments), Rows.application)
    }

    func countApplications(studentID: UserID, since: Date) throws -> Int {
        try count(
            "SELECT count(*) FROM applications WHERE student_id = ? AND submitted_at >= ?",
            [studentID.rawValue, ColumnCoding.microseconds(since)])
    }

    // MARK: Timeline

}
