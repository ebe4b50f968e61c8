import EdulinkCore

// Privacy's calls (PLACEMENTS.md), forwarded and recorded.
extension ProbeRepository {
    func exportMyData() async throws -> PersonalDataExport {
        try record("exportMyData")
        return try await base.exportMyData()
    }

    func exportPersonalData(of id: UserID) async throws -> PersonalDataExport {
        try record("exportPersonalData")
        return try await base.exportPersonalData(of: id)
    }

    func erasePersonalData(of id: UserID, force: Bool) async throws -> ErasureResult {
        try record("erasePersonalData")
        return try await base.erasePersonalData(of: id, force: force)
    }
}
