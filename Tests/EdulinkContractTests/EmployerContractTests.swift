import EdulinkCore
import Foundation
import Testing

/// The employer's screens: listings, applicant rows, the dashboard's figures, and what is refused.
@Suite("Contract: employer", .timeLimit(.minutes(10)))
struct EmployerContractTests {
    static let hour: TimeInterval = 3600

    @Test(
        "the dashboard counts the funnel, first reviews, acceptance and weekly applications",
        arguments: ContractBackend.all)
    func dashboard(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 3) { w in
            let a0 = try await w.application(by: 0)
            let a1 = try await w.application(by: 1)
            let a2 = try await w.application(by: 2)
            let draft = try await w.employer.createListing(
                ContractFixture.draft("Second Listing — Draft Only", at: w.now))
            w.clock.advance(by: 2 * Self.hour)
            _ = try await w.employer.openApplication(a0.id)
            _ = try await w.employer.move(a0.id, .shortlist)
            _ = try await w.employer.move(
                a0.id, .scheduleInterview(Interview(at: w.now.addingTimeInterval(86_400), place: "Kusi HQ")))
            _ = try await w.employer.move(a0.id, .offer(expiresAt: nil))
            _ = try await w.students[0].answerOffer(a0.id, accept: true)
            w.clock.advance(by: 2 * Self.hour)
            _ = try await w.employer.move(a1.id, .shortlist)
            _ = try await w.employer.move(a1.id, .reject(Rejection(reason: .notQualified)))
            w.clock.advance(by: 2 * Self.hour)
            _ = try await w.employer.move(a2.id, .shortlist)
            _ = try await w.employer.undoLastMove(a2.id)  // an undone move does not count in the funnel

            let board = try await w.employer.employerDashboard()
            #expect(board.funnel.map(\.stage) == EdulinkService.funnelStages)
            #expect(board.funnel.map(\.reached) == [3, 2, 2, 1, 1, 1])
            #expect(board.counts == [.accepted: 1, .rejected: 1, .pending: 1])
            #expect(board.reviewed == 3)
            let mean = try #require(board.meanSecondsToFirstReview)
            #expect(abs(mean - 4 * Self.hour) < 1)
            #expect(board.acceptanceRate == 1)
            #expect(board.listings.map(\.id) == [draft.id, w.listing.id])
            #expect(board.listings.map(\.total) == [0, 3])
            #expect(board.weekly.count == EdulinkService.dashboardWeeks)
            #expect(board.weekly.last == 3)
            #expect(board.weekly.reduce(0, +) == 3)

            // Another organization sees none of it.
            let rivalBoard = try await w.rivalEmployer(verified: true).employerDashboard()
            #expect(rivalBoard.listings.isEmpty)
            #expect(rivalBoard.funnel.map(\.reached) == [0, 0, 0, 0, 0, 0])
            #expect(rivalBoard.acceptanceRate == nil)
            #expect(rivalBoard.meanSecondsToFirstReview == nil)
            #expect(rivalBoard.weekly == Array(repeating: 0, count: EdulinkService.dashboardWeeks))
            // A student has no dashboard.
            #expect(await edulinkError { try await w.student.employerDashboard() }.map(isForbidden) == true)
        }
    }

    @Test("applicant rows carry when the stage began and the skill match", arguments: ContractBackend.all)
    func applicantRows(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let a0 = try await w.application(by: 0)
            let a1 = try await w.application(by: 1)
            w.clock.advance(by: 5 * 86_400)
            _ = try await w.employer.move(a1.id, .shortlist)
            let rows = try await w.employer.applicants(listing: w.listing.id, status: nil, after: nil, limit: 10)
            let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0) })
            #expect(byID[a0.id]?.stageSince.map { abs($0.timeIntervalSince(a0.submittedAt)) < 1 } == true)
            #expect(byID[a1.id]?.stageSince.map { abs($0.timeIntervalSince(w.now)) < 1 } == true)
            // Students have Python and SQL; the listing requires both.
            #expect(rows.map(\.skillMatch) == [100, 100])
            let shortlisted = try await w.employer.applicants(
                listing: w.listing.id, status: .shortlisted, after: nil, limit: 10)
            #expect(shortlisted.map(\.id) == [a1.id])
        }
    }

    @Test(
        "applicants searched by name: any case, any part, with the stage and the pages; bad names refused",
        arguments: ContractBackend.all)
    func applicantsByName(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 5) { w in
            var ids: [ApplicationID] = []
            for student in 0..<4 { ids.append(try await w.application(by: student).id) }
            _ = try await w.employer.move(ids[3], .shortlist)
            // Student 4 renamed: letters outside ASCII are matched in any case too (SQLite's own
            // `lower()` folds ASCII only).
            _ = try await w.students[4].updateProfile(ContractFixture.profile(of: 4, name: "Élodie Ñandú"))
            let elodie = try await w.application(by: 4).id
            func named(
                _ text: String?, _ status: ApplicationStatus? = nil, after: ApplicationID? = nil, limit: Int = 10
            )
                async throws -> [ApplicationID]
            {
                try await w.employer.applicants(
                    listing: w.listing.id, status: status, named: text, after: after, limit: limit
                ).map(\.id)
            }
            // "Student 0" … "Student 3", and Élodie.
            #expect(try await named("dent 2") == [ids[2]])
            #expect(try await named("STUDENT") == ids)
            #expect(try await named("élodie") == [elodie])
            #expect(try await named("ÑANDÚ") == [elodie])
            #expect(try await named("ODIE ñ") == [elodie])
            // The accounts search (the admin's Users tab) folds the same way.
            let accounts = try await w.admin.users(matching: "ÉLODIE", role: nil, after: nil, limit: 5)
            #expect(accounts.map(\.displayName) == ["Élodie Ñandú"])
            #expect(try await named("  student 3 ", .shortlisted) == [ids[3]])
            #expect(try await named("student 1", .shortlisted) == [])
            #expect(try await named("nobody") == [])
            #expect(try await named("   ") == ids + [elodie], "blank is everyone")
            #expect(try await named(nil) == ids + [elodie])
            // Keyset pages of the matches.
            #expect(try await named("student", limit: 3) == Array(ids.prefix(3)))
            #expect(try await named("student", after: ids[2], limit: 3) == [ids[3]])
            // `%` and `_` are letters here, not patterns.
            #expect(try await named("%") == [])
            #expect(try await named("_") == [])

            let long = await edulinkError { try await named(String(repeating: "a", count: 201)) }
            #expect(isValidation(long, "named"))
            let control = await edulinkError { try await named("stu\u{0}dent") }
            #expect(isValidation(control, "named"))
            // Another organization's listing stays unknown, searched or not.
            let rival = try await w.rivalEmployer(verified: true)
            let refused = await edulinkError {
                try await rival.applicants(listing: w.listing.id, status: nil, named: "student", after: nil, limit: 10)
            }
            #expect(refused == .notFound("Listing"))
        }
    }

    @Test(
        "listings: bad values refused with nothing saved; submit, extend, duplicate and close",
        arguments: ContractBackend.all)
    func listingLifecycle(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var bad = ContractFixture.draft("TOO SHOUTY TITLE FOR A LISTING", at: w.now)
            bad.description = "Too short."
            bad.deadline = w.now.addingTimeInterval(-86_400)
            let refused = await edulinkError { try await w.employer.createListing(bad) }
            let fields = Set(refused?.fieldErrors.map(\.field) ?? [])
            #expect(fields.isSuperset(of: ["title", "description", "deadline"]))
            #expect(try await w.employer.myListings().map(\.id) == [w.listing.id])

            let created = try await w.employer.createListing(
                ContractFixture.draft("Backend Intern — Payments API", at: w.now))
            #expect(created.status == .draft)
            let submitted = try await w.employer.changeListing(created.id, .submit, reason: nil)
            #expect(submitted.status == .pendingReview)
            #expect(
                await edulinkError { try await w.employer.changeListing(created.id, .verify, reason: nil) }
                    .map(isForbidden) == true)
            let again = await edulinkError { try await w.employer.changeListing(created.id, .submit, reason: nil) }
            #expect(again?.refusalCode == .invalidTransition, "\(String(describing: again))")
            let published = try await w.admin.changeListing(created.id, .verify, reason: nil)
            #expect(published.status == .published)

            let later = published.deadline.addingTimeInterval(7 * 86_400)
            let grown = try await w.employer.extendListing(
                created.id, ListingExtension(deadline: later, capacity: published.capacity + 50, positions: 3))
            #expect(grown.capacity == published.capacity + 50)
            #expect(grown.positions == 3)
            #expect(abs(grown.deadline.timeIntervalSince(later)) < 1)
            let shrink = await edulinkError {
                try await w.employer.extendListing(created.id, ListingExtension(positions: 1))
            }
            #expect(shrink?.fieldErrors.map(\.field) == ["positions"])

            let copy = try await w.employer.duplicateListing(created.id)
            #expect(copy.status == .draft)
            #expect(copy.title == created.title)
            #expect(copy.id != created.id)

            let closed = try await w.employer.changeListing(created.id, .close, reason: nil)
            #expect(closed.status == .closed)
            #expect(
                await edulinkError { try await w.employer.extendListing(created.id, ListingExtension(capacity: 500)) }?
                    .refusalCode == .invalidTransition)
        }
    }

    @Test(
        "refused: another employer's listing, a forbidden move, reject without reason, an interview in the past",
        arguments: ContractBackend.all)
    func refusals(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let a0 = try await w.application(by: 0)
            let a1 = try await w.application(by: 1)
            let rival = try await w.rivalEmployer(verified: true)
            let id = w.listing.id
            let draft = ContractFixture.draft(at: w.now)
            #expect(await edulinkError { try await rival.updateListing(id, draft) } == .notFound("Listing"))
            #expect(
                await edulinkError { try await rival.extendListing(id, ListingExtension(capacity: 500)) }
                    == .notFound("Listing"))
            #expect(await edulinkError { try await rival.duplicateListing(id) } == .notFound("Listing"))
            #expect(
                await edulinkError { try await rival.moveMany([a0.id], .shortlist) } == .notFound("Application"))
            #expect(await edulinkError { try await rival.rate(a0.id, rating: 5) } == .notFound("Application"))
            #expect(await edulinkError { try await rival.openApplication(a0.id) } == .notFound("Application"))

            // pending → accepted is the student's move after an offer; pending → offered skips stages.
            #expect(
                await edulinkError { try await w.employer.moveMany([a0.id, a1.id], .offer(expiresAt: nil)) }?
                    .refusalCode == .invalidTransition)
            #expect(await edulinkError { try await w.employer.move(a0.id, .accept) }?.refusalCode != nil)
            // "other" without a note is a rejection without a reason.
            let noReason = await edulinkError {
                try await w.employer.moveMany([a0.id, a1.id], .reject(Rejection(reason: .other, note: "  ")))
            }
            #expect(noReason?.fieldErrors.map(\.field) == ["reason"])
            _ = try await w.employer.moveMany([a0.id, a1.id], .shortlist)
            let past = await edulinkError {
                try await w.employer.moveMany(
                    [a0.id, a1.id], .scheduleInterview(Interview(at: w.now.addingTimeInterval(-3600), place: "Office")))
            }
            #expect(past?.fieldErrors.map(\.field) == ["interview_at"])
            let tooFar = await edulinkError {
                try await w.employer.move(
                    a0.id, .scheduleInterview(Interview(at: w.now.addingTimeInterval(200 * 86_400), place: "Office")))
            }
            #expect(tooFar?.fieldErrors.map(\.field) == ["interview_at"])
            // Nothing of the refused bulk actions was written.
            let rows = try await w.employer.applicants(listing: id, status: nil, after: nil, limit: 10)
            #expect(rows.map(\.application.status) == [.shortlisted, .shortlisted])
            // Rating is 1–5.
            #expect(
                await edulinkError { try await w.employer.rate(a0.id, rating: 0) }?.fieldErrors.first?.field == "rating"
            )
        }
    }

}
