import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

/// A placement in the view-model world: the student accepted an offer for a 3-week listing, the
/// employer created and assigned a workplace supervisor, the clock is in week 2.
private struct Placed {
    let world: World
    let supervisor: any EdulinkRepository
    let placementID: PlacementID

    static func make(_ world: World) async throws -> Placed {
        var draft = Fixture.draft(at: world.now)
        draft.endDate = draft.startDate.addingTimeInterval(21 * Fixture.day)
        draft.durationWeeks = 3
        draft.title = "Three Week Placement — Data Desk"
        let listing = try await world.publish(draft)
        let application = try await world.student.apply(
            ApplicationDraft(listingID: listing.id, coverLetter: Fixture.coverLetter))
        _ = try await world.employer.move(application.id, .shortlist)
        _ = try await world.employer.move(application.id, .offer(expiresAt: nil))
        _ = try await world.student.answerOffer(application.id, accept: true)
        let account = try await world.employer.createSupervisor(
            NewSupervisor(email: "mentor@kusi.example", displayName: "Mentor Mwangi", title: "Lead Analyst"))
        let placement = try #require(try await world.employer.placements().first)
        _ = try await world.employer.changePlacement(placement.id, .assign(account.supervisor.id))
        world.clock.advance(by: placement.placement.startDate.timeIntervalSince(world.now) + 8 * Fixture.day)
        _ = try await world.service.startPlacements()
        let supervisor = world.newSession()
        _ = try await supervisor.login(email: "mentor@kusi.example", password: account.oneTimePassword)
        try await supervisor.changePassword(current: account.oneTimePassword, new: Fixture.password)
        return Placed(world: world, supervisor: supervisor, placementID: placement.id)
    }
}

@Suite("Placements", .timeLimit(.minutes(10)))
struct PlacementsTests {
    static let activities = String(repeating: "Reconciled the merchant settlement files and wrote it up. ", count: 2)

    @Test("the student writes a week: a draft kept on this machine, the service's errors, then submitted")
    func studentWrites() async throws {
        try await withWorld { world in
            let placed = try await Placed.make(world)
            let drafts = FileDraftStore(directory: world.draftsDirectory)
            var model = PlacementsViewModel(repository: world.student, drafts: drafts, user: world.studentID)
            await send(&model, .load)
            #expect(model.state.items.map(\.id) == [placed.placementID])
            #expect(model.state.detail?.permissions.writableWeeks == [1, 2])
            #expect(model.state.week == 1)  // the first week to write
            await send(&model, .openEditor)
            var draft = try #require(model.state.editor)
            draft.activities = "Too short."
            draft.hours = "40"
            await send(&model, .editorChanged(draft))
            #expect(try drafts.loadLogbook(user: world.studentID, placement: placed.placementID, week: 1) == draft)
            #expect(model.state.editorChanged)

            // Leaving and coming back restores what was typed.
            await send(&model, .closeEditor)
            let restored = await send(&model, .openEditor)
            #expect(model.state.editor == draft)
            #expect(restored.contains { if case .toast = $0 { true } else { false } })

            await send(&model, .saveEntry(submit: true))
            #expect(model.state.fieldErrors.map(\.field) == ["activities"])
            #expect(model.state.editor != nil)
            draft.activities = Self.activities
            draft.hours = "thirty"
            await send(&model, .editorChanged(draft))
            await send(&model, .saveEntry(submit: true))
            #expect(model.state.fieldErrors.map(\.field) == ["hours"])
            draft.hours = "37,5"
            await send(&model, .editorChanged(draft))
            await send(&model, .saveEntry(submit: true))
            #expect(model.state.editor == nil)
            #expect(try drafts.loadLogbook(user: world.studentID, placement: placed.placementID, week: 1) == nil)
            #expect(model.state.detail?.weeks[0].entry?.status == .submitted)
            #expect(model.state.detail?.weeks[0].entry?.content.hours == 37.5)
            #expect(model.state.detail?.permissions.writableWeeks == [2])
        }
    }

    /// A placement whose student submitted weeks 1 and 2, and its supervisor's queue loaded.
    private static func queueOfTwoWeeks(_ world: World) async throws -> (Placed, LogbookQueueViewModel) {
        let placed = try await Placed.make(world)
        let content = LogbookContent(activities: Self.activities, hours: 38)
        for week in 1...2 {
            _ = try await world.student.saveLogbookEntry(placed.placementID, week: week, content, submit: true)
        }
        var queue = LogbookQueueViewModel(repository: placed.supervisor)
        await send(&queue, .load)
        return (placed, queue)
    }

    @Test("/ narrows the supervisor's queue: a decision acts on the entry shown, and never on a hidden one")
    func supervisorQueueNarrowed() async throws {
        try await withWorld { world in
            let (placed, loaded) = try await Self.queueOfTwoWeeks(world)
            var queue = loaded
            await send(&queue, .setQuery("w2"))
            #expect(queue.state.list.shown.map(\.entry.week) == [2])
            #expect(queue.state.selected?.entry.week == 2)
            await send(&queue, .approveSelected)
            #expect(queue.state.items.map(\.entry.week) == [1])
            // Nothing shown, nothing selected: approving does nothing.
            #expect(queue.state.list.shown.isEmpty && queue.state.selected == nil)
            #expect(queue.handle(.approveSelected).isEmpty)
            await send(&queue, .setQuery(""))
            #expect(queue.state.selected?.entry.week == 1)
            let detail = try await world.student.placement(placed.placementID)
            #expect(detail.weeks.prefix(2).map { $0.entry?.status } == [.submitted, .approved])
        }
    }

