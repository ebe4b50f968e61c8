import EdulinkCore
import Foundation

/// Where a PostgreSQL database is: parsed from a `postgres://user:password@host:port/database` URL.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://edulink@127.0.0.1:5432/edulink")
/// ```
public struct PostgresLocation: Sendable, Equatable {
    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The user to log in as.
    public var username: String
    /// The user's password; nil for `trust` or peer authentication.
    public var password: String?
    /// The database's name.
    public var database: String

    /// Whether the server is on this machine (its connections skip TLS; others prefer it).
    var isLoopback: Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }

    /// A location from its parts.
    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
    }

    /// Parses a `postgres://` or `postgresql://` URL; the user defaults to `postgres`, the port to
    /// 5432, the database to the user's name.
    ///
    /// - Throws: `EdulinkError.validation` (field `url`) when the URL is not a PostgreSQL URL.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty
        else {
            throw EdulinkError.validation([
                FieldError("url", "\(text) is not a PostgreSQL URL; write postgres://user@host:5432/database.")
            ])
        }
        let username = components.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.init(
            host: host, port: components.port ?? 5432, username: username,
            password: components.password.flatMap { $0.removingPercentEncoding },
            database: path.isEmpty ? username : path)
    }

    /// The same server and user, another database.
    public func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }

    /// The URL without the password, for messages and `edulink db status`.
    public var redacted: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    /// The URL with the password, for `pg_dump` and `pg_restore`.
    var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = username
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        return components.string ?? redacted
    }
}
