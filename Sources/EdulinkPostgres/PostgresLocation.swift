import EdulinkCore
import Foundation

/// Where a PostgreSQL database is, and how to reach it: parsed from a
/// `postgres://user:password@host:port/database?sslmode=…&sslrootcert=…` URL.
///
/// ```swift
/// let location = try PostgresLocation(url: "postgres://edulink@127.0.0.1:5432/edulink")
/// let managed = try PostgresLocation(url: "postgres://edulink@db.example.com/edulink?sslmode=verify-full")
/// ```
public struct PostgresLocation: Sendable, Equatable {
    /// libpq's `sslmode`, with its meaning: whether the connection is encrypted, and what of the
    /// server's certificate is checked.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Never encrypted.
        case disable
        /// Encrypted when the server offers it (libpq tries without first; here it is `prefer`).
        case allow
        /// Encrypted when the server offers it, the certificate unchecked.
        case prefer
        /// Always encrypted; the certificate is checked against `sslrootcert` when one is named
        /// (as `verify-ca`), else unchecked.
        case require
        /// Always encrypted, the certificate signed by a trusted authority (any host name).
        case verifyCA = "verify-ca"
        /// Always encrypted, the certificate signed by a trusted authority and naming the host.
        case verifyFull = "verify-full"
    }

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
    /// Whether and how the connection is encrypted (`?sslmode=`): by default `disable` on this
    /// machine and `prefer` elsewhere.
    public var tls: TLSMode
    /// A PEM file of the authorities trusted to sign the server's certificate (`?sslrootcert=`);
    /// nil: the system's.
    public var rootCertificate: String?

    /// The TLS mode without `sslmode`: none for a server on this machine, TLS when offered elsewhere.
    private static func defaultTLS(forHost host: String) -> TLSMode {
        ["127.0.0.1", "localhost", "::1"].contains(host) ? .disable : .prefer
    }

    /// A location from its parts; `tls` nil is the default for the host (see ``tls``).
    public init(
        host: String, port: Int = 5432, username: String, password: String? = nil, database: String,
        tls: TLSMode? = nil, rootCertificate: String? = nil
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls ?? Self.defaultTLS(forHost: host)
        self.rootCertificate = rootCertificate
    }

    /// Parses a `postgres://` or `postgresql://` URL; the user defaults to `postgres`, the port to
    /// 5432, the database to the user's name. Of the query's parameters, `sslmode` and
    /// `sslrootcert` are read (libpq's meaning) and the others are left to libpq's programs.
    ///
    /// - Throws: `EdulinkError.validation`, field `url` when the URL is not a PostgreSQL URL, field
    ///   `sslmode` when it names a TLS mode that does not exist.
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
        let query = components.queryItems ?? []
        func parameter(_ name: String) -> String? { query.last { $0.name == name }?.value }
        var tls: TLSMode?
        if let mode = parameter("sslmode") {
            guard let known = TLSMode(rawValue: mode) else {
                let modes = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                throw EdulinkError.validation([
                    FieldError("sslmode", "sslmode=\(mode) is not a TLS mode; use one of \(modes).")
                ])
            }
            tls = known
        }
        self.init(
            host: host, port: components.port ?? 5432, username: username,
            password: components.password.flatMap { $0.removingPercentEncoding },
            database: path.isEmpty ? username : path, tls: tls,
            rootCertificate: parameter("sslrootcert").flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The same server and user, another database.
    public func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }

    /// The URL without the password, for messages and `edulink db status`: the TLS mode is named
    /// when it is not the host's default, and the authorities' file when there is one, so a command
    /// suggested with it connects as this one did.
    public var redacted: String {
        var parameters: [String] = []
        if tls != Self.defaultTLS(forHost: host) {
            parameters.append("sslmode=\(tls.rawValue)")
        }
        if let rootCertificate { parameters.append("sslrootcert=\(rootCertificate)") }
        let base = "postgres://\(username)@\(host):\(port)/\(database)"
        return parameters.isEmpty ? base : "\(base)?\(parameters.joined(separator: "&"))"
    }

    /// What libpq's programs (`pg_dump`, `pg_restore`) need beside their arguments: the password,
    /// and the same TLS mode and authorities as the store's own connections.
    var libpqEnvironment: [String: String] {
        var environment = ["PGSSLMODE": tls.rawValue]
        if let password { environment["PGPASSWORD"] = password }
        if let rootCertificate { environment["PGSSLROOTCERT"] = rootCertificate }
        return environment
    }
}
