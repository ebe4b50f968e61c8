import Foundation

extension Rows {
    @inlinable
    public static func registrationCode(_ r: some RowReading) throws -> RegistrationCode {
        RegistrationCode(
            id: try r.id("id"), institutionID: try r.id("institution_id"), code: try r.string("code"),
            maxUses: try r.int("max_uses"), uses: try r.int("uses"), expiresAt: try r.date("expires_at"),
            revokedAt: try r.optionalDate("revoked_at"), createdBy: try r.optionalID("created_by"),
            createdAt: try r.date("created_at"))
    }

    @inlinable
    public static func registrationCodeUse(_ r: some RowReading) throws -> RegistrationCodeUse {
        RegistrationCodeUse(
            codeID: try r.optionalID("code_id"), email: try r.string("email"),
            outcome: try r.value(RegistrationCodeOutcome.self, "outcome"), userID: try r.optionalID("user_id"),
            source: try r.string("source"), at: try r.date("at"), detail: try r.optionalString("detail"))
    }

    public static func columns(_ c: RegistrationCode) -> Columns {
        [
            "id": c.id, "institution_id": c.institutionID, "code": c.code, "max_uses": c.maxUses, "uses": c.uses,
            "expires_at": c.expiresAt, "revoked_at": c.revokedAt, "created_by": c.createdBy,
            "created_at": c.createdAt,
        ]
    }
}

extension StudentStage {
    /// What shows a stage: a placement in one of these states, or an application in one of these
    /// states (nil: any application).
    public enum Evidence: Sendable {
        case placement([PlacementStatus])
        case application([ApplicationStatus]?)
    }

    /// Each stage with what shows it, furthest first; a student is at the first that matches, else
    /// `notApplied`. The one table `of(applications:placements:)` and the store's SQL both read.
    public static let evidence: [(stage: StudentStage, shownBy: Evidence)] = [
        (.completed, .placement([.completed])),
        (.placed, .placement([.upcoming, .active])),
        (.offered, .application([.offered])),
        (.interviewing, .application([.interviewScheduled])),
        (.applied, .application(nil)),
    ]

    /// The furthest stage that applications in `statuses` and placements in `placements` show.
    public static func of(applications statuses: [ApplicationStatus], placements: [PlacementStatus]) -> StudentStage {
        for (stage, shownBy) in evidence {
            switch shownBy {
            case .placement(let states): if placements.contains(where: states.contains) { return stage }
            case .application(let states?): if statuses.contains(where: states.contains) { return stage }
            case .application(nil): if !statuses.isEmpty { return stage }
            }
        }
        return .notApplied
    }

    /// The stage of the student `u.id` as a SQL expression (literals only: no bound values).
    static var sqlExpression: String {
        func list(_ values: [String]) -> String { values.map { "'\($0)'" }.joined(separator: ", ") }
        let cases = evidence.map { stage, shownBy in
            let exists =
                switch shownBy {
                case .placement(let states):
                    "SELECT 1 FROM placements pl WHERE pl.student_id = u.id AND pl.status IN (\(list(states.map(\.rawValue))))"
                case .application(let states?):
                    "SELECT 1 FROM applications a WHERE a.student_id = u.id AND a.status IN (\(list(states.map(\.rawValue))))"
                case .application(nil): "SELECT 1 FROM applications a WHERE a.student_id = u.id"
                }
            return "WHEN EXISTS (\(exists)) THEN '\(stage.rawValue)'"
        }
        return "CASE \(cases.joined(separator: " ")) ELSE '\(StudentStage.notApplied.rawValue)' END"
    }
}

// Registration codes, their uses, and an institution's students: statements both stores run alike.
extension SQLSession {
    public func registrationCode(_ id: RegistrationCodeID) throws -> RegistrationCode? {
        try selectOne("SELECT * FROM registration_codes WHERE id = ?", [id], Rows.registrationCode)
    }

    /// `code` as stored (`RegistrationCodeRules.normalize`).
    public func registrationCode(code: String) throws -> RegistrationCode? {
        try selectOne("SELECT * FROM registration_codes WHERE code = ?", [code], Rows.registrationCode)
    }

