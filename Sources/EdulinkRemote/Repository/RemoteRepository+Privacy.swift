import EdulinkAPI
public import EdulinkCore

// Privacy (PLACEMENTS.md) over HTTP.
extension RemoteRepository {
    public func exportMyData() async throws -> PersonalDataExport {
        switch try await call(write: false, { try await $0.exportMyData() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func exportPersonalData(of id: UserID) async throws -> PersonalDataExport {
        switch try await call(write: false, { try await $0.exportUserData(path: .init(userId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func erasePersonalData(of id: UserID, force: Bool) async throws -> ErasureResult {
        let output = try await call(write: true) {
            try await $0.eraseUser(path: .init(userId: id.rawValue), body: .json(.init(force: force)))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
