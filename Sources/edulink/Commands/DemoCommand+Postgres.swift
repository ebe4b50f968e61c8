import EdulinkCore
import EdulinkDemo
import EdulinkPostgres
import Foundation
import Logging

extension DemoCommand {
    /// The PostgreSQL database `--db postgres://…` (or `EDULINK_DB`) names, nil for a SQLite file.
    func postgresLocation(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> PostgresLocation?
    {
        guard let text = [database.path, environment["EDULINK_DB"]].compactMap({ $0 }).first(where: { !$0.isEmpty }),
            text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
        else { return nil }
        do {
            return try PostgresLocation(url: text)
        } catch {
            throw CommandFailure("\(text) is not a PostgreSQL URL; write postgres://user@host:5432/database")
        }
    }

    /// Fills an existing, empty PostgreSQL database with the demo dataset (migrating it first). A
    /// database that already has accounts is refused: replacing one is the database owner's call
    /// (`dropdb` and `createdb`), not a flag's.
    func seedPostgres(_ location: PostgresLocation) async throws {
        let dataset = try DemoSeeder.loadBundledDataset()
        let store = try await PostgresStore(
            location: location, maximumConnections: 2, logger: Logger(label: "edulink.postgres"))
        do {
            let users = try await store.status().rowCounts["users"] ?? 0
            guard users == 0 else {
                throw CommandFailure(
                    "\(location.redacted) already has \(users) accounts; the demo fills an empty database only "
                        + "(drop and create the database to start over)")
            }
            let seeder = DemoSeeder(hasher: LocalEnvironment.hasher(), now: Date())
            let outbox = database.outboxDirectory
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
