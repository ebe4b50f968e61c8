import EdulinkCore

// The admin Data tab's calls, forwarded and recorded.
extension ProbeRepository {
    func dataOverview() async throws -> DataOverview {
        try record("dataOverview")
        return try await base.dataOverview()
    }

    func checkDatabaseIntegrity() async throws -> IntegrityReport {
        try record("checkDatabaseIntegrity")
        return try await base.checkDatabaseIntegrity()
    }

    func runDatabaseTask(_ task: DatabaseTask) async throws -> DatabaseTaskResult {
        try record("runDatabaseTask")
        return try await base.runDatabaseTask(task)
    }

    func createBackup() async throws -> BackupRecord {
        try record("createBackup")
        return try await base.createBackup()
    }

    func verifyBackup(_ id: BackupID) async throws -> BackupRecord {
        try record("verifyBackup")
        return try await base.verifyBackup(id)
    }

    func restoreBackup(_ id: BackupID) async throws -> RestoreResult {
        try record("restoreBackup")
        return try await base.restoreBackup(id)
    }

    func pruneBackups() async throws -> PruneResult {
        try record("pruneBackups")
        return try await base.pruneBackups()
    }
}
