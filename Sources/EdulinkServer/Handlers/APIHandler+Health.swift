import EdulinkAPI
import EdulinkCore
import Foundation

// Administration: alerts, KPIs and failed-login tallies (the health report is in +Admin).
extension APIHandler {
    func listAlerts(_ input: Operations.ListAlerts.Input) async throws -> Operations.ListAlerts.Output {
        let q = input.query
        let query = AlertQuery(
            openOnly: q.open ?? false, kind: q.kind.flatMap { AlertKind(rawValue: $0.rawValue) },
            before: q.before.map { AlertID($0) }, limit: q.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(try await acting().alerts(query))))
    }

    func acknowledgeAlert(_ input: Operations.AcknowledgeAlert.Input) async throws
        -> Operations.AcknowledgeAlert.Output
    {
        let alert = try await acting().acknowledgeAlert(AlertID(input.path.alertId))
        return .ok(.init(body: .json(alert)))
    }

    func resolveAlert(_ input: Operations.ResolveAlert.Input) async throws -> Operations.ResolveAlert.Output {
        let alert = try await acting().resolveAlert(AlertID(input.path.alertId))
        return .ok(.init(body: .json(alert)))
    }

    func adminKPIs(_ input: Operations.AdminKPIs.Input) async throws -> Operations.AdminKPIs.Output {
        .ok(.init(body: .json(try await acting().kpis())))
    }

    func listFailedLogins(_ input: Operations.ListFailedLogins.Input) async throws
        -> Operations.ListFailedLogins.Output
    {
        let q = input.query
        let grouping = SecurityGrouping(rawValue: q.by.rawValue) ?? .account
        let tallies = try await acting().failedLogins(since: q.since, by: grouping, limit: q.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(tallies)))
    }
}
