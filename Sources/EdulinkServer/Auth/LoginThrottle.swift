import EdulinkCore
import Foundation

/// Failed sign-ins per client address and per account, per instance. The service locks an account
/// after 5 failures; past `limit` failures in the window, the server stops even asking it and
/// answers 429. A failed attempt counts once for its address and once for its account.
struct LoginThrottle: Sendable {
    let counter: WindowCounter
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) {
        self.counter = WindowCounter(window: window)
        self.limit = limit
        self.window = window
    }

    /// Throws `rateLimited` when the address or the account already failed `limit` times.
    func check(address: String, email: String, now: Date) async throws {
        for key in keys(address: address, email: email) {
            let reading = await counter.peek(key, now: now)
            if reading.count >= limit {
                let seconds = max(1, Int(reading.resetAt.timeIntervalSince(now).rounded(.up)))
                throw EdulinkError.rateLimited(
                    "Too many failed sign-ins. Try again in \(seconds / 60 + 1) minutes.", retryAfterSeconds: seconds)
            }
        }
    }

    /// Counts one failed attempt.
    func recordFailure(address: String, email: String, now: Date) async {
        for key in keys(address: address, email: email) { _ = await counter.hit(key, now: now) }
    }

    private func keys(address: String, email: String) -> [String] {
        ["address:\(address)", "account:\(AccountRules.normalizeEmail(email))"]
    }
}
