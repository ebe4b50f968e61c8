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

    func applications(
        listingID: ListingID, status: ApplicationStatus?, studentNamed: String?, after: ApplicationID?, limit: Int
    ) throws -> [Application] {
        var arguments = SQLArguments()
        var conditions = [
            "a.listing_id = \(arguments.bind(listingID))", "a.id > \(arguments.bind(after?.rawValue ?? 0))",
        ]
        if let status { conditions.append("a.status = \(arguments.bind(status.rawValue))") }
        if let name = studentNamed?.lowercased(), !name.isEmpty {
            conditions.append(
                "EXISTS (SELECT 1 FROM users AS u WHERE u.id = a.student_id"
                    + " AND strpos(\(SchemaDialect.postgres.lower("u.display_name")), \(arguments.bind(name))) > 0)")
        }
        let limit = arguments.bind(max(limit, 0))
        let sql =
            "SELECT a.* FROM applications AS a WHERE \(conditions.joined(separator: " AND ")) ORDER BY a.id LIMIT \(limit)"
        return try fetchAll(sql, arguments.values, Rows.application)
    }

    func countApplications(studentID: UserID, since: Date) throws -> Int {
        try count(
            "SELECT count(*) AS count FROM applications WHERE student_id = $1 AND submitted_at >= $2",
            [studentID, since])
    }

    // MARK: Timeline

}
