import EdulinkCore
import EdulinkDemo
import EdulinkSQLite
import Foundation
import Testing
import Yams

/// The API document describes Core's wire form.
///
/// The generator's type overrides (openapi-generator-config.yaml) make most of the document's
/// schemas the Core types themselves: the server and the client encode and decode `Listing`,
/// `ApplicationDetail` and the rest directly, with no mapping. So nothing at compile time ties a
/// Core type's `Codable` form to its schema; these tests do: every overridden enum has exactly the
/// document's values, and real values of every overridden type (read from the demo database as a
/// student, an employer and an admin see them) encode to JSON the schema accepts, with no property
/// the schema does not name and every property it requires.
@Suite("The API document describes Core's wire form")
struct DocumentConformanceTests {
    @Test("every overridden enum has exactly the document's values")
    func enums() throws {
        let document = try APIDocument.load()
        var checked: Set<String> = []
        func check<Value: CaseIterable & RawRepresentable<String>>(_ name: String, _: Value.Type) {
            checked.insert(name)
            let documented = document.enumValues(of: name)
            #expect(documented == Value.allCases.map(\.rawValue), "\(name): the document and Core differ")
        }
        check("AccountStatus", AccountStatus.self)
        check("AlertKind", AlertKind.self)
        check("ApplicationStatus", ApplicationStatus.self)
        check("Currency", Currency.self)
        check("DatabaseTask", DatabaseTask.self)
        check("ExperienceLevel", ExperienceLevel.self)
        check("HealthStatus", HealthStatus.self)
        check("InstitutionType", InstitutionType.self)
        check("ListingCategory", ListingCategory.self)
        check("ListingEvent", ListingEvent.self)
        check("ListingSort", ListingSort.self)
        check("ListingStatus", ListingStatus.self)
        check("ListingVisibility", ListingVisibility.self)
        check("LocationType", LocationType.self)
        check("NotificationKind", NotificationKind.self)
        check("OrganizationSize", OrganizationSize.self)
        check("Origin", Origin.self)
        check("ProfileField", ProfileField.self)
        check("QuestionKind", QuestionKind.self)
        check("RefusalCode", RefusalCode.self)
        check("RejectionReason", RejectionReason.self)
        check("Role", Role.self)
        check("SecurityEventKind", SecurityEventKind.self)
        check("PlacementStatus", PlacementStatus.self)
        check("PlacementChange", PlacementChange.self)
        check("SupervisorKind", SupervisorKind.self)
        check("LogbookStatus", LogbookStatus.self)
        check("ExcuseReason", ExcuseReason.self)
        check("EvaluationKind", EvaluationKind.self)
        check("Grade", Grade.self)
        check("StudentStage", StudentStage.self)
        check("RegistrationCodeOutcome", RegistrationCodeOutcome.self)
        check("StudentImportOutcome", StudentImportOutcome.self)
        let enumOverrides = try APIDocument.overriddenSchemas().filter { document.enumValues(of: $0) != nil }
        #expect(enumOverrides.subtracting(checked).isEmpty, "overridden enums without a check")
    }

    @Test("real values of every overridden type encode to what the document describes")
    func values() async throws {
        let document = try APIDocument.load()
        let samples = try await Samples.read()
        var reached: Set<String> = []
        for sample in samples.values {
            let problems = document.problems(sample.json, schema: sample.schema, reached: &reached)
            #expect(problems.isEmpty, "\(sample.schema): \(problems.joined(separator: "; "))")
        }
        let overridden = try APIDocument.overriddenSchemas().filter { document.enumValues(of: $0) == nil }
        #expect(overridden.subtracting(reached).sorted() == [], "overridden schemas no sample reached")
    }
}

/// The document's schemas, parsed.
struct APIDocument {
    let schemas: [String: Any]

    static func load() throws -> APIDocument {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let root = try Yams.load(yaml: try String(contentsOf: url, encoding: .utf8)) as? [String: Any]
        let components = root?["components"] as? [String: Any]
        return APIDocument(schemas: components?["schemas"] as? [String: Any] ?? [:])
    }

