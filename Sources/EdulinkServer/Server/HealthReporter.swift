import EdulinkAPI
import EdulinkCore
import Foundation

/// Whether this instance and its database are well: `/readyz` for load balancers, and the admin's
/// detailed report.
struct HealthReporter: Sendable {
    let maintenance: any StoreMaintenance
    let clock: any TimeSource
    let startedAt: ContinuousClock.Instant

    /// True when the database answers.
    func databaseReachable() async -> Bool {
        (try? await maintenance.status()) != nil
    }

    func report() async -> Components.Schemas.HealthReport {
        let uptime = Int((ContinuousClock.now - startedAt).components.seconds)
        let database: Components.Schemas.DatabaseHealth
        do {
            let status = try await maintenance.status()
            database = .init(
                reachable: true, engine: status.engine, schemaVersion: status.schemaVersion,
                pendingMigrations: status.pendingMigrations, sizeBytes: status.sizeBytes,
                rowCounts: .init(additionalProperties: status.rowCounts))
        } catch {
            database = .init(reachable: false, problem: (error as? EdulinkError)?.message ?? "unreachable")
        }
        let healthy = database.reachable && (database.pendingMigrations ?? []).isEmpty
        return .init(
            status: healthy ? .ok : .degraded, checkedAt: clock.now(), uptimeSeconds: uptime, database: database)
    }
}
