/// How good a figure, a check or the whole platform is. Ordered by severity.
public enum HealthStatus: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case ok
    case warning
    case critical

    private var rank: Int {
        switch self {
        case .ok: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Every figure with a threshold, and every other condition that raises an alert. One alert of
/// each kind is open at a time.
public enum AlertKind: String, Sendable, Codable, CaseIterable, Hashable {
    case cpu
    case memory
    case diskFree = "disk_free"
    case errorRate = "error_rate"
    case p99Latency = "p99_latency"
    case backupAge = "backup_age"
    case failedLogins = "failed_logins"
    case queueAge = "queue_age"
    case databaseUnreachable = "database_unreachable"
    case pendingMigrations = "pending_migrations"
    case integrity

    public var label: String {
        switch self {
        case .cpu: "CPU"
        case .memory: "Memory"
        case .diskFree: "Free disk"
        case .errorRate: "Error rate"
        case .p99Latency: "p99 latency"
        case .backupAge: "Last backup"
        case .failedLogins: "Failed logins (1 h)"
        case .queueAge: "Queue oldest pending"
        case .databaseUnreachable: "Database unreachable"
        case .pendingMigrations: "Pending migrations"
        case .integrity: "Integrity check failed"
        }
    }
}

/// A warning and a critical level for one figure.
public struct Threshold: Sendable, Equatable, Codable {
    public enum Direction: String, Sendable, Codable {
        /// Bad when the figure rises above the levels (CPU).
        case above
        /// Bad when the figure falls below the levels (free disk).
        case below
    }

    public var warning: Double
    public var critical: Double
    public var direction: Direction
    /// The unit of the figure and the levels: "%", "s", "h", "min", or "" for counts.
    public var unit: String

    public init(warning: Double, critical: Double, direction: Direction = .above, unit: String) {
        self.warning = warning
        self.critical = critical
        self.direction = direction
        self.unit = unit
    }

    /// The grade of `value`: past a level (strictly) is that level.
    public func grade(_ value: Double) -> HealthStatus {
        switch direction {
        case .above: value > critical ? .critical : value > warning ? .warning : .ok
        case .below: value < critical ? .critical : value < warning ? .warning : .ok
        }
    }
}

/// The health thresholds of PRODUCT.md, in one table. Conditions without a figure are graded by
/// `HealthThresholds.grade(condition:)`: an unreachable database and a failed integrity check are
/// critical, pending migrations a warning.
public enum HealthThresholds {
    public static let table: [AlertKind: Threshold] = [
        .cpu: Threshold(warning: 80, critical: 95, unit: "%"),
        .memory: Threshold(warning: 85, critical: 95, unit: "%"),
        .diskFree: Threshold(warning: 20, critical: 10, direction: .below, unit: "%"),
        .errorRate: Threshold(warning: 1, critical: 5, unit: "%"),
        .p99Latency: Threshold(warning: 1, critical: 2, unit: "s"),
        .backupAge: Threshold(warning: 24, critical: 72, unit: "h"),
        .failedLogins: Threshold(warning: 20, critical: 100, unit: ""),
        .queueAge: Threshold(warning: 5, critical: 30, unit: "min"),
    ]

    /// A request slower than this counts as slow.
    public static let slowRequestSeconds = 2.0

    /// The grade of a figure of `kind`; `ok` for kinds without a level.
    public static func grade(_ kind: AlertKind, _ value: Double) -> HealthStatus {
        table[kind]?.grade(value) ?? .ok
    }

    /// The grade of a condition without a figure, when it holds.
    public static func grade(condition kind: AlertKind) -> HealthStatus {
        switch kind {
        case .databaseUnreachable, .integrity: .critical
        case .pendingMigrations: .warning
        default: .warning
        }
    }
}
