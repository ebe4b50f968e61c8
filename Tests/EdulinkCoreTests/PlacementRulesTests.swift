import EdulinkCore
import Foundation
import Testing

@Suite("Placement and logbook rules (PLACEMENTS.md)")
struct PlacementRulesTests {
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Africa/Nairobi") ?? .gmt
        return calendar
    }

    static func day(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = calendar.timeZone
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text) ?? .distantPast
    }

    static func placement(start: String = "2027-01-04", end: String = "2027-03-26", status: PlacementStatus = .upcoming)
        -> Placement
    {
        Placement(
            applicationID: 1, studentID: 2, listingID: 3, organizationID: 4, institutionID: 5, startDate: day(start),
            endDate: day(end), status: status, createdAt: day("2026-12-01"))
    }

    @Test("upcoming → active → completed, terminated from upcoming or active, and nothing after the end")
    func lifecycle() throws {
        #expect(try PlacementLifecycle.transition(from: .upcoming, on: .start, by: nil).get() == .active)
        #expect(try PlacementLifecycle.transition(from: .active, on: .complete, by: nil).get() == .completed)
        #expect(try PlacementLifecycle.transition(from: .upcoming, on: .terminate, by: .employer).get() == .terminated)
        #expect(
            try PlacementLifecycle.transition(from: .active, on: .terminate, by: .institutionAdmin).get() == .terminated
        )
        for final in [PlacementStatus.completed, .terminated] {
            for event in PlacementEvent.allCases {
                #expect(throws: Refusal.self) {
                    try PlacementLifecycle.transition(from: final, on: event, by: nil).get()
                }
            }
        }
        #expect(throws: Refusal.self) {
            try PlacementLifecycle.transition(from: .upcoming, on: .complete, by: nil).get()
        }
        // Only the employer and the institution admin end a placement early; nobody starts or
        // completes one by hand.
        for role in [Role.student, .supervisor, .admin] {
            let refused = PlacementLifecycle.transition(from: .active, on: .terminate, by: role)
            #expect((try? refused.get()) == nil)
        }
        #expect((try? PlacementLifecycle.transition(from: .upcoming, on: .start, by: .employer).get()) == nil)
    }

    @Test("a termination needs a reason of 10 to 500 characters")
    func terminationReason() throws {
        #expect(throws: EdulinkError.self) { try PlacementLifecycle.validateReason(nil) }
        #expect(throws: EdulinkError.self) { try PlacementLifecycle.validateReason("too short") }
        #expect(throws: EdulinkError.self) { try PlacementLifecycle.validateReason(String(repeating: "x", count: 501)) }
        #expect(throws: Never.self) { try PlacementLifecycle.validateReason("The company closed its Nairobi office.") }
    }

    @Test("dates move only before the start, by at most 60 days, with a reason, the end after the start")
    func moveDates() throws {
        let placement = Self.placement()
        let now = Self.day("2026-12-15")
        let reason = "The team moves to the new office in January."
        #expect(throws: Never.self) {
            try PlacementLifecycle.validateMove(
                placement, start: Self.day("2027-01-18"), end: Self.day("2027-04-09"), reason: reason, now: now)
        }
        func fields(
            _ start: String, _ end: String, reason: String?, now: Date = now, status: PlacementStatus = .upcoming
        )
            -> [String]
        {
            var moved = placement
            moved.status = status
            do {
                try PlacementLifecycle.validateMove(
                    moved, start: Self.day(start), end: Self.day(end), reason: reason, now: now)
                return []
            } catch { return error.fieldErrors.map(\.field) }
        }
        #expect(fields("2027-03-15", "2027-04-09", reason: reason) == ["start_date"])  // 70 days later
        #expect(fields("2027-01-18", "2027-06-30", reason: reason) == ["end_date"])
        #expect(fields("2027-02-01", "2027-01-25", reason: reason) == ["end_date"])
        #expect(fields("2027-01-18", "2027-04-09", reason: nil) == ["reason"])
        #expect(fields("2027-01-18", "2027-04-09", reason: reason, now: Self.day("2027-01-05")) == ["start_date"])
        #expect(fields("2027-01-18", "2027-04-09", reason: reason, status: .active) == ["start_date"])
    }

    @Test("completion names what is missing: the end, open weeks, the final evaluation")
    func completion() throws {
        #expect(CompletionCheck(ended: false, openWeeks: [], finalEvaluationSubmitted: true).refusal != nil)
        let open = CompletionCheck(ended: true, openWeeks: [3, 7], finalEvaluationSubmitted: true).refusal
        #expect(open?.message == "Weeks 3, 7 of the logbook are not approved or excused.")
        #expect(
            CompletionCheck(ended: true, openWeeks: [], finalEvaluationSubmitted: false).refusal?.message
                == "The final evaluation is not submitted yet.")
        #expect(CompletionCheck(ended: true, openWeeks: [], finalEvaluationSubmitted: true).refusal == nil)
    }

    @Test("weeks count from the start date, rounded up; an entry is due three days after its week")
    func weeks() throws {
        let calendar = Self.placement().calendar(Self.calendar)  // Mon 4 Jan to Fri 26 Mar: 81 days
        #expect(calendar.weekCount == 12)
        #expect(Self.placement(end: "2027-03-29").calendar(Self.calendar).weekCount == 12)  // exactly 12 weeks
        #expect(Self.placement(end: "2027-03-30").calendar(Self.calendar).weekCount == 13)
        #expect(Self.placement(end: "2027-01-04").calendar(Self.calendar).weekCount == 1)
        #expect(calendar.weekStart(1) == Self.day("2027-01-04"))
        #expect(calendar.weekStart(3) == Self.day("2027-01-18"))
        #expect(calendar.due(1) == Self.day("2027-01-14"))
        #expect(calendar.week(at: Self.day("2027-01-03")) == 0)
        #expect(calendar.week(at: Self.day("2027-01-10")) == 1)
        #expect(calendar.week(at: Self.day("2027-01-11")) == 2)
        #expect(calendar.week(at: Self.day("2027-06-01")) == 13)
        #expect(!calendar.isOverdue(1, at: Self.day("2027-01-14")))
        #expect(calendar.isOverdue(1, at: Self.day("2027-01-15")))
        #expect(calendar.midpointWeek == 6)
    }

    @Test("weeks start at local midnight across a daylight-saving change, as in a zone without one")
    func weeksAcrossDaylightSaving() throws {
        var newYork = Calendar(identifier: .gregorian)
        newYork.timeZone = try #require(TimeZone(identifier: "America/New_York"))
        let local = DateFormatter()
        local.dateFormat = "yyyy-MM-dd HH:mm"
        local.timeZone = newYork.timeZone
        // Mon 1 Mar to Fri 23 Apr 2027: clocks go forward on Sun 14 Mar, in week 2.
        let start = try #require(local.date(from: "2027-03-01 09:30"))
        let end = try #require(local.date(from: "2027-04-23 17:00"))
        let weeks = PlacementCalendar(start: start, end: end, calendar: newYork)
        #expect(weeks.weekCount == 8)
        #expect(local.string(from: weeks.weekStart(1)) == "2027-03-01 00:00")
        #expect(local.string(from: weeks.weekStart(3)) == "2027-03-15 00:00")
        #expect(local.string(from: weeks.due(1)) == "2027-03-11 00:00")
        #expect(local.string(from: weeks.due(2)) == "2027-03-18 00:00")
        #expect(weeks.week(at: try #require(local.date(from: "2027-03-14 23:30"))) == 2)
        #expect(weeks.week(at: try #require(local.date(from: "2027-03-15 00:30"))) == 3)
        // The same dates where the offset never changes (Nairobi): the arithmetic path agrees.
        let nairobi = PlacementCalendar(start: start, end: end, calendar: Self.calendar)
        let nairobiLocal = DateFormatter()
        nairobiLocal.dateFormat = "yyyy-MM-dd HH:mm"
        nairobiLocal.timeZone = Self.calendar.timeZone
        for week in 1...nairobi.weekCount {
            #expect(nairobi.due(week) == Self.calendar.date(byAdding: .day, value: week * 7 + 3, to: nairobi.start))
            #expect(nairobiLocal.string(from: nairobi.weekStart(week)).hasSuffix(" 00:00"))
        }
    }

    @Test("the student writes only the current or a past week of an active placement")
    func writableWeeks() throws {
        let calendar = Self.placement().calendar(Self.calendar)
        let now = Self.day("2027-01-19")  // week 3
        #expect(LogbookRules.canWrite(week: 1, of: calendar, status: .active, at: now) == nil)
        #expect(LogbookRules.canWrite(week: 3, of: calendar, status: .active, at: now) == nil)
        #expect(
            LogbookRules.canWrite(week: 4, of: calendar, status: .active, at: now)?.message
                == "Week 4 has not started yet.")
        #expect(LogbookRules.canWrite(week: 0, of: calendar, status: .active, at: now) != nil)
        #expect(LogbookRules.canWrite(week: 13, of: calendar, status: .active, at: Self.day("2027-06-01")) != nil)
        #expect(LogbookRules.canWrite(week: 1, of: calendar, status: .upcoming, at: now) != nil)
        #expect(LogbookRules.canWrite(week: 1, of: calendar, status: .completed, at: now) != nil)
    }

    @Test("entries go draft → submitted → approved | returned → submitted; approved is frozen; a week can be excused")
    func entryStates() throws {
        func next(_ status: LogbookStatus?, _ action: LogbookAction, by role: Role = .student) -> LogbookStatus? {
            try? LogbookRules.transition(from: status, on: action, by: role).get()
        }
        let comment = "Say more about the dashboard you built."
        #expect(next(nil, .save) == .draft)
        #expect(next(nil, .submit) == .submitted)
        #expect(next(.draft, .submit) == .submitted)
        #expect(next(.submitted, .approve, by: .supervisor) == .approved)
        #expect(next(.submitted, .return(comment: comment), by: .supervisor) == .returned)
        #expect(next(.returned, .save) == .returned)
        #expect(next(.returned, .submit) == .submitted)
        #expect(next(nil, .excuse(.illness, note: nil), by: .supervisor) == .excused)
        // Frozen and final states, and the wrong hands.
        for action in [LogbookAction.save, .submit, .approve, .return(comment: comment)] {
            #expect(next(.approved, action, by: .supervisor) == nil)
            #expect(next(.approved, action) == nil)
            #expect(next(.excused, action) == nil)
        }
        #expect(next(.draft, .approve, by: .supervisor) == nil)
        #expect(next(.submitted, .approve) == nil)  // a student
        #expect(next(.draft, .submit, by: .supervisor) == nil)
        #expect(next(.submitted, .approve, by: .employer) == nil)
        // A return needs a real comment; "other" needs a note.
        #expect(next(.submitted, .return(comment: "no"), by: .supervisor) == nil)
        #expect(next(nil, .excuse(.other, note: " "), by: .supervisor) == nil)
        #expect(next(nil, .excuse(.other, note: "Exams at the university"), by: .supervisor) == .excused)
        #expect(LogbookStatus.approved.closesWeek && LogbookStatus.excused.closesWeek)
        #expect(!LogbookStatus.submitted.closesWeek)
    }

    @Test("an entry's content: 20–5,000 characters of activities, 0–80 hours with one decimal, ≤ 10 skills")
    func content() throws {
        let activities = "Built the weekly sales dashboard and cleaned the customer table."
        #expect(throws: Never.self) {
            try LogbookContent(activities: activities, hours: 37.5, skills: ["SQL"]).validate()
        }
        func fields(_ content: LogbookContent) -> [String] {
            do {
                try content.validate()
                return []
            } catch { return error.fieldErrors.map(\.field) }
        }
        #expect(fields(LogbookContent(activities: "Too short", hours: 10)) == ["activities"])
        #expect(fields(LogbookContent(activities: activities, hours: 80.5)) == ["hours"])
        #expect(fields(LogbookContent(activities: activities, hours: -1)) == ["hours"])
        #expect(fields(LogbookContent(activities: activities, hours: 7.25)) == ["hours"])
        #expect(fields(LogbookContent(activities: activities, hours: .nan)) == ["hours"])
        let many = (1...11).map { "Skill \($0)" }
        #expect(fields(LogbookContent(activities: activities, hours: 40, skills: many)) == ["skills"])
        let long = String(repeating: "x", count: 2001)
        #expect(
            fields(LogbookContent(activities: activities, hours: 40, learned: long, challenges: long)) == [
                "learned", "challenges",
            ])
    }
}
