import EdulinkAPI
import EdulinkCore
import Foundation

// The employer's figures.
extension APIHandler {
    func employerDashboard(_ input: Operations.EmployerDashboard.Input) async throws
        -> Operations.EmployerDashboard.Output
    {
        .ok(.init(body: .json(try await acting().employerDashboard())))
    }
}
