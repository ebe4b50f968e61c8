import EdulinkCore
import EdulinkViewModels
import Testing

@Suite("Applications", .timeLimit(.minutes(10)))
struct ApplicationsTests {
    @Test("withdrawing asks first, then withdraws and shows it on the timeline")
    func withdrawWithConfirmation() async throws {
        try await withWorld { world in
            let application = try await world.student.apply(
                ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            var applications = ApplicationsViewModel(repository: world.student)
            await send(&applications, .load)
            #expect(applications.state.selectedID == application.id)
            #expect(applications.state.canWithdraw)

            #expect(applications.handle(.requestWithdraw).isEmpty)
            #expect(applications.state.confirmation == .withdraw(application.id, listingTitle: world.listing.title))
            _ = applications.handle(.cancel)
            #expect(applications.state.confirmation == nil)
            #expect(try await world.student.application(application.id).application.status == .pending)

            _ = applications.handle(.requestWithdraw)
            let events = await send(&applications, .confirm)
            #expect(applications.state.applications.first?.application.status == .withdrawn)
            #expect(applications.state.detail?.timeline.map(\.to) == [.pending, .withdrawn])
            #expect(!applications.state.canWithdraw)
            #expect(events.contains(.toast(Toast("Application withdrawn."))))

            _ = applications.handle(.requestWithdraw)
            #expect(applications.state.confirmation == nil)
            #expect(applications.state.message == "This application can no longer be withdrawn.")
        }
    }

    @Test("an offer is accepted after confirming, and the list refreshes")
    func acceptOffer() async throws {
        try await withWorld { world in
            let application = try await world.student.apply(
                ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            var applications = ApplicationsViewModel(repository: world.student)
            await send(&applications, .load)
            #expect(!applications.state.canAnswerOffer)
            _ = applications.handle(.requestAcceptOffer)
            #expect(applications.state.confirmation == nil)

            for move in [ApplicationMove.review, .shortlist, .offer(expiresAt: nil)] {
                _ = try await world.employer.move(application.id, move)
            }
            await send(&applications, .load)
            #expect(applications.state.canAnswerOffer)
            _ = applications.handle(.requestAcceptOffer)
            #expect(applications.state.confirmation == .acceptOffer(application.id, listingTitle: world.listing.title))
            await send(&applications, .confirm)
            #expect(applications.state.applications.first?.application.status == .accepted)
            #expect(
                applications.state.detail?.timeline.map(\.to)
                    == [.pending, .reviewed, .shortlisted, .offered, .accepted])
            #expect(!applications.state.canAnswerOffer)
        }
    }
}
