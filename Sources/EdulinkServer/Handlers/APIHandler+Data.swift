import EdulinkAPI
import EdulinkCore
import Foundation

// Administration: the Data tab (database status, integrity, maintenance tasks, snapshots).
extension APIHandler {
    func adminDataOverview(_ input: Operations.AdminDataOverview.Input) async throws
        -> Operations.AdminDataOverview.Output
    {
        .ok(.init(body: .json(try await acting().dataOverview())))
    }

    func checkDatabaseIntegrity(_ input: Operations.CheckDatabaseIntegrity.Input) async throws
        -> Operations.CheckDatabaseIntegrity.Output
    {
        .ok(.init(body: .json(try await acting().checkDatabaseIntegrity())))
    }

    func runDatabaseTask(_ input: Operations.RunDatabaseTask.Input) async throws -> Operations.RunDatabaseTask.Output {
        .ok(.init(body: .json(try await acting().runDatabaseTask(input.path.task))))
    }

    func createBackup(_ input: Operations.CreateBackup.Input) async throws -> Operations.CreateBackup.Output {
        .ok(.init(body: .json(try await acting().createBackup())))
    }

    func verifyBackup(_ input: Operations.VerifyBackup.Input) async throws -> Operations.VerifyBackup.Output {
        let record = try await acting().verifyBackup(BackupID(input.path.backupId))
        return .ok(.init(body: .json(record)))
    }

    func restoreBackup(_ input: Operations.RestoreBackup.Input) async throws -> Operations.RestoreBackup.Output {
        let result = try await acting().restoreBackup(BackupID(input.path.backupId))
        return .ok(.init(body: .json(result)))
    }

    func pruneBackups(_ input: Operations.PruneBackups.Input) async throws -> Operations.PruneBackups.Output {
        .ok(.init(body: .json(try await acting().pruneBackups())))
    }
}
