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

    @Test("/ narrows the applications; the detail follows the selection, and nothing acts on a hidden one")
    func narrow() async throws {
        try await withWorld { world in
            let first = try await world.student.apply(
                ApplicationDraft(listingID: world.listing.id, coverLetter: Fixture.coverLetter))
            world.clock.advance(by: 60)
            let listing = try await world.publish(Fixture.draft("Hydrology Field Intern", at: world.now))
            let second = try await world.student.apply(
                ApplicationDraft(listingID: listing.id, coverLetter: Fixture.coverLetter))
            var applications = ApplicationsViewModel(repository: world.student)
            await send(&applications, .load)
            #expect(applications.state.applications.map(\.id) == [second.id, first.id])
            _ = await send(&applications, .moveSelection(1))
            #expect(applications.state.detail?.application.id == first.id)

            await send(&applications, .setQuery("hydro"))
            #expect(applications.state.list.shown.map(\.id) == [second.id])
            #expect(applications.state.selectedID == second.id)
            #expect(applications.state.detail?.application.id == second.id)

            await send(&applications, .setQuery("hydro nothing"))
            #expect(applications.state.list.shown.isEmpty)
            #expect(applications.state.selectedID == nil && applications.state.detail == nil)
            #expect(applications.handle(.requestWithdraw).isEmpty)
            #expect(applications.state.confirmation == nil)

            // A reload keeps the query; emptied, the list shows both again.
            await send(&applications, .load)
            #expect(applications.state.list.shown.isEmpty && applications.state.applications.count == 2)
            await send(&applications, .setQuery(""))
            #expect(applications.state.selectedID == second.id)
            #expect(applications.state.detail?.application.id == second.id)
        }
    }
}
