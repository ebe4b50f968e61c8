import ArgumentParser
import EdulinkCore
import Foundation

/// `--db PATH|sqlite:PATH|postgres://…`, shared by every command that works on a database.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database: a SQLite file (or sqlite:PATH) or a postgres://user@host:5432/database URL.",
            discussion:
                "Defaults to $EDULINK_DB, else config.toml's database, else $XDG_DATA_HOME/edulink/edulink.sqlite.",
            valueName: "path-or-url"))
    var path: String?

    /// The database these options select (option, environment, config.toml, default).
    func location(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DatabaseLocation {
        try DatabaseLocation.resolve(option: path, environment: environment)
    }

    /// Where this database's files live on this machine: the SQLite file's folder, or for
    /// PostgreSQL the server state folder (`$XDG_STATE_HOME/edulink/server`, as `edulink serve`).
    static func dataDirectory(
        for location: DatabaseLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        switch location {
        case .sqlite(let url): url.deletingLastPathComponent()
        case .postgres: EdulinkPaths(environment: environment).serverStateDirectory
        }
    }

    /// Where backups go unless `--dir` says otherwise: `<data folder>/backups`, as in the Data tab.
    static func backupDirectory(for location: DatabaseLocation) -> URL {
        URL(
            fileURLWithPath: OperationsEnvironment.defaultBackupDirectory(
                dataDirectory: dataDirectory(for: location).path),
            isDirectory: true)
    }

    /// Where `jobs run` delivers messages in development: `<data folder>/outbox`, beside the
    /// database like its backups and drafts, so two databases never share one.
    static func outboxDirectory(for location: DatabaseLocation) -> URL {
        dataDirectory(for: location).appendingPathComponent("outbox", isDirectory: true)
    }
}
