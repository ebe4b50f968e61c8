import EdulinkCore
import Foundation
import NIOHTTP1
import Testing

/// `ServerStateStore` on every backend: what a server keeps between requests — refresh-token
/// families and idempotency records — reads back as written, and the checks that several server
/// instances race on (a refresh token's first use, an idempotency key's first claim) let exactly
/// one transaction win.
@Suite("Server state store", .timeLimit(.minutes(10)))
struct ServerStateStoreTests {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    /// A fresh store with one student, passed to `body`, removed afterwards.
    static func withStore(
        _ backend: ServerBackend, _ body: (any ServerStateStore, UserID, ManualTimeSource) async throws -> Void
    ) async throws {
        let clock = ManualTimeSource(start)
        let world = try await backend.make(clock)
        do {
            let user = try await world.store.write { session in
                try session.insertUser(
                    User(
                        email: "state@uon.example", displayName: "State", role: .student, passwordHash: "!",
                        createdAt: start))
            }
            try await body(world.store, user.id, clock)
        } catch {
            await world.tearDown()
            throw error
        }
        await world.tearDown()
    }

    static func token(_ id: String, family: String, user: UserID, expiresIn: TimeInterval = 3600)
        -> RefreshTokenRecord
    {
        RefreshTokenRecord(
            id: id, familyID: family, userID: user, secretHash: String(repeating: "ab", count: 32), issuedAt: start,
            expiresAt: start.addingTimeInterval(expiresIn))
    }

    @Test(
        "families and refresh tokens read back as written; use and revocation change only what they say",
        arguments: ServerBackend.all)
    func tokensRoundTrip(backend: ServerBackend) async throws {
        try await Self.withStore(backend) { store, user, _ in
            let family = TokenFamily(id: "fam-1", userID: user, createdAt: Self.start)
            let first = Self.token("tok-1", family: "fam-1", user: user)
            try await store.writeServerState { session in
                try session.insertTokenFamily(family)
                try session.insertRefreshToken(first)
            }
            #expect(try await store.readServerState { try $0.tokenFamily("fam-1") } == family)
            #expect(try await store.readServerState { try $0.refreshToken("tok-1") } == first)
            #expect(try await store.readServerState { try $0.refreshToken("nope") } == nil)

            let used = Self.start.addingTimeInterval(60)
            try await store.writeServerState { try $0.markRefreshTokenUsed("tok-1", at: used) }
            var expected = first
            expected.usedAt = used
            #expect(try await store.readServerState { try $0.refreshToken("tok-1") } == expected)

            let revoked = Self.start.addingTimeInterval(120)
            try await store.writeServerState { session in
                try session.revokeTokenFamily("fam-1", at: revoked, reason: "refresh token reused")
                // A second revocation keeps the first time and reason.
                try session.revokeTokenFamily("fam-1", at: revoked.addingTimeInterval(5), reason: "signed out")
            }
            let after = try await store.readServerState { try $0.tokenFamily("fam-1") }
            #expect(after?.revokedAt == revoked)
            #expect(after?.revokedReason == "refresh token reused")
        }
    }

    @Test("pruning removes expired refresh tokens and the old families left without one", arguments: ServerBackend.all)
    func pruning(backend: ServerBackend) async throws {
        try await Self.withStore(backend) { store, user, _ in
            try await store.writeServerState { session in
                try session.insertTokenFamily(TokenFamily(id: "old", userID: user, createdAt: Self.start))
                try session.insertRefreshToken(Self.token("old-1", family: "old", user: user, expiresIn: 60))
                try session.insertTokenFamily(TokenFamily(id: "live", userID: user, createdAt: Self.start))
                try session.insertRefreshToken(Self.token("live-1", family: "live", user: user, expiresIn: 60))
                try session.insertRefreshToken(Self.token("live-2", family: "live", user: user, expiresIn: 7200))
            }
            try await store.writeServerState { try $0.pruneTokens(expiredBefore: Self.start.addingTimeInterval(3600)) }
            let left = try await store.readServerState { session in
                (
                    try session.tokenFamily("old"), try session.tokenFamily("live"), try session.refreshToken("old-1"),
                    try session.refreshToken("live-1"), try session.refreshToken("live-2")
                )
            }
            #expect(left.0 == nil)
            #expect(left.1 != nil)
            #expect(left.2 == nil && left.3 == nil)
            #expect(left.4?.id == "live-2")
        }
    }

