import EdulinkAPI
public import EdulinkCore
import Foundation

// The employer's figures over HTTP.
extension RemoteRepository {
    public func employerDashboard() async throws -> EmployerDashboard {
        switch try await call(write: false, { try await $0.employerDashboard() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
