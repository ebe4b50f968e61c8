import ArgumentParser
import Foundation

/// `--db sqlite:PATH|PATH|postgres://…` and `--state-dir`, for the commands that run or prepare a server.
struct ServerOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database: a SQLite file (optionally written sqlite:PATH) or a postgres://user@host:port/db URL.",
            discussion:
                "Defaults to $EDULINK_DB, else config.toml's database, else $XDG_DATA_HOME/edulink/edulink.sqlite.",
            valueName: "url-or-path"))
    var database: String?

    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp(
            "Where the server keeps its signing keys.", discussion: "Defaults to $XDG_STATE_HOME/edulink/server.",
            valueName: "path"))
    var stateDirectory: String?

    /// The database `--db` (else `EDULINK_DB`, else config.toml's `database`, else the default file)
    /// names: the same resolution as every other command.
    func selectedDatabase(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> DatabaseLocation
    {
        try DatabaseLocation.resolve(option: database, environment: environment)
    }

    var stateURL: URL {
        if let stateDirectory, !stateDirectory.isEmpty {
            return URL(fileURLWithPath: (stateDirectory as NSString).expandingTildeInPath, isDirectory: true)
        }
        return EdulinkPaths().serverStateDirectory
    }
}
