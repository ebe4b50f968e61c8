import EdulinkCore
import Foundation

/// Whether this instance's database answers, for `/readyz`. The admin's detailed report is the
/// service's `healthReport` (every check, graded, with alerts).
struct HealthReporter: Sendable {
    let maintenance: any StoreMaintenance
    let clock: any TimeSource
    let startedAt: ContinuousClock.Instant

    /// True when the database answers.
    func databaseReachable() async -> Bool {
        (try? await maintenance.status()) != nil
    }
}
