import EdulinkCore
import Foundation
import Testing

@Suite("Contract: health report, alerts, KPIs", .timeLimit(.minutes(10)))
struct HealthContractTests {
    @Test(
        "failed logins above the threshold raise one alert that is acknowledged, then clears by itself",
        arguments: ContractBackend.all)
    func failedLoginAlert(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let calm = try await w.admin.healthReport()
            #expect(calm.check(.security)?.status == .ok)
            #expect(calm.alerts.isEmpty)
            for index in 0..<21 {
                _ = try? await w.world.setup.login(
                    email: "ghost\(index)@example.com", password: "not the password", origin: .api,
                    source: "203.0.113.7")
            }
            let report = try await w.admin.healthReport()
            #expect(report.check(.security)?.status == .warning)
            #expect(report.check(.security)?.figure("Failed logins (1 h)")?.value == 21)
            #expect(report.alerts.map(\.kind) == [.failedLogins])
            let alert = try #require(report.alerts.first)
            #expect(try await w.admin.healthReport().alerts.map(\.id) == [alert.id])

            let acknowledged = try await w.admin.acknowledgeAlert(alert.id)
            #expect(acknowledged.state == .acknowledged)
            #expect(await edulinkError { try await w.admin.acknowledgeAlert(alert.id) }.map(isConflict) == true)

            let bySource = try await w.admin.failedLogins(since: w.now.addingTimeInterval(-3600), by: .source, limit: 5)
            #expect(bySource.map(\.key) == ["203.0.113.7"])
            #expect(bySource.map(\.count) == [21])
            // By account, an address is one account whatever its case, outside ASCII too (SQLite's own
            // lower() folds ASCII only).
            for email in ["ÉLODIE.ÑANDÚ@Example.com", "élodie.ñandú@example.com"] {
                _ = try? await w.world.setup.login(
                    email: email, password: "not the password", origin: .api, source: "203.0.113.8")
            }
            let byAccount = try await w.admin.failedLogins(
                since: w.now.addingTimeInterval(-3600), by: .account, limit: 50)
            #expect(byAccount.first { $0.key.hasPrefix("élodie") }?.count == 2)
            #expect(byAccount.filter { $0.key.lowercased().hasPrefix("élodie") }.count == 1)

            w.clock.advance(by: 61 * 60)
            // (Other conditions may be open by then: the world's outbox is never delivered.)
            #expect(try await !w.admin.healthReport().alerts.contains { $0.kind == .failedLogins })
            let history = try await w.admin.alerts(AlertQuery(kind: .failedLogins))
            #expect(history.map(\.state) == [.cleared])
            #expect(try await w.admin.alerts(AlertQuery(openOnly: true, kind: .failedLogins)).isEmpty)
        }
    }

    @Test("KPIs count the seeded platform", arguments: ContractBackend.all)
    func kpis(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            _ = try await w.application()
            let kpis = try await w.admin.kpis()
            #expect(kpis.applicationsLastDay == 1)
            #expect(kpis.openListings >= 1)
            #expect(kpis.successRatePercent == nil)
        }
    }

    @Test("no student or employer reads health, alerts, KPIs or failed logins", arguments: ContractBackend.all)
    func refused(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            for session in [w.student, w.employer] {
                #expect(await edulinkError { try await session.healthReport() }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.alerts(AlertQuery()) }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.acknowledgeAlert(1) }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.resolveAlert(1) }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.kpis() }.map(isForbidden) == true)
                #expect(
                    await edulinkError { try await session.failedLogins(since: w.now, by: .account, limit: 5) }
                        .map(isForbidden) == true)
            }
            #expect(await edulinkError { try await w.admin.resolveAlert(424_242) } == .notFound("Alert 424242"))
        }
    }
}

private func isConflict(_ error: EdulinkError) -> Bool {
    if case .conflict = error { return true }
    return false
}
