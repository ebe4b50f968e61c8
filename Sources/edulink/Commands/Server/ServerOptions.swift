import ArgumentParser
import EdulinkPostgres
import Foundation

/// `--db sqlite:PATH|PATH|postgres://…` and `--state-dir`, for the commands that run or prepare a server.
struct ServerOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database: a SQLite file (optionally written sqlite:PATH) or a postgres://user@host:port/db URL.",
            discussion: "Defaults to $EDULINK_DB, else $XDG_DATA_HOME/edulink/edulink.sqlite.",
            valueName: "url-or-path"))
    var database: String?

    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp(
            "Where the server keeps its signing keys.", discussion: "Defaults to $XDG_STATE_HOME/edulink/server.",
            valueName: "path"))
    var stateDirectory: String?

    /// The database a server runs on.
    enum Database {
        case sqlite(URL)
        case postgres(PostgresLocation)
    }

    /// The database `--db` (else `EDULINK_DB`, else the default file) names; a URL of another kind
    /// is refused with a clear message.
    func selectedDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Database {
        var text = [database, environment["EDULINK_DB"]].compactMap { $0 }.first { !$0.isEmpty }
        if let value = text {
            if value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") {
                do {
                    return .postgres(try PostgresLocation(url: value))
                } catch {
                    throw CommandFailure("\(value) is not a PostgreSQL URL; write postgres://user@host:5432/database")
                }
            } else if value.hasPrefix("sqlite://") {
                text = String(value.dropFirst("sqlite://".count))
            } else if value.hasPrefix("sqlite:") {
                text = String(value.dropFirst("sqlite:".count))
            } else if value.contains("://") {
                throw CommandFailure(
                    "\(value.prefix(while: { $0 != ":" })) URLs are not supported; use a SQLite file "
                        + "(--db sqlite:PATH or a path) or --db postgres://user@host:5432/database")
            }
        }
        return .sqlite(EdulinkPaths(environment: environment).database(option: text))
    }

    var stateURL: URL {
        if let stateDirectory, !stateDirectory.isEmpty {
            return URL(fileURLWithPath: (stateDirectory as NSString).expandingTildeInPath, isDirectory: true)
        }
        return EdulinkPaths().stateDirectory.appendingPathComponent("server", isDirectory: true)
    }
}
