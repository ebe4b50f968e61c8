import EdulinkAPI
import EdulinkCore
import Foundation

// Applying, and moving applications through the pipeline.
extension APIHandler {
    func listApplicants(_ input: Operations.ListApplicants.Input) async throws -> Operations.ListApplicants.Output {
        let status = input.query.status.flatMap { ApplicationStatus(rawValue: $0.rawValue) }
        let applicants = try await service.applicants(
            try principal(), listing: ListingID(input.path.listingId), status: status,
            after: input.query.after.map { ApplicationID($0) }, limit: input.query.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(applicants)))
    }

    func apply(_ input: Operations.Apply.Input) async throws -> Operations.Apply.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await service.apply(try principal(), body)
        return .created(.init(body: .json(application)))
    }

    func myApplications(_ input: Operations.MyApplications.Input) async throws -> Operations.MyApplications.Output {
        .ok(.init(body: .json(try await service.myApplications(try principal()))))
    }

    func moveMany(_ input: Operations.MoveMany.Input) async throws -> Operations.MoveMany.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let batch = try await service.moveMany(
            try principal(), body.ids.map { ApplicationID($0) }, try APIToCore.move(body.move))
        return .ok(.init(body: .json(.init(batchId: batch))))
    }

    func undoBatch(_ input: Operations.UndoBatch.Input) async throws -> Operations.UndoBatch.Output {
        let count = try await service.undoBatch(try principal(), input.path.batchId)
        return .ok(.init(body: .json(.init(count: count))))
    }

    func getApplication(_ input: Operations.GetApplication.Input) async throws -> Operations.GetApplication.Output {
        let detail = try await service.application(try principal(), ApplicationID(input.path.applicationId))
        return .ok(.init(body: .json(detail)))
    }

    func openApplication(_ input: Operations.OpenApplication.Input) async throws
        -> Operations.OpenApplication.Output
    {
        let detail = try await service.openApplication(try principal(), ApplicationID(input.path.applicationId))
        return .ok(.init(body: .json(detail)))
    }

    func withdrawApplication(_ input: Operations.WithdrawApplication.Input) async throws
        -> Operations.WithdrawApplication.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await service.withdraw(
            try principal(), ApplicationID(input.path.applicationId), note: body.note)
        return .ok(.init(body: .json(application)))
    }

    func answerOffer(_ input: Operations.AnswerOffer.Input) async throws -> Operations.AnswerOffer.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await service.answerOffer(
            try principal(), ApplicationID(input.path.applicationId), accept: body.accept)
        return .ok(.init(body: .json(application)))
    }

    func moveApplication(_ input: Operations.MoveApplication.Input) async throws
        -> Operations.MoveApplication.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let application = try await service.move(
            try principal(), ApplicationID(input.path.applicationId), try APIToCore.move(body))
        return .ok(.init(body: .json(application)))
    }

    func undoLastMove(_ input: Operations.UndoLastMove.Input) async throws -> Operations.UndoLastMove.Output {
        let application = try await service.undoLastMove(try principal(), ApplicationID(input.path.applicationId))
        return .ok(.init(body: .json(application)))
    }

    func rateApplication(_ input: Operations.RateApplication.Input) async throws
        -> Operations.RateApplication.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await service.rate(try principal(), ApplicationID(input.path.applicationId), rating: body.rating)
        return .noContent(.init())
    }

    func setApplicationNotes(_ input: Operations.SetApplicationNotes.Input) async throws
        -> Operations.SetApplicationNotes.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await service.setNotes(try principal(), ApplicationID(input.path.applicationId), notes: body.notes)
        return .noContent(.init())
    }
}
