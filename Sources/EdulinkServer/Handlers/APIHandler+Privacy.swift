import EdulinkAPI
import EdulinkCore

// Privacy (PLACEMENTS.md): a person's data as one document, and erasing a person.
extension APIHandler {
    func exportMyData(_ input: Operations.ExportMyData.Input) async throws -> Operations.ExportMyData.Output {
        .ok(.init(body: .json(try await acting().exportMyData())))
    }

    func exportUserData(_ input: Operations.ExportUserData.Input) async throws -> Operations.ExportUserData.Output {
        .ok(.init(body: .json(try await acting().exportPersonalData(of: UserID(input.path.userId)))))
    }

    func eraseUser(_ input: Operations.EraseUser.Input) async throws -> Operations.EraseUser.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let result = try await acting().erasePersonalData(of: UserID(input.path.userId), force: body.force)
        return .ok(.init(body: .json(result)))
    }
}
