import EdulinkCore
import Foundation
import Testing

@Suite("Contract: applying", .timeLimit(.minutes(10)))
struct ApplyContractTests {
    @Test("a student applies: pending, one timeline event, both sides notified", arguments: ContractBackend.all)
    func apply(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            #expect(application.status == .pending)
            let detail = try await w.student.application(application.id)
            #expect(detail.timeline.map(\.to) == [.pending])
            #expect(detail.timeline.first?.from == nil)
            let mine = try await w.student.myApplications()
            #expect(mine.map(\.id) == [application.id])
            #expect(
                try await w.student.notifications(unreadOnly: true, limit: 10).map(\.kind) == [.applicationSubmitted])
            #expect(try await w.employer.notifications(unreadOnly: true, limit: 10).map(\.kind).contains(.newApplicant))
            let listing = try await w.student.listing(w.listing.id)
            #expect(listing.myApplicationID == application.id)
            #expect(!listing.canApply)
        }
    }

    @Test("apply rules refuse in DOMAIN.md's order, each with its own code", arguments: ContractBackend.all)
    func order(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            // A listing with capacity 1, for year 4 only.
            var draft = ContractFixture.draft("Research Assistant Intern", at: w.now, deadlineDays: 5)
            draft.capacity = 1
            draft.eligibleYears = [4]
            let limited = try await w.publish(draft)
            let apply = { (student: Int) in
                await edulinkError {
                    try await w.students[student].apply(
                        ApplicationDraft(listingID: limited.id, coverLetter: ContractFixture.coverLetter))
                }
            }
            #expect(await apply(0)?.refusalCode == .notEligible)
            var profile = ProfileUpdate(try await w.students[0].profile())
            profile.yearOfStudy = 4
            _ = try await w.students[0].updateProfile(profile)
            #expect(await apply(0) == nil)
            #expect(await apply(0)?.refusalCode == .capacityReached)  // capacity is checked before "already applied"
            var second = ProfileUpdate(try await w.students[1].profile())
            second.yearOfStudy = 4
            _ = try await w.students[1].updateProfile(second)
            #expect(await apply(1)?.refusalCode == .capacityReached)
            w.clock.advance(by: 6 * ContractFixture.day)
            #expect(await apply(1)?.refusalCode == .deadlinePassed)
        }
    }

    @Test(
        "a draft is as missing as an unknown id; a closed listing and a second application are refused",
        arguments: ContractBackend.all)
    func refusals(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let draft = try await w.employer.createListing(
                ContractFixture.draft("Unpublished Design Intern", at: w.now))
            let notPublished = await edulinkError {
                try await w.student.apply(
                    ApplicationDraft(listingID: draft.id, coverLetter: ContractFixture.coverLetter))
            }
            let unknown = await edulinkError {
                try await w.student.apply(
                    ApplicationDraft(listingID: ListingID(9_999_999), coverLetter: ContractFixture.coverLetter))
            }
            #expect(notPublished == .notFound("Listing"))
            #expect(notPublished == unknown)
            _ = try await w.application()
            #expect(await edulinkError { try await w.application() }?.refusalCode == .alreadyApplied)
            _ = try await w.employer.changeListing(w.listing.id, .close, reason: nil)
            #expect(await edulinkError { try await w.application(by: 1) }?.refusalCode == .listingClosed)
        }
    }

    @Test(
        "one definition of applied: a withdrawn application is counted nowhere, and its student is told it was withdrawn",
        arguments: ContractBackend.all)
    func appliedExcludesWithdrawn(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let withdrawn = try await w.application(by: 0)
            _ = try await w.student.withdraw(withdrawn.id, note: nil)
            _ = try await w.application(by: 1)

            let found = try await w.students[2].search(ListingFilter(), cursor: nil, limit: 20).items
            #expect(found.first { $0.id == w.listing.id }?.applicationCount == 1)
            #expect(try await w.students[2].listing(w.listing.id).applicationCount == 1)
            #expect(try await w.employer.listing(w.listing.id).applicationCount == 1)
            let board = try await w.employer.employerDashboard()
            #expect(board.listings.first { $0.id == w.listing.id }?.total == 1)
            #expect(board.counts.applied == 1)

            let mine = try await w.student.listing(w.listing.id)
            #expect(mine.myApplicationID == withdrawn.id)
            #expect(mine.myApplicationStatus == .withdrawn)
            #expect(mine.applyRefusal == ApplyRules.alreadyApplied(.withdrawn))
            let again = await edulinkError { try await w.application(by: 0) }
            #expect(again == .refused(ApplyRules.alreadyApplied(.withdrawn)))
            #expect(try await w.students[1].listing(w.listing.id).myApplicationStatus == .pending)
        }
    }

    @Test(
        "an offer cannot be accepted once every position is filled, with its own message",
        arguments: ContractBackend.all)
    func acceptWhenFilled(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var draft = ContractFixture.draft("Single Seat Data Intern", at: w.now)
            draft.positions = 1
            let listing = try await w.publish(draft)
            let first = try await w.application(listing.id, by: 0)
            let second = try await w.application(listing.id, by: 1)
            let slot = Interview(at: w.now.addingTimeInterval(3 * ContractFixture.day), place: "Kusi HQ, Westlands")
            for id in [first.id, second.id] {
                _ = try await w.employer.move(id, .shortlist)
                _ = try await w.employer.move(id, .scheduleInterview(slot))
                _ = try await w.employer.move(id, .offer(expiresAt: nil))
            }
            _ = try await w.students[0].answerOffer(first.id, accept: true)
            let late = await edulinkError { try await w.students[1].answerOffer(second.id, accept: true) }
            #expect(late?.refusalCode == .positionsFilled)
            #expect(try await w.students[1].application(second.id).application.status == .offered)
            // Declining it still works.
            #expect(try await w.students[1].answerOffer(second.id, accept: false).status == .declined)
        }
    }

    @Test("an incomplete profile cannot apply and is told what is missing", arguments: ContractBackend.all)
    func incompleteProfile(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var profile = ProfileUpdate(try await w.student.profile())
            profile.phone = nil
            profile.resumePath = nil
            profile.githubURL = nil
            profile.skills = []
            let detail = try await w.student.updateProfile(profile)
            #expect(detail.completion.percent == 60)
            let error = await edulinkError { try await w.application() }
            #expect(error?.refusalCode == .profileIncomplete)
            #expect(error?.message.contains("phone number") == true)
        }
    }

    @Test("at most 5 applications a day and 50 a calendar month", arguments: ContractBackend.all)
    func limits(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var listings: [Listing] = []
            for index in 0..<8 {
                listings.append(
                    try await w.publish(
                        ContractFixture.draft("Software Engineering Intern \(index)", at: w.now, deadlineDays: 60)))
            }
            for listing in listings.prefix(5) { _ = try await w.application(listing.id) }
            #expect(await edulinkError { try await w.application(listings[5].id) }?.refusalCode == .dailyLimit)
            w.clock.advance(by: ContractFixture.day)
            #expect(await edulinkError { try await w.application(listings[5].id) } == nil)
        }
    }

    @Test("required screening questions must be answered; answers are kept", arguments: ContractBackend.all)
    func questions(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var draft = ContractFixture.draft("Product Design Intern — Payments", at: w.now)
            draft.questions = [
                ScreeningQuestion(prompt: "Can you start in January?", kind: .yesNo, required: true),
                ScreeningQuestion(prompt: "Portfolio link", kind: .text, required: false),
            ]
            let listing = try await w.publish(draft)
            let missing = await edulinkError {
                try await w.student.apply(
                    ApplicationDraft(listingID: listing.id, coverLetter: ContractFixture.coverLetter))
            }
            #expect(missing == .validation([FieldError("answers[0]", "Question 1 is required.")]))
            #expect(try await w.student.myApplications().isEmpty)
            let application = try await w.student.apply(
                ApplicationDraft(listingID: listing.id, coverLetter: ContractFixture.coverLetter, answers: ["yes"]))
            #expect(application.answers == ["yes", ""])
        }
    }
}

