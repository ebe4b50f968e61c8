import EdulinkCore
import Foundation

// Placements, forwarded and recorded like every other call.
extension ProbeRepository {
    func placements() async throws -> [PlacementSummary] {
        try record("placements")
        return try await base.placements()
    }

    func placement(_ id: PlacementID) async throws -> PlacementDetail {
        try record("placement")
        return try await base.placement(id)
    }

    func changePlacement(_ id: PlacementID, _ change: PlacementChangeRequest) async throws -> Placement {
        try record("changePlacement")
        return try await base.changePlacement(id, change)
    }

    func supervisors() async throws -> [SupervisorSummary] {
        try record("supervisors")
        return try await base.supervisors()
    }

    func supervisorProfile() async throws -> SupervisorSummary {
        try record("supervisorProfile")
        return try await base.supervisorProfile()
    }

    func createSupervisor(_ new: NewSupervisor) async throws -> SupervisorAccount {
        try record("createSupervisor")
        return try await base.createSupervisor(new)
    }

    func saveLogbookEntry(_ placement: PlacementID, week: Int, _ content: LogbookContent, submit: Bool) async throws
        -> LogbookEntry
    {
        try record("saveLogbookEntry")
        return try await base.saveLogbookEntry(placement, week: week, content, submit: submit)
    }

    func logbookQueue() async throws -> [LogbookQueueItem] {
        try record("logbookQueue")
        return try await base.logbookQueue()
    }

    func reviewLogbookEntry(_ id: LogbookEntryID, _ review: LogbookReview) async throws -> LogbookEntry {
        try record("reviewLogbookEntry")
        return try await base.reviewLogbookEntry(id, review)
    }

    func approveLogbookEntries(_ ids: [LogbookEntryID]) async throws -> Int {
        try record("approveLogbookEntries")
        return try await base.approveLogbookEntries(ids)
    }

    func excuseWeek(_ placement: PlacementID, week: Int, reason: ExcuseReason, note: String?) async throws
        -> LogbookEntry
    {
        try record("excuseWeek")
        return try await base.excuseWeek(placement, week: week, reason: reason, note: note)
    }

    func submitEvaluation(_ placement: PlacementID, _ kind: EvaluationKind, _ draft: EvaluationDraft) async throws
        -> Evaluation
    {
        try record("submitEvaluation")
        return try await base.submitEvaluation(placement, kind, draft)
    }

    func completionRecord(_ placement: PlacementID) async throws -> CompletionRecord {
        try record("completionRecord")
        return try await base.completionRecord(placement)
    }

    func verifyCompletion(code: String) async throws -> CompletionRecord {
        try record("verifyCompletion")
        return try await base.verifyCompletion(code: code)
    }
}
