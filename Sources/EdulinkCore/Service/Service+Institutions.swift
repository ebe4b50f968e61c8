import Foundation

/// The institution admin's own work (PLACEMENTS.md, Institution admin): registration codes and the
/// students who sign up with them, and the institution's students.
extension EdulinkService {
    // MARK: Registration codes

    /// The institution's codes, newest first.
    public func registrationCodes(in institution: InstitutionID?) async throws -> [RegistrationCode] {
        let principal = try await caller()
        return try await guarded(principal) {
            let id = try Self.institution(of: principal, institution, for: .manageRegistrationCodes)
            try authorize(principal, .manageRegistrationCodes, on: Ownership(institutionID: id), hidden: "Institution")
            return try await store.read { try $0.registrationCodes(institutionID: id) }
        }
    }

    /// Makes the institution's next code, `EDU{SHORT}{YY}-{NN}`.
    public func createRegistrationCode(_ new: NewRegistrationCode, in institution: InstitutionID?) async throws
        -> RegistrationCode
    {
        let principal = try await caller()
        return try await guarded(principal) {
            let id = try Self.institution(of: principal, institution, for: .manageRegistrationCodes)
            try authorize(principal, .manageRegistrationCodes, on: Ownership(institutionID: id), hidden: "Institution")
            let at = now()
            try RegistrationCodeRules.validate(new, now: at)
            let year = Calendar(identifier: .gregorian).component(.year, from: at)
            return try await store.write { session in
                guard let owner = try session.institution(id) else { throw EdulinkError.notFound("Institution") }
                let prefix = String(
                    RegistrationCodeRules.code(shortCode: owner.shortCode, year: year, sequence: 0).dropLast(2))
                var sequence = try session.countRegistrationCodes(institutionID: id, prefix: prefix) + 1
                var text = RegistrationCodeRules.code(shortCode: owner.shortCode, year: year, sequence: sequence)
                // Another institution with the same short code may hold this number already.
                while try session.registrationCode(code: text) != nil {
                    sequence += 1
                    text = RegistrationCodeRules.code(shortCode: owner.shortCode, year: year, sequence: sequence)
                }
                let code = try session.insertRegistrationCode(
                    RegistrationCode(
                        institutionID: id, code: text, maxUses: new.maxUses, expiresAt: new.expiresAt,
                        createdBy: principal.isOperator ? nil : principal.userID, createdAt: at))
                try self.audit(
                    session, principal, "registration_code.create", "registration_code", code.id.rawValue,
                    "\(text): \(new.maxUses) uses until \(new.expiresAt.formatted(.iso8601.year().month().day()))")
                return code
            }
        }
    }

