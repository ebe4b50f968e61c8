import EdulinkCore
import Logging
import PostgresNIO

/// Creating and dropping whole databases on a server: for setting up a new deployment
/// (`edulink db create`) and for tests, which give every world a database of its own.
///
/// ```swift
/// let server = try PostgresLocation(url: "postgres://postgres@127.0.0.1:5432/postgres")
/// try await PostgresDatabaseAdmin.create("edulink_test_1", on: server)
/// try await PostgresDatabaseAdmin.drop("edulink_test_1", on: server)
/// ```
public enum PostgresDatabaseAdmin {
    /// Creates the database `name` on the server of `server` (connecting to `server.database`),
    /// copied from `template` when given — much faster than migrating an empty one.
    ///
    /// - Throws: `EdulinkError.validation` for a name that is not a plain identifier, `.conflict`
    ///   when it exists, `.unavailable` when the server cannot be reached.
    ///
    /// `connectTimeout` bounds opening the connection (tests on a busy machine pass a long one).
    public static func create(
        _ name: String, template: String? = nil, on server: PostgresLocation,
        connectTimeout: Duration = defaultConnectTimeout
    ) async throws {
        try checkIdentifier(name)
        if let template { try checkIdentifier(template) }
        let source = template.map { " TEMPLATE \"\($0)\"" } ?? ""
        try await run("CREATE DATABASE \"\(name)\"\(source)", on: server, connectTimeout: connectTimeout)
    }

    /// Drops the database `name` if it exists, ending its sessions first.
    public static func drop(
        _ name: String, on server: PostgresLocation, connectTimeout: Duration = defaultConnectTimeout
    ) async throws {
        try checkIdentifier(name)
        try await run("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)", on: server, connectTimeout: connectTimeout)
    }

    /// The names of the server's databases that begin with `prefix`, sorted.
    public static func names(
        startingWith prefix: String, on server: PostgresLocation, connectTimeout: Duration = defaultConnectTimeout
    ) async throws -> [String] {
        let logger = Logger(label: "edulink.postgres.admin")
        return try await server.withConnection(connectTimeout: connectTimeout, logger: logger) { connection in
            let rows = try await connection.query(
                "SELECT datname FROM pg_database WHERE starts_with(datname, \(prefix)) ORDER BY datname",
                logger: logger)
            var names: [String] = []
            for try await name in rows.decode(String.self) { names.append(name) }
            return names
        }
    }

    /// How long opening the connection may take unless told otherwise.
    public static let defaultConnectTimeout: Duration = .seconds(10)

    static func checkIdentifier(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy {
            ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) || $0 == "_"
        }
        guard allowed, !name.isEmpty, name.count <= 63 else {
            throw EdulinkError.validation([
                FieldError("database", "\(name) is not a database name: use letters, digits and _ (at most 63).")
            ])
        }
    }

    static func run(_ sql: String, on server: PostgresLocation, connectTimeout: Duration) async throws {
        let logger = Logger(label: "edulink.postgres.admin")
        try await server.withConnection(connectTimeout: connectTimeout, logger: logger) { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        }
    }
}
