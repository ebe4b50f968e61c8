import EdulinkCore
import EdulinkPostgres
import EdulinkPostgresTestSupport
import Foundation
import Logging
import Testing

/// A fresh database with a store and a service over it, an organization, an employer and a
/// published listing; removed by `close()`.
struct PostgresWorld: Sendable {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    let clock: ManualTimeSource
    let store: PostgresStore
    let database: TestDatabase
    let service: EdulinkService
    let organization: Organization
    let employer: User
    let institution: Institution

    static func make(maximumConnections: Int = 4) async throws -> PostgresWorld {
        let clock = ManualTimeSource(start)
        let (store, database) = try await TestPostgres.makeStore(
            clock: clock, maximumConnections: maximumConnections)
        let service = EdulinkService(
            environment: ServiceEnvironment(
                store: store, clock: clock, hasher: BcryptHasher(cost: 4),
                passwordPolicy: PasswordPolicy(commonPasswords: []),
                logger: Logger(label: "test")))
        let (organization, employer, institution) = try await store.write { w in
            let organization = try w.insertOrganization(
                Organization(
                    name: "Kusi Payments", industry: "Fintech", size: .medium, location: "Nairobi",
                    description: "Payments.", verified: true, createdAt: start))
            let employer = try w.insertUser(
                User(
                    email: "employer@kusi.example", displayName: "Wanjiku", role: .employer, passwordHash: "x",
                    organizationID: organization.id, createdAt: start))
            let institution = try w.insertInstitution(
                Institution(name: "University of Nairobi", shortCode: "UON", type: .university, verified: true))
            return (organization, employer, institution)
        }
        return PostgresWorld(
            clock: clock, store: store, database: database, service: service, organization: organization,
            employer: employer, institution: institution)
    }

    /// A published, verified listing.
    func listing(_ title: String, capacity: Int = 100, description: String = "Analytics work.") -> Listing {
        let now = clock.now()
        return Listing(
            organizationID: organization.id, createdBy: employer.id,
            terms: ListingDraft(
                title: title, description: description, category: .technology, level: .entry, locationType: .hybrid,
                location: "Nairobi, Kenya", startDate: now.addingTimeInterval(40 * 86_400),
                endDate: now.addingTimeInterval(120 * 86_400), durationWeeks: 12,
                stipend: Stipend(amount: 25_000, currency: .kes), requiredSkills: ["SQL"],
                deadline: now.addingTimeInterval(30 * 86_400), capacity: capacity), status: .published,
            verifiedBy: employer.id, verifiedAt: now, createdAt: now, publishedAt: now)
    }

    /// Students with complete profiles, ready to apply.
    func students(_ count: Int) async throws -> [Principal] {
        let institution = institution.id
        let now = clock.now()
        return try await store.write { w in
            try (0..<count).map { index in
                let user = try w.insertUser(
                    User(
                        email: "student\(index)@uon.example", displayName: "Student \(index)", role: .student,
                        passwordHash: "x", phone: "+2547\(10_000_000 + index)", institutionID: institution,
                        createdAt: now))
                try w.saveProfile(
                    StudentProfile(
                        userID: user.id, institutionID: institution,
                        content: ProfileContent(
                            registrationNumber: "P15/\(index)/2023", yearOfStudy: 3, course: "Computer Science",
                            skills: ["Python", "SQL"], interests: ["fintech"],
                            githubURL: "https://github.com/s\(index)", resumePath: "~/cv.pdf", bio: "I like data."),
                        updatedAt: now))
                return Principal(user: user, origin: .api)
            }
        }
    }

    func close() async {
        await store.shutdown()
        await database.drop()
    }
}

/// Runs `body` in a fresh world and removes it afterwards; with no PostgreSQL configured, returns
/// at once (the suite is disabled by `TestPostgres.enabled`).
func withPostgresWorld(maximumConnections: Int = 4, _ body: (PostgresWorld) async throws -> Void) async throws {
    let world = try await PostgresWorld.make(maximumConnections: maximumConnections)
    do {
        try await body(world)
    } catch {
        await world.close()
        throw error
    }
    await world.close()
}
