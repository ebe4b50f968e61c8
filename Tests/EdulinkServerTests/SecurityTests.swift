import AsyncHTTPClient
import EdulinkCore
import Foundation
import NIOHTTP1
import Testing

/// Attacks on a running server with raw HTTP: no 5xx, nothing leaked, nothing written.
@Suite("Security: the running server", .serialized, .timeLimit(.minutes(10)))
struct SecurityTests {
    /// Every operation of the document, with its path's parameters filled in.
    static func operations() throws -> [(method: String, path: String, operationID: String)] {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        var result: [(String, String, String)] = []
        var path = ""
        var method = ""
        for line in lines {
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()) }
            if ["    get:", "    post:", "    put:", "    delete:"].contains(line) {
                method = line.trimmingCharacters(in: .whitespaces).dropLast().uppercased()
            }
            if line.hasPrefix("      operationId: ") {
                let filled = path.replacing(/\{[A-Za-z]+\}/, with: "1")
                result.append((method, filled, String(line.dropFirst("      operationId: ".count))))
            }
        }
        return result
    }

    static func assertClean(_ reply: SecurityServer.Reply, _ context: String) {
        #expect(reply.status < 500, "\(context) answered \(reply.status): \(reply.body)")
        #expect(!reply.body.contains("$2"), "\(context) leaked something like a bcrypt hash")
        #expect(!reply.body.lowercased().contains("passwordhash"), "\(context) leaked a password hash field")
        #expect(!reply.body.contains("Fatal error") && !reply.body.contains(".swift:"), "\(context) leaked a trace")
    }

    @Test(
        "every endpoint without a token is 401, except signing in or up, refreshing and verifying a completion record",
        arguments: ServerBackend.all)
    func withoutToken(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let operations = try Self.operations()
            #expect(operations.count >= 50)
            // A completion record's code is checked by whoever holds the printed record: no sign-in,
            // and an unknown code is simply not found.
            let verify = try await server.send(.GET, "/api/v1/completions/EDU-AAAA-BBBB-CCCC", body: nil)
            #expect(verify.status == 404)
            Self.assertClean(verify, "verifyCompletion")
            // Signing up needs a registration code, not a token; a guessed code gets the one refusal.
            let signUp = try await server.send(
                .POST, "/api/v1/auth/signup",
                body:
                    #"{"code":"EDUUON26-01","displayName":"Eve","email":"eve@example.com","password":"a long password"}"#
            )
            #expect(signUp.status == 409)
            #expect(signUp.body.contains("registration_code_invalid"))
            Self.assertClean(signUp, "signUp")
            for operation in operations
            where !["login", "signUp", "refresh", "verifyCompletion"].contains(operation.operationID) {
                let reply = try await server.send(
                    HTTPMethod(rawValue: operation.method), operation.path, body: operation.method == "GET" ? nil : "{}"
                )
                #expect(reply.status == 401, "\(operation.method) \(operation.path) answered \(reply.status)")
                #expect(reply.headers.first(name: "WWW-Authenticate") == "Bearer")
                Self.assertClean(reply, operation.operationID)
            }
        }
    }

    @Test(
        "a student's token on employer and admin endpoints is refused and writes nothing", arguments: ServerBackend.all)
    func studentOnPrivilegedEndpoints(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let student = try await server.login("student1@uon.example")
            let attempts: [(HTTPMethod, String, String?)] = [
                (.GET, "/api/v1/admin/users", nil), (.GET, "/api/v1/admin/audit-events", nil),
                (.GET, "/api/v1/admin/security-events", nil), (.GET, "/api/v1/admin/health", nil),
                (.POST, "/api/v1/admin/users/1/disable", nil),
                (.PUT, "/api/v1/admin/users/1/role", #"{"role":"admin"}"#),
                (.GET, "/api/v1/listings/\(server.listingID)/applicants", nil),
                (.POST, "/api/v1/applications/\(server.applicationID)/moves", #"{"kind":"shortlist"}"#),
                (.PUT, "/api/v1/applications/\(server.applicationID)/notes", #"{"notes":"x"}"#),
                (.POST, "/api/v1/listings/\(server.listingID)/events", #"{"event":"close"}"#),
                (.GET, "/api/v1/listings/verification-queue", nil),
            ]
            for (method, path, body) in attempts {
                let reply = try await server.send(method, path, token: student.access, body: body)
                #expect([403, 404].contains(reply.status), "\(method) \(path) answered \(reply.status)")
                Self.assertClean(reply, path)
            }
            let application = try await server.store.read { try $0.application(server.applicationID) }
            #expect(application?.status == .pending)
            #expect(application?.notes == nil)
            let users = try await server.store.read { try $0.users(matching: nil, role: .admin, after: nil, limit: 10) }
            #expect(users.count == 1)
        }
    }

    @Test("one student's token on another's application is 404", arguments: ServerBackend.all)
    func idor(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let other = try await server.login("student1@uon.example")
            for (method, path, body) in [
                (HTTPMethod.GET, "/api/v1/applications/\(server.applicationID)", nil as String?),
                (.POST, "/api/v1/applications/\(server.applicationID)/withdrawal", "{}"),
            ] {
                let reply = try await server.send(method, path, token: other.access, body: body)
                #expect(reply.status == 404)
                #expect(!reply.body.contains("campus club"))
            }
            let owner = try await server.login("student0@uon.example")
            #expect(
                try await server.send(.GET, "/api/v1/applications/\(server.applicationID)", token: owner.access).status
                    == 200)
        }
    }

    @Test("tampered, alg none, expired and unknown-kid tokens are 401", arguments: ServerBackend.all)
    func badTokens(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let good = try await server.login("student0@uon.example").access
            #expect(try await server.send(.GET, "/api/v1/me", token: good).status == 200)
            let parts = good.split(separator: ".").map(String.init)
            func b64(_ text: String) -> String {
                Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            }
            let payload = String(decoding: Data(base64Encoded: Self.padded(parts[1])) ?? Data(), as: UTF8.self)
            let escalated = b64(payload.replacingOccurrences(of: "\"sub\":\"", with: "\"sub\":\"1"))
            let tampered = [parts[0], escalated, parts[2]].joined(separator: ".")
            let none = [b64(#"{"alg":"none","typ":"JWT"}"#), parts[1], ""].joined(separator: ".")
            let unknownKid = [b64(#"{"alg":"HS256","kid":"k0-nope","typ":"JWT"}"#), parts[1], parts[2]].joined(
                separator: ".")
            for token in [tampered, none, unknownKid, "garbage", good + "x"] {
                let reply = try await server.send(.GET, "/api/v1/me", token: token)
                #expect(reply.status == 401, "\(token.prefix(30)) answered \(reply.status)")
            }
            server.clock.advance(by: 16 * 60)
            #expect(try await server.send(.GET, "/api/v1/me", token: good).status == 401)
        }
    }

    static func padded(_ text: String) -> String {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        return base64
    }

    @Test(
        "a reused refresh token ends the session: the fresh tokens stop working and token_reuse is recorded",
        arguments: ServerBackend.all)
    func refreshReuse(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let first = try await server.login("student0@uon.example")
            let rotated = try await server.send(
                .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(first.refresh)"}"#)
            #expect(rotated.status == 200)
            let fresh = try #require(rotated.json?["refreshToken"] as? String)
            let freshAccess = try #require(rotated.json?["accessToken"] as? String)
            #expect(try await server.send(.GET, "/api/v1/me", token: freshAccess).status == 200)
            let reuse = try await server.send(
                .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(first.refresh)"}"#)
            #expect(reuse.status == 401)
            #expect(
                try await server.send(.POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(fresh)"}"#).status
                    == 401)
            #expect(try await server.send(.GET, "/api/v1/me", token: freshAccess).status == 401)
            let events = try await server.store.read {
                try $0.securityEvents(kind: .tokenReuse, userID: nil, since: nil, limit: 10)
            }
            #expect(events.count == 1)
            // Logout ends a session the same way.
            let other = try await server.login("student1@uon.example")
            #expect(try await server.send(.POST, "/api/v1/auth/logout", token: other.access, body: "{}").status == 204)
            #expect(try await server.send(.GET, "/api/v1/me", token: other.access).status == 401)
        }
    }

    @Test(
        "a password change ends the user's other sessions and keeps the caller's; an admin's lock or reset ends them all",
        arguments: ServerBackend.all)
    func passwordChangeEndsOtherSessions(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let laptop = try await server.login("student0@uon.example")
            let phone = try await server.login("student0@uon.example")
            let change = try await server.send(
                .POST, "/api/v1/me/password", token: laptop.access,
                body: #"{"current":"\#(SecurityServer.password)","new":"another long passphrase 42"}"#)
            #expect(change.status == 204)
            #expect(try await server.send(.GET, "/api/v1/me", token: laptop.access).status == 200)
            #expect(try await server.send(.GET, "/api/v1/me", token: phone.access).status == 401)
            let refreshed = try await server.send(
                .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(phone.refresh)"}"#)
            #expect(refreshed.status == 401)
            // The caller's own session goes on, refresh included.
            let own = try await server.send(
                .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(laptop.refresh)"}"#)
            #expect(own.status == 200)

            // An admin's lock ends every session of the account at once, even a fresh one.
            let other = try await server.login("student1@uon.example")
            let admin = try await server.login("admin@edulink.test")
            let student = try #require(try await server.store.read { try $0.user(email: "student1@uon.example") })
            server.clock.advance(by: 1)
            let lock = try await server.send(
                .POST, "/api/v1/admin/users/\(student.id.rawValue)/lock", token: admin.access, body: "{}")
            #expect(lock.status == 204 || lock.status == 200)
            #expect(try await server.send(.GET, "/api/v1/me", token: other.access).status == 401)
        }
    }

    @Test(
        "a student cannot move themselves to another institution through their profile to read its listings",
        arguments: ServerBackend.all)
    func institutionIsNotTheStudents(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let op = Principal.localOperator()
            let other = try await server.service.acting(as: op).createInstitution(
                Institution(name: "Strathmore University", shortCode: "SU", type: .university, verified: true))
            let listing = try await server.publishInstitutionOnly(for: other.id)
            let student = try await server.login("student0@uon.example")
            let path = "/api/v1/listings/\(listing.id.rawValue)"
            #expect(try await server.send(.GET, path, token: student.access).status == 404)

            let edit = try await server.send(
                .PUT, "/api/v1/profile", token: student.access,
                body:
                    #"{"displayName":"Student 0","institutionID":\#(other.id.rawValue),"content":{"skills":["SQL"],"interests":["fintech"],"institutionID":\#(other.id.rawValue)}}"#
            )
            #expect(edit.status == 200)
            let profile = try await server.send(.GET, "/api/v1/profile", token: student.access)
            #expect(!profile.body.contains("Strathmore"))
            #expect(try await server.send(.GET, path, token: student.access).status == 404)
            let apply = try await server.send(
                .POST, "/api/v1/applications", token: student.access,
                body:
                    #"{"listingID":\#(listing.id.rawValue),"coverLetter":"\#(String(repeating: "I want to learn. ", count: 7))","answers":[]}"#
            )
            #expect(apply.status == 404)
            let saved = try #require(try await server.store.read { try $0.user(email: "student0@uon.example") })
            #expect(saved.institutionID != other.id)
        }
    }

    @Test(
        "oversized search filters are 422 naming the field, never a server error; a failing database tells the client only a request id",
        arguments: ServerBackend.all)
    func limitsAndLeaks(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let student = try await server.login("student0@uon.example")
            let skills = (0..<1500).map { "\"skill\($0)\"" }.joined(separator: ",")
            let words = (0..<60).map { #"{"word":"w\#($0)"}"# }.joined(separator: ",")
            let long = String(repeating: "x", count: 201)
            for (body, field) in [
                (#"{"filter":{"skills":[\#(skills)]}}"#, "filter.skills"),
                (#"{"filter":{"terms":[\#(words)]}}"#, "filter.terms"),
                (#"{"filter":{"location":"\#(long)"}}"#, "filter.location"),
            ] {
                // Thirty of them, as the attack did: every one the caller's mistake.
                for _ in 0..<(field == "filter.skills" ? 30 : 1) {
                    for path in ["/api/v1/listings/search", "/api/v1/listings/count"] {
                        let reply = try await server.send(.POST, path, token: student.access, body: body)
                        #expect(reply.status == 422, "\(path) \(field): \(reply.body.prefix(300))")
                        #expect(reply.body.contains(field), "\(reply.body.prefix(300))")
                    }
                }
            }
            let admin = try await server.login("admin@edulink.test")
            let metrics = try await server.send(.GET, "/metrics", token: admin.access)
            #expect(!metrics.body.contains("status=\"5"), "\(metrics.body.prefix(2000))")

            // A database that fails under the server (a table gone): 503 with a request id, and
            // nothing of the file, the host, the SQL or the driver's words.
            try await server.damage("DROP TABLE saved_searches")
            let reply = try await server.send(.GET, "/api/v1/saved/searches", token: student.access)
            #expect(reply.status == 503 || reply.status == 500)
            #expect(reply.body.contains("request"), "\(reply.body)")
            for secret in [
                server.directory.path, "/", "sqlite", "SQLITE", "saved_searches", "relation", "SQLSTATE", "127.0.0.1",
            ] {
                #expect(!reply.body.contains(secret), "\(secret) in \(reply.body)")
            }
        }
    }

    @Test("brute force: locked after 5 failures, 429 after 10, each failure counted once", arguments: ServerBackend.all)
    func bruteForce(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            var statuses: [Int] = []
            for _ in 0..<12 {
                let reply = try await server.send(
                    .POST, "/api/v1/auth/login", body: #"{"email":"student1@uon.example","password":"wrong password"}"#)
                statuses.append(reply.status)
                if reply.status == 429 { #expect(Int(reply.headers.first(name: "Retry-After") ?? "") ?? 0 > 0) }
            }
            #expect(statuses == Array(repeating: 401, count: 10) + [429, 429])
            let user = try await server.store.read { try $0.user(email: "student1@uon.example") }
            #expect(user?.status == .locked)
            let failures = try await server.store.read {
                try $0.securityEvents(kind: .loginFailed, userID: user?.id, since: nil, limit: 50)
            }
            #expect(failures.count == 10)
            // The two refusals by the throttle are one rate_limited event (one per client per minute).
            let limited = try await server.store.read {
                try $0.securityEvents(kind: .rateLimited, userID: nil, since: nil, limit: 50)
            }
            #expect(limited.count == 1)
            #expect(limited.first?.detail == "too many failed sign-ins from this address or for one account")
        }
    }

    @Test(
        "the request limit keys on the verified user however the header is spelled, and on the address for forged tokens",
        arguments: ServerBackend.all)
    func rateLimitKeys(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend, configure: { $0.requestsPerWindow = 6 }) { server in
            // Two sign-ins spend two of the address's six requests.
            let student = try await server.login("student0@uon.example")
            let other = try await server.login("student1@uon.example")
            var statuses: [Int] = []
            for scheme in ["Bearer ", "bearer ", "BEARER  ", "Bearer\t", " Bearer ", "bearer   ", "Bearer "] {
                let reply = try await server.send(
                    .GET, "/api/v1/me", headers: [("Authorization", scheme + student.access + "  ")])
                statuses.append(reply.status)
            }
            #expect(statuses == [200, 200, 200, 200, 200, 200, 429], "\(statuses)")
            // Another user has a bucket of their own, even from the same address.
            #expect(try await server.send(.GET, "/api/v1/me", token: other.access).status == 200)
            // Random tokens are nobody: they share the address's bucket, already half spent.
            var forged: [Int] = []
            for index in 0..<6 {
                let reply = try await server.send(.GET, "/api/v1/me", token: "not-a-token-\(index)")
                forged.append(reply.status)
            }
            #expect(forged == [401, 401, 401, 401, 429, 429], "\(forged)")
            // Refused: the student once, the address twice: one event each, the user's named.
            let limited = {
                try await server.store.read {
                    try $0.securityEvents(kind: .rateLimited, userID: nil, since: nil, limit: 50)
                }
            }
            #expect(try await limited().count == 2)
            #expect(try await limited().contains { $0.userID != nil && $0.detail.contains("GET /api/v1/me") })
            // A minute later the same client refused again is recorded again.
            server.clock.advance(by: 61)
            for _ in 0..<8 { _ = try await server.send(.GET, "/api/v1/me", token: student.access) }
            #expect(try await limited().count == 3)
        }
    }

    @Test(
        "a listing the caller cannot see answers exactly as a missing one does, on every listing route",
        arguments: ServerBackend.all)
    func noListingOracle(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let op = Principal.localOperator()
            let rival = try await server.service.acting(as: op).createOrganization(
                Organization(
                    name: "Rival Analytics", industry: "Data", size: .small, location: "Mombasa",
                    description: "Another employer on the same platform.", createdAt: server.clock.now()))
            try await server.service.acting(as: op).setOrganizationVerified(rival.id, verified: true)
            _ = try await server.service.acting(as: op).createUser(
                NewAccount(
                    email: "rival@rival.example", displayName: "Rival", role: .employer,
                    password: SecurityServer.password, organizationID: rival.id))
            // Kusi's draft: nobody but Kusi (and admins) may know it exists.
            let owner = try #require(try await server.store.read { try $0.user(email: "employer@kusi.example") })
            let draft = try await server.service.acting(as: Principal(user: owner, origin: .api)).createListing(
                SecurityServer.draft("Unannounced Intern", at: server.clock.now())
            )
            let day = 86_400.0
            let iso = { (offset: Double) in server.clock.now().addingTimeInterval(offset * day).ISO8601Format() }
            let listingBody = #"""
                {"title":"Unannounced Intern","description":"\#(String(repeating: "Analytics work on real questions. ", count: 4))",
                "category":"technology","level":"entry","locationType":"hybrid","location":"Nairobi, Kenya",
                "startDate":"\#(iso(40))","endDate":"\#(iso(124))","durationWeeks":12,"requiredSkills":["SQL"],
                "preferredSkills":[],"eligibleYears":[],"eligibleCourses":[],"deadline":"\#(iso(30))","capacity":100,
                "positions":1,"visibility":"public","questions":[]}
                """#
            let letter = String(repeating: "I want to learn from your analytics team. ", count: 4)
            for email in ["student0@uon.example", "rival@rival.example"] {
                let caller = try await server.login(email)
                func probe(_ id: Int64) async throws -> [Int] {
                    var statuses: [Int] = []
                    for (method, path, body) in [
                        (HTTPMethod.GET, "/api/v1/listings/\(id)", nil as String?),
                        (.PUT, "/api/v1/listings/\(id)", listingBody),
                        (.POST, "/api/v1/listings/\(id)/extension", #"{"deadline":"\#(iso(60))"}"#),
                        (.POST, "/api/v1/listings/\(id)/duplicate", "{}"),
                        (.POST, "/api/v1/listings/\(id)/events", #"{"event":"submit"}"#),
                        (.GET, "/api/v1/listings/\(id)/applicants", nil),
                        (.PUT, "/api/v1/listings/\(id)/saved", #"{"saved":true}"#),
                        (
                            .POST, "/api/v1/applications",
                            #"{"listingID":\#(id),"coverLetter":"\#(letter)","answers":[]}"#
                        ),
                    ] {
                        statuses.append(try await server.send(method, path, token: caller.access, body: body).status)
                    }
                    return statuses
                }
                let hidden = try await probe(draft.id.rawValue)
                let missing = try await probe(9_999_999)
                #expect(hidden == missing, "\(email): hidden \(hidden), missing \(missing)")
                // Only what the role may never do (an employer saving or applying) is refused as such,
                // the same for any id; everything about the listing itself is not found.
                let expected =
                    email.hasPrefix("student")
                    ? Array(repeating: 404, count: 8) : Array(repeating: 404, count: 6) + [403, 403]
                #expect(hidden == expected, "\(email): \(hidden)")
            }
        }
    }

    @Test(
        "two instances on one database: a refresh token reused on the other instance ends the session on both; a lock or a password change on one is seen by the other",
        arguments: ServerBackend.all)
    func twoInstances(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { a in
            let (b, stopB) = try await a.secondInstance()
            do {
                // Signed in on A, refreshed on B; then the old refresh token is replayed on A.
                let first = try await a.login("student0@uon.example")
                let rotated = try await a.send(
                    .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(first.refresh)"}"#, at: b)
                #expect(rotated.status == 200)
                let fresh = try #require(rotated.json?["accessToken"] as? String)
                #expect(try await a.send(.GET, "/api/v1/me", token: fresh).status == 200)
                let replay = try await a.send(
                    .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(first.refresh)"}"#)
                #expect(replay.status == 401)
                // The whole family is gone, wherever its tokens are shown.
                #expect(try await a.refusedElsewhere("/api/v1/me", token: fresh, at: b))
                #expect(try await a.send(.GET, "/api/v1/me", token: fresh).status == 401)

                // An admin's lock on A ends the session the student holds on B.
                let student = try await a.login("student1@uon.example")
                #expect(try await a.send(.GET, "/api/v1/me", token: student.access, at: b).status == 200)
                let admin = try await a.login("admin@edulink.test")
                let user = try #require(try await a.store.read { try $0.user(email: "student1@uon.example") })
                a.clock.advance(by: 1)
                let lock = try await a.send(
                    .POST, "/api/v1/admin/users/\(user.id.rawValue)/lock", token: admin.access, body: "{}")
                #expect(lock.status == 204 || lock.status == 200)
                #expect(try await a.refusedElsewhere("/api/v1/me", token: student.access, at: b))

                // A password change on B ends the other session on A, and its refresh there.
                let laptop = try await a.login("student0@uon.example")
                let phone = try await a.login("student0@uon.example")
                let change = try await a.send(
                    .POST, "/api/v1/me/password", token: laptop.access,
                    body: #"{"current":"\#(SecurityServer.password)","new":"another long passphrase 42"}"#, at: b)
                #expect(change.status == 204)
                #expect(try await a.refusedElsewhere("/api/v1/me", token: phone.access, at: a.url))
                let refreshed = try await a.send(
                    .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(phone.refresh)"}"#)
                #expect(refreshed.status == 401)
                #expect(try await a.send(.GET, "/api/v1/me", token: laptop.access).status == 200)
            } catch {
                await stopB()
                throw error
            }
            await stopB()
        }
    }

    @Test(
        "a slow client trickling its headers or its body is cut off, and other clients are served meanwhile",
        arguments: ServerBackend.all)
    func slowloris(backend: ServerBackend) async throws {
        try await SecurityServer.run(
            on: backend,
            configure: {
                $0.requestHeadTimeout = 1
                $0.requestBodyTimeout = 1
            }
        ) { server in
            let port = try #require(URLComponents(string: server.url)?.port)
            let close = ("Connection", "close")
            let slowHead = try SlowClient(port: port)
            let slowBody = try SlowClient(port: port)
            slowHead.send("GET /healthz HTTP/1.1\r\nHost: edulink\r\n")
            slowBody.send(
                "POST /api/v1/auth/login HTTP/1.1\r\nHost: edulink\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{")
            // Each trickles a byte at a time, faster than any idle timeout, until the server hangs up.
            let trickle = Task.detached {
                var sent = 0
                while sent < 600, slowHead.send("X"), slowBody.send(" ") {
                    sent += 1
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return sent
            }
            // Meanwhile everyone else is served.
            for _ in 0..<5 {
                // Each on a connection of its own: with deadlines this short, a kept-alive one could
                // be closed by the server just as the next request goes out on it.
                #expect(try await server.send(.GET, "/healthz", headers: [close]).status == 200)
                let login = try await server.send(
                    .POST, "/api/v1/auth/login",
                    body: #"{"email":"student0@uon.example","password":"\#(SecurityServer.password)"}"#,
                    headers: [close])
                #expect(login.status == 200)
            }
            let head = await Task.detached { slowHead.readToEnd() }.value
            let body = await Task.detached { slowBody.readToEnd() }.value
            #expect(head.closed, "the trickled head was not cut off: \(head.text)")
            #expect(body.closed, "the trickled body was not cut off: \(body.text)")
            #expect(!head.text.contains("200 OK"))
            #expect(!body.text.contains("200 OK"))
            // Cut off before it could send everything it meant to.
            #expect(await trickle.value < 600)
            #expect(try await server.send(.GET, "/healthz", headers: [close]).status == 200)
        }
    }

    @Test(
        "a client that hangs up mid-request (a search typed past) is logged 499, never a server error",
        arguments: ServerBackend.all)
    func clientGoneIsNotAFault(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let port = try #require(URLComponents(string: server.url)?.port)
            let student = try await server.login("student0@uon.example")
            for _ in 0..<3 {
                let client = try SlowClient(port: port)
                client.send(
                    "POST /api/v1/listings/search HTTP/1.1\r\nHost: edulink\r\nAuthorization: Bearer \(student.access)\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"filter\":{\"terms\":[\"da")
                // Gone before the body is complete.
            }
            // Served as before, and the hang-ups are counted as the client's, not as failures.
            #expect(
                try await server.send(.POST, "/api/v1/listings/search", token: student.access, body: #"{"filter":{}}"#)
                    .status == 200)
            let admin = try await server.login("admin@edulink.test")
            var metrics = ""
            for _ in 0..<100 where !metrics.contains("status=\"499\"") {
                metrics = try await server.send(.GET, "/metrics", token: admin.access).body
                if !metrics.contains("status=\"499\"") { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(metrics.contains("status=\"499\""), "\(metrics.prefix(2000))")
            #expect(!metrics.contains("status=\"5"), "\(metrics.prefix(2000))")
        }
    }

    @Test(
        "/metrics answers admins only on the API's address; with --metrics-listen it is served there alone",
        arguments: ServerBackend.all)
    func metricsAreNotPublic(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            _ = try await server.send(.POST, "/api/v1/auth/login", body: #"{"email":"x@y.z","password":"wrong"}"#)
            #expect(try await server.send(.GET, "/metrics").status == 401)
            #expect(try await server.send(.GET, "/metrics", token: "forged").status == 401)
            let student = try await server.login("student0@uon.example")
            let refused = try await server.send(.GET, "/metrics", token: student.access)
            #expect(refused.status == 403)
            #expect(!refused.body.contains("route="))
            let admin = try await server.login("admin@edulink.test")
            let shown = try await server.send(.GET, "/metrics", token: admin.access)
            #expect(shown.status == 200)
            #expect(shown.body.contains("login"))
        }
        try await SecurityServer.run(on: backend, configure: { $0.metricsListen = ("127.0.0.1", 0) }) { server in
            let metricsURL = try #require(server.metricsURL)
            _ = try await server.send(.GET, "/healthz")
            let admin = try await server.login("admin@edulink.test")
            // Not on the API's address at all, even for an admin…
            #expect(try await server.send(.GET, "/metrics", token: admin.access).status == 404)
            // …but on its own listener, to a scraper without a token; nothing else is there.
            let scraped = try await server.send(.GET, "/metrics", at: metricsURL)
            #expect(scraped.status == 200)
            #expect(scraped.body.contains("healthz"))
            #expect(try await server.send(.GET, "/api/v1/me", token: admin.access, at: metricsURL).status == 404)
        }
    }

    @Test(
        "a restore ends every session: a session signed out after the backup does not come back with it",
        arguments: ServerBackend.all)
    func restoreEndsSessions(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let admin = try await server.login("admin@edulink.test")
            let student = try await server.login("student0@uon.example")
            let backup = try await server.send(.POST, "/api/v1/admin/data/backups", token: admin.access, body: "{}")
            #expect(backup.status == 200 || backup.status == 201, "\(backup.body)")
            let backupID = try #require(backup.json?["id"] as? Int)
            // Signed out after the backup: in the snapshot, this session is still alive.
            #expect(
                try await server.send(.POST, "/api/v1/auth/logout", token: student.access, body: "{}").status == 204)
            server.clock.advance(by: 1)
            let restore = try await server.send(
                .POST, "/api/v1/admin/data/backups/\(backupID)/restore", token: admin.access, body: "{}")
            #expect(restore.status == 200, "\(restore.body)")
            let refreshed = try await server.send(
                .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(student.refresh)"}"#)
            #expect(refreshed.status == 401, "\(refreshed.body)")
            #expect(try await server.send(.GET, "/api/v1/me", token: student.access).status == 401)
            // The admin who restored signs in again too, and can.
            #expect(try await server.send(.GET, "/api/v1/me", token: admin.access).status == 401)
            let again = try await server.login("admin@edulink.test")
            #expect(try await server.send(.GET, "/api/v1/me", token: again.access).status == 200)
        }
    }

    @Test(
        "24 wrong passwords sent at once from one address: 10 are checked, the rest are 429",
        arguments: ServerBackend.all)
    func concurrentGuesses(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        try await server.send(
                            .POST, "/api/v1/auth/login",
                            body: #"{"email":"guess\#(index)@uon.example","password":"wrong password \#(index)"}"#
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count == 10, "\(statuses.sorted())")
            #expect(statuses.filter { $0 == 429 }.count == 14, "\(statuses.sorted())")
            // The address stays at its limit for the window: the next attempt is not even checked.
            #expect(
                try await server.send(.POST, "/api/v1/auth/login", body: #"{"email":"a@b.c","password":"x"}"#).status
                    == 429)
        }
    }

    @Test(
        "oversized bodies are 413 and malformed JSON is 400, with the uniform error body", arguments: ServerBackend.all)
    func badBodies(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let token = try await server.login("student0@uon.example").access
            let huge = #"{"notes":""# + String(repeating: "a", count: 300 * 1024) + #""}"#
            let big = try await server.send(.PUT, "/api/v1/applications/1/notes", token: token, body: huge)
            #expect(big.status == 413)
            #expect((big.json?["error"] as? [String: any Sendable])?["code"] as? String == "payload_too_large")
            for body in ["{", "[]", #"{"filter": 3}"#, "\u{0}\u{1}", #"{"filter":{"terms":[{"nope":1}]}}"#] {
                let reply = try await server.send(.POST, "/api/v1/listings/search", token: token, body: body)
                #expect([400, 422].contains(reply.status), "\(body.debugDescription) answered \(reply.status)")
                Self.assertClean(reply, "search \(body.debugDescription)")
            }
        }
    }

    @Test(
        "SQL and control characters in text fields are refused with field errors or stored verbatim",
        arguments: ServerBackend.all)
    func hostileText(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let student = try await server.login("student0@uon.example").access
            let employer = try await server.login("employer@kusi.example").access
            let corpus = [
                "'; DROP TABLE users; --", "\" OR 1=1 --", "Robert'); DELETE FROM listings;--", "\u{0}nul", "bell\u{7}",
                "line\r\nbreak", "\u{202E}rtl override", "%s%n%x", "<script>alert(1)</script>", "🙂 emoji ✓",
            ]
            for text in corpus {
                let json = String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
                let requests: [(HTTPMethod, String, String, String)] = [
                    (
                        .POST, "/api/v1/listings/search", student,
                        #"{"filter":{"terms":[{"word":\#(json)}],"location":\#(json)}}"#
                    ),
                    (.POST, "/api/v1/saved/searches", student, #"{"name":\#(json),"query":\#(json)}"#),
                    (.PUT, "/api/v1/applications/\(server.applicationID)/notes", employer, #"{"notes":\#(json)}"#),
                    (.POST, "/api/v1/auth/login", "", #"{"email":\#(json),"password":\#(json)}"#),
                    (
                        .GET,
                        "/api/v1/admin/users?text=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                        employer, ""
                    ),
                ]
                for (method, path, token, body) in requests {
                    let reply = try await server.send(
                        method, path, token: token.isEmpty ? nil : token, body: body.isEmpty ? nil : body)
                    Self.assertClean(reply, "\(path) with \(text.debugDescription)")
                    if reply.status == 422 {
                        let fields = (reply.json?["error"] as? [String: any Sendable])?["fields"] as? [Any]
                        #expect(fields?.isEmpty == false)
                    }
                }
            }
            let notes = try await server.store.read { try $0.application(server.applicationID)?.notes }
            #expect(notes == nil || corpus.contains(notes ?? ""))
            #expect(try await server.store.read { try $0.countUsers(role: nil, status: nil) } == 4)
        }
    }
}
