import ArgumentParser
import Foundation

/// `--db sqlite:PATH|PATH` and `--state-dir`, for the commands that run or prepare a server.
struct ServerOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database: a SQLite file, optionally written sqlite:PATH.",
            discussion: "Defaults to $EDULINK_DB, else $XDG_DATA_HOME/edulink/edulink.sqlite.",
            valueName: "url-or-path"))
    var database: String?

    @Option(
        name: .customLong("state-dir"),
        help: ArgumentHelp(
            "Where the server keeps its signing keys.", discussion: "Defaults to $XDG_STATE_HOME/edulink/server.",
            valueName: "path"))
    var stateDirectory: String?

    /// The SQLite file; any other kind of URL is refused with a clear message.
    func databaseURL() throws -> URL {
        var text = database
        if let value = text {
            if value.hasPrefix("sqlite://") {
                text = String(value.dropFirst("sqlite://".count))
            } else if value.hasPrefix("sqlite:") {
                text = String(value.dropFirst("sqlite:".count))
            } else if value.contains("://") {
                throw CommandFailure(
                    "this build serves SQLite databases only (--db sqlite:PATH or a file path); \(value.prefix(while: { $0 != ":" })) URLs are not supported yet"
                )
            }
        }
        return EdulinkPaths().database(option: text)
    }

    var stateURL: URL {
        if let stateDirectory, !stateDirectory.isEmpty {
            return URL(fileURLWithPath: (stateDirectory as NSString).expandingTildeInPath, isDirectory: true)
        }
        return EdulinkPaths().stateDirectory.appendingPathComponent("server", isDirectory: true)
    }
}
