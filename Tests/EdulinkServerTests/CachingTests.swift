import EdulinkCore
import Foundation
import Testing

/// The server's caches (sessions of access tokens, search pages) never answer what the database no
/// longer says: revocation at once, listing changes on the next search, no page across viewers.
@Suite("Caching: sessions and search pages stay right", .serialized, .timeLimit(.minutes(10)))
struct CachingTests {
    static let search = #"{"filter":{"terms":[{"word":"analyst"}]},"limit":20}"#

    /// The titles of a search's page.
    static func titles(_ reply: SecurityServer.Reply) -> [String] {
        ((reply.json?["items"] as? [[String: any Sendable]]) ?? []).compactMap { $0["title"] as? String }
    }

    @Test(
        "a disabled user's next request is 401, and a signed-out session's, with its tokens cached",
        arguments: ServerBackend.all)
    func revocationAtOnce(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let student = try await server.login("student1@uon.example")
            let admin = try await server.login("admin@edulink.test")
            for _ in 0..<3 {
                #expect(try await server.send(.GET, "/api/v1/me", token: student.access).status == 200)
                let page = try await server.send(
                    .POST, "/api/v1/listings/search", token: student.access, body: Self.search)
                #expect(page.status == 200)
            }
            let user = try #require(try await server.store.read { try $0.user(email: "student1@uon.example") })
            let disable = try await server.send(
                .POST, "/api/v1/admin/users/\(user.id.rawValue)/disable", token: admin.access, body: "{}")
            #expect(disable.status == 204 || disable.status == 200)
            #expect(try await server.send(.GET, "/api/v1/me", token: student.access).status == 401)
            let search = try await server.send(
                .POST, "/api/v1/listings/search", token: student.access, body: Self.search)
            #expect(search.status == 401)

            // Signing out ends that session's access token on its next request.
            let session = try await server.login("student0@uon.example")
            #expect(try await server.send(.GET, "/api/v1/me", token: session.access).status == 200)
            let logout = try await server.send(
                .POST, "/api/v1/auth/logout", token: session.access, body: #"{"refreshToken":"\#(session.refresh)"}"#)
            #expect(logout.status == 204)
            #expect(try await server.send(.GET, "/api/v1/me", token: session.access).status == 401)
        }
    }

