import EdulinkAPI
import EdulinkCore
import Foundation

// Placements, supervisors, the logbook, evaluations and completion records.
extension APIHandler {
    func listPlacements(_ input: Operations.ListPlacements.Input) async throws -> Operations.ListPlacements.Output {
        .ok(.init(body: .json(try await acting().placements())))
    }

    func getPlacement(_ input: Operations.GetPlacement.Input) async throws -> Operations.GetPlacement.Output {
        .ok(.init(body: .json(try await acting().placement(PlacementID(input.path.placementId)))))
    }

    func changePlacement(_ input: Operations.ChangePlacement.Input) async throws -> Operations.ChangePlacement.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        return .ok(.init(body: .json(try await acting().changePlacement(PlacementID(input.path.placementId), body))))
    }

    func saveLogbookEntry(_ input: Operations.SaveLogbookEntry.Input) async throws
        -> Operations.SaveLogbookEntry.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let entry = try await acting().saveLogbookEntry(
            PlacementID(input.path.placementId), week: input.path.week, body.content, submit: body.submit)
        return .ok(.init(body: .json(entry)))
    }

    func excuseWeek(_ input: Operations.ExcuseWeek.Input) async throws -> Operations.ExcuseWeek.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let entry = try await acting().excuseWeek(
            PlacementID(input.path.placementId), week: input.path.week, reason: body.reason, note: body.note)
        return .ok(.init(body: .json(entry)))
    }

    func submitEvaluation(_ input: Operations.SubmitEvaluation.Input) async throws
        -> Operations.SubmitEvaluation.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let evaluation = try await acting().submitEvaluation(
            PlacementID(input.path.placementId), input.path.kind, body)
        return .created(.init(body: .json(evaluation)))
    }

    func getCompletionRecord(_ input: Operations.GetCompletionRecord.Input) async throws
        -> Operations.GetCompletionRecord.Output
    {
        .ok(.init(body: .json(try await acting().completionRecord(PlacementID(input.path.placementId)))))
    }

    func verifyCompletion(_ input: Operations.VerifyCompletion.Input) async throws
        -> Operations.VerifyCompletion.Output
    {
        .ok(.init(body: .json(try await service.verifyCompletion(code: input.path.code))))
    }

    func listSupervisors(_ input: Operations.ListSupervisors.Input) async throws -> Operations.ListSupervisors.Output {
        .ok(.init(body: .json(try await acting().supervisors())))
    }

    func getSupervisorProfile(_ input: Operations.GetSupervisorProfile.Input) async throws
        -> Operations.GetSupervisorProfile.Output
    {
        .ok(.init(body: .json(try await acting().supervisorProfile())))
    }

    func createSupervisor(_ input: Operations.CreateSupervisor.Input) async throws
        -> Operations.CreateSupervisor.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        return .created(.init(body: .json(try await acting().createSupervisor(body))))
    }

    func logbookQueue(_ input: Operations.LogbookQueue.Input) async throws -> Operations.LogbookQueue.Output {
        .ok(.init(body: .json(try await acting().logbookQueue())))
    }

    func reviewLogbookEntry(_ input: Operations.ReviewLogbookEntry.Input) async throws
        -> Operations.ReviewLogbookEntry.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        return .ok(.init(body: .json(try await acting().reviewLogbookEntry(LogbookEntryID(input.path.entryId), body))))
    }

    func approveLogbookEntries(_ input: Operations.ApproveLogbookEntries.Input) async throws
        -> Operations.ApproveLogbookEntries.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let count = try await acting().approveLogbookEntries(body.ids.map { LogbookEntryID($0) })
        return .ok(.init(body: .json(.init(count: count))))
    }
}
