import EdulinkCore
import Foundation
import Testing

@Suite("Contract: the admin Data tab (status, integrity, tasks, backups)", .timeLimit(.minutes(10)))
struct DataContractTests {
    @Test(
        "status, integrity check (seen by the health check), tasks, backup, verify, restore, prune",
        arguments: ContractBackend.all)
    func dataLifecycle(_ backend: ContractBackend) async throws {
        try await withWorld(backend, maintained: true) { w in
            let overview = try await w.admin.dataOverview()
            #expect(overview.status.pendingMigrations.isEmpty)
            #expect(overview.status.schemaVersion == overview.status.appliedMigrations.last)
            #expect(overview.status.rowCounts["users"] == 5)
            #expect(overview.backups.isEmpty)
            #expect(overview.keepDays == 30)
            #expect(overview.backupDirectory.hasSuffix("/backups"))

            let report = try await w.admin.checkDatabaseIntegrity()
            #expect(report.ok)
            #expect(report.checkedAt == w.now)
            #expect(try await w.admin.dataOverview().status.lastIntegrityCheck == report)
            #expect(try await w.admin.healthReport().check(.integrity)?.status == .ok)

            for task in DatabaseTask.allCases {
                #expect(try await w.admin.runDatabaseTask(task).task == task)
            }

            let backup: BackupRecord
            do {
                backup = try await w.admin.createBackup()
            } catch let error as EdulinkError {
                // PostgreSQL snapshots need pg_dump of the server's version; without it the
                // backend refuses with a reason, it does not fail otherwise.
                guard backend.name.contains("PostgreSQL"), case .unavailable(let reason) = error else { throw error }
                #expect(reason.contains("pg_dump"))
                return
            }
            #expect(backup.integrityOK)
            #expect(backup.sizeBytes > 0)
            let verified = try await w.admin.verifyBackup(backup.id)
            #expect(verified.integrityOK)
            #expect(verified.verifiedAt == w.now)

            _ = try await w.admin.createUser(
                NewAccount(
                    email: "late@edulink.test", displayName: "Late Comer", role: .student,
                    password: ContractFixture.password))
            #expect(try await w.admin.dataOverview().status.rowCounts["users"] == 6)

            let restored = try await w.admin.restoreBackup(backup.id)
            #expect(restored.restored.id == backup.id)
            #expect(restored.previous.integrityOK)
            #expect(restored.previous.path != backup.path)
            let after = try await w.admin.dataOverview()
            #expect(after.status.rowCounts["users"] == 5)
            #expect(Set(after.backups.map(\.path)) == [backup.path, restored.previous.path])
            let audit = try await w.admin.auditEvents(AuditQuery(action: "backup.restore"))
            #expect(audit.count == 1)

            #expect(after.prunable == 0)
            w.clock.advance(by: 31 * ContractFixture.day)
            _ = try await w.admin.login(email: "admin@edulink.test", password: ContractFixture.password)
            #expect(try await w.admin.dataOverview().prunable == 1)
            let pruned = try await w.admin.pruneBackups()
            #expect(pruned == PruneResult(removed: 1, keepDays: 30))
            let left = try await w.admin.dataOverview().backups
            #expect(left.map(\.path) == [restored.previous.path])
            #expect(!FileManager.default.fileExists(atPath: backup.path))
        }
    }

    @Test(
        "no student or employer reads or changes the database; unknown backups are not found",
        arguments: ContractBackend.all)
    func refused(_ backend: ContractBackend) async throws {
        try await withWorld(backend, maintained: true) { w in
            for session in [w.student, w.employer] {
                #expect(await edulinkError { try await session.dataOverview() }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.checkDatabaseIntegrity() }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.runDatabaseTask(.vacuum) }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.createBackup() }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.verifyBackup(1) }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.restoreBackup(1) }.map(isForbidden) == true)
                #expect(await edulinkError { try await session.pruneBackups() }.map(isForbidden) == true)
            }
            #expect(await edulinkError { try await w.admin.verifyBackup(424_242) } == .notFound("Backup 424242"))
            #expect(await edulinkError { try await w.admin.restoreBackup(424_242) } == .notFound("Backup 424242"))
            let audited = try await w.admin.auditEvents(AuditQuery(action: "backup."))
            #expect(audited.isEmpty)
        }
    }
}
