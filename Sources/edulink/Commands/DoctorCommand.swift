import ArgumentParser
import EdulinkCore
import EdulinkTUI
import Foundation

/// `edulink doctor [--json]`: every health check plus the configuration, for people and cron.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the database, backups, disk, system, queue and security, and the configuration.",
        discussion: """
            Runs every check of the admin Health tab (thresholds as in the Health tab) plus the \
            configuration: database file mode 0600, data folder writable, theme found. Raises and \
            clears alerts like the Health tab does. Exit status: 0 healthy, 2 degraded (a warning), \
            1 unhealthy (a critical check, e.g. an unreachable database).
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print the report as JSON (for scripts).")
    var json = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let location = try database.location(environment: environment)
        let report = await Doctor.examine(
            location: location, probe: LocalEnvironment.systemProbe(environment), environment: environment)
        if json {
            try JSONOutput.print(report)
        } else {
            print(Doctor.render(report, location: location))
        }
        let code = Doctor.exitCode(report.status)
        if code != 0 { throw ExitCode(code) }
    }
}

/// What `edulink doctor` does, separate from argument parsing so tests can inject a probe.
enum Doctor {
    static func exitCode(_ status: HealthStatus) -> Int32 {
        switch status {
        case .ok: 0
        case .warning: 2
        case .critical: 1
        }
    }

    /// Every check of the service's health report plus the configuration. Never throws: a
    /// database that cannot be opened is an unhealthy report.
    static func examine(location: DatabaseLocation, probe: any SystemProbe, environment: [String: String]) async
        -> HealthReport
    {
        var report: HealthReport
        if let file = location.file, !DatabaseFile.exists(file) {
            report = HealthAssessment.report(
                HealthInputs(now: Date(), databaseProblem: "no database at \(file.path)"))
        } else {
            do {
                let local = try await LocalEnvironment.open(location, migrate: false, probe: probe)
                report = await local.service.evaluateHealth()
            } catch {
                let problem = (error as? EdulinkError)?.message ?? (error as? CommandFailure)?.message ?? "\(error)"
                report = HealthAssessment.report(HealthInputs(now: Date(), databaseProblem: problem))
            }
        }
        return HealthReport(
            checkedAt: report.checkedAt,
            checks: report.checks + [configuration(location: location, environment: environment)],
            alerts: report.alerts, kpis: report.kpis)
    }

    /// Database file mode (SQLite), data folder writable, theme found.
    static func configuration(location: DatabaseLocation, environment: [String: String]) -> HealthCheck {
        var figures: [HealthFigure] = []
        var problems: [String] = []
        let attributes = location.file.flatMap { try? FileManager.default.attributesOfItem(atPath: $0.path) }
        if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue {
            let tooOpen = mode & 0o077 != 0
            figures.append(
                HealthFigure(
                    label: "Database file mode", value: Double(Int(String(mode, radix: 8)) ?? mode), unit: "",
                    status: tooOpen ? .warning : .ok))
            if tooOpen { problems.append("database file is mode \(String(mode, radix: 8)), not 600") }
        }
        // PostgreSQL keeps its data on its server: this machine's state folder (backups, outbox)
        // matters only once something has made it.
        let folder = DatabaseOptions.dataDirectory(for: location, environment: environment).path
        if location.file != nil || FileManager.default.fileExists(atPath: folder) {
            let writable = FileManager.default.isWritableFile(atPath: folder)
            figures.append(
                HealthFigure(
                    label: "Data folder writable", value: writable ? 1 : 0, unit: "",
                    status: writable ? .ok : .critical))
            if !writable { problems.append("data folder \(folder) is not writable") }
        }
        let config = ConfigurationFile.load(path: ConfigurationFile.defaultPath(environment: environment))
        let themeName = environment["EDULINK_THEME"].flatMap { $0.isEmpty ? nil : $0 } ?? config.theme
        let theme = TerminalApp.theme(named: themeName, environment: environment)
        figures.append(
            HealthFigure(
                label: "Theme found", value: theme.problem == nil ? 1 : 0, unit: "",
                status: theme.problem == nil ? .ok : .warning))
        if let problem = theme.problem { problems.append(problem) }
        problems += config.problems
        return HealthCheck(
            name: .configuration,
            summary: problems.isEmpty
                ? "file mode, data folder and theme ok (\(theme.name))" : problems.joined(separator: "; "),
            figures: figures, status: max(figures.map(\.status).max() ?? .ok, config.problems.isEmpty ? .ok : .warning))
    }

    static func render(_ report: HealthReport, location: DatabaseLocation) -> String {
        var lines = ["edulink doctor — \(location.described)", ""]
        for check in report.checks {
            let mark: String =
                switch check.status {
                case .ok: "ok      "
                case .warning: "WARNING "
                case .critical: "CRITICAL"
                }
            lines.append(
                "  \(mark)  \(check.name.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))\(check.summary)")
            for figure in check.figures where figure.status != .ok {
                var line = "              \(figure.label): \(figure.value == nil ? "never" : figure.display)"
                if let kind = figure.alert, let threshold = HealthThresholds.table[kind] {
                    let level = figure.status == .critical ? threshold.critical : threshold.warning
                    let side = threshold.direction == .above ? ">" : "<"
                    line +=
                        "  (\(figure.status.rawValue) \(side) \(HealthFormat.number(level, decimals: 0))\(threshold.unit.isEmpty ? "" : " " + threshold.unit))"
                }
                lines.append(line)
            }
        }
        if !report.alerts.isEmpty {
            lines.append("")
            lines.append("Open alerts:")
            for alert in report.alerts {
                lines.append("  #\(alert.id) \(alert.severity.rawValue) \(alert.state.rawValue)  \(alert.message)")
            }
        }
        let verdict: String =
            switch report.status {
            case .ok: "healthy"
            case .warning: "degraded"
            case .critical: "unhealthy"
            }
        lines.append("")
        lines.append("Overall: \(verdict) (exit \(exitCode(report.status)))")
        return lines.joined(separator: "\n")
    }
}
