public import CoreMetrics
public import Foundation
import Histogram
import Synchronization

/// Requests (repository calls or HTTP requests) over a window: count, errors, percentiles.
public struct RequestSummary: Sendable, Equatable, Codable {
    public var count: Int
    public var errors: Int
    /// Slower than `HealthThresholds.slowRequestSeconds`.
    public var slow: Int
    /// Latency percentiles in seconds; nil without requests.
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    /// Requests per minute, oldest first, one entry per minute of the window.
    public var perMinute: [Double]
    /// p99 latency per minute in seconds (0 for minutes without requests), oldest first.
    public var p99PerMinute: [Double]

    public init(
        count: Int, errors: Int, slow: Int, p50: Double?, p95: Double?, p99: Double?, perMinute: [Double] = [],
        p99PerMinute: [Double] = []
    ) {
        self.count = count
        self.errors = errors
        self.slow = slow
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.perMinute = perMinute
        self.p99PerMinute = p99PerMinute
    }

    /// Errors in percent of requests; nil without requests.
    public var errorRatePercent: Double? { count > 0 ? Double(errors) / Double(count) * 100 : nil }
}

/// A swift-metrics backend that keeps every timer's durations in per-minute HdrHistograms for the
/// last hour, so the health report can give p50/p95/p99, error rate and slow requests over a
/// rolling window. A timer with the dimension `("outcome", "error")` counts as an error.
///
/// ```swift
/// let metrics = RequestMetrics()
/// Timer(label: RequestMetrics.repositoryCallLabel, dimensions: [("outcome", "ok")], factory: metrics)
///     .recordNanoseconds(1_500_000)
/// metrics.summary(at: .now).p99  // 0.0015
/// ```
public final class RequestMetrics: MetricsFactory {
    /// The timer label for repository calls (local mode).
    public static let repositoryCallLabel = "edulink_repository_call"
    /// The timer label for HTTP requests (server).
    public static let httpRequestLabel = "edulink_http_request"
    /// How many minutes are kept.
    public static let windowMinutes = 60
    /// Durations above this are recorded as this (microseconds: 10 minutes).
    static let highestMicroseconds: UInt64 = 600_000_000

    private struct Minute {
        var index: Int64
        var histogram: Histogram<UInt32>
        var count = 0
        var errors = 0
        var slow = 0

        init(index: Int64) {
            self.index = index
            histogram = Histogram(
                lowestDiscernibleValue: 1, highestTrackableValue: RequestMetrics.highestMicroseconds,
                numberOfSignificantValueDigits: .two)
        }
    }

    private let minutes = Mutex<[Minute]>([])
    private let clock: any TimeSource

    public init(clock: any TimeSource = SystemTimeSource()) {
        self.clock = clock
    }

    private static func minuteIndex(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 60).rounded(.down))
    }

    /// Records one request that took `nanoseconds`.
    public func record(nanoseconds: Int64, failed: Bool, at date: Date? = nil) {
        let index = Self.minuteIndex(date ?? clock.now())
        let microseconds = min(UInt64(max(nanoseconds, 0) / 1000), Self.highestMicroseconds)
        let slow = Double(nanoseconds) / 1e9 > HealthThresholds.slowRequestSeconds
        minutes.withLock { minutes in
            if minutes.last?.index != index {
                if let last = minutes.last, last.index > index { return }  // the clock went back: drop
                minutes.append(Minute(index: index))
                minutes.removeAll { $0.index <= index - Int64(Self.windowMinutes) }
            }
            let last = minutes.count - 1
            _ = minutes[last].histogram.record(max(microseconds, 1))
            minutes[last].count += 1
            if failed { minutes[last].errors += 1 }
            if slow { minutes[last].slow += 1 }
        }
    }

    /// The requests of the last `window` minutes up to `date` (the current minute included).
    public func summary(window: Int = RequestMetrics.windowMinutes, at date: Date? = nil) -> RequestSummary {
        let now = Self.minuteIndex(date ?? clock.now())
        let window = min(max(window, 1), Self.windowMinutes)
        let first = now - Int64(window) + 1
        return minutes.withLock { minutes in
            var merged = Histogram<UInt32>(
                lowestDiscernibleValue: 1, highestTrackableValue: Self.highestMicroseconds,
                numberOfSignificantValueDigits: .two)
            var summary = RequestSummary(
                count: 0, errors: 0, slow: 0, p50: nil, p95: nil, p99: nil,
                perMinute: Array(repeating: 0, count: window), p99PerMinute: Array(repeating: 0, count: window))
            for minute in minutes where minute.index >= first && minute.index <= now {
                merged.add(minute.histogram)
                summary.count += minute.count
                summary.errors += minute.errors
                summary.slow += minute.slow
                let slot = Int(minute.index - first)
                summary.perMinute[slot] = Double(minute.count)
                summary.p99PerMinute[slot] = Double(minute.histogram.valueAtPercentile(99)) / 1e6
            }
            if summary.count > 0 {
                summary.p50 = Double(merged.valueAtPercentile(50)) / 1e6
                summary.p95 = Double(merged.valueAtPercentile(95)) / 1e6
                summary.p99 = Double(merged.valueAtPercentile(99)) / 1e6
            }
            return summary
        }
    }

    // MARK: MetricsFactory

    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        WindowTimer(metrics: self, failed: dimensions.contains { $0.0 == "outcome" && $0.1 == "error" })
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        NOOPMetricsHandler.instance
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        NOOPMetricsHandler.instance
    }

    public func destroyCounter(_ handler: any CounterHandler) {}
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    public func destroyTimer(_ handler: any TimerHandler) {}

    private final class WindowTimer: TimerHandler {
        let metrics: RequestMetrics
        let failed: Bool

        init(metrics: RequestMetrics, failed: Bool) {
            self.metrics = metrics
            self.failed = failed
        }

        func recordNanoseconds(_ duration: Int64) {
            metrics.record(nanoseconds: duration, failed: failed)
        }
    }
}
