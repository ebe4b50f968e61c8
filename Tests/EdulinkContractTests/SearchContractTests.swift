import EdulinkCore
import Foundation
import Testing

@Suite("Contract: search, saved items and notifications", .timeLimit(.minutes(10)))
struct SearchContractTests {
    @Test(
        "eligible:yes leaves out the listings the student already applied to, withdrawn ones included",
        arguments: ContractBackend.all)
    func eligibleLeavesOutApplied(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let other = try await w.publish(ContractFixture.draft("Backend Engineering Intern — Payments", at: w.now))
            let eligible = try ListingFilter(query: "eligible:yes")
            let before = try await w.student.search(eligible, cursor: nil, limit: 20).items.map(\.id)
            #expect(Set(before) == [w.listing.id, other.id])
            #expect(try await w.student.count(eligible) == 2)
            let application = try await w.application(by: 0)
            _ = try await w.student.withdraw(application.id, note: nil)
            #expect(try await w.student.search(eligible, cursor: nil, limit: 20).items.map(\.id) == [other.id])
            #expect(try await w.student.count(eligible) == 1)
            // Without the filter the listing still shows; for another student nothing changes.
            let all = try await w.student.search(ListingFilter(), cursor: nil, limit: 20).items.map(\.id)
            #expect(Set(all) == [w.listing.id, other.id])
            #expect(try await w.students[1].count(eligible) == 2)
        }
    }

    @Test(
        "words ranked by relevance with a filter that looks elsewhere (eligible:yes, org:) find the same listings",
        arguments: ContractBackend.all)
    func relevanceWithSubqueryFilters(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let other = try await w.publish(ContractFixture.draft("Data Engineering Intern", at: w.now))
            _ = try await w.application(other.id)
            for (query, expected) in [
                ("data eligible:yes", [w.listing.id]), ("data org:kusi", [other.id, w.listing.id]),
                ("data org:rival", []),
            ] {
                let filter = try ListingFilter(query: query)
                let found = try await w.student.search(filter, cursor: nil, limit: 20).items.map(\.id)
                #expect(Set(found) == Set(expected), "\(query)")
                #expect(try await w.student.count(filter) == expected.count, "\(query)")
            }
        }
    }

    @Test("search ranks title matches first and applies the query language's filters", arguments: ContractBackend.all)
    func search(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var remote = ContractFixture.draft("Remote Marketing Intern", at: w.now)
            remote.category = .marketing
            remote.locationType = .remote
            remote.stipend = nil
            remote.description = "Help our data team tell stories. " + ContractFixture.description
            _ = try await w.publish(remote)
            var usd = ContractFixture.draft("Backend Engineering Intern", at: w.now)
            usd.stipend = Stipend(amount: 400, currency: .usd)
            usd.deadline = w.now.addingTimeInterval(10 * ContractFixture.day)
            usd.startDate = w.now.addingTimeInterval(20 * ContractFixture.day)
            usd.endDate = w.now.addingTimeInterval(20 * ContractFixture.day + 84 * ContractFixture.day)
            _ = try await w.publish(usd)
            let titles = { (query: String) in
                try await w.student.search(try ListingFilter(query: query), cursor: nil, limit: 50).items.map(\.title)
            }
            // "data" is in one title and in the other's description: the title wins.
            #expect(try await titles("data") == ["Data Analyst Intern — Mobile Money", "Remote Marketing Intern"])
            #expect(try await titles("dat") == ["Data Analyst Intern — Mobile Money", "Remote Marketing Intern"])
            #expect(try await titles("remote:yes") == ["Remote Marketing Intern"])
            #expect(
                try await titles("category:technology sort:stipend") == [
                    "Backend Engineering Intern", "Data Analyst Intern — Mobile Money",
                ])
            #expect(try await titles("stipend>=30000") == ["Backend Engineering Intern"])  // USD 400 ≈ KES 52,000
            #expect(try await titles("deadline<14d") == ["Backend Engineering Intern"])
            #expect(try await titles("data -marketing") == ["Data Analyst Intern — Mobile Money"])
            #expect(try await titles("-marketing -data") == ["Backend Engineering Intern"])
            #expect(try await w.student.count(try ListingFilter(query: "intern")) == 3)
            // As you type, on every store: only the last word is a prefix, and a lone last letter waits.
            #expect(try await titles("analyst dat") == ["Data Analyst Intern — Mobile Money"])
            #expect(try await titles("dat analyst").isEmpty)
            #expect(try await titles("data m") == (try await titles("data")))
        }
    }

    @Test("pages follow each other without repeats or gaps, in every sort", arguments: ContractBackend.all)
    func pagination(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            for index in 0..<11 {
                var draft = ContractFixture.draft(
                    "Finance Analyst Intern \(index)", at: w.now, deadlineDays: Double(20 + index % 4))
                draft.stipend = index % 3 == 0 ? nil : Stipend(amount: 10_000 + 1_000 * (index % 5), currency: .kes)
                _ = try await w.publish(draft)
            }
            for sort in ["relevance", "deadline", "newest", "stipend"] {
                let filter = try ListingFilter(query: "intern sort:\(sort)")
                let all = try await w.student.search(filter, cursor: nil, limit: 100).items.map(\.id)
                var paged: [ListingID] = []
                var cursor: PageCursor?
                repeat {
                    let page = try await w.student.search(filter, cursor: cursor, limit: 4)
                    paged += page.items.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(all.count == 12, "\(sort)")
                #expect(paged == all, "\(sort)")
            }
        }
    }

    @Test(
        "browse answers the first page as search does, with its first listing's detail as listing does",
        arguments: ContractBackend.all)
    func browse(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let other = try await w.publish(ContractFixture.draft("Data Engineering Intern", at: w.now))
            _ = try await w.student.setSaved(other.id, saved: true)
            for (who, session) in [("student", w.student), ("employer", w.employer), ("admin", w.admin)] {
                for query in ["data", "intern sort:deadline", "", "nothing-matches-this"] {
                    let filter = try ListingFilter(query: query)
                    let found = try await session.browse(filter, limit: 1)
                    let page = try await session.search(filter, cursor: nil, limit: 1)
                    #expect(found.page == page, "\(who) \(query)")
                    if let first = page.items.first {
                        #expect(found.firstDetail == (try await session.listing(first.id)), "\(who) \(query)")
                    } else {
                        #expect(found.firstDetail == nil, "\(who) \(query)")
                    }
                }
            }
            // The student's own view of the first listing: saved, as the detail says.
            let data = try await w.student.browse(try ListingFilter(query: "data engineering"), limit: 5)
            #expect(data.firstDetail?.listing.id == other.id && data.firstDetail?.isSaved == true)
            // A query the search refuses is refused the same way.
            let error = await edulinkError {
                try await w.student.browse(ListingFilter(terms: [.word(String(repeating: "x", count: 300))]), limit: 5)
            }
            let searchError = await edulinkError {
                try await w.student.search(
                    ListingFilter(terms: [.word(String(repeating: "x", count: 300))]), cursor: nil, limit: 5)
            }
            #expect(error != nil && error?.fieldErrors == searchError?.fieldErrors)
        }
    }

    @Test("a cursor with an absurd key is answered, never a crash", arguments: ContractBackend.all)
    func absurdCursor(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            for sort in ["relevance", "deadline", "newest", "stipend"] {
                let filter = try ListingFilter(query: "intern sort:\(sort)")
                for key in [1e300, -1e300, Double.greatestFiniteMagnitude] {
                    let error = await edulinkError {
                        try await w.student.search(filter, cursor: PageCursor(key: key, id: Int64.max), limit: 5)
                    }
                    #expect(error?.fieldErrors.first?.field == "cursor")
                }
                for key in [1e11, -1e11, 0, nil] as [Double?] {
                    _ = try await w.student.search(filter, cursor: PageCursor(key: key, id: Int64.max), limit: 5)
                    _ = try await w.student.search(filter, cursor: PageCursor(key: key, id: Int64.min), limit: 5)
                }
            }
        }
    }

    @Test(
        "the count of every open listing (kept by triggers, no scan) equals the scan's after each kind of change, for each viewer",
        arguments: ContractBackend.all)
    func openCountMatchesScan(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            // Matches every listing but is not empty, so it is always counted by a scan.
            let scan = try ListingFilter(query: "-qzxjvw")
            func counts(_ note: Comment) async throws -> (student: Int, admin: Int) {
                let student = try await w.student.count(ListingFilter())
                #expect(try await w.student.count(scan) == student, note)
                let admin = try await w.admin.count(ListingFilter())
                #expect(try await w.admin.count(scan) == admin, note)
                return (student, admin)
            }
            #expect(try await counts("seeded") == (1, 1))

            var own = ContractFixture.draft("Campus Data Intern", at: w.now)
            own.visibility = .institutionOnly
            own.institutionID = w.institution.id
            let ownListing = try await w.publish(own)
            let (_, elsewhere) = try await Self.otherInstitutionDraft(w, "Campus Systems Intern")
            _ = try await w.publish(elsewhere)
            let draft = try await w.employer.createListing(ContractFixture.draft("Draft Intern", at: w.now))
            #expect(try await counts("institution-only listings and a draft") == (2, 3))

            // A deadline within the current hour is counted exactly until it passes.
            var soon = ContractFixture.draft("Closing Soon Intern", at: w.now)
            soon.deadline = w.now.addingTimeInterval(20 * 60)
            let closingSoon = try await w.publish(soon)
            var moving = ContractFixture.draft("Moving Deadline Intern", at: w.now)
            moving.deadline = w.now.addingTimeInterval(90 * 60)
            let moved = try await w.publish(moving)
            #expect(try await counts("deadlines in 20 and 90 minutes") == (4, 5))
            w.clock.advance(by: 19 * 60)
            #expect(try await counts("a minute before the first") == (4, 5))
            w.clock.advance(by: 2 * 60)
            #expect(try await counts("a minute after it") == (3, 4))

            // A deadline moved to a later hour moves the listing's bucket with it.
            var later = moved.terms
            later.deadline = w.now.addingTimeInterval(3 * 3600 + 60)
            _ = try await w.employer.updateListing(moved.id, later)
            #expect(try await counts("a deadline moved") == (3, 4))
            w.clock.advance(by: 3 * 3600)
            #expect(try await counts("past the old deadline, before the new one") == (3, 4))
            w.clock.advance(by: 120)
            #expect(try await counts("after the new deadline") == (2, 3))

            // Closing takes a listing out; a closed draft never counted.
            _ = try await w.employer.changeListing(draft.id, .close, reason: nil)
            _ = try await w.employer.changeListing(closingSoon.id, .close, reason: nil)
            _ = try await w.employer.changeListing(ownListing.id, .close, reason: nil)
            #expect(try await counts("closed") == (1, 2))
        }
    }

    /// Another institution than the students', and a draft meant only for its students.
    static func otherInstitutionDraft(_ w: Seeded, _ title: String) async throws -> (Institution, ListingDraft) {
        let other = try await w.world.setup.acting(as: .localOperator()).createInstitution(
            Institution(name: "Technical University of Mombasa", shortCode: "TUM", type: .university, verified: true))
        var draft = ContractFixture.draft(title, at: w.now)
        draft.visibility = .institutionOnly
        draft.institutionID = other.id
        return (other, draft)
    }

    @Test("institution-only listings are hidden from other institutions", arguments: ContractBackend.all)
    func institutionOnly(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let (_, draft) = try await Self.otherInstitutionDraft(w, "Campus Systems Intern")
            let hidden = try await w.publish(draft)
            #expect(
                try await w.student.search(try ListingFilter(query: "campus"), cursor: nil, limit: 10).items.isEmpty)
            #expect(await edulinkError { try await w.student.listing(hidden.id) } == .notFound("Listing"))
            #expect(
                await edulinkError {
                    try await w.student.apply(
                        ApplicationDraft(listingID: hidden.id, coverLetter: ContractFixture.coverLetter))
                } == .notFound("Listing"))
        }
    }

    @Test(
        "an edit never widens an institution-only listing: a published one keeps its visibility, a draft keeps it when the form sends it",
        arguments: ContractBackend.all)
    func editKeepsInstitutionOnly(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let (other, draft) = try await Self.otherInstitutionDraft(w, "Campus Systems Intern")
            let published = try await w.publish(draft)

            // Widening a published listing to everyone, or moving it to another institution, is refused.
            var widened = published.terms
            widened.visibility = .public
            widened.institutionID = nil
            let refusal = await edulinkError { try await w.employer.updateListing(published.id, widened) }
            #expect(refusal?.fieldErrors.map(\.field) == ["visibility"])
            var moved = published.terms
            moved.institutionID = w.institution.id
            let movedRefusal = await edulinkError { try await w.employer.updateListing(published.id, moved) }
            #expect(movedRefusal?.fieldErrors.map(\.field) == ["visibility"])

            // An edit that keeps the visibility goes through and the listing stays hidden from other institutions.
            var longer = published.terms
            longer.capacity += 10
            let edited = try await w.employer.updateListing(published.id, longer)
            #expect(edited.visibility == .institutionOnly)
            #expect(edited.institutionID == other.id)
            #expect(await edulinkError { try await w.student.listing(published.id) } == .notFound("Listing"))
            #expect(
                try await w.student.search(try ListingFilter(query: "campus"), cursor: nil, limit: 10).items.isEmpty)

            // A draft may still change its audience before it is reviewed.
            var second = ContractFixture.draft("Campus Network Intern", at: w.now)
            second.visibility = .institutionOnly
            second.institutionID = other.id
            let pending = try await w.employer.createListing(second)
            second.visibility = .public
            second.institutionID = nil
            #expect(try await w.employer.updateListing(pending.id, second).visibility == .public)
        }
    }

    @Test("a saved search counts listings published since it was last seen", arguments: ContractBackend.all)
    func savedSearches(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let saved = try await w.student.saveSearch(name: "Data jobs", query: "data category:technology")
            #expect(try await w.student.savedSearches().first?.newMatches == 0)
            w.clock.advance(by: 60)
            _ = try await w.publish(ContractFixture.draft("Data Engineering Intern", at: w.now))
            _ = try await w.publish(ContractFixture.draft("Graphic Design Intern", at: w.now))
            #expect(try await w.student.savedSearches().first?.newMatches == 1)
            try await w.student.markSavedSearchSeen(saved.id)
            #expect(try await w.student.savedSearches().first?.newMatches == 0)
            let bad = await edulinkError { try await w.student.saveSearch(name: "Broken", query: "colour:red") }
            #expect(bad?.fieldErrors.first?.field == "query")
            #expect(
                await edulinkError { try await w.students[1].deleteSavedSearch(saved.id) } == .notFound("Saved search"))
            try await w.student.deleteSavedSearch(saved.id)
            #expect(try await w.student.savedSearches().isEmpty)
        }
    }

    @Test("saving a listing twice keeps one; unsaving removes it", arguments: ContractBackend.all)
    func savedListings(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            try await w.student.setSaved(w.listing.id, saved: true)
            try await w.student.setSaved(w.listing.id, saved: true)
            #expect(try await w.student.savedListings().map(\.id) == [w.listing.id])
            #expect(try await w.student.listing(w.listing.id).isSaved)
            try await w.student.setSaved(w.listing.id, saved: false)
            #expect(try await w.student.savedListings().isEmpty)
        }
    }

    @Test(
        "a saved listing's deadline is announced with the days left and within the last day, once each, not after applying",
        arguments: ContractBackend.all)
    func deadlineReminders(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let soon = try await w.publish(
                ContractFixture.draft("Payments Operations Intern", at: w.now, deadlineDays: 5))
            try await w.student.setSaved(soon.id, saved: true)
            try await w.student.setSaved(w.listing.id, saved: true)  // closes in 30 days: no reminder
            // Another student saved it too, and applied: no reminder for them.
            try await w.students[1].setSaved(soon.id, saved: true)
            _ = try await w.application(soon.id, by: 1)
            let reminders = {
                try await w.student.notifications(unreadOnly: false, limit: 50).compactMap {
                    $0.kind == .deadlineSoon ? $0 : nil
                }
            }
            #expect(try await w.world.setup.sendDeadlineReminders() == 0)
            w.clock.advance(by: 2.5 * ContractFixture.day)  // 2.5 days left
            #expect(try await w.world.setup.sendDeadlineReminders() == 1)
            #expect(try await w.world.setup.sendDeadlineReminders() == 0)
            #expect(try await reminders().map(\.title) == ["Deadline soon"])
            #expect(
                try await reminders().first?.body
                    == "\"Payments Operations Intern\" closes in 3 days. Apply before it does.")
            w.clock.advance(by: 2 * ContractFixture.day)  // half a day left
            #expect(try await w.world.setup.sendDeadlineReminders() == 1)
            #expect(try await reminders().map(\.title) == ["Deadline within a day", "Deadline soon"])
            #expect(try await reminders().first?.body.contains("closes within a day") == true)
            let other = try await w.students[1].notifications(unreadOnly: false, limit: 50)
            #expect(other.allSatisfy { $0.kind != .deadlineSoon })
        }
    }

    @Test("notifications: unread first, counted, marked read only by their owner", arguments: ContractBackend.all)
    func notifications(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            _ = try await w.employer.move(application.id, .shortlist)
            #expect(try await w.student.unreadCount() == 2)
            let list = try await w.student.notifications(unreadOnly: false, limit: 10)
            #expect(list.map(\.title) == ["You were shortlisted", "Application sent"])
            let first = try #require(list.first)
            #expect(await edulinkError { try await w.students[1].markRead([first.id]) } == .notFound("Notification"))
            try await w.student.markRead([first.id])
            #expect(try await w.student.unreadCount() == 1)
            #expect(
                try await w.student.notifications(unreadOnly: false, limit: 10).map(\.title) == [
                    "Application sent", "You were shortlisted",
                ])
            try await w.student.markRead(nil)
            #expect(try await w.student.unreadCount() == 0)
        }
    }
}
