public import Foundation

/// Security figures for the health report.
public struct SecurityFigures: Sendable, Equatable, Codable {
    public var failedLoginsLastHour: Int
    public var failedLoginsLastDay: Int
    public var lockedAccounts: Int
    public var tokenReuseLastDay: Int

    public init(failedLoginsLastHour: Int, failedLoginsLastDay: Int, lockedAccounts: Int, tokenReuseLastDay: Int) {
        self.failedLoginsLastHour = failedLoginsLastHour
        self.failedLoginsLastDay = failedLoginsLastDay
        self.lockedAccounts = lockedAccounts
        self.tokenReuseLastDay = tokenReuseLastDay
    }
}

/// Everything measured for one health report; nil means "could not be measured here".
public struct HealthInputs: Sendable {
    public var now: Date
    public var database: DatabaseStatus?
    /// Why the database could not be reached; nil when it answered.
    public var databaseProblem: String?
    public var roundTripMilliseconds: Double?
    public var disk: DiskFigures?
    public var system: SystemFigures?
    public var requests: RequestSummary?
    public var queue: OutboxStatistics?
    public var security: SecurityFigures?
    public var backups: [BackupRecord]?

    public init(
        now: Date, database: DatabaseStatus? = nil, databaseProblem: String? = nil,
        roundTripMilliseconds: Double? = nil, disk: DiskFigures? = nil, system: SystemFigures? = nil,
        requests: RequestSummary? = nil, queue: OutboxStatistics? = nil, security: SecurityFigures? = nil,
        backups: [BackupRecord]? = nil
    ) {
        self.now = now
        self.database = database
        self.databaseProblem = databaseProblem
        self.roundTripMilliseconds = roundTripMilliseconds
        self.disk = disk
        self.system = system
        self.requests = requests
        self.queue = queue
        self.security = security
        self.backups = backups
    }
}

/// Turns measurements into graded checks, by `HealthThresholds`. Pure: the same inputs always
/// give the same report.
public enum HealthAssessment {
    public static func report(_ inputs: HealthInputs) -> HealthReport {
        HealthReport(
            checkedAt: inputs.now,
            checks: [
                database(inputs), integrity(inputs), storage(inputs), system(inputs), requests(inputs),
                queue(inputs), security(inputs), backups(inputs),
            ])
    }

    /// A figure graded by the threshold table.
    static func graded(_ label: String, _ kind: AlertKind, _ value: Double?, history: [Double] = []) -> HealthFigure {
        HealthFigure(
            label: label, value: value, unit: HealthThresholds.table[kind]?.unit ?? "",
            status: value.map { HealthThresholds.grade(kind, $0) } ?? .ok, alert: kind, history: history)
    }

    /// A condition: critical or warning (by `HealthThresholds`) when it holds.
    static func condition(_ label: String, _ kind: AlertKind, holds: Bool?, value: Double? = nil) -> HealthFigure {
        HealthFigure(
            label: label, value: value ?? holds.map { $0 ? 1 : 0 }, unit: "",
            status: holds == true ? HealthThresholds.grade(condition: kind) : .ok, alert: kind)
    }

    static func hours(_ from: Date, _ to: Date) -> Double { max(to.timeIntervalSince(from), 0) / 3600 }

    static func database(_ inputs: HealthInputs) -> HealthCheck {
        guard let status = inputs.database else {
            guard let problem = inputs.databaseProblem else {
                // It answered, but this store reports no details (no maintenance).
                return HealthCheck(
                    name: .database, summary: "reachable",
                    figures: [
                        condition("Unreachable", .databaseUnreachable, holds: false),
                        HealthFigure(label: "Round trip", value: inputs.roundTripMilliseconds, unit: "ms"),
                    ])
            }
            return HealthCheck(
                name: .database, summary: "unreachable: \(problem)",
                figures: [condition("Unreachable", .databaseUnreachable, holds: true)])
        }
        let pending = status.pendingMigrations.count
        var summary =
            "\(status.engine), schema \(status.schemaVersion), \(HealthFormat.bytes(Double(status.sizeBytes)))"
        if pending > 0 { summary += ", \(pending) pending migration\(pending == 1 ? "" : "s")" }
        var figures = [
            condition("Unreachable", .databaseUnreachable, holds: false),
            HealthFigure(label: "Round trip", value: inputs.roundTripMilliseconds, unit: "ms"),
            HealthFigure(label: "Size", value: Double(status.sizeBytes), unit: "B"),
        ]
        // Only what the store measures: a PostgreSQL WAL of "0 B" would say something false.
        if let wal = status.measuredWriteAheadLogBytes {
            figures.append(HealthFigure(label: "WAL", value: Double(wal), unit: "B"))
        }
        if let segments = status.searchIndexSegments {
            figures.append(HealthFigure(label: "Search index segments", value: Double(segments), unit: ""))
        }
        figures.append(
            condition("Pending migrations", .pendingMigrations, holds: pending > 0, value: Double(pending)))
        return HealthCheck(name: .database, summary: summary, figures: figures)
    }

    static func integrity(_ inputs: HealthInputs) -> HealthCheck {
        guard let database = inputs.database else {
            return HealthCheck(name: .integrity, summary: "not measured", figures: [])
        }
        guard let last = database.lastIntegrityCheck else {
            // Not known to be sound is not "ok": a warning until the first check (no alert is raised).
            return HealthCheck(
                name: .integrity, summary: "never checked",
                figures: [condition("Failed", .integrity, holds: nil)], status: .warning)
        }
        let summary =
            last.ok ? "ok" : "FAILED: " + (last.problems.first ?? "problems found")
        return HealthCheck(
            name: .integrity,
            summary: summary + " (\(HealthFormat.number(hours(last.checkedAt, inputs.now), decimals: 1)) h ago)",
            figures: [
                condition("Failed", .integrity, holds: !last.ok),
                HealthFigure(label: "Age", value: hours(last.checkedAt, inputs.now), unit: "h"),
            ])
    }

