import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink db vacuum`.
struct DatabaseVacuumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum", abstract: "Rebuild the database file to reclaim free space.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let before = try await environment.store.status().sizeBytes
        try await environment.store.vacuum()
        let after = try await environment.store.status().sizeBytes
        print("Vacuumed \(environment.location.described): \(Format.bytes(before)) → \(Format.bytes(after))")
    }
}

/// `edulink db analyze`.
struct DatabaseAnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze", abstract: "Refresh the statistics the query planner uses.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        try await environment.store.analyze()
        print("Analyzed \(environment.location.described)")
    }
}

/// `edulink db reindex`.
struct DatabaseReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Rebuild every index, including the full-text index.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        try await environment.store.reindex()
        print("Reindexed \(environment.location.described)")
    }
}
