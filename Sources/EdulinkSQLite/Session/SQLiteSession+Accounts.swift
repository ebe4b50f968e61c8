import EdulinkCore
import Foundation
import GRDB

// Users, student profiles, organizations and institutions.
extension SQLiteSession {
    // MARK: Users

    func user(_ id: UserID) throws -> User? {
        try fetchOne("SELECT * FROM users WHERE id = ?", [id.rawValue], Rows.user)
    }

    func user(email: String) throws -> User? {
        try fetchOne("SELECT * FROM users WHERE email_key = ?", [email.lowercased()], Rows.user)
    }

    func users(matching text: String?, role: Role?, after: UserID?, limit: Int) throws -> [User] {
        var conditions = ["id > :after"]
        var arguments: Arguments = ["after": after?.rawValue ?? 0, "limit": max(limit, 0)]
        if let text = text?.lowercased(), !text.isEmpty {
            conditions.append(
                "(instr(email_key, :text) > 0 OR instr(\(SchemaDialect.sqlite.lower("display_name")), :text) > 0)")
            arguments["text"] = text
        }
        if let role {
            conditions.append("role = :role")
            arguments["role"] = role.rawValue
        }
        let sql = "SELECT * FROM users WHERE \(conditions.joined(separator: " AND ")) ORDER BY id LIMIT :limit"
        return try fetchAll(sql, StatementArguments(arguments), Rows.user)
    }

    func countUsers(role: Role?, status: AccountStatus?) throws -> Int {
        try count(
            "SELECT count(*) FROM users WHERE (:role IS NULL OR role = :role) AND (:status IS NULL OR status = :status)",
            ["role": role?.rawValue, "status": status?.rawValue])
    }

    func users(organizationID: OrganizationID) throws -> [User] {
        try fetchAll("SELECT * FROM users WHERE organization_id = ? ORDER BY id", [organizationID.rawValue], Rows.user)
    }

    func endEverySession(at date: Date) throws -> Int {
        try execute("UPDATE users SET sessions_ended_at = ?", [ColumnCoding.microseconds(date)])
        return db.changesCount
    }

    // MARK: Organizations

    func organizations() throws -> [Organization] {
        try fetchAll("SELECT * FROM organizations ORDER BY name, id", [], Rows.organization)
    }

    // MARK: Institutions

    func institutions() throws -> [Institution] {
        try fetchAll("SELECT * FROM institutions ORDER BY name, id", [], Rows.institution)
    }

}
