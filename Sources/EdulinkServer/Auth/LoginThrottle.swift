import EdulinkCore
import Foundation

/// Failed sign-ins per client address and per account, per instance. The service locks an account
/// after 5 failures; past `limit` failures in the window, the server stops even asking it and
/// answers 429. Every attempt is counted for its address and its account before the password is
/// checked, and taken back when it succeeds: so twenty guesses sent at once meet the limit as
/// twenty sent one by one would, and each failure counts once.
struct LoginThrottle: Sendable {
    let counter: WindowCounter
    let limit: Int
    let window: TimeInterval

    init(limit: Int, window: TimeInterval) {
        self.counter = WindowCounter(window: window)
        self.limit = limit
        self.window = window
    }

    /// Counts an attempt; throws `rateLimited` (counting nothing) when the address or the account
    /// already reached `limit`.
    func begin(address: String, email: String, now: Date) async throws {
        if let reading = await counter.hitUnlessAtLimit(keys(address: address, email: email), limit: limit, now: now) {
            let seconds = max(1, Int(reading.resetAt.timeIntervalSince(now).rounded(.up)))
            throw EdulinkError.rateLimited(
                "Too many failed sign-ins. Try again in \(seconds / 60 + 1) minutes.", retryAfterSeconds: seconds)
        }
    }

    /// The attempt begun with `begin` was not a failure (right password, or refused for another
    /// reason than the password): it no longer counts.
    func succeeded(address: String, email: String, now: Date) async {
        await counter.forgive(keys(address: address, email: email), now: now)
    }

    private func keys(address: String, email: String) -> [String] {
        ["address:\(address)", "account:\(AccountRules.normalizeEmail(email))"]
    }
}
