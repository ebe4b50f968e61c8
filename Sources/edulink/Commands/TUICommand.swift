import ArgumentParser
import EdulinkCore
import EdulinkDemo
import EdulinkRemote
import EdulinkServer
import EdulinkTUI
import Foundation
import Logging

/// The options of `edulink` without a subcommand: the terminal app.
struct TerminalOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database file for the terminal app.",
            discussion: """
                Defaults to $EDULINK_DB, else 'database' in config.toml, else \
                $XDG_DATA_HOME/edulink/edulink.sqlite. A missing default file is created with the demo \
                dataset; any other missing file is an error.
                """,
            valueName: "path"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "The Edulink server to use instead of a database file (an http:// or https:// URL).",
            discussion: """
                Defaults to $EDULINK_SERVER, else 'server' in config.toml. Cannot be combined with --db. \
                The session is kept under $XDG_STATE_HOME/edulink/sessions (0600).
                """,
            valueName: "url"))
    var server: String?

    @Option(
        help: ArgumentHelp(
            "The colour theme (default, light, solarized-dark, high-contrast, mono, or one of yours).",
            discussion: "Defaults to $EDULINK_THEME, else 'theme' in config.toml. NO_COLOR forces mono.",
            valueName: "name"))
    var theme: String?
}

/// Opens the terminal app on the local database, creating the demo database first when there is none,
/// or on an Edulink server.
struct TerminalAppLauncher {
    var options: TerminalOptions
    var environment = ProcessInfo.processInfo.environment

    func run() async throws {
        let configPath = ConfigurationFile.defaultPath(environment: environment)
        let config = ConfigurationFile.load(path: configPath)
        // Printed now (they stay in the scrollback) and shown on the sign-in screen, which is where
        // they are seen: the full screen covers what was printed before it.
        var warnings = config.problems
        for problem in config.problems { Terminal.writeError("edulink: warning: \(problem)\n") }

        let paths = EdulinkPaths(environment: environment)
        let source = try DataSource.resolve(
            database: options.database, server: options.server, environment: environment, config: config,
            configPath: configPath, paths: paths)
        if case .local(.sqlite(let url)) = source, !DatabaseFile.exists(url), url != paths.defaultDatabase {
            // Only the default location is made with the demo data on first run: a mistyped path
            // must not become a database with public demo passwords.
            throw CommandFailure.noDatabase(at: url)
        }
        guard Terminal.inputIsInteractive, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure(
                "the terminal app needs a terminal; for scripts use a subcommand (edulink --help)",
                exitCode: CommandFailure.usageExitCode)
        }
        Self.logToFile(in: paths.stateDirectory)
        let repository: any EdulinkRepository
        let draftDirectory: URL
        var lockWait: LockWait?
        var demoAccounts: [(email: String, role: EdulinkCore.Role)] = []
        switch source {
        case .local(let location):
            if case .sqlite(let url) = location, !DatabaseFile.exists(url) { try await createDemoDatabase(at: url) }
            let local = try await LocalEnvironment.open(location, measuresRequests: true)
            let seeded = try await local.store.read { try $0.auditEvents(AuditQuery(action: "demo.seed", limit: 1)) }
            if !seeded.isEmpty { demoAccounts = Self.demoAccounts }
            repository = local.service.localSession(mode: .local(path: location.described))
            lockWait = local.sqlite?.lockWait
            draftDirectory = local.dataDirectory.appendingPathComponent("drafts")
        case .server(let url):
            // The server's accounts are its own: no demo list. Drafts stay on this machine, per server.
            repository = RemoteRepository(
                server: url, tokenFile: RemoteRepository.tokenFile(for: url, stateDirectory: paths.stateDirectory),
                timeout: .seconds(15))
            draftDirectory = paths.dataDirectory.appendingPathComponent("servers", isDirectory: true)
                .appendingPathComponent(RemoteRepository.fileName(for: url), isDirectory: true)
                .appendingPathComponent("drafts", isDirectory: true)
        }

        let themeName = options.theme ?? environment["EDULINK_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? config.theme
        let theme = TerminalApp.theme(named: themeName, environment: environment)
        if let problem = theme.problem {
            Terminal.writeError("edulink: warning: \(problem); using the default theme\n")
            warnings.append("\(problem); using the default theme")
        }

        let frameLog = environment["EDULINK_FRAME_LOG"].flatMap { FrameLog(path: $0) }
        let appEnvironment = AppEnvironment.onThisMachine(
            repository: repository, draftDirectory: draftDirectory,
            demoAccounts: demoAccounts, demoPassword: DemoSeeder.demoPassword, timeZone: config.timeZone ?? .current,
            idleLimit: config.idleLockMinutes.map { TimeInterval($0 * 60) }, frameLog: frameLog, lockWait: lockWait,
            startupWarnings: warnings)
        let status: Int32
        do {
            status = try TerminalApp.run(environment: appEnvironment, theme: theme)
        } catch {
            throw CommandFailure("cannot start the terminal app: \(error)")
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The app's log goes to `<state folder>/edulink.log` (0600), one JSON object a line: written
    /// to standard error it would land on the app's own screen. Without a writable file, nowhere.
    static func logToFile(in folder: URL) {
        let file = folder.appendingPathComponent("edulink.log")
        var output: FileHandle?
        if (try? EdulinkPaths.createPrivateDirectory(folder)) != nil {
            if !FileManager.default.fileExists(atPath: file.path) {
                _ = FileManager.default.createFile(
                    atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            output = try? FileHandle(forWritingTo: file)
            _ = try? output?.seekToEnd()
        }
        let opened = output
        LoggingSystem.bootstrap { label in
            guard let output = opened else { return SwiftLogNoOpLogHandler(label) }
            var handler = JSONLogHandler(label: label, output: output)
            handler.logLevel = .warning
            return handler
        }
    }

    static let demoAccounts: [(email: String, role: EdulinkCore.Role)] = [
        ("student@edulink.demo", .student), ("employer@edulink.demo", .employer), ("admin@edulink.demo", .admin),
        ("institution@edulink.demo", .institutionAdmin), ("supervisor@edulink.demo", .supervisor),
    ]

    /// A new database at `url` with the demo dataset, removed again if seeding fails.
    private func createDemoDatabase(at url: URL) async throws {
        Terminal.writeError("edulink: creating the demo database at \(url.path)…\n")
        let dataset = try DemoSeeder.loadBundledDataset()
        do {
            let local = try LocalEnvironment(databaseURL: url)
            // The jobs' messages go where `jobs run` puts them without sendmail: never to the made-up addresses.
            let outbox = DatabaseOptions.outboxDirectory(for: .sqlite(url))
            let counts = try await DemoSeeder(hasher: LocalEnvironment.hasher(environment: environment), now: Date())
                .seed(dataset, into: local.store, transport: try SpoolDirectoryTransport(directory: outbox))
            Terminal.writeError(
                "edulink: \(counts.summary); demo accounts use the password '\(DemoSeeder.demoPassword)'\n")
        } catch {
            try? DatabaseFile.remove(url)
            throw error
        }
    }
}
