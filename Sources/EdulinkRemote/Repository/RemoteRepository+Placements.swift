import EdulinkAPI
public import EdulinkCore
import Foundation

// Placements, supervisors, the logbook and evaluations over HTTP.
extension RemoteRepository {
    public func placements() async throws -> [PlacementSummary] {
        switch try await call(write: false, { try await $0.listPlacements() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func placement(_ id: PlacementID) async throws -> PlacementDetail {
        switch try await call(write: false, { try await $0.getPlacement(path: .init(placementId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func changePlacement(_ id: PlacementID, _ change: PlacementChangeRequest) async throws -> Placement {
        let output = try await call(write: true) {
            try await $0.changePlacement(path: .init(placementId: id.rawValue), body: .json(change))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func supervisors() async throws -> [SupervisorSummary] {
        switch try await call(write: false, { try await $0.listSupervisors() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func supervisorProfile() async throws -> SupervisorSummary {
        switch try await call(write: false, { try await $0.getSupervisorProfile() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func createSupervisor(_ new: NewSupervisor) async throws -> SupervisorAccount {
        switch try await call(write: true, { try await $0.createSupervisor(body: .json(new)) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func saveLogbookEntry(_ placement: PlacementID, week: Int, _ content: LogbookContent, submit: Bool)
        async throws -> LogbookEntry
    {
        let output = try await call(write: true) {
            try await $0.saveLogbookEntry(
                path: .init(placementId: placement.rawValue, week: week),
                body: .json(.init(content: content, submit: submit)))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func logbookQueue() async throws -> [LogbookQueueItem] {
        switch try await call(write: false, { try await $0.logbookQueue() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func reviewLogbookEntry(_ id: LogbookEntryID, _ review: LogbookReview) async throws -> LogbookEntry {
        let output = try await call(write: true) {
            try await $0.reviewLogbookEntry(path: .init(entryId: id.rawValue), body: .json(review))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func approveLogbookEntries(_ ids: [LogbookEntryID]) async throws -> Int {
        let output = try await call(write: true) {
            try await $0.approveLogbookEntries(body: .json(.init(ids: ids.map(\.rawValue))))
        }
        switch output {
        case .ok(let ok): return try ok.body.json.count
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func excuseWeek(_ placement: PlacementID, week: Int, reason: ExcuseReason, note: String?) async throws
        -> LogbookEntry
    {
        let output = try await call(write: true) {
            try await $0.excuseWeek(
                path: .init(placementId: placement.rawValue, week: week), body: .json(.init(reason: reason, note: note))
            )
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func submitEvaluation(_ placement: PlacementID, _ kind: EvaluationKind, _ draft: EvaluationDraft)
        async throws -> Evaluation
    {
        let output = try await call(write: true) {
            try await $0.submitEvaluation(path: .init(placementId: placement.rawValue, kind: kind), body: .json(draft))
        }
        switch output {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func completionRecord(_ placement: PlacementID) async throws -> CompletionRecord {
        let output = try await call(write: false) {
            try await $0.getCompletionRecord(path: .init(placementId: placement.rawValue))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func verifyCompletion(code: String) async throws -> CompletionRecord {
        let output = try await call(write: false, signedIn: false) {
            try await $0.verifyCompletion(path: .init(code: code))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
