import EdulinkAPI
public import EdulinkCore
public import Foundation

// Administration: the health report, alerts, KPIs and failed-login tallies.
extension RemoteRepository {
    public func healthReport() async throws -> HealthReport {
        switch try await call(write: false, { try await $0.adminHealth() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func alerts(_ query: AlertQuery) async throws -> [Alert] {
        let input = Operations.ListAlerts.Input.Query(
            open: query.openOnly, kind: query.kind.flatMap { Components.Schemas.AlertKind(rawValue: $0.rawValue) },
            before: query.before?.rawValue, limit: query.limit)
        switch try await call(write: false, { try await $0.listAlerts(query: input) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func acknowledgeAlert(_ id: AlertID) async throws -> Alert {
        switch try await call(write: true, { try await $0.acknowledgeAlert(path: .init(alertId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func resolveAlert(_ id: AlertID) async throws -> Alert {
        switch try await call(write: true, { try await $0.resolveAlert(path: .init(alertId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func kpis() async throws -> PlatformKPIs {
        switch try await call(write: false, { try await $0.adminKPIs() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func failedLogins(since: Date, by grouping: SecurityGrouping, limit: Int) async throws -> [SecurityTally] {
        let input = Operations.ListFailedLogins.Input.Query(
            since: since, by: grouping == .account ? .account : .source, limit: limit)
        switch try await call(write: false, { try await $0.listFailedLogins(query: input) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
