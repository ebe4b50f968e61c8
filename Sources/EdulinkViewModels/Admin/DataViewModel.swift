public import EdulinkCore

/// The admin Data tab: database status, the snapshots, and the actions on them. Restoring and
/// pruning are confirmed first; one action runs at a time and says what it is doing until it ends
/// with a toast. What is allowed and what a prune would delete comes from the service.
public struct DataViewModel: Sendable {
    /// An action waiting for the user's confirmation.
    public enum Confirmation: Sendable, Equatable {
        case restore(BackupID, file: String)
        case prune(count: Int, keepDays: Int)

        public var title: String {
            switch self {
            case .restore: "Restore backup"
            case .prune: "Prune backups"
            }
        }

        /// The question the dialog asks.
        public var question: String {
            switch self {
            case .restore(_, let file):
                "Replace the database with \(file)? The current database is backed up first, and everyone (you too) signs in again."
            case .prune(let count, let keepDays):
                "Delete \(count) backup\(count == 1 ? "" : "s") older than \(keepDays) days? The newest is always kept."
            }
        }
    }

    /// The action on its way.
    public enum Work: Sendable, Equatable {
        case check, task(DatabaseTask), backup, verify, restore, prune

        /// What the status line says while it runs.
        public var label: String {
            switch self {
            case .check: "Checking integrity and foreign keys…"
            case .task(.analyze): "Analyzing…"
            case .task(.vacuum): "Vacuuming…"
            case .task(.reindex): "Reindexing…"
            case .backup: "Writing and verifying a backup…"
            case .verify: "Verifying the backup…"
            case .restore: "Backing up the current database, then restoring…"
            case .prune: "Pruning old backups…"
            }
        }
    }

    /// What the tab draws.
    public struct State: Sendable, Equatable {
        public var overview: DataOverview?
        /// The selected snapshot (index into `overview.backups`).
        public var selected: Int?
        public var loading = false
        public var working: Work?
        public var confirmation: Confirmation?
        /// The last problem loading the tab.
        public var message: String?

        public var backups: [BackupRecord] { overview?.backups ?? [] }
    }

    /// What the user does.
    public enum Intent: Sendable, Hashable {
        case load
        case moveSelection(Int)
        case checkIntegrity
        case run(DatabaseTask)
        case backup
        case verifySelected
        /// Asks to restore the selected snapshot (a confirmation first).
        case restoreSelected
        /// Asks to prune (a confirmation naming how many go).
        case prune
        case confirm
        case cancel
    }

    /// Results of effects.
    public enum Message: Sendable {
        case loaded(Result<DataOverview, Failure>)
        /// An action ended: the toast to show, or why it failed.
        case finished(Result<String, Failure>)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) {
        self.repository = repository
    }

    /// The events for the rest of the app since the last call.
    /// Handles what the user does; the events it raises come back among the effects.
    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }

    /// Handles the result of an effect; the events it raises come back among the effects.
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    private var selected: BackupRecord? {
        state.selected.flatMap { state.backups.indices.contains($0) ? state.backups[$0] : nil }
    }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        let repository = self.repository
        switch intent {
        case .load:
            return load()
        case .moveSelection(let delta):
            guard !state.backups.isEmpty else { return [] }
            state.selected = min(max((state.selected ?? 0) + delta, 0), state.backups.count - 1)
            return []
        case .checkIntegrity:
            return start(.check) {
                let report = try await repository.checkDatabaseIntegrity()
                return report.ok
                    ? "Integrity check passed"
                    : "Integrity check FAILED: \(report.problems.prefix(2).joined(separator: "; "))"
            }
        case .run(let task):
            return start(.task(task)) {
                let result = try await repository.runDatabaseTask(task)
                return
                    "\(task.done): \(HealthFormat.bytes(Double(result.sizeBeforeBytes))) → \(HealthFormat.bytes(Double(result.sizeAfterBytes)))"
            }
        case .backup:
            return start(.backup) {
                let record = try await repository.createBackup()
                return "Backed up to \(record.fileName) (\(HealthFormat.bytes(Double(record.sizeBytes))), verified)"
            }
        case .verifySelected:
            guard let backup = selected else { return [] }
            return start(.verify) {
                let record = try await repository.verifyBackup(backup.id)
                return record.integrityOK
                    ? "Backup verified: \(record.fileName)" : "Backup FAILED verification: \(record.fileName)"
            }
        case .restoreSelected:
            guard state.working == nil, let backup = selected else { return [] }
            state.confirmation = .restore(backup.id, file: backup.fileName)
            return []
        case .prune:
            guard state.working == nil, let overview = state.overview else { return [] }
            guard overview.prunable > 0 else {
                events.post(.toast(Toast("No backup is older than \(overview.keepDays) days.")))
                return []
            }
            state.confirmation = .prune(count: overview.prunable, keepDays: overview.keepDays)
            return []
        case .confirm:
            guard let confirmation = state.confirmation else { return [] }
            state.confirmation = nil
            switch confirmation {
            case .restore(let id, _):
                return start(.restore) {
                    let result = try await repository.restoreBackup(id)
                    return
                        "Restored \(result.restored.fileName) (previous: \(result.previous.fileName)); "
                        + "everyone signs in again"
                }
            case .prune:
                return start(.prune) {
                    let result = try await repository.pruneBackups()
                    return
                        "Deleted \(result.removed) backup\(result.removed == 1 ? "" : "s") older than \(result.keepDays) days"
                }
            }
        case .cancel:
            state.confirmation = nil
            return []
        }
    }

    /// Runs one action at a time; a second key press while one runs is ignored.
    private mutating func start(_ work: Work, _ action: @escaping @Sendable () async throws -> String)
        -> [Effect<Message>]
    {
        guard state.working == nil else { return [] }
        state.working = work
        return [Effect(key: "work") { .finished(await attempt { try await action() }) }]
    }

    private mutating func load() -> [Effect<Message>] {
        state.loading = true
        let repository = self.repository
        return [Effect(key: "overview") { .loaded(await attempt { try await repository.dataOverview() }) }]
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .loaded(.success(let overview)):
            events.succeeded()
            state.loading = false
            state.message = nil
            let selectedID = selected?.id
            state.overview = overview
            let index = selectedID.flatMap { id in overview.backups.firstIndex { $0.id == id } }
            state.selected =
                overview.backups.isEmpty ? nil : (index ?? min(state.selected ?? 0, overview.backups.count - 1))
        case .loaded(.failure(let failure)):
            events.failed(failure)
            state.loading = false
            state.message = failure.message
        case .finished(.success(let text)):
            events.succeeded()
            state.working = nil
            events.post(.toast(Toast(text, kind: text.contains("FAILED") ? .error : .info)))
            return load()
        case .finished(.failure(let failure)):
            state.working = nil
            events.failed(failure, toast: true)
            return load()
        }
        return []
    }
}

extension DataViewModel: ViewModel {}
