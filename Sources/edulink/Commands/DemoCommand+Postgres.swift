import EdulinkCore
import EdulinkDemo
import EdulinkPostgres
import Foundation
import Logging

extension DemoCommand {
    /// Fills an existing, empty PostgreSQL database with the demo dataset (migrating it first). A
    /// database that already has accounts is refused: replacing one is the database owner's call
    /// (`dropdb` and `createdb`), not a flag's.
    func seedPostgres(_ location: PostgresLocation) async throws {
        let dataset = try DemoSeeder.loadBundledDataset()
        var logger = Logger(label: "edulink.postgres")
        logger.logLevel = .warning
        let store = try await PostgresStore(location: location, maximumConnections: 2, migrate: false, logger: logger)
        do {
            // Checked before migrating: a database in use is neither migrated nor filled here.
            if try await !store.migrations().applied.isEmpty {
                let users = try await store.status().rowCounts["users"] ?? 0
                guard users == 0 else {
                    throw CommandFailure(
                        "\(location.redacted) already has \(users) accounts; the demo fills an empty database only "
                            + "(drop and create the database to start over)")
                }
            }
            try await store.migrate()
            let seeder = DemoSeeder(hasher: LocalEnvironment.hasher(), now: Date())
            let outbox = DatabaseOptions.outboxDirectory(for: .postgres(location))
            let counts = try await seeder.seed(
                dataset, into: store, transport: try SpoolDirectoryTransport(directory: outbox))
            print("Filled \(location.redacted) with the demo dataset")
            print("  \(counts.summary)")
            print(Self.jobsLine(counts.jobs, outbox: outbox))
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }
}
