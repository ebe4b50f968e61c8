import EdulinkCore
import Foundation
import Testing

@Suite("Apply rules")
struct ApplyRulesTests {
    private func context() -> ApplyContext {
        ApplyContext(
            listing: Fixture.listing(), placesTaken: 0, student: Fixture.student(), profile: Fixture.profile(),
            existing: nil, appliedToday: 0, appliedThisMonth: 0, now: Fixture.now)
    }

    @Test("a complete student may apply to an open listing")
    func allowed() {
        #expect(ApplyRules.firstRefusal(context()) == nil)
    }

    @Test("rules are checked in DOMAIN.md's order, each with its own message")
    func order() {
        var c = context()
        c.listing.status = .draft
        c.listing.deadline = Fixture.now.addingTimeInterval(-1)
        c.placesTaken = 10
        c.listing.eligibleYears = [4]
        c.existing = .pending
        c.student.phone = nil
        c.profile = Fixture.profile(complete: false)
        c.appliedToday = 5
        c.appliedThisMonth = 50
        var seen: [RefusalCode] = []
        while let refusal = ApplyRules.firstRefusal(c) {
            seen.append(refusal.code)
            switch refusal.code {
            case .listingNotPublished: c.listing.status = .published
            case .deadlinePassed: c.listing.deadline = Fixture.now.addingTimeInterval(Fixture.day)
            case .capacityReached: c.placesTaken = 9
            case .notEligible: c.listing.eligibleYears = [3]
            case .alreadyApplied: c.existing = nil
            case .profileIncomplete: c.profile = Fixture.profile()
            case .dailyLimit: c.appliedToday = 4
            case .monthlyLimit: c.appliedThisMonth = 49
            default: Issue.record("unexpected \(refusal.code)"); return
            }
        }
        #expect(
            seen == [
                .listingNotPublished, .deadlinePassed, .capacityReached, .notEligible, .alreadyApplied,
                .profileIncomplete, .dailyLimit, .monthlyLimit,
            ])
    }

    @Test("a closed listing and an unverified one are refused before anything else")
    func closedAndUnverified() {
        var c = context()
        c.listing.status = .closed
        #expect(ApplyRules.firstRefusal(c) == Refusal(.listingClosed, "This listing is closed."))
        c.listing.status = .published
        c.listing.verifiedAt = nil
        #expect(ApplyRules.firstRefusal(c)?.code == .listingNotVerified)
    }

    @Test("the incomplete-profile message says how complete it is and what is missing")
    func profileMessage() {
        var c = context()
        c.student.phone = nil
        c.profile = Fixture.profile(complete: false)
        #expect(
            ApplyRules.firstRefusal(c)?.message
                == "Your profile is 60 % complete; applying needs 70 %. Add: phone number, registration number, résumé, a link (GitHub, LinkedIn or website)."
        )
    }

    @Test("institution-only listings admit only their institution's students")
    func institutionOnly() {
        var c = context()
        c.listing.visibility = .institutionOnly
        c.listing.institutionID = 2
        #expect(ApplyRules.firstRefusal(c)?.code == .notEligible)
        c.listing.institutionID = 1
        #expect(ApplyRules.firstRefusal(c) == nil)
    }

    @Test("eligible courses are compared case-insensitively")
    func courses() {
        var c = context()
        c.listing.eligibleCourses = ["computer science", "Statistics"]
        #expect(ApplyRules.firstRefusal(c) == nil)
        c.listing.eligibleCourses = ["Law"]
        #expect(
            ApplyRules.firstRefusal(c)
                == Refusal(.notEligible, "This listing is open to these courses only: Law."))
    }

    @Test("skill match counts required skills the student has")
    func skillMatch() {
        let match = SkillMatch(listing: Fixture.listing(), skills: ["python", "Excel", "Go"])
        #expect(match.matchedRequired == ["Python"])
        #expect(match.missingRequired == ["SQL", "Tableau"])
        #expect(match.matchedPreferred == ["Excel"])
        #expect(match.percent == 33)
    }
}

@Suite("Profile completion")
struct ProfileCompletionTests {
    @Test("ten equal parts; each missing part is named")
    func parts() {
        let empty = ProfileCompletion(user: Fixture.student(phone: nil), profile: nil)
        #expect(empty.percent == 10)  // the name only
        #expect(empty.missing.count == 9)
        let full = ProfileCompletion(user: Fixture.student(), profile: Fixture.profile())
        #expect(full.percent == 100)
        #expect(full.missing.isEmpty)
        #expect(full.allowsApplying)
    }

    @Test("69 % cannot apply, 70 % can")
    func threshold() {
        var profile = Fixture.profile()
        profile.resumePath = nil
        profile.githubURL = nil
        #expect(ProfileCompletion(user: Fixture.student(), profile: profile).percent == 80)
        profile.interests = []
        #expect(ProfileCompletion(user: Fixture.student(), profile: profile).allowsApplying)
        profile.skills = []
        #expect(!ProfileCompletion(user: Fixture.student(), profile: profile).allowsApplying)
    }
}

@Suite("Small values")
struct ValueTests {
    @Test("the outbox retries after 2, 4, 8, 16 and 32 minutes, then gives up")
    func outboxRetries() {
        var message = OutboxMessage(
            notificationID: 1, recipient: "a@b.co", subject: "s", body: "b", createdAt: Fixture.now,
            nextAttemptAt: Fixture.now)
        var delays: [Double] = []
        var at = Fixture.now
        while message.status == .pending {
            message = message.afterFailure("smtp down", at: at)
            if message.status == .pending { delays.append(message.nextAttemptAt.timeIntervalSince(at) / 60) }
            at = message.nextAttemptAt
        }
        #expect(delays == [2, 4, 8, 16, 32])
        #expect(message.status == .failed)
        #expect(message.attempts == 6)
    }

    @Test("page cursors round-trip through their token and refuse garbage")
    func cursors() {
        for cursor in [PageCursor(key: 1.5, id: 7), PageCursor(key: nil, id: 3), PageCursor(key: -2e9, id: 1)] {
            #expect(PageCursor(token: cursor.token) == cursor)
        }
        for bad in ["", "k:1", "x:1:2", "k:nan:1", "n:abc", "k:1:2:3"] {
            #expect(PageCursor(token: bad) == nil, "\(bad)")
        }
    }

    @Test("stipends format with thousands separators and convert to KES")
    func stipends() {
        #expect(Stipend(amount: 25_000, currency: .kes).formatted == "KES 25,000")
        #expect(Stipend(amount: 600, currency: .usd).formatted == "USD 600")
        #expect(Stipend(amount: 600, currency: .usd).kesEquivalent == 78_000)
    }

    @Test("errors read as one line")
    func errorMessages() {
        #expect(EdulinkError.notFound("Listing").message == "Listing not found.")
        #expect(
            EdulinkError.validation([FieldError("a", "A is bad."), FieldError("b", "B is bad.")]).message
                == "a: A is bad.; b: B is bad.")
        #expect(EdulinkError.refused(Refusal(.dailyLimit, "x")).refusalCode == .dailyLimit)
    }
}

@Suite("Clamped conversion")
struct ClampedConversionTests {
    @Test("a double from outside becomes the nearest Int64, clamped, never a trap")
    func clamped() {
        #expect(Int64(clampingRounded: 1.6) == 2)
        #expect(Int64(clampingRounded: -2.5) == -3)
        #expect(Int64(clampingRounded: 1e300) == .max)
        #expect(Int64(clampingRounded: -1e300) == .min)
        #expect(Int64(clampingRounded: .infinity) == .max)
        #expect(Int64(clampingRounded: .nan) == 0)
    }
}
