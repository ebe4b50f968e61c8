import EdulinkCore
import EdulinkSQLite
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Several `edulink dev hammer` processes on one file, and one killed in the middle of its work.
@Suite("edulink under concurrency and crashes", .serialized, .timeLimit(.minutes(10)))
struct ConcurrencyTests {
    /// What a hammer process acknowledged: applications and the last status it reported for each.
    struct Acknowledgements {
        var applied: [Int64] = []
        var lastStatus: [Int64: ApplicationStatus] = [:]

        init(_ output: String) {
            for line in output.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard words.first == "ack", words.count >= 3, let id = Int64(words[2]) else { continue }
                if words[1] == "apply" {
                    applied.append(id)
                    lastStatus[id] = .pending
                } else if words[1] == "move", words.count == 4, let status = ApplicationStatus(rawValue: words[3]) {
                    lastStatus[id] = status
                }
            }
        }
    }

    /// Every acknowledged application exists with the acknowledged status or a later one.
    func expectPresent(_ acknowledgements: Acknowledgements, in store: SQLiteStore) async throws {
        let order = ApplicationStatus.pipeline
        for (id, status) in acknowledgements.lastStatus {
            let application = try await store.read { try $0.application(ApplicationID(id)) }
            let stored = try #require(application, "acknowledged application \(id) is missing")
            let storedRank = order.firstIndex(of: stored.status) ?? 0
            let ackedRank = order.firstIndex(of: status) ?? 0
            #expect(storedRank >= ackedRank, "application \(id) is \(stored.status), acknowledged \(status)")
        }
    }

    func hammerApplicationCount(_ store: SQLiteStore) async throws -> Int {
        try await store.read { session in
            guard let employer = try session.user(email: "hammer-employer@edulink.test"),
                let organization = employer.organizationID
            else { return 0 }
            return try session.listings(organizationID: organization).reduce(0) {
                $0 + (try session.applicationCounts(listingID: $1.id).values.reduce(0, +))
            }
        }
    }

    @Test("four hammer processes on one file all finish, never see a locked database, and lose no write")
    func concurrentWorkers() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let workers = 4
        let operations = 40
        let setup = try await harness.run([
            "dev", "hammer-setup", "--workers", "\(workers)", "--listings", "8", "--operations", "\(operations)",
        ])
        try #require(setup.succeeded, "\(setup.standardError)")
        let running = try (0..<workers).map {
            try harness.start(["dev", "hammer", "--worker", "\($0)", "--operations", "\(operations)"])
        }
        var all = Acknowledgements("")
        for command in running {
            await command.wait()
            let result = try command.result()
            #expect(result.status == 0, "\(result.standardOutput.suffix(300)) \(result.standardError)")
            #expect(!result.standardOutput.contains("database is locked"))
            #expect(!result.standardError.contains("database is locked"))
            #expect(!result.standardOutput.contains("error "))
            let acknowledged = Acknowledgements(result.standardOutput)
            #expect(acknowledged.applied.count == operations)
            all.applied += acknowledged.applied
            all.lastStatus.merge(acknowledged.lastStatus) { _, new in new }
        }
        #expect(Set(all.applied).count == workers * operations)
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        try await expectPresent(all, in: store)
        #expect(try await hammerApplicationCount(store) == all.applied.count)
        #expect(try await harness.run(["db", "check"]).succeeded)
    }

    @Test("a hammer killed with SIGKILL leaves a sound database that holds every acknowledged write")
    func killedWorker() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let operations = 400
        let setup = try await harness.run([
            "dev", "hammer-setup", "--workers", "1", "--listings", "8", "--operations", "\(operations)",
        ])
        try #require(setup.succeeded, "\(setup.standardError)")
        let command = try harness.start(["dev", "hammer", "--worker", "0", "--operations", "\(operations)"])
        // Killed mid-flight, once it has acknowledged some writes.
        let killed = await command.kill { Acknowledgements($0).applied.count >= 20 }
        #expect(killed, "the hammer finished before it could be killed: \(command.ending)")
        await command.wait()
        #expect(command.process.terminationReason == .uncaughtSignal)
        let acknowledged = Acknowledgements(command.output())
        #expect(acknowledged.applied.count >= 20)

        let check = try await harness.run(["db", "check"])
        #expect(check.succeeded, "\(check.standardOutput) \(check.standardError)")
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        try await expectPresent(acknowledged, in: store)
        // At most the one write in flight when it died may exist without its acknowledgement.
        let stored = try await hammerApplicationCount(store)
        #expect(stored >= acknowledged.applied.count && stored <= acknowledged.applied.count + 1)
    }

    @Test("a placement hammer killed with SIGKILL leaves every acknowledged logbook week and evaluation")
    func killedPlacementWorker() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let operations = 300
        let setup = try await harness.run([
            "dev", "hammer-setup", "--workers", "1", "--listings", "5", "--operations", "20", "--placements",
        ])
        try #require(setup.succeeded, "\(setup.standardError)")
        let command = try harness.start(["dev", "hammer-placements", "--worker", "0", "--operations", "\(operations)"])
        @Sendable func acknowledged(_ output: String) -> (entries: [Int64: LogbookStatus], evaluations: [Int64]) {
            var entries: [Int64: LogbookStatus] = [:]
            var evaluations: [Int64] = []
            for line in output.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                guard words.first == "ack", words.count >= 4, let id = Int64(words[2]) else { continue }
                if words[1] == "entry", let status = LogbookStatus(rawValue: words[3]) { entries[id] = status }
                if words[1] == "evaluation" { evaluations.append(id) }
            }
            return (entries, evaluations)
        }
        // Past the first placement (its evaluations), then killed mid-flight.
        let killed = await command.kill { acknowledged($0).evaluations.count >= 2 }
        #expect(killed, "the hammer finished before it could be killed: \(command.ending)")
        await command.wait()
        #expect(command.process.terminationReason == .uncaughtSignal)
        let acked = acknowledged(command.output())
        #expect(acked.entries.count >= 52)
        #expect(acked.evaluations.count >= 2)

        let check = try await harness.run(["db", "check"])
        #expect(check.succeeded, "\(check.standardOutput) \(check.standardError)")
        let store = try SQLiteStore(path: harness.databaseURL.path, migrate: false)
        for (id, status) in acked.entries {
            let entry = try await store.read { try $0.logbookEntry(LogbookEntryID(id)) }
            let stored = try #require(entry, "acknowledged logbook entry \(id) is missing")
            #expect(
                stored.status == status || (status == .submitted && stored.status == .approved),
                "entry \(id) is \(stored.status), acknowledged \(status)")
            let history = try await store.read { try $0.logbookHistory(entryIDs: [LogbookEntryID(id)]) }
            #expect(history.last?.to == stored.status, "entry \(id)'s history ends in its status")
        }
        for id in acked.evaluations {
            let placements = try await store.read { try $0.placements(.all) }
            let found = try await store.read { session in
                try placements.flatMap { try session.evaluations(placementID: $0.id) }.contains { $0.id.rawValue == id }
            }
            #expect(found, "acknowledged evaluation \(id) is missing")
        }
    }
}