    @Test(
        "an idempotency key is claimed once per user, then completed, replayed, deleted and pruned",
        arguments: ServerBackend.all)
    func idempotencyRecords(backend: ServerBackend) async throws {
        try await Self.withStore(backend) { store, user, _ in
            let pending = IdempotencyRecord(
                userID: user, key: "k-1", fingerprint: "f-1", status: nil, body: [], createdAt: Self.start)
            #expect(try await store.writeServerState { try $0.insertIdempotencyRecord(pending) })
            var second = pending
            second.fingerprint = "f-2"
            let other = second
            #expect(try await store.writeServerState { try $0.insertIdempotencyRecord(other) } == false)
            #expect(try await store.readServerState { try $0.idempotencyRecord(userID: user, key: "k-1") } == pending)

            let body: [UInt8] = Array(#"{"id":1,"note":"ü\u{0}"}"#.utf8) + [0, 255, 10]
            try await store.writeServerState {
                try $0.completeIdempotencyRecord(userID: user, key: "k-1", status: 201, body: body)
            }
            let done = try await store.readServerState { try $0.idempotencyRecord(userID: user, key: "k-1") }
            #expect(done?.status == 201)
            #expect(done?.body == body)
            #expect(done?.fingerprint == "f-1")
            #expect(
                try await store.readServerState { try $0.idempotencyRecord(userID: UserID(999), key: "k-1") } == nil)

            try await store.writeServerState { try $0.deleteIdempotencyRecord(userID: user, key: "k-1") }
            #expect(try await store.readServerState { try $0.idempotencyRecord(userID: user, key: "k-1") } == nil)

            var newer = pending
            newer.key = "k-2"
            newer.createdAt = Self.start.addingTimeInterval(100)
            let later = newer
            try await store.writeServerState { session in
                _ = try session.insertIdempotencyRecord(pending)
                _ = try session.insertIdempotencyRecord(later)
                try session.pruneIdempotencyRecords(createdBefore: Self.start.addingTimeInterval(50))
            }
            #expect(try await store.readServerState { try $0.idempotencyRecord(userID: user, key: "k-1") } == nil)
            #expect(try await store.readServerState { try $0.idempotencyRecord(userID: user, key: "k-2") } != nil)
        }
    }

    @Test(
        "eight transactions racing to use one refresh token: exactly one finds it unused", arguments: ServerBackend.all)
    func refreshRace(backend: ServerBackend) async throws {
        try await Self.withStore(backend) { store, user, _ in
            try await store.writeServerState { session in
                try session.insertTokenFamily(TokenFamily(id: "fam", userID: user, createdAt: Self.start))
                try session.insertRefreshToken(Self.token("tok", family: "fam", user: user))
            }
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await store.writeServerState { session in
                            guard let token = try session.refreshToken("tok"), token.usedAt == nil else { return false }
                            // Widen the window between the check and the write.
                            _ = try session.tokenFamily("fam")
                            try session.markRefreshTokenUsed("tok", at: Self.start.addingTimeInterval(1))
                            return true
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
        }
    }

    @Test("eight transactions claiming one idempotency key: exactly one claims it", arguments: ServerBackend.all)
    func idempotencyRace(backend: ServerBackend) async throws {
        try await Self.withStore(backend) { store, user, _ in
            let claims = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await store.writeServerState { session in
                            try session.insertIdempotencyRecord(
                                IdempotencyRecord(
                                    userID: user, key: "same", fingerprint: "f-\(index)", status: nil, body: [],
                                    createdAt: Self.start))
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(claims == 1)
        }
    }
}

/// The same races over HTTP, through the server's token rules and idempotency middleware.
@Suite("Server state over HTTP", .serialized, .timeLimit(.minutes(10)))
struct ServerStateHTTPTests {
    @Test(
        "concurrent refreshes with one token: one rotates, the others are reuse and end the session",
        arguments: ServerBackend.all)
    func concurrentRefresh(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let tokens = try await server.login("student0@uon.example")
            let replies = try await withThrowingTaskGroup(of: SecurityServer.Reply.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await server.send(
                            .POST, "/api/v1/auth/refresh", body: #"{"refreshToken":"\#(tokens.refresh)"}"#)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let rotated = replies.filter { $0.status == 200 }
            #expect(rotated.count == 1)
            #expect(replies.filter { $0.status == 401 }.count == 5)
            let access = try #require(rotated.first?.json?["accessToken"] as? String)
            #expect(try await server.send(.GET, "/api/v1/me", token: access).status == 401)
            let events = try await server.store.read {
                try $0.securityEvents(kind: .tokenReuse, userID: nil, since: nil, limit: 10)
            }
            #expect(events.count == 5)
        }
    }

    @Test("a write retried with its Idempotency-Key is replayed, not run twice", arguments: ServerBackend.all)
    func idempotentRetry(backend: ServerBackend) async throws {
        try await SecurityServer.run(on: backend) { server in
            let student = try await server.login("student1@uon.example")
            let body =
                #"{"listingID":\#(server.listingID.rawValue),"coverLetter":"\#(String(repeating: "I analysed campus survey data in SQL and want to learn more. ", count: 2))","answers":[]}"#
            let replies = try await withThrowingTaskGroup(of: SecurityServer.Reply.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await server.send(
                            .POST, "/api/v1/applications", token: student.access, body: body,
                            headers: [("Idempotency-Key", "apply-once")])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // The first runs; each other one is either its replay or "still running" (409).
            #expect(
                replies.filter { $0.status == 201 && $0.headers.first(name: "Idempotency-Replayed") == nil }.count == 1)
            #expect(replies.allSatisfy { [201, 409].contains($0.status) })
            let again = try await server.send(
                .POST, "/api/v1/applications", token: student.access, body: body,
                headers: [("Idempotency-Key", "apply-once")])
            #expect(again.status == 201)
            #expect(again.headers.first(name: "Idempotency-Replayed") == "true")
            let ids = Set(
                replies.filter { $0.status == 201 }.compactMap { $0.json?["id"] as? Int }
                    + [again.json?["id"] as? Int].compactMap { $0 })
            #expect(ids.count == 1)
            let mine = try await server.send(.GET, "/api/v1/applications/mine", token: student.access)
            let applications = (try JSONSerialization.jsonObject(with: Data(mine.body.utf8))) as? [Any]
            #expect(applications?.count == 1)
        }
    }
}
