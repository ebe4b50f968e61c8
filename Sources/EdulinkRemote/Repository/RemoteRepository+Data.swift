import EdulinkAPI
public import EdulinkCore

// Administration: the Data tab. Snapshots live on the server.
extension RemoteRepository {
    public func dataOverview() async throws -> DataOverview {
        switch try await call(write: false, { try await $0.adminDataOverview() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func checkDatabaseIntegrity() async throws -> IntegrityReport {
        switch try await call(write: true, { try await $0.checkDatabaseIntegrity() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func runDatabaseTask(_ task: DatabaseTask) async throws -> DatabaseTaskResult {
        let path = Operations.RunDatabaseTask.Input.Path(task: task)
        switch try await call(write: true, { try await $0.runDatabaseTask(path: path) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func createBackup() async throws -> BackupRecord {
        switch try await call(write: true, { try await $0.createBackup() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func verifyBackup(_ id: BackupID) async throws -> BackupRecord {
        switch try await call(write: true, { try await $0.verifyBackup(path: .init(backupId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func restoreBackup(_ id: BackupID) async throws -> RestoreResult {
        switch try await call(write: true, { try await $0.restoreBackup(path: .init(backupId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func pruneBackups() async throws -> PruneResult {
        switch try await call(write: true, { try await $0.pruneBackups() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
