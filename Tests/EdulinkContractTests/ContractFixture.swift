import EdulinkCore
import Foundation
import Logging

/// Accounts, an organization and listings that most contract tests start from.
enum ContractFixture {
    /// Student `index`'s complete profile, named "Student `index`" unless `name` says otherwise.
    static func profile(of index: Int, name: String? = nil) -> ProfileUpdate {
        ProfileUpdate(
            displayName: name ?? "Student \(index)", phone: "+254712000\(100 + index)",
            content: ProfileContent(
                registrationNumber: "P15/\(1000 + index)/2023", yearOfStudy: 3, course: "Computer Science",
                skills: ["Python", "SQL"], interests: ["fintech"], githubURL: "https://github.com/s\(index)",
                resumePath: "~/cv.pdf"))
    }

    /// 2026-09-21 09:00 in Nairobi.
    static let start = Date(timeIntervalSince1970: 1_790_000_000 - 3 * 3600 + 9 * 3600)
    static let day: TimeInterval = 86_400
    static let password = "a long demo password"
    /// How long the remote worlds' client waits for one answer: a bound that tells a stuck server
    /// from a loaded machine (the whole suite on two busy cores has kept a request waiting past the
    /// app's 30 seconds).
    static let requestBound: Duration = .seconds(180)

    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Africa/Nairobi") ?? .gmt
        return calendar
    }

    /// True while `withWorld(_:maintained:)` makes a world whose service has database maintenance
    /// (the Data tab's operations); other worlds have none, so their health report measures no backups.
    @TaskLocal static var maintained = false

    static func environment(store: any Store, clock: any TimeSource, dataDirectory: URL) -> ServiceEnvironment {
        ServiceEnvironment(
            store: store, clock: clock, hasher: BcryptHasher(cost: 4),
            passwordPolicy: PasswordPolicy(commonPasswords: ["password123", "qwertyuiop"]), calendar: calendar,
            logger: Logger(label: "contract"),
            operations: maintained
                ? OperationsEnvironment(
                    maintenance: store as? any StoreMaintenance,
                    probe: FixedSystemProbe(
                        figures: SystemFigures(
                            cpuPercent: nil, memoryPercent: nil, load1: nil, processMemoryBytes: nil), disk: nil),
                    requests: nil,
                    timesServiceCalls: false, dataDirectory: dataDirectory.path)
                : nil)
    }

    static let coverLetter = String(
        repeating: "I have built data dashboards for my campus club and would love to learn from your team. ",
        count: 2)

    static let description = String(
        repeating: "You will work with our analytics team on real questions about mobile money and present weekly. ",
        count: 2)

    static func draft(_ title: String = "Data Analyst Intern — Mobile Money", at now: Date, deadlineDays: Double = 30)
        -> ListingDraft
    {
        ListingDraft(
            title: title, description: description, category: .technology, level: .entry, locationType: .hybrid,
            location: "Nairobi, Kenya", startDate: now.addingTimeInterval((deadlineDays + 10) * day),
            endDate: now.addingTimeInterval((deadlineDays + 10) * day + 12 * 7 * day), durationWeeks: 12,
            stipend: Stipend(amount: 25_000, currency: .kes), requiredSkills: ["SQL", "Python"],
            deadline: now.addingTimeInterval(deadlineDays * day))
    }
}

/// A ready world: an institution, a verified organization with an employer, an admin, students
/// with complete profiles, and one published listing.
struct Seeded: Sendable {
    let world: ContractWorld
    let institution: Institution
    let organization: Organization
    let employer: any EdulinkRepository
    let admin: any EdulinkRepository
    let students: [any EdulinkRepository]
    let studentIDs: [UserID]
    let listing: Listing

    var student: any EdulinkRepository { students[0] }
    var clock: ManualTimeSource { world.clock }
    var now: Date { world.clock.now() }

