import EdulinkCore
import EdulinkRemote
import Foundation
import Testing

/// What only the remote client has to get right: an answer lost on the way back, and a server that
/// cannot be reached. (The contract suite covers what every backend shares.)
@Suite("Remote client: resending and an unreachable server", .timeLimit(.minutes(10)))
struct RemoteResendTests {
    @Test("a draft sent again under its key is applied once and gets the first answer")
    func resendUnderKey() async throws {
        try await withWorld(.remote) { w in
            var draft = ApplicationDraft(
                listingID: w.listing.id, coverLetter: ContractFixture.coverLetter, idempotencyKey: UUID().uuidString)
            let first = try await w.student.apply(draft)
            let again = try await w.student.apply(draft)
            #expect(again == first)
            #expect(try await w.student.myApplications().map(\.id) == [first.id])

            // Another text under the same key is another request: refused, nothing written.
            var edited = draft
            edited.coverLetter += " Edited."
            let conflict = await edulinkError { try await w.student.apply(edited) }
            #expect(conflict == .conflict("This Idempotency-Key was already used for a different request."))
            // A new key is a new request, which the service refuses as a second application.
            draft.idempotencyKey = UUID().uuidString
            #expect(await edulinkError { try await w.student.apply(draft) }?.refusalCode == .alreadyApplied)
            #expect(try await w.student.myApplications().count == 1)
        }
    }

    @Test("a server nobody answers on is .unavailable, after the retries")
    func unreachable() async throws {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        let url = try #require(URL(string: "http://127.0.0.1:9"))
        let repository = RemoteRepository(server: url, retry: RetryPolicy(attempts: 2, initialDelay: .milliseconds(1)))
        let error = await edulinkError { try await repository.login(email: "student@uon.example", password: "x") }
        guard case .unavailable(let message) = error else {
            Issue.record("expected .unavailable, got \(String(describing: error))")
            return
        }
        #expect(message == "The Edulink server at http://127.0.0.1:9 cannot be reached.")
    }
}
