public import Foundation

/// What the health report measures beyond the store.
public struct OperationsEnvironment: Sendable {
    /// Database status and backups; nil when the store offers none.
    public var maintenance: (any StoreMaintenance)?
    public var probe: any SystemProbe
    /// Repository calls or HTTP requests of this process; nil when not recorded.
    public var requests: RequestMetrics?
    /// True in local mode: every session call of the service is timed into `requests` (a
    /// local-mode repository call is one service call). The server times HTTP requests instead.
    public var timesServiceCalls: Bool
    /// The folder holding the data (its free space is the storage check).
    public var dataDirectory: String
    /// Where the admin Data tab writes snapshots (default `<data dir>/backups`).
    public var backupDirectory: String
    /// Snapshots older than this many days are pruned.
    public var keepDays: Int

    /// How long snapshots are kept unless configured otherwise.
    public static let defaultKeepDays = 30

    /// The one default for where snapshots go: `<data directory>/backups`.
    public static func defaultBackupDirectory(dataDirectory: String) -> String {
        URL(fileURLWithPath: dataDirectory, isDirectory: true).appendingPathComponent("backups", isDirectory: true).path
    }

    public init(
        maintenance: (any StoreMaintenance)?, probe: any SystemProbe, requests: RequestMetrics?,
        timesServiceCalls: Bool, dataDirectory: String, backupDirectory: String? = nil,
        keepDays: Int = OperationsEnvironment.defaultKeepDays
    ) {
        self.maintenance = maintenance
        self.probe = probe
        self.requests = requests
        self.timesServiceCalls = timesServiceCalls
        self.dataDirectory = dataDirectory
        self.backupDirectory = backupDirectory ?? Self.defaultBackupDirectory(dataDirectory: dataDirectory)
        self.keepDays = keepDays
    }
}