    /// The schema names openapi-generator-config.yaml replaces with Core types.
    static func overriddenSchemas() throws -> Set<String> {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/EdulinkAPI/openapi-generator-config.yaml")
        let config = try Yams.load(yaml: try String(contentsOf: url, encoding: .utf8)) as? [String: Any]
        let overrides = (config?["typeOverrides"] as? [String: Any])?["schemas"] as? [String: Any]
        return Set(overrides.map { Array($0.keys) } ?? [])
    }

    func enumValues(of name: String) -> [String]? {
        (schemas[name] as? [String: Any])?["enum"] as? [String]
    }

    /// What in `json` the schema named `schema` does not accept; empty when it conforms.
    /// `reached` collects the names of the schemas the check went through.
    func problems(_ json: Any, schema name: String, reached: inout Set<String>) -> [String] {
        problems(json, ["$ref": "#/components/schemas/\(name)"], at: name, reached: &reached)
    }

    private func problems(_ json: Any, _ schema: [String: Any], at path: String, reached: inout Set<String>)
        -> [String]
    {
        if let reference = schema["$ref"] as? String {
            let name = String(reference.split(separator: "/").last ?? "")
            guard let target = schemas[name] as? [String: Any] else { return ["\(path): unknown \(reference)"] }
            reached.insert(name)
            return problems(json, target, at: path, reached: &reached)
        }
        if let values = schema["enum"] as? [String] {
            guard let value = json as? String, values.contains(value) else {
                return ["\(path): \(json) is not one of \(values)"]
            }
            return []
        }
        switch schema["type"] as? String {
        case "object": return objectProblems(json, schema, at: path, reached: &reached)
        case "array":
            guard let items = json as? [Any] else { return ["\(path): not an array"] }
            guard let itemSchema = schema["items"] as? [String: Any] else { return [] }
            var found: [String] = []
            for (index, item) in items.enumerated() {
                found += problems(item, itemSchema, at: "\(path)[\(index)]", reached: &reached)
            }
            return found
        case "string": return json is String ? [] : ["\(path): not a string"]
        case "boolean": return json is JSONBoolean ? [] : ["\(path): not a boolean"]
        case "integer":
            guard let number = json as? Double, number.rounded() == number else { return ["\(path): not an integer"] }
            return []
        case "number": return json is Double ? [] : ["\(path): not a number"]
        default: return []
        }
    }

    private func objectProblems(_ json: Any, _ schema: [String: Any], at path: String, reached: inout Set<String>)
        -> [String]
    {
        guard let object = json as? [String: Any] else { return ["\(path): not an object"] }
        let properties = schema["properties"] as? [String: Any] ?? [:]
        let required = schema["required"] as? [String] ?? []
        var found = required.filter { object[$0] == nil }.map { "\(path): missing required \($0)" }
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            if let property = properties[key] as? [String: Any] {
                found += problems(value, property, at: "\(path).\(key)", reached: &reached)
            } else if let additional = schema["additionalProperties"] as? [String: Any] {
                found += problems(value, additional, at: "\(path).\(key)", reached: &reached)
            } else {
                found.append("\(path): \(key) is not in the document")
            }
        }
        return found
    }
}

/// Values of the overridden types as the demo database gives them, each encoded as the API does.
struct Samples {
    struct Sample {
        let schema: String
        let json: Any
    }

    var values: [Sample] = []

    mutating func add(_ schema: String, _ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
        values.append(Sample(schema: schema, json: json.plain))
    }