@Suite("Contract: the pipeline", .timeLimit(.minutes(10)))
struct PipelineContractTests {
    @Test(
        "opening an application marks it reviewed; the employer moves it to an accepted offer",
        arguments: ContractBackend.all)
    func pipeline(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            let opened = try await w.employer.openApplication(application.id)
            #expect(opened.application.status == .reviewed)
            #expect(opened.application.reviewedAt != nil)
            _ = try await w.employer.move(application.id, .shortlist)
            let past = await edulinkError {
                try await w.employer.move(
                    application.id, .scheduleInterview(Interview(at: w.now.addingTimeInterval(-60), place: "Office")))
            }
            #expect(past?.fieldErrors.first?.field == "interview_at")
            let slot = Interview(at: w.now.addingTimeInterval(3 * ContractFixture.day), place: "Kusi HQ, Westlands")
            _ = try await w.employer.move(application.id, .scheduleInterview(slot))
            let offered = try await w.employer.move(application.id, .offer(expiresAt: nil))
            #expect(offered.status == .offered)
            let studentView = try await w.student.application(application.id)
            #expect(studentView.application.interview == slot)
            #expect(studentView.allowedMoves == [.accepted, .declined, .withdrawn])
            let accepted = try await w.student.answerOffer(application.id, accept: true)
            #expect(accepted.status == .accepted)
            let timeline = try await w.student.application(application.id).timeline.map(\.to)
            #expect(timeline == [.pending, .reviewed, .shortlisted, .interviewScheduled, .offered, .accepted])
            // One position: the listing closes when it is filled.
            #expect(try await w.employer.listing(w.listing.id).listing.status == .closed)
        }
    }

    @Test(
        "an offer past its expiry is declined as expired by the jobs, once, and both sides are told",
        arguments: ContractBackend.all)
    func offerExpiry(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            _ = try await w.employer.openApplication(application.id)
            _ = try await w.employer.move(application.id, .shortlist)
            let expiry = w.now.addingTimeInterval(2 * ContractFixture.day)
            _ = try await w.employer.move(application.id, .offer(expiresAt: expiry))
            let other = try await w.application(by: 1)
            _ = try await w.employer.openApplication(other.id)
            _ = try await w.employer.move(other.id, .shortlist)
            _ = try await w.employer.move(other.id, .offer(expiresAt: nil))  // no expiry: never expires
            #expect(try await w.world.setup.expireOffers() == 0)

            w.clock.advance(by: 2 * ContractFixture.day + 60)
            #expect(try await w.world.setup.runScheduledJobs(transport: nil).offersExpired == 1)
            #expect(try await w.world.setup.expireOffers() == 0)
            let detail = try await w.student.application(application.id)
            #expect(detail.application.status == .declined)
            #expect(detail.timeline.last?.reason == "expired")
            #expect(detail.timeline.last?.actorID == nil)
            #expect(try await w.students[1].application(other.id).application.status == .offered)
            let told = try await w.student.notifications(unreadOnly: true, limit: 50).filter {
                $0.applicationID == application.id
            }
            #expect(told.first?.title == "Offer expired")
            let employer = try await w.employer.notifications(unreadOnly: true, limit: 50)
            #expect(employer.contains { $0.title == "Offer expired" && $0.applicationID == application.id })
            #expect(
                await edulinkError { try await w.student.answerOffer(application.id, accept: true) }?.refusalCode
                    == .invalidTransition)
        }
    }

    @Test("the state machine refuses what it forbids, for either side", arguments: ContractBackend.all)
    func forbidden(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            #expect(
                await edulinkError { try await w.employer.move(application.id, .offer(expiresAt: nil)) }?.refusalCode
                    == .invalidTransition)
            #expect(
                await edulinkError { try await w.student.answerOffer(application.id, accept: true) }?.refusalCode
                    == .invalidTransition)
            #expect(
                await edulinkError { try await w.employer.move(application.id, .withdraw(note: nil)) }?.refusalCode
                    == .forbiddenTransition)
        }
    }

    @Test("rejecting needs a reason, and \"other\" needs a note", arguments: ContractBackend.all)
    func reject(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            let noNote = await edulinkError {
                try await w.employer.move(application.id, .reject(Rejection(reason: .other)))
            }
            #expect(noNote == .validation([FieldError("reason", "Say why when the reason is \"other\".")]))
            let rejected = try await w.employer.move(application.id, .reject(Rejection(reason: .notQualified)))
            #expect(rejected.rejection?.reason == .notQualified)
            let timeline = try await w.student.application(application.id).timeline
            #expect(timeline.last?.reason == "not_qualified")
            #expect(
                try await w.student.notifications(unreadOnly: true, limit: 10).first?.title
                    == "Application not successful")
        }
    }

    @Test(
        "the student withdraws once; the employer is told; a second withdraw is refused", arguments: ContractBackend.all
    )
    func withdraw(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            let withdrawn = try await w.student.withdraw(application.id, note: "Took another offer")
            #expect(withdrawn.status == .withdrawn)
            #expect(
                await edulinkError { try await w.student.withdraw(application.id, note: nil) }?.refusalCode
                    == .invalidTransition)
            #expect(
                try await w.employer.notifications(unreadOnly: true, limit: 20).contains {
                    $0.kind == .applicationWithdrawn
                })
            // Withdrawn applications free their place.
            #expect(try await w.employer.listing(w.listing.id).applicationCounts[.withdrawn] == 1)
        }
    }

    @Test(
        "the employer undoes the last decision within 10 minutes, and the undo is an event",
        arguments: ContractBackend.all)
    func undo(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            _ = try await w.employer.openApplication(application.id)
            _ = try await w.employer.move(application.id, .reject(Rejection(reason: .positionFilled)))
            w.clock.advance(by: 9 * 60)
            let restored = try await w.employer.undoLastMove(application.id)
            #expect(restored.status == .reviewed)
            #expect(restored.rejection == nil)
            let timeline = try await w.employer.application(application.id).timeline
            #expect(timeline.map(\.to) == [.pending, .reviewed, .rejected, .reviewed])
            #expect(timeline.last?.undoes == timeline[2].id)
            // An undo cannot be undone, and the student cannot undo.
            #expect(
                await edulinkError { try await w.employer.undoLastMove(application.id) }?.refusalCode == .nothingToUndo)
            #expect(
                await edulinkError { try await w.student.undoLastMove(application.id) }.map {
                    if case .forbidden = $0 { true } else { false }
                } == true)
            _ = try await w.employer.move(application.id, .shortlist)
            w.clock.advance(by: 11 * 60)
            #expect(
                await edulinkError { try await w.employer.undoLastMove(application.id) }?.refusalCode == .undoExpired)
        }
    }

    @Test("a bulk decision happens in one batch and is undone as one", arguments: ContractBackend.all)
    func bulk(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 3) { w in
            var ids: [ApplicationID] = []
            for index in 0..<3 { ids.append(try await w.application(by: index).id) }
            let batch = try await w.employer.moveMany(ids, .reject(Rejection(reason: .positionFilled)))
            let rejected = try await w.employer.applicants(
                listing: w.listing.id, status: .rejected, after: nil, limit: 10)
            #expect(Set(rejected.map(\.id)) == Set(ids))
            #expect(try await w.employer.undoBatch(batch) == 3)
            let pending = try await w.employer.applicants(
                listing: w.listing.id, status: .pending, after: nil, limit: 10)
            #expect(Set(pending.map(\.id)) == Set(ids))
        }
    }

    @Test("a bulk decision that one application refuses changes none of them", arguments: ContractBackend.all)
    func bulkAtomic(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let first = try await w.application(by: 0)
            let second = try await w.application(by: 1)
            _ = try await w.students[1].withdraw(second.id, note: nil)
            let error = await edulinkError { try await w.employer.moveMany([first.id, second.id], .shortlist) }
            #expect(error?.refusalCode == .invalidTransition)
            #expect(try await w.employer.application(first.id).application.status == .pending)
        }
    }
}