    /// Newest first.
    public func registrationCodes(institutionID: InstitutionID) throws -> [RegistrationCode] {
        try select(
            "SELECT * FROM registration_codes WHERE institution_id = ? ORDER BY id DESC", [institutionID],
            Rows.registrationCode)
    }

    /// How many codes the institution made with this prefix (`EDUUON26-`), for the next number.
    public func countRegistrationCodes(institutionID: InstitutionID, prefix: String) throws -> Int {
        try selectCount(
            // A code is letters, digits and dashes: no LIKE wildcard can be in the prefix.
            "SELECT count(*) AS count FROM registration_codes WHERE institution_id = ? AND code LIKE ?",
            [institutionID, prefix + "%"])
    }

    public func insertRegistrationCode(_ code: RegistrationCode) throws -> RegistrationCode {
        var saved = code
        saved.id = RegistrationCodeID(try insert("registration_codes", Rows.columns(code)))
        return saved
    }

    public func updateRegistrationCode(_ code: RegistrationCode) throws {
        try update("registration_codes", id: code.id.rawValue, Rows.columns(code), what: "Registration code")
    }

    /// Takes one use of the code if it still has one: true when it did. One statement, so two
    /// sign-ups racing for the last use cannot both get it.
    public func claimRegistrationCode(_ id: RegistrationCodeID) throws -> Bool {
        try perform(
            "UPDATE registration_codes SET uses = uses + 1 WHERE id = ? AND uses < max_uses AND revoked_at IS NULL",
            [id]) == 1
    }

    public func insertRegistrationCodeUse(_ use: RegistrationCodeUse) throws {
        _ = try insert(
            "registration_code_uses",
            [
                "code_id": use.codeID, "email": String(use.email.prefix(254)), "outcome": use.outcome.rawValue,
                "user_id": use.userID, "source": String(use.source.prefix(100)), "at": use.at, "detail": use.detail,
            ])
    }

    /// Newest first.
    public func registrationCodeUses(codeID: RegistrationCodeID, limit: Int) throws -> [RegistrationCodeUse] {
        try select(
            "SELECT * FROM registration_code_uses WHERE code_id = ? ORDER BY id DESC LIMIT ?", [codeID, max(limit, 0)],
            Rows.registrationCodeUse)
    }

    /// A page of the institution's students by name, the number that match, and their courses.
    public func institutionStudents(_ query: StudentQuery, institutionID: InstitutionID) throws -> StudentPage {
        var conditions = ["u.role = ?", "u.institution_id = ?"]
        var values: [any ColumnValueConvertible] = [Role.student.rawValue, institutionID]
        if let text = query.text?.lowercased().trimmingCharacters(in: .whitespaces), !text.isEmpty {
            conditions.append(
                "(\(dialect.contains("u.email_key")) OR \(dialect.contains(dialect.lower("u.display_name"))) "
                    + "OR \(dialect.contains(dialect.lower("coalesce(p.registration_number, '')"))))")
            values += [text, text, text]
        }
        if let course = query.course {
            conditions.append("p.course = ?")
            values.append(course)
        }
        if let year = query.yearOfStudy {
            conditions.append("p.year_of_study = ?")
            values.append(year)
        }
        let inner = """
            SELECT u.id, u.display_name, u.email, u.status, u.created_at, u.last_login_at,
                p.registration_number, p.course, p.year_of_study,
                (SELECT count(*) FROM applications a WHERE a.student_id = u.id) AS application_count,
                \(StudentStage.sqlExpression) AS stage
            FROM users u LEFT JOIN student_profiles p ON p.user_id = u.id
            WHERE \(conditions.joined(separator: " AND "))
            """
        var outer: [String] = []
        var outerValues: [any ColumnValueConvertible] = []
        if let stage = query.stage {
            outer.append("s.stage = ?")
            outerValues.append(stage.rawValue)
        }
        let counted = outer.isEmpty ? "" : "WHERE \(outer.joined(separator: " AND "))"
        let total = try selectCount("SELECT count(*) AS count FROM (\(inner)) s \(counted)", values + outerValues)
        if let after = query.after {
            outer.append("(s.display_name > ? OR (s.display_name = ? AND s.id > ?))")
            outerValues += [after.name, after.name, after.id]
        }
        let filtered = outer.isEmpty ? "" : "WHERE \(outer.joined(separator: " AND "))"
        let students = try select(
            "SELECT * FROM (\(inner)) s \(filtered) ORDER BY s.display_name, s.id LIMIT ?",
            values + outerValues + [max(query.limit, 0)]
        ) { r in
            InstitutionStudent(
                id: try r.id("id"), displayName: try r.string("display_name"), email: try r.string("email"),
                status: try r.value(AccountStatus.self, "status"),
                registrationNumber: try r.optionalString("registration_number"),
                course: try r.optionalString("course"), yearOfStudy: try r.optionalInt("year_of_study"),
                stage: try r.value(StudentStage.self, "stage"), applications: try r.int("application_count"),
                createdAt: try r.date("created_at"), lastLoginAt: try r.optionalDate("last_login_at"))
        }
        return StudentPage(
            students: students, total: total, courses: try institutionCourses(institutionID: institutionID))
    }