    @Test(
        "a user disabled by another process on the same database (edulink user disable) is refused on the next request",
        arguments: ServerBackend.all)
    func disabledByAnotherProcess(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let student = try await server.login("student1@uon.example")
            #expect(try await server.send(.GET, "/api/v1/me", token: student.access).status == 200)
            #expect(try await server.send(.GET, "/api/v1/me", token: student.access).status == 200)
            // What the command does: its own store on the file (or database), the operator's service.
            let other = try await server.sibling()
            do {
                let service = SecurityServer.service(other.store, clock: server.clock, directory: server.directory)
                let user = try #require(try await other.store.read { try $0.user(email: "student1@uon.example") })
                try await service.acting(as: .localOperator()).disableUser(user.id)
                #expect(try await server.refusedElsewhere("/api/v1/me", token: student.access, at: server.url))
            } catch {
                await other.close()
                throw error
            }
            await other.close()
        }
    }

    @Test(
        "two instances: a user disabled on one is refused on the other, whose session was cached",
        arguments: ServerBackend.all)
    func disabledOnAnotherInstance(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { a in
            let (b, stopB) = try await a.secondInstance()
            do {
                let student = try await a.login("student1@uon.example")
                let admin = try await a.login("admin@edulink.test")
                #expect(try await a.send(.GET, "/api/v1/me", token: student.access, at: b).status == 200)
                #expect(try await a.send(.GET, "/api/v1/me", token: student.access, at: b).status == 200)
                let user = try #require(try await a.store.read { try $0.user(email: "student1@uon.example") })
                let disable = try await a.send(
                    .POST, "/api/v1/admin/users/\(user.id.rawValue)/disable", token: admin.access, body: "{}")
                #expect(disable.status == 204 || disable.status == 200)
                #expect(try await a.send(.GET, "/api/v1/me", token: student.access).status == 401)
                #expect(try await a.refusedElsewhere("/api/v1/me", token: student.access, at: b))
                // Signed out on B, refused on A.
                let session = try await a.login("student0@uon.example")
                #expect(try await a.send(.GET, "/api/v1/me", token: session.access).status == 200)
                let logout = try await a.send(
                    .POST, "/api/v1/auth/logout", token: session.access,
                    body: #"{"refreshToken":"\#(session.refresh)"}"#, at: b)
                #expect(logout.status == 204)
                #expect(try await a.refusedElsewhere("/api/v1/me", token: session.access, at: a.url))
            } catch {
                await stopB()
                throw error
            }
            await stopB()
        }
    }

    @Test(
        "a listing extended, closed, applied to or newly published is reflected on the next search, and a passed deadline drops it",
        arguments: ServerBackend.all)
    func searchSeesChanges(backend: ServerBackend) async throws {
        // Pages kept for a year unless something says otherwise: only the rules below can drop them.
        try await SecurityServer.run(
            on: backend,
            configure: {
                $0.searchCacheLifetime = 365 * 86_400
                $0.searchCacheLongest = 365 * 86_400
            }
        ) { server in
            var token = try await server.login("student1@uon.example").access
            func page() async throws -> [[String: any Sendable]] {
                let reply = try await server.send(
                    .POST, "/api/v1/listings/search", token: token, body: Self.search)
                #expect(reply.status == 200)
                return (reply.json?["items"] as? [[String: any Sendable]]) ?? []
            }
            let first = try await page()
            #expect(first.count == 1)
            #expect(try await page().count == 1)
            #expect(server.searchCache?.pageCount == 1, "the server keeps pages")

            let op = Principal.localOperator()
            let employer = try #require(try await server.store.read { try $0.user(email: "employer@kusi.example") })
            let owner = Principal(
                userID: employer.id, role: .employer, organizationID: employer.organizationID, origin: .api)
            // Extended: the new deadline shows.
            let before = try #require(first.first?["deadline"] as? String)
            _ = try await server.service.acting(as: owner).extendListing(
                server.listingID, ListingExtension(deadline: server.clock.now().addingTimeInterval(35 * 86_400)))
            let extended = try #require(try await page().first?["deadline"] as? String)
            #expect(extended != before)

            // Applied to: the count moves.
            let count = try #require(try await page().first?["applicationCount"] as? Int)
            let applicant = try #require(try await server.store.read { try $0.user(email: "student1@uon.example") })
            _ = try await server.service.acting(
                as: Principal(
                    userID: applicant.id, role: .student, institutionID: applicant.institutionID, origin: .api)
            ).apply(
                ApplicationDraft(
                    listingID: server.listingID,
                    coverLetter: String(repeating: "I read the statements of small shops for a living. ", count: 3)))
            #expect(try await page().first?["applicationCount"] as? Int == count + 1)

            // A new listing: on the next search.
            var draft = SecurityServer.draft("Credit Analyst Intern — Lending", at: server.clock.now())
            draft.deadline = server.clock.now().addingTimeInterval(10 * 86_400)
            let created = try await server.service.acting(as: owner).createListing(draft)
            _ = try await server.service.acting(as: owner).changeListing(created.id, .submit, reason: nil)
            _ = try await server.service.acting(as: op).changeListing(created.id, .verify, reason: nil)
            #expect(Set(try await page().compactMap { $0["title"] as? String }).count == 2)

            // Its deadline passes, nothing written: the kept page is not shown past it.
            #expect(try await page().count == 2)
            server.clock.advance(by: 10 * 86_400 + 1)
            token = try await server.login("student1@uon.example").access  // the old one expired meanwhile
            #expect(try await page().compactMap { $0["id"] as? Int } == [Int(server.listingID.rawValue)])

            // Closed: gone on the next search.
            _ = try await server.service.acting(as: owner).changeListing(server.listingID, .close, reason: nil)
            #expect(try await page().isEmpty)
        }
    }

    @Test(
        "a cached page never crosses viewers: an institution-only listing reaches its institution's students only",
        arguments: ServerBackend.all)
    func pagesDoNotCrossViewers(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let op = Principal.localOperator()
            let other = try await server.service.acting(as: op).createInstitution(
                Institution(name: "Strathmore University", shortCode: "SU", type: .university, verified: true))
            let listing = try await server.publishInstitutionOnly(for: other.id)
            let outsider = try await server.service.acting(as: op).createUser(
                NewAccount(
                    email: "student@strathmore.example", displayName: "Strathmore Student", role: .student,
                    password: SecurityServer.password, institutionID: other.id))
            #expect(outsider.institutionID == other.id)
            let uon = try await server.login("student0@uon.example")
            let strathmore = try await server.login("student@strathmore.example")
            let query = #"{"filter":{"terms":[{"word":"intern"}]},"limit":20}"#
            func titles(_ token: String) async throws -> [String] {
                Self.titles(try await server.send(.POST, "/api/v1/listings/search", token: token, body: query))
            }
            // Either order: the first viewer's page is never the second's.
            for (token, sees) in [
                (strathmore.access, true), (uon.access, false), (uon.access, false), (strathmore.access, true),
            ] {
                #expect(try await titles(token).contains(listing.title) == sees)
            }
            // An admin sees every audience; that page is not a student's either.
            let admin = try await server.login("admin@edulink.test")
            #expect(try await titles(admin.access).contains(listing.title))
            #expect(try await titles(uon.access).contains(listing.title) == false)
        }
    }
}
