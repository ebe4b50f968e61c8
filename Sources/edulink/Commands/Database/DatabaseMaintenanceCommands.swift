import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink db vacuum`.
struct DatabaseVacuumCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vacuum", abstract: "Reclaim the space of deleted rows.",
        discussion: """
            SQLite rewrites the database file, so the space goes back to the file system, and merges \
            the full-text index into one segment. PostgreSQL refreshes the planner's statistics and \
            keeps the space inside its files for new rows; with --full it rewrites every \
            table and its indexes (VACUUM FULL) to give the space back, holding each table while it \
            is rewritten, reads included (minutes for the listings at a million), and needs as much \
            free disk as the largest table. --full asks first on a terminal; scripts must pass --yes.
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "PostgreSQL: rewrite every table to give its free space back (holds each table meanwhile).")
    var full = false

    @Flag(help: "Do not ask for confirmation (for scripts).")
    var yes = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let target = environment.location.described
        let postgres = environment.location.file == nil
        if full && postgres {
            try Confirmation.require(
                "rewrite every table of \(target), each held while it is rewritten (reads wait too)", yes: yes)
        }
        let before = try await environment.store.status().sizeBytes
        try await environment.store.vacuum(full: full)
        let after = try await environment.store.status().sizeBytes
        print("Vacuumed \(target): \(Format.bytes(before)) → \(Format.bytes(after))")
        if postgres && !full {
            print(
                "PostgreSQL keeps the freed space for new rows; 'edulink db vacuum --full' gives it back"
                    + " to the file system, holding each table while it is rewritten.")
        }
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
