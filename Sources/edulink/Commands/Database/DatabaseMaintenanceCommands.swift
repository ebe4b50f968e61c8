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
        let before = try fileSize(environment.databaseURL)
        try await environment.store.vacuum()
        let after = try fileSize(environment.databaseURL)
        print("Vacuumed \(environment.databaseURL.path): \(Format.bytes(before)) → \(Format.bytes(after))")
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
        print("Analyzed \(environment.databaseURL.path)")
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
        print("Reindexed \(environment.databaseURL.path)")
    }
}

private func fileSize(_ url: URL) throws -> Int64 {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return (attributes[.size] as? NSNumber)?.int64Value ?? 0
}
