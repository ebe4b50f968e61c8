import EdulinkCore
import Foundation
import GRDB

// Users, student profiles, organizations and institutions.
extension SQLiteSession {
    // MARK: Users

    static func userArguments(_ user: User) -> Arguments {
        [
            "id": newID(user.id.rawValue), "email": user.email, "email_key": user.email.lowercased(),
            "display_name": user.displayName, "role": user.role.rawValue, "status": user.status.rawValue,
            "locked_until": ColumnCoding.microseconds(user.lockedUntil), "password_hash": user.passwordHash,
            "phone": user.phone, "organization_id": user.organizationID?.rawValue,
            "institution_id": user.institutionID?.rawValue, "created_at": ColumnCoding.microseconds(user.createdAt),
            "last_login_at": ColumnCoding.microseconds(user.lastLoginAt),
            "failure_window_start": ColumnCoding.microseconds(user.failureWindowStart),
            "sessions_ended_at": ColumnCoding.microseconds(user.sessionsEndedAt),
        ]
    }

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

    func insertUser(_ user: User) throws -> User {
        var saved = user
        saved.id = UserID(
            try insert(
                """
                INSERT INTO users (id, email, email_key, display_name, role, status, locked_until, password_hash,
                    phone, organization_id, institution_id, created_at, last_login_at, failure_window_start,
                    sessions_ended_at)
                VALUES (:id, :email, :email_key, :display_name, :role, :status, :locked_until, :password_hash,
                    :phone, :organization_id, :institution_id, :created_at, :last_login_at, :failure_window_start,
                    :sessions_ended_at)
                """, Self.userArguments(user)))
        return saved
    }

    func updateUser(_ user: User) throws {
        var arguments = Self.userArguments(user)
        arguments["id"] = user.id.rawValue
        try updateOne(
            """
            UPDATE users SET email = :email, email_key = :email_key, display_name = :display_name, role = :role,
                status = :status, locked_until = :locked_until, password_hash = :password_hash, phone = :phone,
                organization_id = :organization_id, institution_id = :institution_id, created_at = :created_at,
                last_login_at = :last_login_at, failure_window_start = :failure_window_start,
                sessions_ended_at = :sessions_ended_at
            WHERE id = :id
            """, arguments, what: "User")
    }

    func endEverySession(at date: Date) throws -> Int {
        try execute("UPDATE users SET sessions_ended_at = ?", [ColumnCoding.microseconds(date)])
        return db.changesCount
    }

    // MARK: Profiles

    func profile(_ userID: UserID) throws -> StudentProfile? {
        try fetchOne("SELECT * FROM student_profiles WHERE user_id = ?", [userID.rawValue], Rows.profile)
    }

    func registrationNumberTaken(_ number: String, institutionID: InstitutionID, excluding: UserID) throws -> Bool {
        try count(
            """
            SELECT count(*) FROM student_profiles
            WHERE institution_id = ? AND registration_number = ? AND user_id <> ?
            """, [institutionID.rawValue, number, excluding.rawValue]) > 0
    }

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

    static func organizationArguments(_ organization: Organization) -> Arguments {
        [
            "id": newID(organization.id.rawValue), "name": organization.name,
            "name_lower": organization.name.lowercased(), "industry": organization.industry,
            "size": organization.size.rawValue, "website": organization.website, "location": organization.location,
            "description": organization.description, "verified": organization.verified,
            "created_at": ColumnCoding.microseconds(organization.createdAt),
        ]
    }

    func organization(_ id: OrganizationID) throws -> Organization? {
        try fetchOne("SELECT * FROM organizations WHERE id = ?", [id.rawValue], Rows.organization)
    }

    func organizations() throws -> [Organization] {
        try fetchAll("SELECT * FROM organizations ORDER BY name, id", [], Rows.organization)
    }

    func insertOrganization(_ organization: Organization) throws -> Organization {
        var saved = organization
        saved.id = OrganizationID(
            try insert(
                """
                INSERT INTO organizations (id, name, name_lower, industry, size, website, location, description,
                    verified, created_at)
                VALUES (:id, :name, :name_lower, :industry, :size, :website, :location, :description, :verified,
                    :created_at)
                """, Self.organizationArguments(organization)))
        return saved
    }

    func updateOrganization(_ organization: Organization) throws {
        var arguments = Self.organizationArguments(organization)
        arguments["id"] = organization.id.rawValue
        try updateOne(
            """
            UPDATE organizations SET name = :name, name_lower = :name_lower, industry = :industry, size = :size,
                website = :website, location = :location, description = :description, verified = :verified,
                created_at = :created_at
            WHERE id = :id
            """, arguments, what: "Organization")
    }

    // MARK: Institutions

    func institution(_ id: InstitutionID) throws -> Institution? {
        try fetchOne("SELECT * FROM institutions WHERE id = ?", [id.rawValue], Rows.institution)
    }

    func institutions() throws -> [Institution] {
        try fetchAll("SELECT * FROM institutions ORDER BY name, id", [], Rows.institution)
    }

    func insertInstitution(_ institution: Institution) throws -> Institution {
        var saved = institution
        saved.id = InstitutionID(
            try insert(
                """
                INSERT INTO institutions (id, name, name_key, short_code, type, verified)
                VALUES (:id, :name, :name_key, :short_code, :type, :verified)
                """,
                [
                    "id": Self.newID(institution.id.rawValue), "name": institution.name,
                    "name_key": institution.name.lowercased(), "short_code": institution.shortCode,
                    "type": institution.type.rawValue, "verified": institution.verified,
                ]))
        return saved
    }
}
