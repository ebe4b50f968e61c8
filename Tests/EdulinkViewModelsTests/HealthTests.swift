import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

@Suite("Health tab", .timeLimit(.minutes(10)))
struct HealthTabTests {
    @Test func loadsTheReportThenRefreshesEveryFewTicksWithoutBlanking() async throws {
        try await withWorld { world in
            let probe = ProbeRepository(world.admin)
            var model = HealthViewModel(repository: probe)
            await send(&model, .load)
            let first = try #require(model.state.report)
            #expect(first.check(.database)?.status == .ok)
            #expect(probe.calls.filter { $0 == "healthReport" }.count == 1)
            for _ in 1..<HealthViewModel.refreshTicks {
                #expect(model.handle(.tick).isEmpty)
            }
            let refresh = model.handle(.tick)
            #expect(refresh.count == 1)
            #expect(model.state.report == first)  // the old report stays while the new one loads
            await settle(&model, refresh)
            #expect(probe.calls.filter { $0 == "healthReport" }.count == 2)
        }
    }

    @Test func acknowledgesAndResolvesTheSelectedAlert() async throws {
        try await withWorld { world in
            for index in 0..<21 {
                _ = try? await world.service.login(
                    email: "ghost\(index)@example.com", password: "wrong password", origin: .tui, source: "local")
            }
            var model = HealthViewModel(repository: world.admin)
            await send(&model, .load)
            #expect(model.state.alerts.map(\.kind) == [.failedLogins])
            #expect(model.state.selectedAlert == 0)
            let events = await send(&model, .acknowledgeSelected)
            #expect(model.state.alerts.map(\.state) == [.acknowledged])
            #expect(events.contains(.toast(Toast("Alert Failed logins (1 h): acknowledged"))))
            await send(&model, .resolveSelected)
            // Resolved, but 21 failures are still within the hour: raised again as a new alert.
            #expect(model.state.alerts.map(\.state) == [.active])
            world.clock.advance(by: 61 * 60)
            await send(&model, .load)
            // (The world's outbox is never delivered, so the queue may have its own alert by now.)
            #expect(!model.state.alerts.contains { $0.kind == .failedLogins })
        }
    }

    @Test("a newly raised alert (told to every admin) asks the shell to count the unread notifications again, once")
    func aRaisedAlertRecountsUnread() async throws {
        try await withWorld { world in
            var model = HealthViewModel(repository: world.admin)
            #expect(await send(&model, .load).isEmpty)
            for index in 0..<21 {
                _ = try? await world.service.login(
                    email: "ghost\(index)@example.com", password: "wrong password", origin: .tui, source: "local")
            }
            #expect(await send(&model, .load) == [.notificationsMayHaveChanged])
            #expect(model.state.alerts.map(\.kind) == [.failedLogins])
            #expect(await send(&model, .load).isEmpty)
        }
    }

    @Test func aStudentIsRefused() async throws {
        try await withWorld { world in
            var model = HealthViewModel(repository: world.student)
            await send(&model, .load)
            #expect(model.state.report == nil)
            #expect(model.state.message?.isEmpty == false)
        }
    }
}
