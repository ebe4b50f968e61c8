import AsyncHTTPClient
import EdulinkCore
import EdulinkSQLite
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Testing

@testable import EdulinkServer

/// A running server with a seeded database, and raw HTTP against it.
struct SecurityServer: Sendable {
    let url: String
    let started: StartedServer
    /// With `metricsListen`: where `/metrics` is served apart, and its listener.
    var metricsURL: String?
    var metrics: StartedServer?
    let clock: ManualTimeSource
    let service: EdulinkService
    let store: any ServerStateStore & StoreMaintenance
    let directory: URL
    let tearDown: @Sendable () async -> Void
    /// Runs SQL behind the server's back (see ``ServerBackend/World/damage``).
    let damage: @Sendable (_ sql: String) async throws -> Void
    /// Opens a second store on the same database (see ``ServerBackend/World/sibling``).
    let sibling: @Sendable () async throws -> ServerBackend.Sibling
    let applicationID: ApplicationID
    let listingID: ListingID
    /// Whether another instance learns of a change by a notification that arrives after the
    /// commit (PostgreSQL's `LISTEN`), rather than at its next request (SQLite reads the counters).
    var notifiedLater = false
    /// The server's search pages (`SearchCache`), nil when it keeps none.
    var searchCache: SearchCache?
    static let password = "a long demo password"

