public import Foundation

/// The checks of DOMAIN.md "Health checks", in the order they are shown.
public enum HealthCheckName: String, Sendable, Codable, CaseIterable, Hashable {
    case database, integrity, storage, system, requests, queue, security, backups
    /// File permissions and folders: added by `edulink doctor`, which knows the files.
    case configuration

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// One measured figure of a check, graded against its threshold.
public struct HealthFigure: Sendable, Hashable, Codable, Equatable {
    public var label: String
    /// Nil when the figure could not be measured here (no /proc, no requests yet).
    public var value: Double?
    /// "%", "s", "ms", "h", "min", "B", or "" for counts.
    public var unit: String
    public var status: HealthStatus
    /// The alert this figure raises when it is not ok.
    public var alert: AlertKind?
    /// Recent values, oldest first (per minute for requests), for sparklines; empty when none.
    public var history: [Double]

    public init(
        label: String, value: Double?, unit: String, status: HealthStatus = .ok, alert: AlertKind? = nil,
        history: [Double] = []
    ) {
        self.label = label
        self.value = value
        self.unit = unit
        self.status = status
        self.alert = alert
        self.history = history
    }

    /// The value with its unit, "—" when not measured.
    public var display: String {
        guard let value else { return "—" }
        switch unit {
        case "B": return HealthFormat.bytes(value)
        case "%": return HealthFormat.number(value, decimals: 1) + " %"
        case "s": return HealthFormat.number(value, decimals: 3) + " s"
        case "": return HealthFormat.number(value, decimals: value == value.rounded() ? 0 : 2)
        default: return HealthFormat.number(value, decimals: 1) + " " + unit
        }
    }
}

/// One check: its worst figure decides its status.
public struct HealthCheck: Sendable, Hashable, Codable, Equatable {
    public var name: HealthCheckName
    public var status: HealthStatus
    /// One line for panels and `edulink doctor`.
    public var summary: String
    public var figures: [HealthFigure]

    public init(name: HealthCheckName, summary: String, figures: [HealthFigure], status: HealthStatus? = nil) {
        self.name = name
        self.summary = summary
        self.figures = figures
        self.status = status ?? figures.map(\.status).max() ?? .ok
    }

    public func figure(_ label: String) -> HealthFigure? { figures.first { $0.label == label } }
}

/// Platform figures for the Health tab, all from SQL aggregates.
public struct PlatformKPIs: Sendable, Hashable, Codable, Equatable {
    public var registrationsLastWeek: Int
    public var applicationsLastDay: Int
    /// Accepted offers among applications that reached a final state (accepted, declined,
    /// rejected, withdrawn), in percent; nil when none has.
    public var successRatePercent: Double?
    public var openListings: Int
    /// Mean time from submission to the first review, in hours; nil when nothing was reviewed.
    public var hoursToFirstReview: Double?

    public init(
        registrationsLastWeek: Int, applicationsLastDay: Int, successRatePercent: Double?, openListings: Int,
        hoursToFirstReview: Double?
    ) {
        self.registrationsLastWeek = registrationsLastWeek
        self.applicationsLastDay = applicationsLastDay
        self.successRatePercent = successRatePercent
        self.openListings = openListings
        self.hoursToFirstReview = hoursToFirstReview
    }
}

/// Everything an admin (or `edulink doctor`) needs to know about the platform's health at once.
public struct HealthReport: Sendable, Hashable, Codable, Equatable {
    public var checkedAt: Date
    /// The worst status of any check.
    public var status: HealthStatus
    public var checks: [HealthCheck]
    /// Open alerts after this report was evaluated, newest first.
    public var alerts: [Alert]
    public var kpis: PlatformKPIs?

    public init(checkedAt: Date, checks: [HealthCheck], alerts: [Alert] = [], kpis: PlatformKPIs? = nil) {
        self.checkedAt = checkedAt
        self.checks = checks
        self.status = checks.map(\.status).max() ?? .ok
        self.alerts = alerts
        self.kpis = kpis
    }

    public func check(_ name: HealthCheckName) -> HealthCheck? { checks.first { $0.name == name } }

    /// What the alert engine acts on: every measured figure that has an alert kind.
    public var findings: [AlertFinding] {
        checks.flatMap(\.figures).compactMap { figure in
            guard let kind = figure.alert, figure.value != nil || figure.status != .ok else { return nil }
            // A condition reads as its name ("Database unreachable"), a figure with its value.
            let isCondition = HealthThresholds.table[kind] == nil
            let message =
                isCondition
                ? kind.label + ((figure.value ?? 0) > 1 ? " (\(figure.display))" : "")
                : "\(figure.label): \(figure.value == nil ? "none" : figure.display)"
            return AlertFinding(kind: kind, status: figure.status, message: message)
        }
    }
}

/// A condition as measured now.
public struct AlertFinding: Sendable, Equatable {
    public var kind: AlertKind
    public var status: HealthStatus
    public var message: String

    public init(kind: AlertKind, status: HealthStatus, message: String) {
        self.kind = kind
        self.status = status
        self.message = message
    }
}

/// Number formats for health figures, shared by the TUI, the CLI and tests.
public enum HealthFormat {
    public static func number(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// A full-text index's segment count: "empty", "1 segment", "12 segments".
    public static func segments(_ count: Int) -> String {
        switch count {
        case ...0: "empty"
        case 1: "1 segment"
        default: "\(count) segments"
        }
    }

    public static func bytes(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var size = value
        var unit = 0
        while size >= 1024, unit < units.count - 1 {
            size /= 1024
            unit += 1
        }
        return unit == 0 ? "\(Int(size)) B" : String(format: "%.1f", size) + " " + units[unit]
    }
}
