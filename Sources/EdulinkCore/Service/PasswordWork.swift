import Dispatch

/// bcrypt off Swift's cooperative threads.
///
/// A bcrypt hash or check at cost 12 is a quarter of a second of one core, on purpose. Run on the
/// cooperative pool, which has one thread per core, two sign-ins at once on two cores would stop
/// every other task of the process for that long: a server's searches, its other requests, its
/// heartbeat. A flood of sign-ins would starve the server outright. The work runs on a queue of its
/// own instead, whose threads the operating system shares with the rest like any other, and the
/// calling task waits without holding a thread.
enum PasswordWork {
    private static let queue = DispatchQueue(label: "edulink.password-work", attributes: .concurrent)

    /// `hasher.hash(password)`, off the cooperative pool.
    static func hash(_ password: String, with hasher: any PasswordHasher) async -> String {
        await run { hasher.hash(password) }
    }

    /// `hasher.verify(password, hash:)`, off the cooperative pool.
    static func verify(_ password: String, hash: String, with hasher: any PasswordHasher) async -> Bool {
        await run { hasher.verify(password, hash: hash) }
    }

    private static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