    static func read() async throws -> Samples {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edulink-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("edulink.sqlite").path
        let now = Date(timeIntervalSince1970: 1_790_067_600)
        let clock = ManualTimeSource(now)
        let store = try SQLiteStore(path: path, clock: clock)
        try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: now).seed(
            try DemoSeeder.loadBundledDataset(), into: store)
        let service = SecurityServer.service(store, clock: clock, directory: directory)
        func signedIn(_ email: String) async throws -> EdulinkService {
            let repository = service.localSession(mode: .local(path: path))
            _ = try await repository.login(email: email, password: DemoSeeder.demoPassword)
            return repository
        }
        var samples = Samples()
        try await samples.readStudent(try await signedIn("student@edulink.demo"))
        try await samples.readEmployer(try await signedIn("employer@edulink.demo"))
        try await samples.readAdmin(try await signedIn("admin@edulink.demo"))
        try await samples.readPlacements(
            supervisor: try await signedIn("supervisor@edulink.demo"),
            employer: try await signedIn("employer@edulink.demo"))
        try await samples.readInstitution(try await signedIn("institution@edulink.demo"), service: service, at: now)
        return samples
    }

    private mutating func readStudent(_ student: EdulinkService) async throws {
        let page = try await student.search(try SearchQueryParser.parse("data"), cursor: nil, limit: 5)
        try add("ListingPage", page)
        try add("ListingFilter", try SearchQueryParser.parse("data \"mobile money\" -sales remote:yes sort:deadline"))
        if let cursor = page.nextCursor { try add("PageCursor", cursor) }
        for summary in page.items { try add("ListingSummary", summary) }
        let listingID = try #require(page.items.first?.id)
        try add("ListingDetail", try await student.listing(listingID))
        try add("BrowsePage", try await student.browse(try SearchQueryParser.parse("data"), limit: 5))
        let applications = try await student.myApplications()
        for summary in applications { try add("ApplicationSummary", summary) }
        for summary in applications.prefix(3) {
            try add("ApplicationDetail", try await student.application(summary.id))
        }
        try add("ProfileDetail", try await student.profile())
        for institution in try await student.institutions() { try add("Institution", institution) }
        try add(
            "ProfileUpdate",
            ProfileUpdate(
                displayName: "Amina Wanjiru", phone: "+254700000000",
                content: ProfileContent(
                    yearOfStudy: 3, course: "Computer Science", skills: ["SQL"], interests: ["data"],
                    githubURL: "https://github.com/amina", bio: "Hello")))
        do {
            _ = try await student.apply(ApplicationDraft(listingID: listingID, coverLetter: ""))
        } catch let error as EdulinkError {
            switch error {
            case .validation(let fields): for field in fields { try add("FieldError", field) }
            case .refused(let refusal): try add("Refusal", refusal)
            default: break
            }
        }
        try add("Refusal", Refusal(.deadlinePassed, "The deadline has passed."))
        try add("FieldError", FieldError("coverLetter", "Write a cover letter."))
        for notification in try await student.notifications(unreadOnly: false, limit: 20) {
            try add("Notification", notification)
        }
        for search in try await student.savedSearches() { try add("SavedSearchSummary", search) }
        try add("SavedSearch", try await student.saveSearch(name: "Conformance", query: "data remote:yes"))
        try add("PersonalDataExport", try await student.exportMyData())
        try add(
            "ApplicationDraft",
            ApplicationDraft(listingID: listingID, coverLetter: "I would like to join.", answers: ["Yes"]))
    }

    private mutating func readEmployer(_ employer: EdulinkService) async throws {
        let listings = try await employer.myListings()
        let listingID = try #require(listings.first?.id)
        try add("EmployerDashboard", try await employer.employerDashboard())
        let applicants = try await employer.applicants(listing: listingID, status: nil, after: nil, limit: 20)
        for summary in applicants.prefix(3) {
            try add("ApplicationDetail", try await employer.openApplication(summary.id))
        }
        for listing in listings { try add("Listing", try await employer.listing(listing.id).listing) }
        let detail = try await employer.listing(listingID)
        try add("Listing", detail.listing)
        try add("ListingDraft", detail.listing.terms)
        try add("ListingExtension", ListingExtension(deadline: detail.listing.deadline.addingTimeInterval(86_400)))
        if let organizationID = listings.first?.organizationID {
            try add("Organization", try await employer.organization(organizationID))
        }
    }

    /// Placements as the demo supervisor and the demo employer see them: every state the demo has,
    /// the logbook queue, completion records, and the requests the screens send.
    private mutating func readPlacements(supervisor: EdulinkService, employer: EdulinkService) async throws {
        let placements = try await supervisor.placements() + employer.placements()
        #expect(Set(placements.map(\.placement.status)).count == PlacementStatus.allCases.count)
        for summary in placements {
            try add("PlacementSummary", summary)
            try add("PlacementDetail", try await employer.placement(summary.id))
            if summary.placement.status == .completed {
                try add("CompletionRecord", try await employer.completionRecord(summary.id))
            }
        }
        for item in try await supervisor.logbookQueue() { try add("LogbookQueueItem", item) }
        try add("PersonalDataExport", try await supervisor.exportMyData())
        try add("PersonalDataExport", try await employer.exportMyData())
        for supervisorSummary in try await employer.supervisors() {
            try add("SupervisorSummary", supervisorSummary)
            try add(
                "SupervisorAccount",
                SupervisorAccount(supervisor: supervisorSummary, oneTimePassword: "k7Pq2mXz9RtW4vBn"))
        }
        try add(
            "NewSupervisor",
            NewSupervisor(email: "mentor@kusi.example", displayName: "Mentor", title: "Lead", phone: "+254700000001"))
        try add(
            "PlacementChangeRequest",
            PlacementChangeRequest.moveDates(start: Date(), end: Date(), reason: "Office move."))
        try add("PlacementChangeRequest", PlacementChangeRequest.assign(UserID(3)))
        try add("LogbookReview", LogbookReview.return("Say which reports you automated."))
        try add(
            "EvaluationDraft",
            EvaluationDraft(
                scores: [CriterionScore(criterion: "technical", score: 4)], overall: 4, grade: .merit, comment: "Good.",
                correctionReason: "Wrong intern."))
    }

    /// The demo institution's codes and their uses, its students (a page and a detail with an
    /// application and a placement), and the sign-up form.
    private mutating func readInstitution(_ office: EdulinkService, service: EdulinkService, at now: Date)
        async throws
    {
        let new = NewRegistrationCode(maxUses: 30, expiresAt: now.addingTimeInterval(30 * 86_400))
        try add("NewRegistrationCode", new)
        let code = try await office.createRegistrationCode(new)
        let form = StudentSignUp(
            code: code.code, displayName: "Conformance Student", email: "conformance@example.com",
            password: "a long sign-up password", registrationNumber: "C99/0001/2026", course: "Statistics",
            yearOfStudy: 2)
        try add("StudentSignUp", form)
        _ = try await service.localSession(mode: service.mode).signUp(form)
        _ = try? await service.localSession(mode: service.mode).signUp(
            StudentSignUp(code: "EDUNONE26-01", displayName: "Guess", email: "guess@example.com", password: "x"))
        for code in try await office.registrationCodes() {
            try add("RegistrationCode", code)
            for use in try await office.registrationCodeUses(code.id) { try add("RegistrationCodeUse", use) }
        }
        let page = try await office.institutionStudents(StudentQuery(limit: 500))
        try add("StudentPage", page)
        for student in page.students { try add("InstitutionStudent", student) }
        let placed = try #require(page.students.first { $0.stage == .placed || $0.stage == .completed })
        try add("InstitutionStudentDetail", try await office.institutionStudent(placed.id))
        // Everything about a placed student (logbook, evaluations), and an erasure's answer.
        try add("PersonalDataExport", try await service.acting(as: .localOperator()).exportPersonalData(of: placed.id))
        try add(
            "ErasureResult",
            ErasureResult(userID: placed.id, email: "erased-1@erased.invalid", erased: true, textsRewritten: 3))
        if let applied = page.students.first(where: { $0.stage == .applied }) {
            try add("InstitutionStudentDetail", try await office.institutionStudent(applied.id))
        }
        for use in try await office.institutionListings().prefix(20) { try add("InstitutionListingUse", use) }
        let period = ReportPeriod(from: now.addingTimeInterval(-400 * 86_400), to: now.addingTimeInterval(60))
        try add("ReportPeriod", period)
        let figures = try await office.placementReport(period, in: nil)
        try add("PlacementReport", figures)
        for rate in figures.rates { try add("PlacementRate", rate) }
        for organization in figures.topOrganizations { try add("OrganizationPlacements", organization) }
        try add("LogbookCompliance", figures.logbook)
        // The demo institution's placements are not evaluated yet: one average as a report would have it.
        for criterion in figures.criteria + [.init(criterion: "Technical skills", average: 4.25, evaluations: 4)] {
            try add("CriterionAverage", criterion)
        }
        for grade in figures.grades { try add("GradeCount", grade) }
        // An import with every outcome, a note and a new course; then applied, with its codes.
        let existing = try #require(page.students.first { $0.registrationNumber != nil })
        let csv = """
            name,email,registration number,course,year
            Conformance Import,import@example.com,C99/0002/2026,statistics,2
            \(existing.displayName),\(existing.email),\(existing.registrationNumber ?? ""),,
            Bad Row,bad@@example,C99/0003/2026,Underwater Basketry,9
            """
        let request = StudentImportRequest(csv: csv, apply: false)
        try add("StudentImportRequest", request)
        let report = try await office.importStudents(request)
        let fixed = try await office.importStudents(
            StudentImportRequest(
                csv: csv.replacingOccurrences(of: "bad@@example", with: "bad@example.com"), apply: true))
        for sample in [report, fixed] {
            try add("StudentImportReport", sample)
            for row in sample.rows { try add("StudentImportRow", row) }
            for course in sample.newCourses { try add("StudentImportNewCourse", course) }
        }
    }

    private mutating func readAdmin(_ admin: EdulinkService) async throws {
        for user in try await admin.users(matching: nil, role: nil, after: nil, limit: 10) {
            try add("UserSummary", user)
        }
        try add(
            "NewAccount",
            NewAccount(
                email: "new@example.com", displayName: "New Person", role: .student, password: "long enough pass"))
        for event in try await admin.auditEvents(AuditQuery(limit: 20)) { try add("AuditEvent", event) }
        for event in try await admin.securityEvents(kind: nil, user: nil, since: nil, limit: 20) {
            try add("SecurityEvent", event)
        }
        try add("HealthReport", try await admin.healthReport())
        try add("PlatformKPIs", try await admin.kpis())
        for alert in try await admin.alerts(AlertQuery()) { try add("Alert", alert) }
        _ = try? await admin.localSession(mode: admin.mode).login(
            email: "student@edulink.demo", password: "not the password")
        let tallies = try await admin.failedLogins(since: .distantPast, by: .account, limit: 10)
        for tally in tallies { try add("SecurityTally", tally) }
        try add("IntegrityReport", try await admin.checkDatabaseIntegrity())
        try add("DatabaseTaskResult", try await admin.runDatabaseTask(.analyze))
        let backup = try await admin.createBackup()
        try add("BackupRecord", backup)
        try add("DataOverview", try await admin.dataOverview())
        try add("PruneResult", try await admin.pruneBackups())
        try add("RestoreResult", try await admin.restoreBackup(backup.id))
    }
}

/// A boolean read from JSON, kept apart from numbers.
struct JSONBoolean {
    let value: Bool
}

/// JSON as the API encodes it: objects become `[String: Any]`, arrays `[Any]`, numbers `Double`,
/// booleans `JSONBoolean`, so the checks above cannot take a `1` for `true`.
enum JSONValue: Decodable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case boolean(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var plain: Any {
        switch self {
        case .object(let members): members.mapValues(\.plain)
        case .array(let items): items.map(\.plain)
        case .string(let value): value
        case .number(let value): value
        case .boolean(let value): JSONBoolean(value: value)
        case .null: NSNull()
        }
    }
}
