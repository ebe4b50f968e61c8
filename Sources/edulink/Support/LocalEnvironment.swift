import EdulinkCore
import EdulinkDemo
import EdulinkSQLite
import Foundation
import Logging

/// The one place the command line opens a database and builds the service over it.
///
/// Commands act as `Principal.localOperator(origin: .cli)`: whoever can write the database file
/// may administer it, and every change is still audited (origin `cli`).
struct LocalEnvironment: Sendable {
    let databaseURL: URL
    let store: SQLiteStore
    let service: EdulinkService
    let principal = Principal.localOperator(origin: .cli)
    /// The service acting as the command line's operator.
    var asOperator: EdulinkService { service.acting(as: principal) }

    /// Opens an existing database (refusing a missing one).
    static func open(_ options: DatabaseOptions, migrate: Bool = true) async throws -> LocalEnvironment {
        try LocalEnvironment(databaseURL: try options.existingURL(), migrate: migrate)
    }

    /// Opens `databaseURL`, creating the file (0600, its folder 0700) when it does not exist.
    ///
    /// `measuresRequests`: whether this process's repository calls are the request figures of the
    /// health checks (the terminal app). One-shot commands (`doctor`, `jobs run`) leave them
    /// unmeasured, so their evaluation neither raises nor clears the request alerts of the processes
    /// that do serve requests.
    init(
        databaseURL: URL, migrate: Bool = true, probe: any SystemProbe = ProcSystemProbe(),
        measuresRequests: Bool = false
    ) throws {
        let isNew = !FileManager.default.fileExists(atPath: databaseURL.path)
        if isNew {
            try EdulinkPaths.createPrivateDirectory(databaseURL.deletingLastPathComponent())
        }
        let store = try SQLiteStore(path: databaseURL.path, migrate: migrate, clock: SystemTimeSource())
        if isNew {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: databaseURL.path)
        }
        try self.init(databaseURL: databaseURL, store: store, probe: probe, measuresRequests: measuresRequests)
    }

    init(
        databaseURL: URL, store: SQLiteStore, probe: any SystemProbe = ProcSystemProbe(), measuresRequests: Bool = false
    ) throws {
        self.databaseURL = databaseURL
        self.store = store
        self.service = EdulinkService(
            environment: ServiceEnvironment(
                store: store, hasher: Self.hasher(), passwordPolicy: try Self.passwordPolicy(),
                logger: Logger(label: "edulink.cli"),
                operations: OperationsEnvironment(
                    maintenance: store, probe: probe, requests: measuresRequests ? RequestMetrics() : nil,
                    timesServiceCalls: measuresRequests,
                    dataDirectory: databaseURL.deletingLastPathComponent().path)))
    }

    /// The password policy with the bundled list of common passwords.
    static func passwordPolicy() throws -> PasswordPolicy {
        do {
            return try PasswordPolicy(commonPasswordsFile: try DemoResources.commonPasswordsURL)
        } catch let error as DemoResourcesError {
            throw CommandFailure(error.description)
        }
    }

    /// bcrypt at cost 12; `EDULINK_BCRYPT_COST` may lower it (not below 4) to keep tests fast.
    static func hasher(environment: [String: String] = ProcessInfo.processInfo.environment) -> BcryptHasher {
        guard let text = environment["EDULINK_BCRYPT_COST"], let cost = UInt8(text) else { return BcryptHasher() }
        return BcryptHasher(cost: min(max(cost, 4), 12))
    }
}
