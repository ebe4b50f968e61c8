import EdulinkCore
import EdulinkDemo
import EdulinkPostgres
import EdulinkPostgresTestSupport
import Foundation
import Testing

@Suite("PostgreSQL: placements through a backup and a restore", .timeLimit(.minutes(10)))
struct PostgresPlacementRestoreTests {
    @Test("a dump holds every placement row; a restore brings back the placements, logbooks and evaluations")
    func backupRestore() async throws {
        let now = Date(timeIntervalSince1970: 1_790_067_600)
        let clock = ManualTimeSource(now)
        let (store, database) = try await TestPostgres.makeStore(clock: clock)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edulink-pg-restore-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: now).seed(
                try DemoSeeder.loadBundledDataset(), into: store)
            let service = EdulinkService(
                environment: ServiceEnvironment(
                    store: store, clock: clock, hasher: BcryptHasher(cost: 4),
                    passwordPolicy: PasswordPolicy(commonPasswords: [])))
            func signedIn(_ email: String) async throws -> EdulinkService {
                let session = service.localSession(mode: .local(path: "postgres"))
                _ = try await session.login(email: email, password: DemoSeeder.demoPassword)
                return session
            }
            let before = try await store.read { try $0.placementRecords(.all) }
            #expect(before.contains { !$0.entries.isEmpty && !$0.history.isEmpty && !$0.evaluations.isEmpty })
            let backup = try await store.backup(into: folder, keepDays: 7)
            #expect(backup.integrityOK)
            let supervisor = try await signedIn("supervisor@edulink.demo")
            let waiting = try #require(try await supervisor.logbookQueue().first)
            _ = try await supervisor.reviewLogbookEntry(waiting.id, .approve)
            #expect(try await store.read { try $0.placementRecords(.all) } != before)
            clock.advance(by: 2)
            _ = try await store.restore(from: URL(fileURLWithPath: backup.path), backupDirectory: folder)
            #expect(try await store.read { try $0.placementRecords(.all) } == before)
        } catch {
            await store.shutdown()
            await database.drop()
            throw error
        }
        await store.shutdown()
        await database.drop()
    }

    @Test("the demo seeding runs the scheduled jobs as of its time: a run right after finds nothing to do")
    func demoJobsCaughtUp() async throws {
        let clock = ManualTimeSource(Date(timeIntervalSince1970: 1_790_067_600))
        let (store, database) = try await TestPostgres.makeStore(clock: clock)
        do {
            let counts = try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: clock.now()).seed(
                try DemoSeeder.loadBundledDataset(), into: store, transport: NowhereTransport())
            #expect(counts.jobs.listingsClosed > 0 && counts.jobs.savedSearchAlerts > 0)
            #expect(counts.jobs.messagesDelivered > 0)
            #expect(counts.jobs.searchIndexSegmentsMerged == 0)  // GIN: nothing of the kind to merge
            let service = EdulinkService(
                environment: ServiceEnvironment(
                    store: store, clock: clock, hasher: BcryptHasher(cost: 4),
                    passwordPolicy: PasswordPolicy(commonPasswords: [])))
            clock.advance(by: 60)
            let again = try await service.runScheduledJobs(transport: NowhereTransport())
            #expect(again.summary == "nothing to do", "\(again)")
        } catch {
            await store.shutdown()
            await database.drop()
            throw error
        }
        await store.shutdown()
        await database.drop()
    }
}

/// A mail transport that takes every message and sends it nowhere.
struct NowhereTransport: OutboxTransport {
    func deliver(_ message: OutboxMessage) async throws {}
}
