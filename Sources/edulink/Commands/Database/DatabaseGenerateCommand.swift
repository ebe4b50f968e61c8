import ArgumentParser
import EdulinkCore
import EdulinkDemo
import EdulinkSQLite
import Foundation

/// `edulink db generate`.
struct DatabaseGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Add synthetic published listings for benchmarks.",
        discussion: """
            Adds the listings (and about one verified organization per 250) with words from \
            data/vocabulary/. The same seed gives the same data. Shows progress on standard error \
            when it is a terminal.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("How many listings to add.", valueName: "n"))
    var listings: Int

    @Option(help: ArgumentHelp("Seed of the random generator.", valueName: "s"))
    var seed: UInt64 = 1

    func validate() throws {
        guard (1...10_000_000).contains(listings) else {
            throw ValidationError("--listings must be between 1 and 10000000.")
        }
    }

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        guard let store = environment.sqlite else {
            throw CommandFailure(
                "db generate fills a SQLite file (for benchmarks); \(environment.location.described) is PostgreSQL")
        }
        let vocabulary = try SyntheticVocabulary.load(from: try DemoResources.vocabularyURL)
        let showProgress = Terminal.errorIsInteractive
        let total = listings
        let started = Date()
        let summary = try await SyntheticDataGenerator().generate(
            listings: listings, seed: seed, into: store, vocabulary: vocabulary
        ) { done in
            if showProgress {
                Terminal.writeError("\rgenerating listings: \(done)/\(total) (\(done * 100 / max(total, 1)) %)")
            }
        }
        if showProgress { Terminal.writeError("\n") }
        let seconds = Date().timeIntervalSince(started)
        print(
            "Added \(summary.listings) listings and \(summary.organizations) organizations in "
                + "\(String(format: "%.1f", seconds)) s (seed \(seed)).")
    }
}
