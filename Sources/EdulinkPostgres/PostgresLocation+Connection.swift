import EdulinkCore
import Logging
import NIOSSL
import PostgresNIO

/// How Edulink connects to a location: the TLS settings of its `sslmode` (as libpq reads it) for the
/// store's pool, and one configuration for every single connection (the store's check at start, its
/// listening connection, `PostgresDatabaseAdmin`'s).
extension PostgresLocation {
    /// A single connection's configuration, opening within `connectTimeout`.
    func connectionConfiguration(connectTimeout: Duration) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database,
            tls: try connectionTLS())
        configuration.options.connectTimeout = .init(connectTimeout)
        return configuration
    }

    /// Runs `work` on a connection of its own, opened within `connectTimeout` and closed after.
    /// Whatever goes wrong, from connecting to `work`'s statements, is told in its own words: a wrong
    /// database, user, password or TLS setting, a refused connection.
    ///
    /// - Throws: `EdulinkError` saying what went wrong (an `EdulinkError` of `work` unchanged).
    func withConnection<T: Sendable>(
        connectTimeout: Duration, logger: Logger, _ work: (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try connectionConfiguration(connectTimeout: connectTimeout), id: 0, logger: logger)
            do {
                let result = try await work(connection)
                try await connection.close()
                return result
            } catch {
                try? await connection.close()
                throw error
            }
        } catch let error as EdulinkError {
            throw error
        } catch {
            throw PostgresErrorMapping.connectionError(error, location: self)
        }
    }

    /// Opens one connection and closes it, so that what keeps the store from connecting is told at
    /// once (the pool retries a connection that fails until its lease times out, and then can only
    /// say that the server was not reached).
    func checkConnection(connectTimeout: Duration, logger: Logger) async throws {
        try await withConnection(connectTimeout: connectTimeout, logger: logger) { _ in }
    }

    /// What is checked of the server's certificate, or nil when the connection is never encrypted.
    var tlsConfiguration: TLSConfiguration? {
        guard tls != .disable else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification =
            switch tls {
            case .verifyFull: .fullVerification
            case .verifyCA: .noHostnameVerification
            // libpq: with a root certificate named, `require` checks the authority as `verify-ca`.
            case .require where rootCertificate != nil: .noHostnameVerification
            default: .none
            }
        if let rootCertificate { configuration.trustRoots = .file(rootCertificate) }
        return configuration
    }

    /// Whether a server without TLS is refused rather than spoken to in the clear.
    var requiresTLS: Bool { [.require, .verifyCA, .verifyFull].contains(tls) }

    /// The pool's setting.
    var clientTLS: PostgresClient.Configuration.TLS {
        guard let configuration = tlsConfiguration else { return .disable }
        return requiresTLS ? .require(configuration) : .prefer(configuration)
    }

    /// A single connection's setting. Its context is made here, so an `sslrootcert` that cannot be
    /// read fails at once, saying so (the store checks it before its pool starts).
    ///
    /// - Throws: `EdulinkError.unavailable` naming the file.
    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        guard let configuration = tlsConfiguration else { return .disable }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw EdulinkError.unavailable(
                "sslrootcert=\(rootCertificate ?? "") in the PostgreSQL URL cannot be used (\(error)); name a "
                    + "readable PEM file of certificate authorities.")
        }
        return requiresTLS ? .require(context) : .prefer(context)
    }

    /// Whether `error` is a failed TLS handshake (an unknown authority, a certificate for another
    /// host), for a message that points at the URL's TLS settings rather than at the server.
    static func isHandshakeFailure(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError
    }
}
