import EdulinkCore
import EdulinkPostgres
import EdulinkTUI
import Foundation

/// The database a command works on: a SQLite file on this machine or a PostgreSQL database.
///
/// Every command finds it the same way, the first that names one deciding: `--db`, then
/// `EDULINK_DB`, then config.toml's `database`, then the default file
/// (`$XDG_DATA_HOME/edulink/edulink.sqlite`). Each may be a path, `sqlite:PATH`, or a
/// `postgres://user@host:5432/database` URL.
enum DatabaseLocation: Equatable {
    case sqlite(URL)
    case postgres(PostgresLocation)

    /// The file's path, or the URL without its password: for messages.
    var described: String {
        switch self {
        case .sqlite(let url): url.path
        case .postgres(let location): location.redacted
        }
    }

    /// The SQLite file, if this is one.
    var file: URL? {
        if case .sqlite(let url) = self { return url }
        return nil
    }

    /// `text` as a location: a `postgres://` or `postgresql://` URL, `sqlite:PATH` (or
    /// `sqlite://PATH`), or a path (`~` expanded). `origin` names where the text came from in messages.
    static func parse(_ text: String, origin: String) throws -> DatabaseLocation {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            do {
                return .postgres(try PostgresLocation(url: text))
            } catch let error as EdulinkError where error.fieldErrors.map(\.field) == ["sslmode"] {
                // The URL is one; its TLS mode is not (the message lists the modes).
                throw CommandFailure(
                    "\(origin): \(error.fieldErrors.map(\.message).joined())", exitCode: CommandFailure.usageExitCode)
            } catch {
                throw CommandFailure(
                    "\(origin): \(redacting(text)) is not a PostgreSQL URL; write postgres://user@host:5432/database",
                    exitCode: CommandFailure.usageExitCode)
            }
        }
        var path = text
        if text.hasPrefix("sqlite://") {
            path = String(text.dropFirst("sqlite://".count))
        } else if text.hasPrefix("sqlite:") {
            path = String(text.dropFirst("sqlite:".count))
        } else if let scheme = text.range(of: "://").map({ text[..<$0.lowerBound] }),
            !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        {
            throw CommandFailure(
                "\(origin): \(scheme) URLs are not supported; use a SQLite file (a path or sqlite:PATH) "
                    + "or postgres://user@host:5432/database",
                exitCode: CommandFailure.usageExitCode)
        }
        guard !path.isEmpty else {
            throw CommandFailure("\(origin): no file named after sqlite:", exitCode: CommandFailure.usageExitCode)
        }
        return .sqlite(URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL)
    }

    /// The database the option, the environment, config.toml or the default names, in that order.
    static func resolve(
        option: String?, environment: [String: String], config: ConfigurationFile, configPath: String,
        paths: EdulinkPaths
    ) throws -> DatabaseLocation {
        if let text = nonEmpty(option) { return try parse(text, origin: "--db") }
        if let text = nonEmpty(environment["EDULINK_DB"]) { return try parse(text, origin: "EDULINK_DB") }
        if let text = nonEmpty(config.database) { return try parse(text, origin: "\(configPath): database") }
        return .sqlite(paths.defaultDatabase)
    }

    /// The same, reading this process's environment and config.toml.
    static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> DatabaseLocation
    {
        let configPath = ConfigurationFile.defaultPath(environment: environment)
        return try resolve(
            option: option, environment: environment, config: ConfigurationFile.load(path: configPath),
            configPath: configPath, paths: EdulinkPaths(environment: environment))
    }

    /// A URL with its password replaced, so a mistyped one is not echoed into logs.
    static func redacting(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }

    private static func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
}