    @Test("the supervisor's queue: approve and the next follows; marked entries are approved together")
    func supervisorQueue() async throws {
        try await withWorld { world in
            let (placed, loaded) = try await Self.queueOfTwoWeeks(world)
            var queue = loaded
            #expect(queue.state.items.map(\.entry.week) == [1, 2])
            await send(&queue, .returnSelected("Redo it."))
            #expect(queue.state.items.count == 2)  // refused: the comment needs 10 characters
            await send(&queue, .returnSelected("Name the reports you reconciled, please."))
            #expect(queue.state.items.map(\.entry.week) == [2])
            #expect(queue.state.selected?.entry.week == 2)  // the next follows
            await send(&queue, .toggleMark)
            #expect(queue.state.marked.count == 1)
            await send(&queue, .approveMarked)
            #expect(queue.state.items.isEmpty)
            let detail = try await world.student.placement(placed.placementID)
            #expect(detail.weeks.map { $0.entry?.status } == [.returned, .approved, nil])

            // The employer's filters: the placement has no academic supervisor, so it is unassigned;
            // week 1 is returned but not yet overdue at day 8.
            var placements = PlacementsViewModel(
                repository: world.employer, drafts: FileDraftStore(directory: world.draftsDirectory), user: UserID(0))
            await send(&placements, .load)
            #expect(placements.state.items.count == 1)
            await send(&placements, .cycleFilter)
            #expect(placements.state.filter == .overdue && placements.state.items.isEmpty)
            #expect(placements.state.selected == nil && placements.state.detail == nil)
            await send(&placements, .cycleFilter)
            #expect(placements.state.filter == .unassigned && placements.state.items.map(\.id) == [placed.placementID])
            #expect(placements.state.detail?.placement.id == placed.placementID)
            await send(&placements, .cycleFilter)
            #expect(placements.state.filter == .all && placements.state.allItems.count == 1)
            // `/` narrows with the filter: the supervisor's name and the status, any case, any order.
            await send(&placements, .setQuery("ACTIVE mentor"))
            #expect(placements.state.items.map(\.id) == [placed.placementID])
            #expect(placements.state.detail?.placement.id == placed.placementID)
            await send(&placements, .setQuery("mentor terminated"))
            #expect(placements.state.items.isEmpty && placements.state.selected == nil)
            #expect(placements.state.detail == nil && placements.state.narrowed)
            await send(&placements, .setQuery("three week"))
            #expect(placements.state.items.map(\.id) == [placed.placementID])
            #expect(placements.state.detail?.placement.id == placed.placementID, "the detail follows the selection")
            await send(&placements, .setQuery(""))
            #expect(placements.state.items.count == 1 && !placements.state.narrowed)

            // The Interns tab as the supervisor: reviewing from the week grid.
            var interns = PlacementsViewModel(
                repository: placed.supervisor, drafts: FileDraftStore(directory: world.draftsDirectory),
                user: UserID(0))
            await send(&interns, .load)
            #expect(interns.state.detail?.permissions.canReview == true)
            #expect(interns.state.detail?.permissions.canExcuse == false)  // only the academic supervisor
            await send(&interns, .noteWeek("Keeps good notes."))
            #expect(interns.state.selectedWeek?.entry?.privateNote == "Keeps good notes.")
        }
    }

    @Test("the supervisor's Profile: side, title and load; the password changes with the current one")
    func supervisorProfile() async throws {
        try await withWorld { world in
            let placed = try await Placed.make(world)
            var model = SupervisorProfileViewModel(repository: placed.supervisor)
            await send(&model, .load)
            let profile = try #require(model.state.profile)
            #expect(profile.kind == .workplace && profile.title == "Lead Analyst" && profile.load == 1)
            await send(
                &model, .changePassword(current: "wrong password", new: "a brand new long one", confirmation: "x"))
            #expect(model.state.password.fieldErrors.map(\.field) == ["confirmation"])
            await send(
                &model,
                .changePassword(
                    current: "wrong password", new: "a brand new long one", confirmation: "a brand new long one"))
            #expect(model.state.password.fieldErrors.map(\.field) == ["current_password"])
            #expect(!model.state.password.changed)
            // A student has no supervisor profile.
            var student = SupervisorProfileViewModel(repository: world.student)
            await send(&student, .load)
            #expect(student.state.profile == nil && student.state.message != nil)
        }
    }

    @Test("an account signed in with a one-time code gets Profile only, and nothing is counted for it")
    func oneTimeCode() async throws {
        try await withWorld { world in
            let account = try await world.employer.createSupervisor(
                NewSupervisor(email: "second@kusi.example", displayName: "Second Mentor", title: "Analyst"))
            let repository = world.newSession()
            let user = try await repository.login(email: "second@kusi.example", password: account.oneTimePassword)
            #expect(user.mustChangePassword)
            var session = SessionViewModel(repository: repository, clock: world.clock)
            let effects = session.handle(.signedIn(user))
            #expect(session.state.tabs == [.profile])
            #expect(effects.allSatisfy { $0.key != "unread" })
            // Setting a password signs them out, to sign in again with it.
            var profile = SupervisorProfileViewModel(repository: repository)
            await send(&profile, .load)
            let events = await send(
                &profile,
                .changePassword(
                    current: account.oneTimePassword, new: "a password of my own",
                    confirmation: "a password of my own"))
            #expect(events.contains(.sessionEnded("Your password is set. Sign in with it.")))
            let again = world.newSession()
            #expect(
                try await again.login(email: "second@kusi.example", password: "a password of my own").mustChangePassword
                    == false)
            #expect(ShellTab.tabs(for: try #require(await again.currentUser())).count == 5)
        }
    }
}