    static func make(in world: ContractWorld, students count: Int = 3) async throws -> Seeded {
        let op = Principal.localOperator()
        let service = world.setup
        let institution = try await service.acting(as: op).createInstitution(
            Institution(name: "University of Nairobi", shortCode: "UON", type: .university, verified: true))
        var organization = try await service.acting(as: op).createOrganization(
            Organization(
                name: "Kusi Payments", industry: "Fintech", size: .medium, website: "https://kusi.example",
                location: "Nairobi", description: "Payments for East African merchants, small and large.",
                createdAt: world.clock.now()))
        try await service.acting(as: op).setOrganizationVerified(organization.id, verified: true)
        organization.verified = true
        _ = try await service.acting(as: op).createUser(
            NewAccount(
                email: "employer@kusi.example", displayName: "Wanjiku Employer", role: .employer,
                password: ContractFixture.password, organizationID: organization.id))
        _ = try await service.acting(as: op).createUser(
            NewAccount(
                email: "admin@edulink.test", displayName: "Ada Admin", role: .admin, password: ContractFixture.password)
        )
        let employer = world.newSession()
        _ = try await employer.login(email: "employer@kusi.example", password: ContractFixture.password)
        let admin = world.newSession()
        _ = try await admin.login(email: "admin@edulink.test", password: ContractFixture.password)
        var students: [any EdulinkRepository] = []
        var ids: [UserID] = []
        for index in 0..<count {
            let email = "student\(index)@uon.example"
            let summary = try await service.acting(as: op).createUser(
                NewAccount(
                    email: email, displayName: "Student \(index)", role: .student, password: ContractFixture.password,
                    institutionID: institution.id))
            let session = world.newSession()
            _ = try await session.login(email: email, password: ContractFixture.password)
            _ = try await session.updateProfile(ContractFixture.profile(of: index))
            students.append(session)
            ids.append(summary.id)
        }
        let listing = try await Self.publish(
            ContractFixture.draft(at: world.clock.now()), employer: employer, admin: admin)
        return Seeded(
            world: world, institution: institution, organization: organization, employer: employer, admin: admin,
            students: students, studentIDs: ids, listing: listing)
    }

    /// Creates, submits and verifies a listing.
    static func publish(_ draft: ListingDraft, employer: any EdulinkRepository, admin: any EdulinkRepository)
        async throws -> Listing
    {
        let created = try await employer.createListing(draft)
        _ = try await employer.changeListing(created.id, .submit, reason: nil)
        return try await admin.changeListing(created.id, .verify, reason: nil)
    }

    func publish(_ draft: ListingDraft) async throws -> Listing {
        try await Self.publish(draft, employer: employer, admin: admin)
    }

    /// Another organization ("Rival Labs") with its own employer, signed in; verified when asked.
    func rivalEmployer(verified: Bool = false) async throws -> any EdulinkRepository {
        let op = Principal.localOperator()
        let rival = try await world.setup.acting(as: op).createOrganization(
            Organization(
                name: "Rival Labs", industry: "Software", size: .small, location: "Mombasa",
                description: "Another company that must not see Kusi's applicants.", createdAt: now))
        if verified { try await world.setup.acting(as: op).setOrganizationVerified(rival.id, verified: true) }
        _ = try await world.setup.acting(as: op).createUser(
            NewAccount(
                email: "boss@rival.example", displayName: "Rival Boss", role: .employer,
                password: ContractFixture.password, organizationID: rival.id))
        let session = world.newSession()
        _ = try await session.login(email: "boss@rival.example", password: ContractFixture.password)
        return session
    }

    func application(_ listing: ListingID? = nil, by student: Int = 0) async throws -> Application {
        try await students[student].apply(
            ApplicationDraft(listingID: listing ?? self.listing.id, coverLetter: ContractFixture.coverLetter))
    }
}

/// Runs `body` in a fresh world of `backend` and removes it afterwards.
func withWorld(
    _ backend: ContractBackend, students: Int = 3, searchWindow: SearchWindow = .standard, maintained: Bool = false,
    _ body: (Seeded) async throws -> Void
) async throws {
    let world = try await ContractFixture.$maintained.withValue(maintained) { try await backend.make(searchWindow) }
    do {
        try await body(try await Seeded.make(in: world, students: students))
    } catch {
        await world.tearDown()
        throw error
    }
    await world.tearDown()
}

/// The `EdulinkError` thrown by `body`, or nil.
func edulinkError(_ body: () async throws -> some Any) async -> EdulinkError? {
    do {
        _ = try await body()
        return nil
    } catch let error as EdulinkError {
        return error
    } catch {
        return .unavailable("unexpected \(error)")
    }
}

/// Whether `error` is the refusal of a role that may not do this at all (403).
func isForbidden(_ error: EdulinkError) -> Bool {
    if case .forbidden = error { true } else { false }
}
