import ArgumentParser
import EdulinkCore
import EdulinkDemo
import Foundation

/// `edulink demo`: a new database filled with the demo dataset.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a database filled with the demo dataset.",
        discussion: """
            Creates the database file with sample institutions, organizations, listings and \
            applications, and demo accounts that all use the password 'demo-password'. \
            Refuses to touch an existing file unless --reset is given.
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Replace an existing database (asks first on a terminal).")
    var reset = false

    @Flag(help: "Do not ask before replacing the database (for scripts).")
    var yes = false

    static let demoAccounts = [
        ("student@edulink.demo", "student"), ("employer@edulink.demo", "employer"),
        ("admin@edulink.demo", "admin"), ("institution@edulink.demo", "institution admin"),
        ("supervisor@edulink.demo", "supervisor"),
    ]

    func run() async throws {
        let url: URL
        switch try database.location() {
        case .postgres(let location):
            try await seedPostgres(location)
            printAccounts()
            return
        case .sqlite(let file): url = file
        }
        if DatabaseFile.exists(url) {
            guard reset else {
                throw CommandFailure(
                    "a database already exists at \(url.path); pass --reset to replace it with the demo")
            }
            try Confirmation.require("replace the database at \(url.path) with the demo dataset", yes: yes)
        }
        // Load and check everything before the old file is removed.
        let dataset = try DemoSeeder.loadBundledDataset()
        if DatabaseFile.exists(url) { try DatabaseFile.remove(url) }
        do {
            let environment = try LocalEnvironment(databaseURL: url)
            let seeder = DemoSeeder(hasher: LocalEnvironment.hasher(), now: Date())
            let outbox = DatabaseOptions.outboxDirectory(for: .sqlite(url))
            let counts = try await seeder.seed(
                dataset, into: environment.store, transport: try SpoolDirectoryTransport(directory: outbox))
            print("Created the demo database at \(url.path)")
            print("  \(counts.summary)")
            print(Self.jobsLine(counts.jobs, outbox: outbox))
        } catch {
            try? DatabaseFile.remove(url)
            throw error
        }
        printAccounts()
        let dbOption = database.path.map { " --db \(shellQuoted($0))" } ?? ""
        print("Try: edulink internships search\(dbOption) data remote:yes")
    }

    /// What the scheduled jobs did at the end of the seeding, and where their messages are.
    static func jobsLine(_ report: JobReport, outbox: URL) -> String {
        let messages =
            report.messagesDelivered > 0
            ? "; their messages are files in \(outbox.path), not sent (demo addresses are made up)" : ""
        return "  scheduled jobs, run once as of now: \(report.summary)\(messages)"
    }

    private func printAccounts() {
        print("")
        print("Demo accounts (password: \(DemoSeeder.demoPassword)):")
        var table = TextTable(["email", "role"])
        for (email, role) in Self.demoAccounts { table.append([email, role]) }
        print(table.render().split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        print("")
    }
}

/// Quotes `text` for a POSIX shell when it needs it.
func shellQuoted(_ text: String) -> String {
    let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/._-+:@%,="))
    if !text.isEmpty && text.unicodeScalars.allSatisfy(safe.contains) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
