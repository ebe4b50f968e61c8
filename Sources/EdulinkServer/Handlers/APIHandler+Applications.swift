import EdulinkAPI
import EdulinkCore
import Foundation

// Applying, and moving applications through the pipeline.
extension APIHandler {
    func listApplicants(_ input: Operations.ListApplicants.Input) async throws -> Operations.ListApplicants.Output {
        let status = input.query.status.flatMap { ApplicationStatus(rawValue: $0.rawValue) }
        let applicants = try await acting().applicants(
            listing: ListingID(input.path.listingId), status: status, named: input.query.named,
            after: input.query.after.map { ApplicationID($0) }, limit: input.query.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(applicants)))
    }

    func apply(_ input: Operations.Apply.Input) async throws -> Operations.Apply.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await acting().apply(body)
        return .created(.init(body: .json(application)))
    }

    func myApplications(_ input: Operations.MyApplications.Input) async throws -> Operations.MyApplications.Output {
        .ok(.init(body: .json(try await acting().myApplications())))
    }

    func moveMany(_ input: Operations.MoveMany.Input) async throws -> Operations.MoveMany.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let batch = try await acting().moveMany(body.ids.map { ApplicationID($0) }, try APIToCore.move(body.move))
        return .ok(.init(body: .json(.init(batchId: batch))))
    }

    func undoBatch(_ input: Operations.UndoBatch.Input) async throws -> Operations.UndoBatch.Output {
        let count = try await acting().undoBatch(input.path.batchId)
        return .ok(.init(body: .json(.init(count: count))))
    }

    func getApplication(_ input: Operations.GetApplication.Input) async throws -> Operations.GetApplication.Output {
        let detail = try await acting().application(ApplicationID(input.path.applicationId))
        return .ok(.init(body: .json(detail)))
    }

    func openApplication(_ input: Operations.OpenApplication.Input) async throws
        -> Operations.OpenApplication.Output
    {
        let detail = try await acting().openApplication(ApplicationID(input.path.applicationId))
        return .ok(.init(body: .json(detail)))
    }

    func withdrawApplication(_ input: Operations.WithdrawApplication.Input) async throws
        -> Operations.WithdrawApplication.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await acting().withdraw(ApplicationID(input.path.applicationId), note: body.note)
        return .ok(.init(body: .json(application)))
    }

    func answerOffer(_ input: Operations.AnswerOffer.Input) async throws -> Operations.AnswerOffer.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await acting().answerOffer(ApplicationID(input.path.applicationId), accept: body.accept)
        return .ok(.init(body: .json(application)))
    }

    func moveApplication(_ input: Operations.MoveApplication.Input) async throws
        -> Operations.MoveApplication.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await acting().move(ApplicationID(input.path.applicationId), try APIToCore.move(body))
        return .ok(.init(body: .json(application)))
    }

    func undoLastMove(_ input: Operations.UndoLastMove.Input) async throws -> Operations.UndoLastMove.Output {
        let application = try await acting().undoLastMove(ApplicationID(input.path.applicationId))
        return .ok(.init(body: .json(application)))
    }

    func rateApplication(_ input: Operations.RateApplication.Input) async throws
        -> Operations.RateApplication.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await acting().rate(ApplicationID(input.path.applicationId), rating: body.rating)
        return .noContent(.init())
    }

    func setApplicationNotes(_ input: Operations.SetApplicationNotes.Input) async throws
        -> Operations.SetApplicationNotes.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await acting().setNotes(ApplicationID(input.path.applicationId), notes: body.notes)
        return .noContent(.init())
    }
}