    public func institutionCourses(institutionID: InstitutionID) throws -> [String] {
        try select(
            """
            SELECT DISTINCT p.course FROM student_profiles p JOIN users u ON u.id = p.user_id
            WHERE u.role = ? AND u.institution_id = ? AND p.course IS NOT NULL ORDER BY p.course
            """, [Role.student.rawValue, institutionID]
        ) { r in try r.string("course") }
    }

    public func institutionRegistrationNumbers(institutionID: InstitutionID) throws -> [String: (
        id: UserID, email: String
    )] {
        let rows = try select(
            """
            SELECT p.registration_number, u.id, u.email FROM student_profiles p JOIN users u ON u.id = p.user_id
            WHERE p.institution_id = ? AND p.registration_number IS NOT NULL
            """, [institutionID]
        ) { r in
            (number: try r.string("registration_number"), id: try r.id("id") as UserID, email: try r.string("email"))
        }
        var byNumber: [String: (id: UserID, email: String)] = [:]
        for row in rows { byNumber[row.number] = (row.id, row.email) }
        return byNumber
    }

    public func existingEmails(_ emails: [String]) throws -> Set<String> {
        var found: Set<String> = []
        // In slices, so no statement has more parameters than either database takes.
        for start in stride(from: 0, to: emails.count, by: 500) {
            let slice = emails[start..<min(start + 500, emails.count)].map { $0.lowercased() }
            let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
            found.formUnion(
                try select("SELECT email_key FROM users WHERE email_key IN (\(marks))", slice) { r in
                    try r.string("email_key")
                })
        }
        return found
    }

    public func institutionApplicationCounts(institutionID: InstitutionID, limit: Int) throws -> [(
        listingID: ListingID, students: Int, offers: Int, accepted: Int
    )] {
        func list(_ statuses: [ApplicationStatus]) -> String {
            statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        }
        return try select(
            """
            SELECT a.listing_id, count(*) AS students,
                sum(CASE WHEN a.status IN (\(list([.offered, .accepted, .declined]))) THEN 1 ELSE 0 END) AS offers,
                sum(CASE WHEN a.status = '\(ApplicationStatus.accepted.rawValue)' THEN 1 ELSE 0 END) AS accepted
            FROM applications a JOIN users u ON u.id = a.student_id
            WHERE u.institution_id = ? AND u.role = ?
            GROUP BY a.listing_id ORDER BY students DESC, a.listing_id DESC LIMIT ?
            """, [institutionID, Role.student.rawValue, max(limit, 0)]
        ) { r in
            (
                listingID: try r.id("listing_id") as ListingID, students: try r.int("students"),
                offers: try r.int("offers"), accepted: try r.int("accepted")
            )
        }
    }
}
