public import EdulinkCore
public import Foundation
public import Logging

/// The scheduled jobs inside `edulink serve`: at every multiple of `interval` on the wall clock, each
/// instance asks the database for that tick (`runScheduledJobs(tick:…)`) and the one that gets it runs
/// the jobs; the others skip it. So a deployment needs no cron, and two or ten servers on one
/// PostgreSQL database still run each tick once.
public struct JobScheduler: Sendable {
    public let service: EdulinkService
    /// Seconds between runs.
    public let interval: Int
    /// Who this server is in `job_runs` and the audit log (host and process).
    public let instance: String
    public let transport: (any OutboxTransport)?
    public let logger: Logger

    public init(
        service: EdulinkService, interval: Int, instance: String, transport: (any OutboxTransport)?, logger: Logger
    ) {
        self.service = service
        self.interval = max(interval, 1)
        self.instance = instance
        self.transport = transport
        self.logger = logger
    }

    /// This process's name for `job_runs`: the host name and the process id.
    public static var processInstance: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// The tick that starts next after `date` for runs every `interval` seconds, and when it starts.
    public static func nextTick(after date: Date, interval: Int) -> (tick: Int64, at: Date) {
        let seconds = Double(max(interval, 1))
        let tick = Int64((date.timeIntervalSince1970 / seconds).rounded(.down)) + 1
        return (tick, Date(timeIntervalSince1970: Double(tick) * seconds))
    }

    /// Runs until the task is cancelled. A failed run is logged and recorded; the next tick runs as usual.
    public func run() async {
        while !Task.isCancelled {
            let (tick, at) = Self.nextTick(after: Date(), interval: interval)
            do {
                try await Task.sleep(for: .seconds(max(at.timeIntervalSinceNow, 0)))
            } catch {
                return
            }
            do {
                if let report = try await service.runScheduledJobs(
                    tick: tick, instance: instance, transport: transport)
                {
                    logger.info("jobs ran", metadata: ["tick": "\(tick)", "summary": "\(report.summary)"])
                } else {
                    logger.debug("jobs tick run by another instance", metadata: ["tick": "\(tick)"])
                }
            } catch  where Task.isCancelled {
                // The server is stopping: what the run did stays done (every job is idempotent),
                // the next run anywhere picks up the rest.
                logger.info("jobs stopped with the server", metadata: ["tick": "\(tick)"])
                return
            } catch {
                logger.error("jobs failed", metadata: ["tick": "\(tick)", "error": "\(error)"])
            }
        }
    }
}
