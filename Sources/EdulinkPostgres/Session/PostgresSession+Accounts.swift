import EdulinkCore
import Foundation

// Users, student profiles, organizations and institutions.
extension PostgresSession {
    // MARK: Users

    func user(_ id: UserID) throws -> User? {
        try fetchOne("SELECT * FROM users WHERE id = $1", [id], Rows.user)
    }

    func user(email: String) throws -> User? {
        try fetchOne("SELECT * FROM users WHERE email_key = $1", [email.lowercased()], Rows.user)
    }

    func users(matching text: String?, role: Role?, after: UserID?, limit: Int) throws -> [User] {
        var arguments = SQLArguments()
        var conditions = ["id > \(arguments.bind(after?.rawValue ?? 0))"]
        if let text = text?.lowercased(), !text.isEmpty {
            let needle = arguments.bind(text)
            conditions.append(
                "(strpos(email_key, \(needle)) > 0 OR strpos(\(SchemaDialect.postgres.lower("display_name")), \(needle)) > 0)"
            )
        }
        if let role {
            conditions.append("role = \(arguments.bind(role.rawValue))")
        }
        let limit = arguments.bind(max(limit, 0))
        let sql = "SELECT * FROM users WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT \(limit)"
        return try fetchAll(sql, arguments.values, Rows.user)
    }

    func countUsers(role: Role?, status: AccountStatus?) throws -> Int {
        var arguments = SQLArguments()
        var conditions = ["TRUE"]
        if let role { conditions.append("role = \(arguments.bind(role.rawValue))") }
        if let status { conditions.append("status = \(arguments.bind(status.rawValue))") }
        return try count(
            "SELECT count(*) AS count FROM users WHERE \(conditions.joined(separator: " AND "))", arguments.values)
    }

    func users(organizationID: OrganizationID) throws -> [User] {
        try fetchAll("SELECT * FROM users WHERE organization_id = $1 ORDER BY id", [organizationID], Rows.user)
    }

    func endEverySession(at date: Date) throws -> Int {
        try execute("UPDATE users SET sessions_ended_at = $1", [date])
    }

    // MARK: Organizations

    /// By name in byte order (`COLLATE "C"`), as SQLite's default BINARY collation sorts.
    func organizations() throws -> [Organization] {
        try fetchAll("SELECT * FROM organizations ORDER BY name COLLATE \"C\", id", [], Rows.organization)
    }

    // MARK: Institutions

    func institutions() throws -> [Institution] {
        try fetchAll("SELECT * FROM institutions ORDER BY name COLLATE \"C\", id", [], Rows.institution)
    }

}
