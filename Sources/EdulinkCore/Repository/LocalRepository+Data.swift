// The admin Data tab, in process.
extension LocalRepository {
    public func dataOverview() async throws -> DataOverview { try await service.dataOverview(try await principal()) }

    public func checkDatabaseIntegrity() async throws -> IntegrityReport {
        try await service.checkDatabaseIntegrity(try await principal())
    }

    public func runDatabaseTask(_ task: DatabaseTask) async throws -> DatabaseTaskResult {
        try await service.runDatabaseTask(try await principal(), task)
    }

    public func createBackup() async throws -> BackupRecord { try await service.createBackup(try await principal()) }

    public func verifyBackup(_ id: BackupID) async throws -> BackupRecord {
        try await service.verifyBackup(try await principal(), id)
    }

    public func restoreBackup(_ id: BackupID) async throws -> RestoreResult {
        try await service.restoreBackup(try await principal(), id)
    }

    public func pruneBackups() async throws -> PruneResult { try await service.pruneBackups(try await principal()) }
}
