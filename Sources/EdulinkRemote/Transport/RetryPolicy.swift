/// How often and how patiently a request is tried again after the server could not be reached or
/// answered 502/503/504: exponential backoff, bounded in attempts and delay.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var attempts: Int
    public var initialDelay: Duration
    public var maximumDelay: Duration

    public init(attempts: Int = 3, initialDelay: Duration = .milliseconds(100), maximumDelay: Duration = .seconds(2)) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    public static let `default` = RetryPolicy()

    /// The wait before attempt `attempt` (1 is the first retry).
    func delay(before attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(attempt, 1) { delay = min(delay * 2, maximumDelay) }
        return delay
    }
}
