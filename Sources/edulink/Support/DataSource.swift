import EdulinkTUI
import Foundation

/// Where the terminal app's data lives: a database it opens itself (a SQLite file, or PostgreSQL)
/// or an Edulink server.
///
/// The first level that names one decides — the options (`--db`, `--server`), then the environment
/// (`EDULINK_DB`, `EDULINK_SERVER`), then config.toml (`database`, `server`), then the default file.
/// A level that names both is a usage error: the app will not guess where the data should go.
enum DataSource: Equatable {
    case local(DatabaseLocation)
    case server(URL)

    static func resolve(
        database: String?, server: String?, environment: [String: String], config: ConfigurationFile,
        configPath: String, paths: EdulinkPaths
    ) throws -> DataSource {
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        func address(_ text: String, from origin: String) throws -> DataSource {
            guard let url = ServerAddress.parse(text) else {
                throw CommandFailure(
                    "\(origin): '\(text)' is not an http:// or https:// URL", exitCode: CommandFailure.usageExitCode)
            }
            return .server(url)
        }
        func both(_ first: String, _ second: String, _ hint: String) -> CommandFailure {
            CommandFailure(
                "\(first) and \(second) cannot be used together: \(hint)", exitCode: CommandFailure.usageExitCode)
        }

        switch (nonEmpty(database), nonEmpty(server)) {
        case (.some, .some):
            throw both("--db", "--server", "--db opens a file on this machine, --server an Edulink server")
        case (.some(let text), nil): return .local(try DatabaseLocation.parse(text, origin: "--db"))
        case (nil, .some(let text)): return try address(text, from: "--server")
        case (nil, nil): break
        }
        switch (nonEmpty(environment["EDULINK_DB"]), nonEmpty(environment["EDULINK_SERVER"])) {
        case (.some, .some):
            throw both("EDULINK_DB", "EDULINK_SERVER", "unset one, or choose with --db or --server")
        case (.some(let text), nil): return .local(try DatabaseLocation.parse(text, origin: "EDULINK_DB"))
        case (nil, .some(let text)): return try address(text, from: "EDULINK_SERVER")
        case (nil, nil): break
        }
        switch (config.database, config.server) {
        case (.some, .some):
            throw both("database", "server", "\(configPath) sets both; keep one, or choose with --db or --server")
        case (.some(let text), nil): return .local(try DatabaseLocation.parse(text, origin: "\(configPath): database"))
        case (nil, .some(let url)): return .server(url)
        case (nil, nil): return .local(.sqlite(paths.defaultDatabase))
        }
    }
}
