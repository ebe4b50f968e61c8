import ArgumentParser
import EdulinkCore
import Foundation

/// `--db PATH`, shared by every command that works on a database file.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database file.",
            discussion: "Defaults to $EDULINK_DB, else $XDG_DATA_HOME/edulink/edulink.sqlite.",
            valueName: "path"))
    var path: String?

    /// The database file these options select.
    var url: URL { EdulinkPaths().database(option: path) }

    /// Where backups go unless `--dir` says otherwise: `<database folder>/backups`, as in the Data tab.
    var defaultBackupDirectory: URL {
        URL(
            fileURLWithPath: OperationsEnvironment.defaultBackupDirectory(
                dataDirectory: url.deletingLastPathComponent().path), isDirectory: true)
    }

    /// Where `jobs run` delivers messages in development: `<database folder>/outbox`, beside the
    /// database like its backups and drafts, so two databases never share one. A PostgreSQL database
    /// has no folder: its messages go to `$XDG_DATA_HOME/edulink/outbox`.
    var outboxDirectory: URL {
        let paths = EdulinkPaths()
        let chosen = [path, paths.environment["EDULINK_DB"]].compactMap { $0 }.first { !$0.isEmpty }
        let folder =
            chosen.map { $0.hasPrefix("postgres://") || $0.hasPrefix("postgresql://") } == true
            ? paths.dataDirectory : url.deletingLastPathComponent()
        return folder.appendingPathComponent("outbox", isDirectory: true)
    }

    /// The database file, which must exist.
    func existingURL() throws -> URL {
        let url = url
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure.noDatabase(at: url)
        }
        return url
    }
}
