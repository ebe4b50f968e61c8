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

/// A service over `store` signing in with `hasher`, and one student, `known@uon.example`, whose
/// password is "a long demo password".
private func serviceWithOneAccount(
    store: SQLiteStore, clock: ManualTimeSource, hasher: any PasswordHasher
) async throws -> EdulinkService {
    let service = EdulinkService(
        environment: ServiceEnvironment(
            store: store, clock: clock, hasher: hasher, passwordPolicy: PasswordPolicy(commonPasswords: [])))
    _ = try await service.acting(as: .localOperator()).createUser(
        NewAccount(email: "known@uon.example", displayName: "Known", role: .student, password: "a long demo password"))
    return service
}

@Suite("Signing in does not tell which emails exist", .timeLimit(.minutes(10)))
struct LoginTimingTests {
    @Test("an unknown email is checked against a decoy hash at the same cost, made once")
    func unknownEmailCostsTheSame() async throws {
        try await withTemporaryStore { store, _, clock in
            let hasher = CountingHasher()
            let service = try await serviceWithOneAccount(store: store, clock: clock, hasher: hasher)
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

/// A hasher whose checks wait at a gate, as a bcrypt at full cost holds its thread; the gate opens
/// once, by the test or by a failsafe, and stays open.
final class GatedHasher: PasswordHasher {
    enum Opener: Sendable { case test, failsafe }

    private let base = BcryptHasher(cost: 4)
    private let gate = DispatchSemaphore(value: 0)
    private let state = Mutex((waiting: 0, openedBy: Opener?.none))

    /// How many checks have reached the gate.
    var waiting: Int { state.withLock { $0.waiting } }
    var openedBy: Opener? { state.withLock { $0.openedBy } }

    func open(by opener: Opener) {
        let first = state.withLock { state in
            defer { state.openedBy = state.openedBy ?? opener }
            return state.openedBy == nil
        }
        if first { gate.signal() }
    }

    func hash(_ password: String) -> String { base.hash(password) }

    func verify(_ password: String, hash: String) -> Bool {
        state.withLock { $0.waiting += 1 }
        gate.wait()
        gate.signal()  // the next waiter goes on too
        return base.verify(password, hash: hash)
    }
}

@Suite("Signing in leaves the process's other work running", .timeLimit(.minutes(10)))
struct PasswordWorkTests {
    @Test(
        "bcrypt runs off Swift's cooperative threads: while sign-ins are held in it, one per core and more, other tasks still run"
    )
    func hashingLeavesTheCooperativeThreadsFree() async throws {
        try await withTemporaryStore { store, _, clock in
            let hasher = GatedHasher()
            let service = try await serviceWithOneAccount(store: store, clock: clock, hasher: hasher)
            // Swift's pool has one thread per core: held there, these sign-ins would stop every task,
            // this test's included, until the failsafe opens the gate from a thread of its own.
            let cores = ProcessInfo.processInfo.activeProcessorCount
            DispatchQueue.global().asyncAfter(deadline: .now() + 60) { hasher.open(by: .failsafe) }
            let logins = (0...cores).map { _ in
                Task {
                    try await service.login(
                        email: "known@uon.example", password: "a long demo password", origin: .api, source: "t")
                }
            }
            while hasher.waiting < cores && hasher.openedBy == nil { try await Task.sleep(for: .milliseconds(5)) }
            let other = await Task { "ran" }.value
            hasher.open(by: .test)
            #expect(other == "ran")
            #expect(hasher.openedBy == .test, "the sign-ins held every thread until the failsafe opened the gate")
            for login in logins { #expect(try await login.value.email == "known@uon.example") }
        }
    }
}
