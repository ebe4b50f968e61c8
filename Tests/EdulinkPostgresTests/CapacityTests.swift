import EdulinkCore
import EdulinkPostgres
import EdulinkPostgresTestSupport
import Foundation
import Logging
import Testing

@Suite("PostgreSQL: concurrent capacity", .enabled(if: TestPostgres.enabled), .timeLimit(.minutes(10)))
struct CapacityTests {
    /// What one student's apply ended in.
    enum Outcome: Sendable, Equatable {
        case applied
        case capacityReached
        case unexpected(String)
    }

    static func apply(_ service: EdulinkService, _ student: Principal, _ listing: ListingID) async -> Outcome {
        do {
            _ = try await service.acting(as: student).apply(
                ApplicationDraft(
                    listingID: listing,
                    coverLetter: String(repeating: "I would love to learn from your analytics team. ", count: 3)))
            return .applied
        } catch let error as EdulinkError {
            if case .refused(let refusal) = error, refusal.code == .capacityReached { return .capacityReached }
            return .unexpected("\(error)")
        } catch {
            return .unexpected("\(error)")
        }
    }

    @Test("200 students applying at once to a listing with capacity 50 end with exactly 50 applications")
    func twoHundredApplyAtOnce() async throws {
        try await withPostgresWorld(maximumConnections: 16) { w in
            let listing = try await w.store.write { [w] in try $0.insertListing(w.listing("Data Intern", capacity: 50))
            }
            let students = try await w.students(200)
            let outcomes = await withTaskGroup(of: Outcome.self) { group in
                for student in students {
                    group.addTask { await Self.apply(w.service, student, listing.id) }
                }
                return await group.reduce(into: [Outcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .applied }.count == 50)
            #expect(outcomes.filter { $0 == .capacityReached }.count == 150)
            #expect(outcomes.filter { if case .unexpected = $0 { true } else { false } }.isEmpty, "\(outcomes)")
            let stored = try await w.store.read {
                try $0.applications(listingID: listing.id, status: nil, studentNamed: nil, after: nil, limit: 1000)
                    .count
            }
            #expect(stored == 50)
            let summaries = try await w.store.read { try $0.listingSummaries([listing.id]) }
            #expect(summaries.first?.applicationCount == 50)
        }
    }

    @Test("several stores (separate pools, like several server instances) still admit exactly the capacity")
    func separatePools() async throws {
        try await withPostgresWorld(maximumConnections: 8) { w in
            let listing = try await w.store.write { [w] in try $0.insertListing(w.listing("Ops Intern", capacity: 50)) }
            let students = try await w.students(200)
            var services: [EdulinkService] = [w.service]
            var extra: [PostgresStore] = []
            for _ in 0..<3 {
                let store = try await PostgresStore(
                    location: w.database.location, maximumConnections: 8, connectTimeout: TestPostgres.connectTimeout,
                    leaseTimeout: TestPostgres.leaseTimeout,
                    clock: w.clock,
                    logger: Logger(label: "test.instance"))
                extra.append(store)
                services.append(
                    EdulinkService(
                        environment: ServiceEnvironment(
                            store: store, clock: w.clock, hasher: BcryptHasher(cost: 4),
                            passwordPolicy: PasswordPolicy(commonPasswords: []), logger: Logger(label: "test"))))
            }
            let instances = services
            let outcomes = await withTaskGroup(of: Outcome.self) { group in
                for (index, student) in students.enumerated() {
                    group.addTask { await Self.apply(instances[index % instances.count], student, listing.id) }
                }
                return await group.reduce(into: [Outcome]()) { $0.append($1) }
            }
            for store in extra { await store.shutdown() }
            #expect(outcomes.filter { $0 == .applied }.count == 50)
            #expect(outcomes.filter { $0 == .capacityReached }.count == 150, "\(outcomes)")
            let count = try await w.store.read {
                try $0.applications(listingID: listing.id, status: nil, studentNamed: nil, after: nil, limit: 1000)
                    .count
            }
            #expect(count == 50)
        }
    }
}