    /// Starts a server over a fresh database of `backend`, runs `body` against it, and stops it.
    static func run(
        on backend: ServerBackend, configure: @Sendable (inout ServerConfiguration) -> Void = { _ in },
        _ body: (SecurityServer) async throws -> Void
    ) async throws {
        let server = try await start(on: backend, configure: configure)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A server over a fresh database of `backend`: no request limit unless `configure` sets one.
    static func start(on backend: ServerBackend, configure: (inout ServerConfiguration) -> Void = { _ in })
        async throws -> SecurityServer
    {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edulink-sec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let clock = ManualTimeSource(Date(timeIntervalSince1970: 1_790_000_000))
        let world = try await backend.make(clock)
        let store = world.store
        let service = Self.service(store, clock: clock, directory: directory)
        let op = Principal.localOperator()
        let institution = try await service.acting(as: op).createInstitution(
            Institution(name: "University of Nairobi", shortCode: "UON", type: .university, verified: true))
        let organization = try await service.acting(as: op).createOrganization(
            Organization(
                name: "Kusi Payments", industry: "Fintech", size: .medium, location: "Nairobi",
                description: "Payments for East African merchants.", createdAt: clock.now()))
        try await service.acting(as: op).setOrganizationVerified(organization.id, verified: true)
        let employer = try await service.acting(as: op).createUser(
            NewAccount(
                email: "employer@kusi.example", displayName: "Employer", role: .employer, password: password,
                organizationID: organization.id))
        _ = try await service.acting(as: op).createUser(
            NewAccount(email: "admin@edulink.test", displayName: "Admin", role: .admin, password: password))
        var students: [Principal] = []
        for index in 0..<2 {
            let user = try await service.acting(as: op).createUser(
                NewAccount(
                    email: "student\(index)@uon.example", displayName: "Student \(index)", role: .student,
                    password: password, institutionID: institution.id))
            let principal = Principal(
                userID: user.id, role: .student, institutionID: institution.id, origin: .api)
            _ = try await service.acting(as: principal).updateProfile(
                ProfileUpdate(
                    displayName: "Student \(index)", phone: "+254712000\(100 + index)",
                    content: ProfileContent(
                        registrationNumber: "P15/\(1000 + index)/2023", yearOfStudy: 3, course: "Computer Science",
                        skills: ["Python", "SQL"], interests: ["fintech"], githubURL: "https://github.com/s\(index)",
                        resumePath: "~/cv.pdf")))
            students.append(principal)
        }
        let employerPrincipal = Principal(
            userID: employer.id, role: .employer, organizationID: organization.id, origin: .api)
        let draft = Self.draft("Data Analyst Intern — Mobile Money", at: clock.now())
        var listing = try await service.acting(as: employerPrincipal).createListing(draft)
        listing = try await service.acting(as: employerPrincipal).changeListing(listing.id, .submit, reason: nil)
        listing = try await service.acting(as: op).changeListing(listing.id, .verify, reason: nil)
        let application = try await service.acting(as: students[0]).apply(
            ApplicationDraft(
                listingID: listing.id,
                coverLetter: String(repeating: "I built dashboards for my campus club and want to learn. ", count: 3)))
        var configuration = Self.configuration(directory: directory)
        configure(&configuration)
        let server = try await EdulinkServer(
            service: service, store: store, configuration: configuration, logger: Self.quietLogger)
        let started = try await StartedServer.start { try server.application(onRunning: $0) }
        var running = SecurityServer(
            url: "http://127.0.0.1:\(started.port)", started: started, clock: clock, service: service, store: store,
            directory: directory, tearDown: world.tearDown, damage: world.damage, sibling: world.sibling,
            applicationID: application.id, listingID: listing.id)
        running.notifiedLater = backend.name == "PostgreSQL"
        running.searchCache = server.service.environment.searchCache
        // On PostgreSQL the change signal listens on a connection of its own, opened beside the
        // server: until it listens, searches are answered from the store and kept nowhere. Tests that
        // count kept pages start once it does (on a busy machine that once took longer than a login
        // and two searches).
        if let cache = running.searchCache {
            let giveUp = ContinuousClock.now + .seconds(60)
            while !cache.keepsPages {
                guard ContinuousClock.now < giveUp else {
                    await running.stop()
                    throw ServerStartError.notWatchingChanges
                }
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        if server.configuration.metricsListen != nil {
            let metrics = try await StartedServer.start { onRunning in
                guard let application = server.metricsApplication(onRunning: onRunning) else {
                    throw CancellationError()
                }
                return application
            }
            running.metrics = metrics
            running.metricsURL = "http://127.0.0.1:\(metrics.port)"
        }
        return running
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "security-server")
        logger.logLevel = .critical
        return logger
    }

    static func service(_ store: any Store & StoreMaintenance, clock: ManualTimeSource, directory: URL)
        -> EdulinkService
    {
        EdulinkService(
            environment: ServiceEnvironment(
                store: store, clock: clock, hasher: BcryptHasher(cost: 4),
                passwordPolicy: PasswordPolicy(commonPasswords: []), logger: Logger(label: "security"),
                operations: OperationsEnvironment(
                    maintenance: store,
                    probe: FixedSystemProbe(
                        figures: SystemFigures(
                            cpuPercent: nil, memoryPercent: nil, load1: nil, processMemoryBytes: nil), disk: nil),
                    requests: nil, timesServiceCalls: false, dataDirectory: directory.path)))
    }

    static func configuration(directory: URL) -> ServerConfiguration {
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, stateDirectory: directory.appendingPathComponent("state"),
            requestsPerWindow: 1_000_000)
        configuration.maxBodyBytes = 256 * 1024
        return configuration
    }

    /// A second server instance over the same database, as behind a load balancer: its own store
    /// (connections), service and rate-limit counters, the same signing keys (state folder) and clock.
    /// Returns its URL and how to stop it.
    func secondInstance() async throws -> (url: String, stop: @Sendable () async -> Void) {
        let sibling = try await sibling()
        let server = try await EdulinkServer(
            service: Self.service(sibling.store, clock: clock, directory: directory), store: sibling.store,
            configuration: Self.configuration(directory: directory), logger: Self.quietLogger)
        let started = try await StartedServer.start { try server.application(onRunning: $0) }
        return (
            "http://127.0.0.1:\(started.port)",
            {
                #expect(await started.stop(), "the second instance did not stop within \(StartedServer.hangBound)")
                await sibling.close()
            }
        )
    }

    /// Stops the server (and its metrics listener) within `StartedServer.hangBound` each, a failure
    /// of the test past that rather than a hung run, then removes its database and state folder.
    func stop() async {
        #expect(await started.stop(), "the server did not stop within \(StartedServer.hangBound)")
        if let metrics {
            #expect(await metrics.stop(), "the metrics listener did not stop within \(StartedServer.hangBound)")
        }
        await tearDown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A raw response.
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: String
        var json: [String: any Sendable]? {
            (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: any Sendable]
        }
    }

    func send(
        _ method: HTTPMethod, _ path: String, token: String? = nil, body: String? = nil,
        headers extra: [(String, String)] = [], at base: String? = nil
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: (base ?? url) + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            if !extra.contains(where: { $0.0.lowercased() == "content-type" }) {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
            request.body = .bytes(ByteBuffer(string: body))
        }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 8 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: buffer))
    }

    /// A valid listing draft titled `title`, its dates counted from `now`.
    static func draft(_ title: String, at now: Date) -> ListingDraft {
        let day: TimeInterval = 86_400
        return ListingDraft(
            title: title,
            description: String(repeating: "Analytics work on real questions about mobile money. ", count: 3),
            category: .technology, level: .entry, locationType: .hybrid, location: "Nairobi, Kenya",
            startDate: now.addingTimeInterval(40 * day), endDate: now.addingTimeInterval(124 * day), durationWeeks: 12,
            stipend: Stipend(amount: 25_000, currency: .kes), requiredSkills: ["SQL"],
            deadline: now.addingTimeInterval(30 * day))
    }

    /// A published listing only `institution`'s students may see (the employer submits, the operator verifies).
    func publishInstitutionOnly(for institution: InstitutionID) async throws -> Listing {
        let op = Principal.localOperator()
        guard let employer = try await store.read({ try $0.user(email: "employer@kusi.example") }) else {
            throw URLError(.userAuthenticationRequired)
        }
        let principal = Principal(
            userID: employer.id, role: .employer, organizationID: employer.organizationID, origin: .api)
        var draft = Self.draft("Campus Data Intern — Strathmore only", at: clock.now())
        draft.visibility = .institutionOnly
        draft.institutionID = institution
        let listing = try await service.acting(as: principal).createListing(draft)
        _ = try await service.acting(as: principal).changeListing(listing.id, .submit, reason: nil)
        return try await service.acting(as: op).changeListing(listing.id, .verify, reason: nil)
    }

    /// Whether `path` answers 401 to `token` at `base`, another instance than the one that made the
    /// change: at its next request on SQLite; on PostgreSQL as soon as the notification the commit
    /// sent has reached it (asked again every few milliseconds, for up to 5 s).
    func refusedElsewhere(_ path: String, token: String, at base: String) async throws -> Bool {
        let giveUp = ContinuousClock.now + .seconds(5)
        while true {
            if try await send(.GET, path, token: token, at: base).status == 401 { return true }
            guard notifiedLater, ContinuousClock.now < giveUp else { return false }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Signs in and returns the access and refresh tokens.
    func login(_ email: String, password: String = Self.password) async throws -> (access: String, refresh: String) {
        let reply = try await send(
            .POST, "/api/v1/auth/login", body: #"{"email":"\#(email)","password":"\#(password)"}"#)
        guard let json = reply.json, let access = json["accessToken"] as? String,
            let refresh = json["refreshToken"] as? String
        else { throw URLError(.userAuthenticationRequired) }
        return (access, refresh)
    }
}

/// Why a test server could not be made ready.
enum ServerStartError: Error, CustomStringConvertible {
    /// Its store's change signal did not start watching within a minute.
    case notWatchingChanges

    var description: String { "the server's change signal did not start listening within a minute" }
}
