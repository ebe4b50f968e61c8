import EdulinkCore
import Foundation

/// Records `rate_limited` security events for the refusals of the request limit and the sign-in
/// throttle: at most one per client (its counting key) per minute on this instance, so a flood of
/// thousands of refused requests writes one row a minute, not thousands.
actor RateLimitReporter {
    private let service: EdulinkService
    private let clock: any TimeSource
    private let interval: TimeInterval
    /// When each client's last event was recorded.
    private var recorded: [String: Date] = [:]

    init(service: EdulinkService, clock: any TimeSource, interval: TimeInterval = 60) {
        self.service = service
        self.clock = clock
        self.interval = interval
    }

    /// Records a refusal of `client` unless one was recorded within the interval; true when it did.
    @discardableResult
    func refused(client: String, user: UserID?, source: String, _ detail: String) async -> Bool {
        let now = clock.now()
        if let last = recorded[client], now.timeIntervalSince(last) < interval { return false }
        recorded[client] = now
        if recorded.count > 10_000 { recorded = recorded.filter { now.timeIntervalSince($0.value) < interval } }
        await service.recordRateLimited(user: user, source: source, detail)
        return true
    }
}
