import EdulinkCore
import EdulinkPostgresTestSupport
import Foundation
import Logging
import Testing

@testable import EdulinkPostgres

/// What a location checks of the server's certificate ("none", "noHostnameVerification",
/// "fullVerification"), nil without TLS.
private func check(_ location: PostgresLocation) -> String? {
    location.tlsConfiguration.map { String("\($0.certificateVerification)".prefix { $0 != "(" }) }
}

/// `sslmode` and `sslrootcert` in a PostgreSQL URL, read as libpq reads them.
@Suite("PostgreSQL URL: TLS settings")
struct PostgresLocationTLSTests {
    @Test("without sslmode, this machine is reached in the clear and another host with TLS when it offers it")
    func defaults() throws {
        #expect(try PostgresLocation(url: "postgres://edulink@127.0.0.1/edulink").tls == .disable)
        #expect(try PostgresLocation(url: "postgres://edulink@localhost/edulink").tls == .disable)
        let remote = try PostgresLocation(url: "postgres://edulink@db.example.com/edulink")
        #expect(remote.tls == .prefer)
        #expect(check(remote) == "none")
        #expect(!remote.requiresTLS)
        #expect(remote.redacted == "postgres://edulink@db.example.com:5432/edulink")
    }

    @Test("each sslmode decides whether TLS is required and what of the certificate is checked")
    func modes() throws {
        func location(_ query: String) throws -> PostgresLocation {
            try PostgresLocation(url: "postgres://edulink:secret@db.example.com:6543/edulink?\(query)")
        }
        #expect(try location("sslmode=disable").tlsConfiguration == nil)
        #expect(try location("sslmode=allow").requiresTLS == false)
        let require = try location("sslmode=require")
        #expect(require.requiresTLS)
        #expect(check(require) == "none")
        // libpq: `require` with a root certificate checks the authority, as verify-ca.
        let requireWithRoot = try location("sslmode=require&sslrootcert=/etc/edulink/ca.pem")
        #expect(check(requireWithRoot) == "noHostnameVerification")
        #expect(try check(location("sslmode=verify-ca")) == "noHostnameVerification")
        let full = try location("sslmode=verify-full&sslrootcert=/etc/edulink/ca.pem")
        #expect(check(full) == "fullVerification")
        #expect(full.rootCertificate == "/etc/edulink/ca.pem")
        #expect(
            full.redacted
                == "postgres://edulink@db.example.com:6543/edulink?sslmode=verify-full&sslrootcert=/etc/edulink/ca.pem")
        // pg_dump and pg_restore connect the same way.
        #expect(
            full.libpqEnvironment == [
                "PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/etc/edulink/ca.pem", "PGPASSWORD": "secret",
            ])
        #expect(full.database("other").tls == .verifyFull)
    }

    @Test("an sslmode that does not exist is refused, naming the ones that do")
    func unknownMode() {
        let error = #expect(throws: EdulinkError.self) {
            try PostgresLocation(url: "postgres://edulink@db.example.com/edulink?sslmode=requre")
        }
        #expect(
            error?.fieldErrors == [
                FieldError(
                    "sslmode",
                    "sslmode=requre is not a TLS mode; use one of disable, allow, prefer, require, verify-ca, verify-full."
                )
            ])
    }
}

/// Connections with TLS to the test cluster, which `scripts/postgres-test-cluster.sh` starts with a
/// certificate authority of its own (named in the server's `ssl_ca_file`).
@Suite("PostgreSQL connections with TLS", .enabled(if: TestPostgres.enabled), .timeLimit(.minutes(10)))
struct PostgresTLSConnectionTests {
    static let logger = Logger(label: "test.postgres.tls")

    /// The test cluster's authority, or nil (a note; a failure with CI=true) when it runs without TLS.
    static func authority() async throws -> String? {
        let (store, database) = try await TestPostgres.makeStore(clock: SystemTimeSource(), maximumConnections: 1)
        let settings = try? await store.onConnection { db in
            try db.query("SELECT current_setting('ssl') AS ssl, current_setting('ssl_ca_file') AS ca").rows.first.map {
                let reader = PostgresRowReader($0)
                return (try reader.string("ssl"), try reader.string("ca"))
            }
        }
        await store.shutdown()
        await database.drop()
        guard let settings = settings ?? nil, settings.0 == "on", !settings.1.isEmpty else {
            if TestPostgres.required {
                Issue.record("the test cluster runs without TLS: scripts/postgres-test-cluster.sh needs openssl")
            } else {
                print("note: PostgreSQL TLS tests skipped: the server runs without TLS")
            }
            return nil
        }
        return settings.1
    }

    @Test(
        "verify-full with the server's authority connects encrypted, the pool too; the system's authorities are refused with a TLS message"
    )
    func verifiedConnections() async throws {
        let server = try TestPostgres.server()
        guard let authority = try await Self.authority() else { return }
        let database = try await TestPostgres.makeDatabase()
        do {
            var verified = database.location
            verified.tls = .verifyFull
            verified.rootCertificate = authority
            let store = try await PostgresStore(
                location: verified, maximumConnections: 2, connectTimeout: TestPostgres.connectTimeout,
                logger: Self.logger)
            let encrypted = try await store.onConnection { db in
                try db.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").rows.first.map {
                    try PostgresRowReader($0).bool("ssl")
                }
            }
            #expect(encrypted == true, "the pool's connection is encrypted")
            await store.shutdown()

            var required = database.location
            required.tls = .require
            try await required.checkConnection(connectTimeout: TestPostgres.connectTimeout, logger: Self.logger)

            var unknownAuthority = database.location
            unknownAuthority.tls = .verifyFull
            let error = await #expect(throws: EdulinkError.self) {
                try await unknownAuthority.checkConnection(
                    connectTimeout: TestPostgres.connectTimeout, logger: Self.logger)
            }
            guard case .unavailable(let message) = error else {
                Issue.record("expected unavailable, got \(String(describing: error))")
                await database.drop()
                return
            }
            #expect(message.hasPrefix("The TLS handshake with PostgreSQL at \(server.host):\(server.port) failed"))
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }
}
