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
            conditions.append("(instr(email_key, :text) > 0 OR instr(lower(display_name), :text) > 0)")
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

    // MARK: Profiles

    func saveProfile(_ profile: StudentProfile) throws {
        let arguments: Arguments = [
            "user_id": profile.userID.rawValue, "institution_id": profile.institutionID?.rawValue,
            "registration_number": profile.registrationNumber, "year_of_study": profile.yearOfStudy,
            "course": profile.course, "skills": try ColumnCoding.json(profile.skills),
            "interests": try ColumnCoding.json(profile.interests), "github_url": profile.githubURL,
            "linkedin_url": profile.linkedinURL, "website_url": profile.websiteURL,
            "resume_path": profile.resumePath, "bio": profile.bio,
            "updated_at": ColumnCoding.microseconds(profile.updatedAt),
        ]
        try execute(
            """
            INSERT INTO student_profiles (user_id, institution_id, registration_number, year_of_study, course,
                skills, interests, github_url, linkedin_url, website_url, resume_path, bio, updated_at)
            VALUES (:user_id, :institution_id, :registration_number, :year_of_study, :course, :skills, :interests,
                :github_url, :linkedin_url, :website_url, :resume_path, :bio, :updated_at)
            ON CONFLICT (user_id) DO UPDATE SET institution_id = excluded.institution_id,
                registration_number = excluded.registration_number, year_of_study = excluded.year_of_study,
                course = excluded.course, skills = excluded.skills, interests = excluded.interests,
                github_url = excluded.github_url, linkedin_url = excluded.linkedin_url,
                website_url = excluded.website_url, resume_path = excluded.resume_path, bio = excluded.bio,
                updated_at = excluded.updated_at
            """, StatementArguments(arguments))
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
