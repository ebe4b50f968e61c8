import EdulinkCore
import EdulinkSQLite
import Foundation
import Synchronization
import Testing

/// Counts what a hasher is asked to do, so a test can tell that an unknown email costs the same
/// bcrypt check as a known one without timing anything.
final class CountingHasher: PasswordHasher {
    private let base = BcryptHasher(cost: 4)
    private let counts = Mutex((hashes: 0, verifies: 0))

    var hashes: Int { counts.withLock { $0.hashes } }
    var verifies: Int { counts.withLock { $0.verifies } }

    func hash(_ password: String) -> String {
        counts.withLock { $0.hashes += 1 }
        return base.hash(password)
    }

    func verify(_ password: String, hash: String) -> Bool {
        counts.withLock { $0.verifies += 1 }
        return base.verify(password, hash: hash)
    }
}

@Suite("Signing in does not tell which emails exist", .timeLimit(.minutes(10)))
struct LoginTimingTests {
    @Test("an unknown email is checked against a decoy hash at the same cost, made once")
    func unknownEmailCostsTheSame() async throws {
        try await withTemporaryStore { store, _, clock in
            let hasher = CountingHasher()
            let service = EdulinkService(
                environment: ServiceEnvironment(
                    store: store, clock: clock, hasher: hasher, passwordPolicy: PasswordPolicy(commonPasswords: [])))
            _ = try await service.acting(as: .localOperator()).createUser(
                NewAccount(
                    email: "known@uon.example", displayName: "Known", role: .student, password: "a long demo password"))
            let afterCreate = (hasher.hashes, hasher.verifies)

            _ = try? await service.login(
                email: "known@uon.example", password: "wrong guess one", origin: .api, source: "t")
            #expect(hasher.verifies == afterCreate.1 + 1)
            let unknown = try? await service.login(
                email: "nobody@uon.example", password: "wrong guess one", origin: .api, source: "t")
            #expect(unknown == nil)
            #expect(hasher.verifies == afterCreate.1 + 2)
            #expect(hasher.hashes == afterCreate.0 + 1)  // the decoy
            _ = try? await service.login(email: "nobody2@uon.example", password: "x", origin: .api, source: "t")
            #expect(hasher.verifies == afterCreate.1 + 3)
            #expect(hasher.hashes == afterCreate.0 + 1)  // made once
        }
    }
}
