import EdulinkCore
import Foundation
import Testing

@Suite("PostgreSQL health tables", .timeLimit(.minutes(10)))
struct PostgresHealthTests {
    @Test("alerts keep one open per kind and their history; tallies and KPI counts come from SQL")
    func alertsAndCounts() async throws {
        try await withPostgresWorld { w in
            let at = w.clock.now()
            let raised = try await w.store.write { session in
                try session.insertAlert(
                    Alert(kind: .cpu, severity: .warning, message: "CPU: 85 %", raisedAt: at, lastSeenAt: at))
            }
            await #expect(throws: (any Error).self) {
                _ = try await w.store.write { session in
                    try session.insertAlert(
                        Alert(kind: .cpu, severity: .critical, message: "CPU: 99 %", raisedAt: at, lastSeenAt: at))
                }
            }
            var cleared = raised
            cleared.state = .cleared
            cleared.closedAt = at
            try await w.store.write { [cleared] in try $0.updateAlert(cleared) }
            let history = try await w.store.read { try $0.alerts(AlertQuery(kind: .cpu)) }
            #expect(history == [cleared])
            #expect(try await w.store.read { try $0.alerts(AlertQuery(openOnly: true)) }.isEmpty)

            try await w.store.write { session in
                for source in ["10.0.0.1", "10.0.0.1", "10.0.0.2"] {
                    try session.insertSecurityEvent(
                        SecurityEvent(kind: .loginFailed, email: "X@y.test", source: source, detail: "wrong", at: at))
                }
            }
            let bySource = try await w.store.read {
                try $0.tallySecurityEvents(kind: .loginFailed, since: at, by: .source, limit: 10)
            }
            #expect(bySource.map(\.key) == ["10.0.0.1", "10.0.0.2"])
            #expect(bySource.map(\.count) == [2, 1])
            let counts = try await w.store.read {
                try $0.platformCounts(registeredSince: at.addingTimeInterval(-86_400), appliedSince: at, openAt: at)
            }
            #expect(counts.applications == 0)
            #expect(counts.meanSecondsToFirstReview == nil)
            #expect(counts.registrations >= 0)
        }
    }
}