extension EdulinkService {
    /// The health report for an admin, after the alert engine has acted on it.
    public func healthReport() async throws -> HealthReport {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewHealth)
            return await evaluateHealth()
        }
    }

    /// Measures every check, raises, updates and clears alerts, and returns the report with the
    /// open alerts and the KPIs. Scheduled jobs and `edulink doctor` call it without a session;
    /// an unreachable database gives a report (critical), never an error.
    public func evaluateHealth() async -> HealthReport {
        await evaluateAlerts().report
    }

    /// `evaluateHealth()`, and how many alerts it raised. Each new alert is told to every active
    /// admin (in-app and by email) in the transaction that raises it: only a new alert is, never
    /// again while it stays open, and since at most one alert of a kind is open (the unique index
    /// `alerts_open_kind`), two processes evaluating at once cannot both raise and tell it. An alert
    /// that clears is not told: the Health tab and its history show it, and a flapping check
    /// would otherwise mail twice per flap.
    func evaluateAlerts() async -> (report: HealthReport, raised: Int) {
        var report = HealthAssessment.report(await measureHealth())
        let findings = report.findings
        let at = now()
        var raised = 0
        do {
            (report.alerts, raised) = try await store.write { session in
                let open = try session.alerts(AlertQuery(openOnly: true, limit: 1000))
                let (raise, update) = AlertRules.evaluate(findings, open: open, at: at)
                for alert in update { try session.updateAlert(alert) }
                let admins =
                    raise.isEmpty ? [] : try session.users(role: .admin, organizationID: nil, institutionID: nil)
                for alert in raise {
                    _ = try session.insertAlert(alert)
                    for admin in admins where admin.status != .disabled {
                        try self.notify(
                            session, admin.id, .healthAlert, "Health alert: \(alert.kind.label)",
                            "\(alert.severity.rawValue.capitalized): \(alert.message). It stays open until the "
                                + "condition clears or an admin resolves it; you will not be told again meanwhile. "
                                + "Open Health.")
                    }
                }
                return (try session.alerts(AlertQuery(openOnly: true, limit: 100)), raise.count)
            }
        } catch is CancellationError {
            // The caller moved on (a tab left, a server stopping): nothing went wrong.
        } catch {
            logger.error("could not evaluate alerts: \(error)")
        }
        report.kpis = try? await measureKPIs()
        return (report, raised)
    }

    /// Alerts, newest first: open ones or the whole history.
    public func alerts(_ query: AlertQuery) async throws -> [Alert] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewHealth)
            var query = query
            query.limit = min(max(query.limit, 1), 1000)
            return try await store.read { [query] in try $0.alerts(query) }
        }
    }

    /// Marks an open alert as seen; it stays open until its condition clears or it is resolved.
    public func acknowledgeAlert(_ id: AlertID) async throws -> Alert {
        let principal = try await caller()
        return try await changeAlert(principal, id, action: "alert.acknowledge") { alert, at in
            guard alert.state == .active else {
                throw EdulinkError.conflict(
                    "This alert is \(alert.state.rawValue); only an active alert can be acknowledged.")
            }
            alert.state = .acknowledged
            alert.acknowledgedAt = at
            alert.acknowledgedBy = principal.isOperator ? nil : principal.userID
        }
    }

    /// Closes an open alert. If its condition still holds, the next evaluation raises a new one.
    public func resolveAlert(_ id: AlertID) async throws -> Alert {
        let principal = try await caller()
        return try await changeAlert(principal, id, action: "alert.resolve") { alert, at in
            guard alert.state.isOpen else {
                throw EdulinkError.conflict("This alert is already \(alert.state.rawValue).")
            }
            alert.state = .resolved
            alert.closedAt = at
            alert.closedBy = principal.isOperator ? nil : principal.userID
        }
    }

    /// Registrations, applications, success rate, open listings and time to first review.
    public func kpis() async throws -> PlatformKPIs {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewHealth)
            return try await measureKPIs()
        }
    }

    /// Failed logins since `since`, per typed email or per source (Security tab).
    public func failedLogins(since: Date, by grouping: SecurityGrouping, limit: Int = 20)
        async throws -> [SecurityTally]
    {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewSecurity)
            let limit = min(max(limit, 1), 500)
            return try await store.read {
                try $0.tallySecurityEvents(kind: .loginFailed, since: since, by: grouping, limit: limit)
            }
        }
    }

    private func changeAlert(
        _ principal: Principal, _ id: AlertID, action: String,
        _ change: @escaping @Sendable (inout Alert, Date) throws -> Void
    ) async throws -> Alert {
        try await guarded(principal) {
            try authorize(principal, .manageAlerts)
            let at = now()
            return try await store.write { session in
                guard var alert = try session.alert(id) else { throw EdulinkError.notFound("Alert \(id)") }
                try change(&alert, at)
                try session.updateAlert(alert)
                try self.audit(
                    session, principal, action, "alert", id.rawValue, "\(alert.kind.rawValue): \(alert.message)")
                return alert
            }
        }
    }

    func measureKPIs() async throws -> PlatformKPIs {
        let at = now()
        let counts = try await store.read {
            try $0.platformCounts(
                registeredSince: at.addingTimeInterval(-7 * 86_400), appliedSince: at.addingTimeInterval(-86_400),
                openAt: at)
        }
        return PlatformKPIs(
            registrationsLastWeek: counts.registrations, applicationsLastDay: counts.applications,
            successRatePercent: counts.finished > 0 ? Double(counts.accepted) / Double(counts.finished) * 100 : nil,
            openListings: counts.openListings, hoursToFirstReview: counts.meanSecondsToFirstReview.map { $0 / 3600 })
    }

    /// Every figure of the report, each measured on its own so that one failure does not hide the rest.
    func measureHealth() async -> HealthInputs {
        let at = now()
        let operations = environment.operations
        var inputs = HealthInputs(now: at)
        let started = environment.clock.uptime()
        do {
            if let maintenance = operations?.maintenance {
                inputs.database = try await maintenance.status()
            } else {
                _ = try await store.read { try $0.countUsers(role: nil, status: nil) }
            }
            inputs.roundTripMilliseconds = Double(environment.clock.nanosecondsSince(started)) / 1e6
        } catch {
            inputs.databaseProblem = (error as? EdulinkError)?.message ?? String(describing: error)
            return inputs
        }
        if let operations {
            inputs.disk = operations.probe.disk(at: operations.dataDirectory)
            inputs.system = operations.probe.system()
            inputs.requests = operations.requests?.summary(at: at)
            inputs.backups = try? await operations.maintenance?.backups()
        }
        inputs.queue = try? await store.read { try $0.outboxStatistics() }
        inputs.security = try? await store.read { session in
            SecurityFigures(
                failedLoginsLastHour: try session.countSecurityEvents(
                    kind: .loginFailed, userID: nil, since: at.addingTimeInterval(-3600)),
                failedLoginsLastDay: try session.countSecurityEvents(
                    kind: .loginFailed, userID: nil, since: at.addingTimeInterval(-86_400)),
                lockedAccounts: try session.countUsers(role: nil, status: .locked),
                tokenReuseLastDay: try session.countSecurityEvents(
                    kind: .tokenReuse, userID: nil, since: at.addingTimeInterval(-86_400)))
        }
        return inputs
    }
}
