import Foundation
import Testing

@testable import EdulinkDemo

/// The committed `data/demo-dataset.json`, found from this file's path, decoded once.
enum CommittedDataset {
    static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // EdulinkDemoTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("data/demo-dataset.json")

    private static let decoded = Result { try DemoDataset.load(from: url) }

    static func load() throws -> DemoDataset { try decoded.get() }
}

/// Lookups the assertions share.
struct Index {
    let dataset: DemoDataset
    let users: [String: DemoDataset.User]
    let organizations: [String: DemoDataset.Organization]
    let institutions: [String: DemoDataset.Institution]
    let listings: [String: DemoDataset.Listing]
    let profiles: [String: DemoDataset.StudentProfile]

    init(_ dataset: DemoDataset) {
        self.dataset = dataset
        users = Dictionary(dataset.users.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        organizations = Dictionary(dataset.organizations.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        institutions = Dictionary(dataset.institutions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        listings = Dictionary(dataset.listings.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        profiles = Dictionary(dataset.studentProfiles.map { ($0.user, $0) }, uniquingKeysWith: { first, _ in first })
    }

    static func load() throws -> Index { Index(try CommittedDataset.load()) }

    func user(email: String) -> DemoDataset.User? { dataset.users.first { $0.email == email } }

    /// Profile completion as DOMAIN.md defines it: ten equal parts.
    func completion(of student: String) -> Int {
        guard let user = users[student], let profile = profiles[student] else { return 0 }
        let parts = [
            !user.displayName.isEmpty, user.phone != nil, profile.registrationNumber != nil,
            profile.institution != nil, profile.yearOfStudy != nil, profile.course != nil,
            !profile.skills.isEmpty, !profile.interests.isEmpty, profile.resumePath != nil,
            profile.github != nil || profile.linkedin != nil || profile.website != nil,
        ]
        return parts.filter { $0 }.count * 10
    }

    /// Whether the student meets the listing's visibility, year and course conditions.
    func isEligible(_ student: String, for listing: DemoDataset.Listing) -> Bool {
        guard let profile = profiles[student] else { return false }
        if listing.visibility == .institutionOnly, profile.institution != listing.institution { return false }
        if !listing.eligibleYears.isEmpty, !listing.eligibleYears.contains(profile.yearOfStudy ?? 0) { return false }
        if !listing.eligibleCourses.isEmpty, !listing.eligibleCourses.contains(profile.course ?? "") { return false }
        return true
    }

    func applications(to listing: String) -> [DemoDataset.Application] {
        dataset.applications.filter { $0.listing == listing }
    }
}

/// Transitions of DOMAIN.md's application state machine.
let allowedTransitions: [DemoDataset.State: Set<DemoDataset.State>] = [
    .pending: [.reviewed, .shortlisted, .rejected, .withdrawn],
    .reviewed: [.shortlisted, .interviewScheduled, .rejected, .withdrawn],
    .shortlisted: [.interviewScheduled, .offered, .rejected, .withdrawn],
    .interviewScheduled: [.interviewScheduled, .offered, .rejected, .withdrawn],
    .offered: [.accepted, .declined, .withdrawn],
]

func hasNoControlCharacters(_ text: String) -> Bool {
    !text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }
}

@Suite("Demo dataset")
struct DemoDatasetTests {
    @Test("the committed dataset decodes with the supported schema version")
    func decodes() throws {
        let dataset = try CommittedDataset.load()
        #expect(dataset.schemaVersion == DemoDataset.supportedSchemaVersion)
    }

    @Test("the dataset bundled as a resource is the committed one")
    func bundledMatchesCommitted() throws {
        #expect(try DemoDataset.bundled() == CommittedDataset.load())
    }

    @Test("the dataset has the promised scale")
    func scale() throws {
        let index = try Index.load()
        let dataset = index.dataset
        #expect(dataset.institutions.count >= 12)
        #expect(dataset.organizations.count >= 40)
        #expect(dataset.organizations.contains { !$0.verified })
        #expect(dataset.listings.count >= 300)
        #expect(dataset.users.filter { $0.role == .student }.count >= 400)
        #expect(dataset.applications.count >= 1000)
        #expect(!dataset.notifications.isEmpty && !dataset.savedListings.isEmpty && !dataset.savedSearches.isEmpty)
        for organization in dataset.organizations {
            #expect(
                dataset.users.filter { $0.role == .employer && $0.organization == organization.key }.count == 1,
                "one employer user for \(organization.key)")
        }
    }

    @Test("the demo institution has a few hundred students across courses and years, placed in every way")
    func demoInstitution() throws {
        let index = try Index.load()
        let institution = try #require(index.user(email: "institution@edulink.demo")?.institution)
        let students = index.dataset.studentProfiles.filter { $0.institution == institution }
        #expect(students.count >= 250)
        #expect(Set(students.compactMap(\.course)).count >= 6)
        #expect(Set(students.compactMap(\.yearOfStudy)).isSuperset(of: [1, 2, 3, 4]))
        // Accepted offers for placements to come, running now and over.
        let placed = index.dataset.applications.filter { application in
            application.currentState == .accepted && index.profiles[application.student]?.institution == institution
        }.compactMap { index.listings[$0.listing] }
        #expect(placed.contains { $0.startInDays > 0 }, "an upcoming placement")
        #expect(placed.filter { $0.startInDays <= 0 && $0.endInDays > 0 }.count >= 3, "active placements")
        #expect(placed.filter { $0.endInDays <= 0 }.count >= 5, "completed placements")
    }

    @Test("keys and emails are unique and emails are lowercase")
    func uniqueness() throws {
        let index = try Index.load()
        let dataset = index.dataset
        #expect(index.users.count == dataset.users.count)
        #expect(index.organizations.count == dataset.organizations.count)
        #expect(index.institutions.count == dataset.institutions.count)
        #expect(index.listings.count == dataset.listings.count)
        #expect(index.profiles.count == dataset.studentProfiles.count)
        #expect(Set(dataset.institutions.map(\.name)).count == dataset.institutions.count)
        let emails = dataset.users.map(\.email)
        #expect(Set(emails).count == emails.count)
        #expect(emails.allSatisfy { $0 == $0.lowercased() && $0.contains("@") })
    }

    @Test("every category, level and location type appears in every combination")
    func listingCoverage() throws {
        let dataset = try CommittedDataset.load()
        var combinations = Set<String>()
        for listing in dataset.listings {
            combinations.insert("\(listing.category)/\(listing.experienceLevel)/\(listing.locationType)")
        }
        let expected =
            DemoDataset.Listing.Category.allCases.count * DemoDataset.Listing.ExperienceLevel.allCases.count
            * DemoDataset.Listing.LocationType.allCases.count
        #expect(combinations.count == expected)
        #expect(Set(dataset.listings.map(\.status)) == Set(DemoDataset.Listing.Status.allCases))
        #expect(Set(dataset.listings.map(\.visibility)) == Set(DemoDataset.Listing.Visibility.allCases))
        #expect(Set(dataset.listings.compactMap(\.currency)) == Set(DemoDataset.Listing.Currency.allCases))
        #expect(dataset.listings.contains { $0.featured })
        #expect(dataset.listings.contains { $0.status == .published && $0.deadlineInDays < 0 })
        let unpaid = Double(dataset.listings.filter { $0.stipend == nil }.count) / Double(dataset.listings.count)
        #expect(unpaid > 0.08 && unpaid < 0.25)
        let withQuestions = Double(dataset.listings.filter { !$0.screeningQuestions.isEmpty }.count)
        #expect(withQuestions / Double(dataset.listings.count) > 0.3)
    }

    @Test("every institution type, role and application state is present")
    func enumCoverage() throws {
        let dataset = try CommittedDataset.load()
        #expect(Set(dataset.institutions.map(\.type)) == Set(DemoDataset.Institution.Kind.allCases))
        #expect(Set(dataset.users.map(\.role)) == Set(DemoDataset.User.Role.allCases))
        #expect(Set(dataset.applications.map(\.currentState)) == Set(DemoDataset.State.allCases))
    }

    @Test("the five demo accounts exist with their roles")
    func demoAccounts() throws {
        let index = try Index.load()
        let expected: [(String, DemoDataset.User.Role)] = [
            ("student@edulink.demo", .student), ("employer@edulink.demo", .employer), ("admin@edulink.demo", .admin),
            ("institution@edulink.demo", .institutionAdmin), ("supervisor@edulink.demo", .supervisor),
        ]
        for (email, role) in expected {
            let user = try #require(index.user(email: email), "\(email) is missing")
            #expect(user.role == role)
            #expect(user.status == .active)
        }
        #expect(index.user(email: "institution@edulink.demo")?.institution != nil)
    }

    @Test("every reference between records resolves")
    func references() throws {
        let index = try Index.load()
        let dataset = index.dataset
        for user in dataset.users {
            #expect(user.organization.map { index.organizations[$0] != nil } ?? true, "\(user.key) organization")
            #expect(user.institution.map { index.institutions[$0] != nil } ?? true, "\(user.key) institution")
            if user.role == .employer { #expect(user.organization != nil, "\(user.key) has no organization") }
        }
        #expect(
            Set(dataset.studentProfiles.map(\.user)) == Set(dataset.users.filter { $0.role == .student }.map(\.key)))
        for profile in dataset.studentProfiles {
            #expect(profile.institution == index.users[profile.user]?.institution, "\(profile.user) institution")
        }
        for listing in dataset.listings {
            #expect(index.organizations[listing.organization] != nil, "\(listing.key) organization")
            let creator = index.users[listing.createdBy]
            #expect(
                creator?.role == .employer && creator?.organization == listing.organization, "\(listing.key) creator")
            #expect(listing.institution.map { index.institutions[$0] != nil } ?? true, "\(listing.key) institution")
        }
        for application in dataset.applications {
            #expect(index.users[application.student]?.role == .student, "\(application.student) is not a student")
            #expect(index.listings[application.listing] != nil, "\(application.listing) is missing")
        }
        // A notification links what it is about, as the service's own do: the listing, and for an
        // employer the applicant, whose application to it exists (the student's own for a student).
        let applied = Set(dataset.applications.map { "\($0.student) \($0.listing)" })
        for notification in dataset.notifications {
            let user = index.users[notification.user]
            #expect(user != nil)
            guard let listing = notification.listing else {
                #expect(notification.kind == .accountLocked, "\(notification.title) links no listing")
                continue
            }
            let organization = index.listings[listing]?.organization
            #expect(organization != nil, "\(listing) is missing")
            if let applicant = notification.applicant {
                #expect(user?.role == .employer && user?.organization == organization, "\(notification.title)")
                #expect(applied.contains("\(applicant) \(listing)"), "no application of \(applicant) to \(listing)")
            } else if user?.role == .student {
                #expect(applied.contains("\(notification.user) \(listing)"), "\(notification.title) to \(listing)")
            }
        }
        for saved in dataset.savedListings {
            #expect(index.profiles[saved.student] != nil && index.listings[saved.listing] != nil)
        }
        for search in dataset.savedSearches { #expect(index.profiles[search.student] != nil) }
    }

    @Test("organizations and profiles respect the limits of DOMAIN.md")
    func profileLimits() throws {
        let index = try Index.load()
        for organization in index.dataset.organizations {
            #expect((100...2000).contains(organization.description.count), "\(organization.key) description")
            #expect(organization.website.hasPrefix("https://") && organization.website.hasSuffix(".example"))
        }
        var registrations = Set<String>()
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/")
        for profile in index.dataset.studentProfiles {
            if let number = profile.registrationNumber {
                #expect((3...20).contains(number.count) && number.allSatisfy(allowed.contains), "\(number)")
                let institution = try #require(profile.institution, "\(profile.user) has a number but no institution")
                #expect(registrations.insert("\(institution) \(number)").inserted, "\(number) repeats")
            }
            #expect(profile.yearOfStudy.map { (1...6).contains($0) } ?? true)
            #expect(profile.skills.count <= 20 && profile.skills.allSatisfy { (2...50).contains($0.count) })
            #expect(Set(profile.skills).count == profile.skills.count)
            #expect(profile.interests.count <= 15)
            #expect((profile.bio?.count ?? 0) <= 2000)
        }
        let completions = index.dataset.studentProfiles.map { index.completion(of: $0.user) }
        #expect(completions.min() ?? 100 <= 30)
        #expect(completions.max() == 100)
    }

    @Test("listings respect the limits of DOMAIN.md")
    func listingLimits() throws {
        let index = try Index.load()
        for listing in index.dataset.listings {
            let key = listing.key
            #expect((10...200).contains(listing.title.count) && listing.title != listing.title.uppercased(), "\(key)")
            #expect((300...2500).contains(listing.description.count), "\(key) description")
            #expect((2...200).contains(listing.location.count), "\(key) location")
            #expect([listing.title, listing.description, listing.location].allSatisfy(hasNoControlCharacters))
            #expect((listing.stipend == nil) == (listing.currency == nil), "\(key) stipend and currency")
            #expect(listing.stipend.map { (0...1_000_000).contains($0) } ?? true, "\(key) stipend")
            #expect(listing.deadlineInDays <= 730, "\(key) deadline")
            #expect(listing.startInDays > listing.deadlineInDays, "\(key) starts before its deadline")
            #expect(listing.endInDays > listing.startInDays, "\(key) ends before it starts")
            #expect((1...52).contains(listing.durationWeeks), "\(key) duration")
            let weeks = Double(listing.endInDays - listing.startInDays) / 7
            #expect(abs(weeks - Double(listing.durationWeeks)) <= 1, "\(key) duration and dates disagree")
            let skills = listing.requiredSkills + listing.preferredSkills
            #expect(skills.count <= 20 && Set(skills).count == skills.count, "\(key) skills")
            #expect(listing.eligibleYears.allSatisfy { (1...6).contains($0) })
            #expect(listing.positions >= 1 && listing.positions <= listing.capacity, "\(key) positions")
            #expect((listing.visibility == .institutionOnly) == (listing.institution != nil), "\(key) visibility")
            for question in listing.screeningQuestions {
                #expect((question.kind == .choice) == !question.choices.isEmpty, "\(key) choices")
            }
            if listing.publishedDaysAgo != nil {
                #expect(index.organizations[listing.organization]?.verified == true, "\(key) unverified publisher")
            }
        }
    }

    @Test("application timelines follow the state machine")
    func timelines() throws {
        let dataset = try CommittedDataset.load()
        for application in dataset.applications {
            let label = "\(application.student) → \(application.listing)"
            var state = DemoDataset.State.pending
            var day = application.submittedDaysAgo
            for (position, event) in application.timeline.enumerated() {
                let next = event.to
                #expect(allowedTransitions[state]?.contains(next) == true, "\(label): \(state) → \(next)")
                #expect(event.daysAgo >= 0 && event.daysAgo <= day, "\(label): timeline goes back in time")
                #expect((event.to == .rejected) == (event.reason != nil), "\(label): rejection reason")
                let isInterview = event.to == .interviewScheduled
                #expect(isInterview == (event.interviewInDays != nil) && isInterview == (event.interviewPlace != nil))
                if let interview = event.interviewInDays {
                    #expect(interview > -event.daysAgo && interview <= 180 - event.daysAgo, "\(label): interview time")
                    if position == application.timeline.count - 1 {
                        #expect(interview > 0, "\(label): stale interview")
                    }
                }
                #expect((event.to == .offered) == (event.offerExpiresInDays != nil), "\(label): offer expiry")
                if let expiry = event.offerExpiresInDays {
                    #expect(expiry > -event.daysAgo, "\(label): offer expired when made")
                    if position + 1 < application.timeline.count {
                        #expect(
                            expiry >= -application.timeline[position + 1].daysAgo, "\(label): answered after expiry")
                    } else {
                        #expect(expiry > 0, "\(label): open offer already expired")
                    }
                }
                state = next
                day = event.daysAgo
            }
        }
    }

    @Test("applications respect the apply rules")
    func applyRules() throws {
        let index = try Index.load()
        var pairs = Set<String>()
        var perDay: [String: Int] = [:]
        var perMonth: [String: Int] = [:]
        for application in index.dataset.applications {
            let label = "\(application.student) → \(application.listing)"
            let listing = try #require(index.listings[application.listing])
            #expect(pairs.insert("\(application.student) \(application.listing)").inserted, "\(label): duplicate")
            #expect(listing.status == .published || listing.status == .closed, "\(label): listing not open")
            let published = try #require(listing.publishedDaysAgo)
            #expect(application.submittedDaysAgo >= 0 && application.submittedDaysAgo <= published, "\(label): early")
            #expect(
                listing.deadlineInDays > 0 || application.submittedDaysAgo > -listing.deadlineInDays,
                "\(label): after the deadline")
            #expect(index.isEligible(application.student, for: listing), "\(label): not eligible")
            #expect(index.completion(of: application.student) >= 70, "\(label): profile below 70 %")
            #expect((100...5000).contains(application.coverLetter.count), "\(label): cover letter length")
            #expect(application.answers.count == listing.screeningQuestions.count, "\(label): answers")
            for (question, answer) in zip(listing.screeningQuestions, application.answers) {
                #expect(!question.required || !answer.isEmpty, "\(label): required question unanswered")
                if question.kind == .choice, !answer.isEmpty { #expect(question.choices.contains(answer)) }
                if question.kind == .yesNo { #expect(["", "Yes", "No"].contains(answer)) }
            }
            #expect(application.rating.map { (1...5).contains($0) } ?? true)
            perDay["\(application.student) \(application.submittedDaysAgo)", default: 0] += 1
            perMonth["\(application.student) \(application.submittedDaysAgo / 30)", default: 0] += 1
        }
        #expect(perDay.values.allSatisfy { $0 <= 5 }, "more than 5 applications a day")
        #expect(perMonth.values.allSatisfy { $0 <= 50 }, "more than 50 applications a month")
        for listing in index.dataset.listings {
            let applications = index.applications(to: listing.key)
            #expect(applications.count <= listing.capacity, "\(listing.key) over capacity")
            #expect(
                applications.filter { $0.currentState == .accepted }.count <= listing.positions,
                "\(listing.key) accepted more than its positions")
        }
    }

    @Test("dates are coherent across records")
    func dates() throws {
        let index = try Index.load()
        for user in index.dataset.users {
            #expect(user.createdDaysAgo >= 0)
            #expect(user.lastLoginDaysAgo.map { $0 >= 0 && $0 <= user.createdDaysAgo } ?? true, "\(user.key)")
        }
        for listing in index.dataset.listings {
            let creator = try #require(index.users[listing.createdBy])
            #expect(listing.createdDaysAgo <= creator.createdDaysAgo, "\(listing.key) predates its creator")
            switch listing.status {
            case .draft, .pendingReview:
                #expect(listing.publishedDaysAgo == nil && listing.deadlineInDays > 0, "\(listing.key)")
            case .published, .closed:
                let published = try #require(listing.publishedDaysAgo, "\(listing.key) has no publication date")
                #expect(
                    published >= 0 && published <= listing.createdDaysAgo, "\(listing.key) published before created")
                #expect(-listing.deadlineInDays < published, "\(listing.key) deadline before publication")
            }
            if listing.status == .closed { #expect(listing.deadlineInDays < 0, "\(listing.key) closed but open") }
        }
        for application in index.dataset.applications {
            let student = try #require(index.users[application.student])
            #expect(application.submittedDaysAgo <= student.createdDaysAgo, "applied before the account existed")
        }
        for notification in index.dataset.notifications {
            let user = try #require(index.users[notification.user])
            #expect(notification.daysAgo >= 0 && notification.daysAgo <= user.createdDaysAgo)
        }
        for saved in index.dataset.savedListings {
            let listing = try #require(index.listings[saved.listing])
            #expect(saved.daysAgo >= 0 && saved.daysAgo <= (listing.publishedDaysAgo ?? -1), "saved before publication")
        }
    }

    @Test("the demo student can try every student flow")
    func demoStudent() throws {
        let index = try Index.load()
        let student = try #require(index.user(email: "student@edulink.demo"))
        #expect(index.completion(of: student.key) >= 90)
        let applications = index.dataset.applications.filter { $0.student == student.key }
        let states = Set(applications.map(\.currentState))
        #expect(states.isSuperset(of: [.offered, .interviewScheduled, .pending, .rejected]))
        let offer = try #require(applications.first { $0.currentState == .offered }?.timeline.last)
        #expect((offer.offerExpiresInDays ?? 0) > 0, "the open offer can still be answered")
        let interview = try #require(applications.first { $0.currentState == .interviewScheduled }?.timeline.last)
        #expect((interview.interviewInDays ?? 0) > 0, "the interview is in the future")
        #expect(index.dataset.savedListings.contains { $0.student == student.key })
        #expect(index.dataset.savedSearches.filter { $0.student == student.key }.count >= 2)
        #expect(index.dataset.notifications.contains { $0.user == student.key && !$0.read })
        let applied = Set(applications.map(\.listing))
        let stillOpen = index.dataset.listings.filter { listing in
            listing.status == .published && listing.deadlineInDays > 0 && !applied.contains(listing.key)
                && index.isEligible(student.key, for: listing)
                && index.applications(to: listing.key).count < listing.capacity
        }
        #expect(stillOpen.count >= 5, "open listings left for the demo student to apply to")
    }

    @Test("supervisors have a title and a capacity; the demo institution has an academic supervisor")
    func supervisors() throws {
        let index = try Index.load()
        for user in index.dataset.users {
            guard user.role == .supervisor else {
                #expect(user.title == nil && user.capacity == nil, "\(user.key): only supervisors have a title")
                continue
            }
            #expect((2...100).contains(user.title?.count ?? 0), "\(user.key) title")
            #expect(user.capacity.map { (1...50).contains($0) } ?? true, "\(user.key) capacity")
            #expect((user.organization == nil) != (user.institution == nil), "\(user.key): one affiliation")
        }
        let institution = try #require(index.user(email: "institution@edulink.demo")?.institution)
        #expect(index.dataset.users.contains { $0.role == .supervisor && $0.institution == institution })
        let supervisor = try #require(index.user(email: "supervisor@edulink.demo"))
        #expect(supervisor.organization == index.user(email: "employer@edulink.demo")?.organization)
    }

    @Test("every placement that has started was accepted before its start")
    func acceptedBeforeStart() throws {
        let index = try Index.load()
        let accepted = index.dataset.applications.filter { $0.currentState == .accepted }
        #expect(accepted.count >= 40)
        for application in accepted {
            let listing = try #require(index.listings[application.listing])
            let acceptedDaysAgo = try #require(application.timeline.last?.daysAgo)
            if listing.startInDays <= 0 {
                #expect(acceptedDaysAgo > -listing.startInDays, "\(application.student) → \(listing.key)")
            }
        }
        let started = accepted.compactMap { index.listings[$0.listing] }.filter { $0.startInDays <= 0 }
        #expect(started.contains { $0.endInDays > 0 } && started.filter { $0.endInDays <= 0 }.count >= 3)
    }

    @Test("the demo supervisor's organization has an intern in week 3 and two placements that ended")
    func demoSupervisorInterns() throws {
        let index = try Index.load()
        let organization = try #require(index.user(email: "supervisor@edulink.demo")?.organization)
        let placed = index.dataset.applications.filter { application in
            application.currentState == .accepted && index.listings[application.listing]?.organization == organization
        }.compactMap { index.listings[$0.listing] }
        // Week 3 is days 14–20; week 2's entry is overdue three days after it ends, from day 18.
        #expect(placed.contains { (-20)...(-18) ~= $0.startInDays && $0.endInDays > 0 }, "an intern in week 3")
        #expect(placed.filter { $0.endInDays < 0 }.count >= 2, "one to complete and one to terminate")
        #expect(placed.contains { $0.startInDays > 0 }, "an upcoming intern")
    }

    @Test("the demo student has no placement and an offer to accept for a placement that has not started")
    func demoStudentOffer() throws {
        let index = try Index.load()
        let student = try #require(index.user(email: "student@edulink.demo"))
        let applications = index.dataset.applications.filter { $0.student == student.key }
        #expect(!applications.contains { $0.currentState == .accepted })
        let offers = applications.filter { $0.currentState == .offered }
        #expect(
            offers.contains { offer in
                let listing = index.listings[offer.listing]
                return (offer.timeline.last?.offerExpiresInDays ?? 0) > 0 && (listing?.startInDays ?? 0) > 0
                    && (listing?.endInDays ?? 0) > (listing?.startInDays ?? 0)
            })
    }

    @Test("the demo employer has listings in every status and a listing ready for triage")
    func demoEmployer() throws {
        let index = try Index.load()
        let employer = try #require(index.user(email: "employer@edulink.demo"))
        let organization = try #require(employer.organization.flatMap { index.organizations[$0] })
        #expect(organization.verified)
        let own = index.dataset.listings.filter { $0.organization == organization.key }
        #expect(own.count >= 8)
        #expect(Set(own.map(\.status)) == Set(DemoDataset.Listing.Status.allCases))
        let triage = own.filter { listing in
            let applications = index.applications(to: listing.key)
            return listing.status == .published && listing.deadlineInDays > 0 && applications.count >= 40
                && Set(applications.map(\.currentState)) == Set(DemoDataset.State.allCases)
        }
        #expect(!triage.isEmpty, "a published listing with 40+ applicants in every stage")
    }
}
