import EdulinkAPI
public import EdulinkCore
import Foundation

// Applications over HTTP.
extension RemoteRepository {
    public func apply(_ draft: ApplicationDraft) async throws -> Application {
        var content = draft
        content.idempotencyKey = nil  // travels as the Idempotency-Key header, not in the body
        let body = content
        let output = try await call(write: true, idempotencyKey: draft.idempotencyKey) {
            try await $0.apply(body: .json(body))
        }
        switch output {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func myApplications() async throws -> [ApplicationSummary] {
        switch try await call(write: false, { try await $0.myApplications() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func application(_ id: ApplicationID) async throws -> ApplicationDetail {
        switch try await call(write: false, { try await $0.getApplication(path: .init(applicationId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func withdraw(_ id: ApplicationID, note: String?) async throws -> Application {
        let output = try await call(write: true) {
            try await $0.withdrawApplication(path: .init(applicationId: id.rawValue), body: .json(.init(note: note)))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func answerOffer(_ id: ApplicationID, accept: Bool) async throws -> Application {
        let output = try await call(write: true) {
            try await $0.answerOffer(path: .init(applicationId: id.rawValue), body: .json(.init(accept: accept)))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func applicants(
        listing: ListingID, status: ApplicationStatus?, named: String?, after: ApplicationID?, limit: Int
    ) async throws -> [ApplicationSummary] {
        let query = Operations.ListApplicants.Input.Query(
            status: status.flatMap { Components.Schemas.ApplicationStatus(rawValue: $0.rawValue) },
            named: named.flatMap { $0.isEmpty ? nil : $0 }, after: after?.rawValue, limit: limit)
        let output = try await call(write: false) {
            try await $0.listApplicants(path: .init(listingId: listing.rawValue), query: query)
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func openApplication(_ id: ApplicationID) async throws -> ApplicationDetail {
        switch try await call(write: true, { try await $0.openApplication(path: .init(applicationId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func move(_ id: ApplicationID, _ move: ApplicationMove) async throws -> Application {
        let body = CoreToAPI.move(move)
        let output = try await call(write: true) {
            try await $0.moveApplication(path: .init(applicationId: id.rawValue), body: .json(body))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func moveMany(_ ids: [ApplicationID], _ move: ApplicationMove) async throws -> String {
        let body = Components.Schemas.BatchMoveRequest(ids: ids.map(\.rawValue), move: CoreToAPI.move(move))
        switch try await call(write: true, { try await $0.moveMany(body: .json(body)) }) {
        case .ok(let ok): return try ok.body.json.batchId
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func undoLastMove(_ id: ApplicationID) async throws -> Application {
        switch try await call(write: true, { try await $0.undoLastMove(path: .init(applicationId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func undoBatch(_ batchID: String) async throws -> Int {
        switch try await call(write: true, { try await $0.undoBatch(path: .init(batchId: batchID)) }) {
        case .ok(let ok): return try ok.body.json.count
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func rate(_ id: ApplicationID, rating: Int?) async throws {
        let output = try await call(write: true) {
            try await $0.rateApplication(path: .init(applicationId: id.rawValue), body: .json(.init(rating: rating)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func setNotes(_ id: ApplicationID, notes: String) async throws {
        let output = try await call(write: true) {
            try await $0.setApplicationNotes(path: .init(applicationId: id.rawValue), body: .json(.init(notes: notes)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