    /// Revokes a code: nobody signs up with it from now on. Revoking it again changes nothing.
    public func revokeRegistrationCode(_ id: RegistrationCodeID) async throws -> RegistrationCode {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                guard var code = try session.registrationCode(id) else {
                    throw EdulinkError.notFound("Registration code")
                }
                try self.authorize(
                    principal, .manageRegistrationCodes, on: Ownership(institutionID: code.institutionID),
                    hidden: "Registration code")
                guard code.revokedAt == nil else { return code }
                code.revokedAt = at
                try session.updateRegistrationCode(code)
                try self.audit(
                    session, principal, "registration_code.revoke", "registration_code", id.rawValue,
                    "\(code.code) revoked after \(code.uses) of \(code.maxUses) uses")
                return code
            }
        }
    }

    /// Every attempt to sign up with the code, newest first.
    public func registrationCodeUses(_ id: RegistrationCodeID) async throws -> [RegistrationCodeUse] {
        let principal = try await caller()
        return try await guarded(principal) {
            try await store.read { session in
                guard let code = try session.registrationCode(id) else {
                    throw EdulinkError.notFound("Registration code")
                }
                try self.authorize(
                    principal, .manageRegistrationCodes, on: Ownership(institutionID: code.institutionID),
                    hidden: "Registration code")
                return try session.registrationCodeUses(codeID: id, limit: 500)
            }
        }
    }

    // MARK: Signing up

    /// A student creates their own account with a registration code, which ties them to the code's
    /// institution. A code that does not exist, expired, was used up or revoked gets one refusal
    /// (`RegistrationCodeRules.refusal`); the usage log records which. With a good code, the details
    /// follow every rule of an account (email, name, password policy, registration number unique in
    /// the institution). `source` is the network address, or `local`.
    public func signUp(_ form: StudentSignUp, origin: Origin, source: String) async throws -> User {
        let email = AccountRules.normalizeEmail(form.email)
        let typed = RegistrationCodeRules.normalize(form.code)
        let at = now()
        // The code is checked before the password is hashed: bcrypt is slow on purpose, and a
        // stream of guessed codes must not cost a hash each.
        let found = try await store.read { session in try typed.flatMap { try session.registrationCode(code: $0) } }
        if let refused = Self.codeRefusal(found, at: at) {
            try await store.write { session in
                try session.insertRegistrationCodeUse(
                    RegistrationCodeUse(codeID: found?.id, email: email, outcome: refused, source: source, at: at))
            }
            throw EdulinkError.refused(Refusal(.registrationCodeInvalid, RegistrationCodeRules.refusal))
        }
        let name = TextRules.clean(form.displayName)
        let content = ProfileContent(
            registrationNumber: form.registrationNumber, yearOfStudy: form.yearOfStudy, course: form.course
        ).cleaned()
        let problems: EdulinkError? = {
            do {
                try AccountRules.validate(email: email, displayName: name, phone: nil)
                try environment.passwordPolicy.check(password: form.password, email: email)
                try content.validate()
                return nil
            } catch let error as EdulinkError {
                return error
            } catch {
                return EdulinkError.validation([FieldError("password", "\(error)")])
            }
        }()
        let hash = problems == nil ? await PasswordWork.hash(form.password, with: environment.hasher) : ""
        let outcome: Result<User, EdulinkError> = try await store.write { session in
            let code = try typed.flatMap { try session.registrationCode(code: $0) }
            func refuse(_ outcome: RegistrationCodeOutcome, _ error: EdulinkError, detail: String? = nil) throws
                -> Result<User, EdulinkError>
            {
                try session.insertRegistrationCodeUse(
                    RegistrationCodeUse(
                        codeID: code?.id, email: email, outcome: outcome, source: source, at: at, detail: detail))
                return .failure(error)
            }
            let invalid = EdulinkError.refused(Refusal(.registrationCodeInvalid, RegistrationCodeRules.refusal))
            guard let code else { return try refuse(.unknown, invalid) }
            if let refused = Self.codeRefusal(code, at: at) { return try refuse(refused, invalid) }
            if let problems {
                return try refuse(.refusedDetails, problems, detail: "\(problems)".prefix(200).description)
            }
            if try session.user(email: email) != nil {
                return try refuse(
                    .refusedDetails,
                    .validation([FieldError("email", "An account with this email already exists; sign in instead.")]),
                    detail: "email taken")
            }
            if let number = content.registrationNumber,
                try session.registrationNumberTaken(number, institutionID: code.institutionID, excluding: 0)
            {
                return try refuse(
                    .refusedDetails,
                    .validation([
                        FieldError(
                            "registration_number",
                            "Another student of your institution has this registration number; check it, or ask "
                                + "your institution.")
                    ]), detail: "registration number taken")
            }
            guard try session.claimRegistrationCode(code.id) else { return try refuse(.usedUp, invalid) }
            let user = try session.insertUser(
                User(
                    email: email, displayName: name, role: .student, passwordHash: hash,
                    institutionID: code.institutionID, createdAt: at, lastLoginAt: at))
            try session.saveProfile(
                StudentProfile(userID: user.id, institutionID: code.institutionID, content: content, updatedAt: at))
            try session.insertRegistrationCodeUse(
                RegistrationCodeUse(
                    codeID: code.id, email: email, outcome: .success, userID: user.id, source: source, at: at))
            try self.audit(
                session, Principal(user: user, origin: origin), "user.signup", "user", user.id.rawValue,
                "\(email) signed up with \(code.code)")
            try self.securityEvent(
                session, .loginSucceeded, user: user.id, email: email, source: source, "\(origin.rawValue) sign-up")
            return .success(user)
        }
        return try outcome.get()
    }

    /// Why a code cannot be used at `at`, nil when it can.
    static func codeRefusal(_ code: RegistrationCode?, at: Date) -> RegistrationCodeOutcome? {
        guard let code else { return .unknown }
        switch code.state(at: at) {
        case .open: return nil
        case .usedUp: return .usedUp
        case .expired: return .expired
        case .revoked: return .revoked
        }
    }

    // MARK: Students

    /// A page of the institution's students by name, with how many match and the courses to filter by.
    public func institutionStudents(_ query: StudentQuery) async throws -> StudentPage {
        let principal = try await caller()
        return try await guarded(principal) {
            let id = try Self.institution(of: principal, query.institutionID, for: .viewStudents)
            try authorize(principal, .viewStudents, on: Ownership(institutionID: id), hidden: "Institution")
            var page = query
            page.limit = min(max(query.limit, 1), 500)
            let bounded = page
            return try await store.read { try $0.institutionStudents(bounded, institutionID: id) }
        }
    }

    /// One of the institution's students: profile, applications (read-only) and placements. A
    /// student of another institution is not found.
    public func institutionStudent(_ id: UserID) async throws -> InstitutionStudentDetail {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.read { session in
                guard let user = try session.user(id), user.role == .student, let institution = user.institutionID
                else { throw EdulinkError.notFound("Student") }
                try self.authorize(
                    principal, .viewStudents, on: Ownership(institutionID: institution), hidden: "Student")
                let profile =
                    try session.profile(id) ?? StudentProfile(userID: id, institutionID: institution, updatedAt: at)
                let applications = try session.applications(studentID: id)
                let placements = try session.placements(.student(id))
                let stage = StudentStage.of(
                    applications: applications.map(\.status), placements: placements.map(\.status))
                let row = InstitutionStudent(
                    id: id, displayName: user.displayName, email: user.email, status: user.status,
                    registrationNumber: profile.registrationNumber, course: profile.course,
                    yearOfStudy: profile.yearOfStudy, stage: stage, applications: applications.count,
                    createdAt: user.createdAt, lastLoginAt: user.lastLoginAt)
                return InstitutionStudentDetail(
                    student: row, profile: profile,
                    applications: try self.studentView(of: applications, studentName: user.displayName, session),
                    placements: try self.summaries(placements, session, at))
            }
        }
    }

    // MARK: Listings

    /// The listings the institution's students applied to, most applicants first (at most 200).
    public func institutionListings(in institution: InstitutionID?) async throws -> [InstitutionListingUse] {
        let principal = try await caller()
        return try await guarded(principal) {
            let id = try Self.institution(of: principal, institution, for: .viewStudents)
            try authorize(principal, .viewStudents, on: Ownership(institutionID: id), hidden: "Institution")
            return try await store.read { session in
                let counts = try session.institutionApplicationCounts(institutionID: id, limit: 200)
                let summaries = Dictionary(
                    try session.listingSummaries(counts.map(\.listingID)).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first })
                return counts.compactMap { count in
                    summaries[count.listingID].map {
                        InstitutionListingUse(
                            listing: $0, students: count.students, offers: count.offers, accepted: count.accepted)
                    }
                }
            }
        }
    }

    // MARK: Reports

    /// The institution's placement figures for `period` (PLACEMENTS.md, Reports).
    public func placementReport(_ period: ReportPeriod, in institution: InstitutionID?) async throws
        -> PlacementReport
    {
        let principal = try await caller()
        return try await guarded(principal) {
            let id = try Self.institution(of: principal, institution, for: .viewReports)
            try authorize(principal, .viewReports, on: Ownership(institutionID: id), hidden: "Institution")
            try period.validate()
            let at = now()
            let calendar = environment.calendar
            return try await store.read { session in
                guard let owner = try session.institution(id) else { throw EdulinkError.notFound("Institution") }
                let facts = try session.placementReportFacts(institutionID: id, period: period)
                return PlacementReport.build(facts, institution: owner, period: period, now: at, calendar: calendar)
            }
        }
    }

    // MARK: Importing students

    /// Reads a CSV of students and reports on every row; with `apply`, creates the new ones in one
    /// transaction, each with a one-time sign-in code (returned in this report only). A file with a
    /// refused row imports nothing; a registration number the institution has already is left as it
    /// is, so the same file applied twice changes nothing the second time.
    public func importStudents(_ request: StudentImportRequest) async throws -> StudentImportReport {
        let principal = try await caller()
        return try await guarded(principal) {
            let id = try Self.institution(of: principal, request.institutionID, for: .importStudents)
            try authorize(principal, .importStudents, on: Ownership(institutionID: id), hidden: "Institution")
            let (records, fileProblems) = StudentImportRules.records(request.csv)
            guard fileProblems.isEmpty else {
                return StudentImportReport(applied: false, rows: [], fileProblems: fileProblems)
            }
            let emails = records.map { AccountRules.normalizeEmail($0.email) }.filter { !$0.isEmpty }
            @Sendable func review(_ session: any StoreReader) throws -> StudentImportReport {
                guard try session.institution(id) != nil else { throw EdulinkError.notFound("Institution") }
                let known = StudentImportRules.Known(
                    registrationNumbers: try session.institutionRegistrationNumbers(institutionID: id),
                    takenEmails: try session.existingEmails(emails),
                    courses: try session.institutionCourses(institutionID: id))
                let (rows, newCourses) = StudentImportRules.review(records, known: known)
                return StudentImportReport(applied: false, rows: rows, newCourses: newCourses)
            }
            let dryRun = try await store.read(review)
            guard request.apply, dryRun.canApply else { return dryRun }
            let at = now()
            let random = environment.random
            return try await store.write { session in
                // Judged again inside the transaction: another import or sign-up may have come first.
                var report = try review(session)
                guard report.canApply else { return report }
                for index in report.rows.indices where report.rows[index].outcome == .create {
                    let row = report.rows[index]
                    let code = random.token(length: 16)
                    let user = try session.insertUser(
                        User(
                            email: row.email, displayName: row.name, role: .student,
                            passwordHash: OneTimeCodeHash.hash(code), institutionID: id, createdAt: at,
                            mustChangePassword: true))
                    try session.saveProfile(
                        StudentProfile(
                            userID: user.id, institutionID: id,
                            content: ProfileContent(
                                registrationNumber: row.registrationNumber, yearOfStudy: row.yearOfStudy,
                                course: row.course), updatedAt: at))
                    report.rows[index].userID = user.id
                    report.rows[index].oneTimeCode = code
                }
                report.applied = true
                try self.audit(
                    session, principal, "students.import", "institution", id.rawValue,
                    "\(report.count(.create)) students created, \(report.count(.existing)) already there "
                        + "(\(report.rows.count) rows)")
                return report
            }
        }
    }

    /// The institution a call is about: an institution admin's own (another one asked for is not
    /// found); a platform admin or the operator must name it.
    static func institution(of principal: Principal, _ requested: InstitutionID?, for action: Action) throws
        -> InstitutionID
    {
        if principal.role == .institutionAdmin {
            guard let own = principal.institutionID else { throw EdulinkError.notFound("Institution") }
            if let requested, requested != own { throw EdulinkError.notFound("Institution") }
            return own
        }
        guard let requested else {
            if principal.role == .admin {
                throw EdulinkError.validation([FieldError("institution", "Name the institution.")])
            }
            throw PermissionDenied(action: action, hiddenEntity: "Institution")
        }
        return requested
    }
}
