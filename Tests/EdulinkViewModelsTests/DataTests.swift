import EdulinkCore
import EdulinkSQLite
import EdulinkViewModels
import Foundation
import Logging
import Testing

@Suite("Data tab", .timeLimit(.minutes(10)))
struct DataTabTests {
    @Test func backsUpAndRestoresOnlyAfterConfirmation() async throws {
        try await withDataWorld { world in
            let probe = ProbeRepository(world.admin)
            var model = DataViewModel(repository: probe)
            await send(&model, .load)
            #expect(model.state.backups.isEmpty)
            #expect(model.state.overview?.status.pendingMigrations.isEmpty == true)

            let effects = model.handle(.backup)
            #expect(model.state.working == .backup)
            #expect(model.handle(.checkIntegrity).isEmpty)  // one action at a time
            let events = await settle(&model, effects)
            #expect(model.state.working == nil)
            #expect(model.state.backups.count == 1)
            #expect(
                events.contains {
                    $0
                        == .toast(
                            Toast(
                                "Backed up to \(model.state.backups[0].fileName) (\(HealthFormat.bytes(Double(model.state.backups[0].sizeBytes))), verified)"
                            ))
                })

            #expect(model.handle(.restoreSelected).isEmpty)
            let file = model.state.backups[0].fileName
            #expect(model.state.confirmation == .restore(model.state.backups[0].id, file: file))
            #expect(model.state.confirmation?.question.contains(file) == true)
            #expect(model.state.confirmation?.question.contains("current database is backed up first") == true)
            #expect(probe.count(of: "restoreBackup") == 0)
            await send(&model, .cancel)
            #expect(model.state.confirmation == nil)
            #expect(probe.count(of: "restoreBackup") == 0)

            await send(&model, .restoreSelected)
            await send(&model, .confirm)
            #expect(probe.count(of: "restoreBackup") == 1)
            #expect(model.state.backups.count == 2)  // the one restored and the database as it was
        }
    }

    @Test func pruneSaysHowManyGoAndAnEmptyPruneOnlyInforms() async throws {
        try await withDataWorld { world in
            var model = DataViewModel(repository: world.admin)
            await send(&model, .load)
            let events2 = await send(&model, .prune)
            #expect(model.state.confirmation == nil)
            #expect(events2.contains(.toast(Toast("No backup is older than 30 days."))))
            await send(&model, .backup)
            await send(&model, .backup)
            // A backup prunes as it goes; old ones pile up only while no backup is made.
            world.clock.advance(by: 40 * 86_400)
            _ = try await world.admin.login(email: "root@edulink.test", password: "a long test password")
            await send(&model, .load)
            await send(&model, .prune)
            #expect(model.state.confirmation == .prune(count: 1, keepDays: 30))
            let events3 = await send(&model, .confirm)
            #expect(events3.contains(.toast(Toast("Deleted 1 backup older than 30 days"))))
            #expect(model.state.backups.count == 1)
        }
    }

    @Test func aStudentIsRefusedAndActionFailuresAreToasts() async throws {
        try await withDataWorld { world in
            var model = DataViewModel(repository: world.student)
            await send(&model, .load)
            #expect(model.state.overview == nil)
            #expect(model.state.message?.isEmpty == false)
            let events4 = await send(&model, .checkIntegrity)
            #expect(model.state.working == nil)
            #expect(
                events4.contains { if case .toast(let toast) = $0 { toast.kind == .error } else { false } })
        }
    }
}

/// An admin and a student over a fresh database whose service has database maintenance.
private struct DataWorld {
    let clock: ManualTimeSource
    let admin: any EdulinkRepository
    let student: any EdulinkRepository
}

private func withDataWorld(_ body: (DataWorld) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "edulink-vm-data-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("edulink.sqlite").path
    let clock = ManualTimeSource(Fixture.start)
    let store = try SQLiteStore(path: path, clock: clock)
    let service = EdulinkService(
        environment: ServiceEnvironment(
            store: store, clock: clock, hasher: BcryptHasher(cost: 4),
            passwordPolicy: PasswordPolicy(commonPasswords: []),
            logger: Logger(label: "data-tab-tests"),
            operations: OperationsEnvironment(
                maintenance: store,
                probe: FixedSystemProbe(
                    figures: SystemFigures(cpuPercent: nil, memoryPercent: nil, load1: nil, processMemoryBytes: nil),
                    disk: nil),
                requests: nil, timesServiceCalls: false, dataDirectory: directory.path)))
    var sessions: [any EdulinkRepository] = []
    for (email, role) in [("root@edulink.test", Role.admin), ("pupil@edulink.test", Role.student)] {
        _ = try await service.acting(as: .localOperator()).createUser(
            NewAccount(email: email, displayName: "Test \(role.rawValue)", role: role, password: "a long test password")
        )
        let session = service.localSession(mode: .local(path: path))
        _ = try await session.login(email: email, password: "a long test password")
        sessions.append(session)
    }
    try await body(DataWorld(clock: clock, admin: sessions[0], student: sessions[1]))
}
