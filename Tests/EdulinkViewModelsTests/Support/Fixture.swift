import EdulinkCore
import EdulinkSQLite
import Foundation
import Logging

/// Times, texts and accounts the view-model tests start from (after the contract suite's fixture).
enum Fixture {
    /// 2026-09-21 09:00 in Nairobi.
    static let start = Date(timeIntervalSince1970: 1_790_000_000 - 3 * 3600 + 9 * 3600)
    static let day: TimeInterval = 86_400
    static let password = "a long demo password"

    static let coverLetter = String(
        repeating: "I have built data dashboards for my campus club and would love to learn from your team. ",
        count: 2)

    static let description = String(
        repeating: "You will work with our analytics team on real questions about mobile money and present weekly. ",
        count: 2)

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Africa/Nairobi") ?? .gmt
        return calendar
    }

    static func draft(
        _ title: String = "Data Analyst Intern — Mobile Money", at now: Date, deadlineDays: Double = 30,
        category: ListingCategory = .technology, locationType: LocationType = .hybrid,
        questions: [ScreeningQuestion] = []
    ) -> ListingDraft {
        ListingDraft(
            title: title, description: description, category: category, level: .entry, locationType: locationType,
            location: "Nairobi, Kenya", startDate: now.addingTimeInterval((deadlineDays + 10) * day),
            endDate: now.addingTimeInterval((deadlineDays + 10) * day + 12 * 7 * day), durationWeeks: 12,
            stipend: Stipend(amount: 25_000, currency: .kes), requiredSkills: ["SQL", "Python"],
            deadline: now.addingTimeInterval(deadlineDays * day), questions: questions)
    }
}

/// A temporary SQLite database with an institution, a verified organization, an employer, an
/// admin, a student with a complete profile, a student with an empty one, and one published listing.
struct World: Sendable {
    let directory: URL
    let path: String
    let clock: ManualTimeSource
    let service: EdulinkService
    let employer: any EdulinkRepository
    let admin: any EdulinkRepository
    /// Signed in, profile complete; wrapped to count calls.
    let student: ProbeRepository
    let studentID: UserID
    /// Signed in, profile empty.
    let newcomer: ProbeRepository
    let institution: Institution
    let listing: Listing

    var now: Date { clock.now() }

    /// A signed-out session over the same database.
    func newSession() -> EdulinkService {
        service.localSession(mode: .local(path: path))
    }

    /// Creates, submits and verifies a listing.
    func publish(_ draft: ListingDraft) async throws -> Listing {
        try await Self.publish(draft, employer: employer, admin: admin)
    }

    static func publish(_ draft: ListingDraft, employer: any EdulinkRepository, admin: any EdulinkRepository)
        async throws -> Listing
    {
        let created = try await employer.createListing(draft)
        _ = try await employer.changeListing(created.id, .submit, reason: nil)
        return try await admin.changeListing(created.id, .verify, reason: nil)
    }

    /// A folder for drafts, inside the world's directory.
    var draftsDirectory: URL { directory.appendingPathComponent("drafts") }

    func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    static func make() async throws -> World {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("edulink-vm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("edulink.sqlite").path
        let clock = ManualTimeSource(Fixture.start)
        let store = try SQLiteStore(path: path, clock: clock)
        let service = EdulinkService(
            environment: ServiceEnvironment(
                store: store, clock: clock, hasher: BcryptHasher(cost: 4),
                passwordPolicy: PasswordPolicy(commonPasswords: ["password123"]), calendar: Fixture.calendar,
                logger: Logger(label: "view-model-tests")))
        let session = { service.localSession(mode: .local(path: path)) }
        let op = Principal.localOperator()
        let institution = try await service.acting(as: op).createInstitution(
            Institution(name: "University of Nairobi", shortCode: "UON", type: .university, verified: true))
        let organization = try await service.acting(as: op).createOrganization(
            Organization(
                name: "Kusi Payments", industry: "Fintech", size: .medium, website: "https://kusi.example",
                location: "Nairobi", description: "Payments for East African merchants, small and large.",
                createdAt: clock.now()))
        try await service.acting(as: op).setOrganizationVerified(organization.id, verified: true)
        for (email, role, org) in [
            ("employer@kusi.example", Role.employer, Optional(organization.id)), ("admin@edulink.test", .admin, nil),
        ] {
            _ = try await service.acting(as: op).createUser(
                NewAccount(
                    email: email, displayName: "Test \(role.rawValue)", role: role, password: Fixture.password,
                    organizationID: org))
        }
        let employer = session()
        _ = try await employer.login(email: "employer@kusi.example", password: Fixture.password)
        let admin = session()
        _ = try await admin.login(email: "admin@edulink.test", password: Fixture.password)

        let studentSummary = try await service.acting(as: op).createUser(
            NewAccount(
                email: "student@uon.example", displayName: "Amina Student", role: .student,
                password: Fixture.password, institutionID: institution.id))
        let student = ProbeRepository(session())
        _ = try await student.login(email: "student@uon.example", password: Fixture.password)
        _ = try await student.updateProfile(
            ProfileUpdate(
                displayName: "Amina Student", phone: "+254712000100",
                content: ProfileContent(
                    registrationNumber: "P15/1000/2023", yearOfStudy: 3, course: "Computer Science",
                    skills: ["Python", "SQL"], interests: ["fintech"], githubURL: "https://github.com/amina",
                    resumePath: "~/cv.pdf")))
        _ = try await service.acting(as: op).createUser(
            NewAccount(
                email: "newcomer@uon.example", displayName: "Nuru Newcomer", role: .student,
                password: Fixture.password))
        let newcomer = ProbeRepository(session())
        _ = try await newcomer.login(email: "newcomer@uon.example", password: Fixture.password)

        let listing = try await publish(Fixture.draft(at: clock.now()), employer: employer, admin: admin)
        return World(
            directory: directory, path: path, clock: clock, service: service, employer: employer, admin: admin,
            student: student, studentID: studentSummary.id, newcomer: newcomer, institution: institution,
            listing: listing)
    }
}

/// Runs `body` in a fresh world and removes it afterwards.
func withWorld(_ body: (World) async throws -> Void) async throws {
    let world = try await World.make()
    defer { world.tearDown() }
    try await body(world)
}