    static func storage(_ inputs: HealthInputs) -> HealthCheck {
        guard let disk = inputs.disk else {
            return HealthCheck(
                name: .storage, summary: "not measured", figures: [graded("Free", .diskFree, nil)])
        }
        return HealthCheck(
            name: .storage,
            summary:
                "\(HealthFormat.bytes(Double(disk.freeBytes))) free of \(HealthFormat.bytes(Double(disk.totalBytes)))",
            figures: [
                graded("Free", .diskFree, disk.freePercent),
                HealthFigure(label: "Free space", value: Double(disk.freeBytes), unit: "B"),
                HealthFigure(label: "Total", value: Double(disk.totalBytes), unit: "B"),
            ])
    }

    static func system(_ inputs: HealthInputs) -> HealthCheck {
        let figures = inputs.system
        let cpu = figures?.cpuPercent
        let memory = figures?.memoryPercent
        let summary =
            figures == nil || (cpu == nil && memory == nil)
            ? "not measured"
            : "CPU \(cpu.map { HealthFormat.number($0, decimals: 0) } ?? "—") %, memory \(memory.map { HealthFormat.number($0, decimals: 0) } ?? "—") %"
        return HealthCheck(
            name: .system, summary: summary,
            figures: [
                graded("CPU", .cpu, cpu), graded("Memory", .memory, memory),
                HealthFigure(label: "Load (1 min)", value: figures?.load1, unit: ""),
                HealthFigure(
                    label: "Process memory", value: figures?.processMemoryBytes.map(Double.init), unit: "B"),
            ])
    }

    static func requests(_ inputs: HealthInputs) -> HealthCheck {
        guard let requests = inputs.requests else {
            return HealthCheck(name: .requests, summary: "not measured", figures: [])
        }
        let summary =
            requests.count == 0
            ? "no requests in the last hour"
            : "\(requests.count) in the last hour, p99 \(HealthFormat.number((requests.p99 ?? 0) * 1000, decimals: 1)) ms"
        return HealthCheck(
            name: .requests, summary: summary,
            figures: [
                HealthFigure(
                    label: "Requests (1 h)", value: Double(requests.count), unit: "", history: requests.perMinute),
                HealthFigure(label: "p50", value: requests.p50, unit: "s"),
                HealthFigure(label: "p95", value: requests.p95, unit: "s"),
                graded("p99", .p99Latency, requests.count > 0 ? requests.p99 : 0, history: requests.p99PerMinute),
                graded("Error rate", .errorRate, requests.errorRatePercent ?? 0),
                HealthFigure(label: "Slow (> 2 s)", value: Double(requests.slow), unit: ""),
            ])
    }

    static func queue(_ inputs: HealthInputs) -> HealthCheck {
        guard let queue = inputs.queue else {
            return HealthCheck(name: .queue, summary: "not measured", figures: [])
        }
        let oldest = queue.oldestPendingAt.map { max(inputs.now.timeIntervalSince($0), 0) / 60 } ?? 0
        return HealthCheck(
            name: .queue, summary: "\(queue.pending) pending, \(queue.failed) failed",
            figures: [
                HealthFigure(label: "Pending", value: Double(queue.pending), unit: ""),
                HealthFigure(label: "Failed", value: Double(queue.failed), unit: ""),
                graded("Oldest pending", .queueAge, oldest),
            ])
    }

    static func security(_ inputs: HealthInputs) -> HealthCheck {
        guard let security = inputs.security else {
            return HealthCheck(name: .security, summary: "not measured", figures: [])
        }
        return HealthCheck(
            name: .security,
            summary:
                "\(security.failedLoginsLastHour) failed logins in the last hour, \(security.lockedAccounts) locked",
            figures: [
                graded("Failed logins (1 h)", .failedLogins, Double(security.failedLoginsLastHour)),
                HealthFigure(label: "Failed logins (24 h)", value: Double(security.failedLoginsLastDay), unit: ""),
                HealthFigure(label: "Locked accounts", value: Double(security.lockedAccounts), unit: ""),
                HealthFigure(label: "Token reuse (24 h)", value: Double(security.tokenReuseLastDay), unit: ""),
            ])
    }

    static func backups(_ inputs: HealthInputs) -> HealthCheck {
        guard let backups = inputs.backups else {
            return HealthCheck(name: .backups, summary: "not measured", figures: [])
        }
        guard let last = backups.max(by: { $0.createdAt < $1.createdAt }) else {
            // Never backed up: as bad as a backup older than the critical age.
            let never = HealthFigure(
                label: "Last backup", value: nil, unit: "h",
                status: HealthThresholds.grade(.backupAge, .infinity), alert: .backupAge)
            return HealthCheck(
                name: .backups, summary: "no backup yet",
                figures: [never, HealthFigure(label: "Kept", value: 0, unit: "")])
        }
        let verified = backups.compactMap(\.verifiedAt).max()
        return HealthCheck(
            name: .backups,
            summary: "last \(HealthFormat.number(hours(last.createdAt, inputs.now), decimals: 1)) h ago"
                + (last.integrityOK ? "" : ", its integrity check FAILED") + ", \(backups.count) kept",
            figures: [
                graded("Last backup", .backupAge, hours(last.createdAt, inputs.now)),
                HealthFigure(label: "Last verified", value: verified.map { hours($0, inputs.now) }, unit: "h"),
                HealthFigure(label: "Kept", value: Double(backups.count), unit: ""),
            ])
    }
}
