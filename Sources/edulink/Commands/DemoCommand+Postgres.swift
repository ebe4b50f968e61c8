import EdulinkCore
import EdulinkDemo
import EdulinkPostgres
import Foundation

extension DemoCommand {
    /// Fills an existing, empty PostgreSQL database with the demo dataset (given Edulink's tables
    /// first). A database that already has accounts is refused (`LocalEnvironment.create`):
    /// replacing one is the database owner's call (`dropdb` and `createdb`), not a flag's.
    func seedPostgres(_ location: PostgresLocation) async throws {
        let dataset = try DemoSeeder.loadBundledDataset()
        let environment = try await LocalEnvironment.create(.postgres(location))
        let seeder = DemoSeeder(hasher: LocalEnvironment.hasher(), now: Date())
        let outbox = DatabaseOptions.outboxDirectory(for: .postgres(location))
        let counts = try await seeder.seed(
            dataset, into: environment.store, transport: try SpoolDirectoryTransport(directory: outbox))
        print("Filled \(location.redacted) with the demo dataset")
        print("  \(counts.summary)")
        print(Self.jobsLine(counts.jobs, outbox: outbox))
    }
}
