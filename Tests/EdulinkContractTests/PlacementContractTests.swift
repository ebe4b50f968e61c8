import EdulinkCore
import Foundation
import Testing

/// A placement from an accepted offer, with a workplace supervisor (created by the employer), an
/// institution admin and an academic supervisor (created by the admin), every one signed in.
struct PlacementWorld {
    static let day: TimeInterval = 86_400
    let w: Seeded
    let placement: Placement
    let institutionAdmin: any EdulinkRepository
    let workplace: any EdulinkRepository
    let workplaceID: UserID
    let academic: any EdulinkRepository
    let academicID: UserID
    let workplacePassword: String
    let academicPassword: String

    var student: any EdulinkRepository { w.students[0] }
    var employer: any EdulinkRepository { w.employer }

    /// A listing of `weeks` weeks that starts 12 days from now, applied to, offered and accepted by
    /// student 0; both supervisors assigned unless `assign` is false.
    static func make(_ w: Seeded, weeks: Int = 2, assign: Bool = true) async throws -> PlacementWorld {
        let placement = try await Self.accepted(w, weeks: weeks, by: 0)
        let op = Principal.localOperator()
        _ = try await w.world.setup.acting(as: op).createUser(
            NewAccount(
                email: "office@uon.example", displayName: "Career Office", role: .institutionAdmin,
                password: ContractFixture.password, institutionID: w.institution.id))
        let institutionAdmin = try await Self.signIn(w, "office@uon.example", ContractFixture.password)
        let mentor = try await w.employer.createSupervisor(
            NewSupervisor(email: "mentor@kusi.example", displayName: "Mentor Mwangi", title: "Lead Analyst"))
        let tutor = try await institutionAdmin.createSupervisor(
            NewSupervisor(email: "tutor@uon.example", displayName: "Dr Achieng Tutor", title: "Senior Lecturer"))
        let workplace = try await Self.firstSignIn(w, "mentor@kusi.example", mentor.oneTimePassword)
        let academic = try await Self.firstSignIn(w, "tutor@uon.example", tutor.oneTimePassword)
        if assign {
            _ = try await w.employer.changePlacement(placement.id, .assign(mentor.supervisor.id))
            _ = try await institutionAdmin.changePlacement(placement.id, .assign(tutor.supervisor.id))
        }
        return PlacementWorld(
            w: w, placement: placement, institutionAdmin: institutionAdmin, workplace: workplace,
            workplaceID: mentor.supervisor.id, academic: academic, academicID: tutor.supervisor.id,
            workplacePassword: ContractFixture.password, academicPassword: ContractFixture.password)
    }

    /// Signs in with a one-time code and sets the fixture's password, as the first sign-in requires.
    static func firstSignIn(_ w: Seeded, _ email: String, _ code: String) async throws -> any EdulinkRepository {
        let session = try await signIn(w, email, code)
        try await session.changePassword(current: code, new: ContractFixture.password)
        return session
    }

    /// Student `index` applies to a new `weeks`-week listing, is offered it and accepts.
    static func accepted(_ w: Seeded, weeks: Int, by index: Int, title: String = "Short Placement — Data Desk")
        async throws -> Placement
    {
        var draft = ContractFixture.draft(title, at: w.now, deadlineDays: 2)
        draft.endDate = draft.startDate.addingTimeInterval(Double(weeks) * 7 * day)
        draft.durationWeeks = weeks
        draft.positions = 2
        let listing = try await w.publish(draft)
        let application = try await w.application(listing.id, by: index)
        _ = try await w.employer.move(application.id, .shortlist)
        _ = try await w.employer.move(application.id, .offer(expiresAt: nil))
        _ = try await w.students[index].answerOffer(application.id, accept: true)
        let placements = try await w.students[index].placements()
        return try #require(placements.first { $0.placement.applicationID == application.id }).placement
    }

    static func signIn(_ w: Seeded, _ email: String, _ password: String) async throws -> any EdulinkRepository {
        let session = w.world.newSession()
        _ = try await session.login(email: email, password: password)
        return session
    }

    /// Moves the clock to `days` after the placement's start and starts it (the jobs run); signs
    /// everyone in again, as remote sessions do not outlive a week untouched.
    func advance(toDay days: Double) async throws -> PlacementWorld {
        let target = placement.startDate.addingTimeInterval(days * Self.day + 3600)
        w.clock.advance(by: target.timeIntervalSince(w.now))
        _ = try await w.world.setup.startPlacements()
        let password = ContractFixture.password
        let students = [
            try await Self.signIn(w, "student0@uon.example", password),
            try await Self.signIn(w, "student1@uon.example", password),
        ]
        let seeded = Seeded(
            world: w.world, institution: w.institution, organization: w.organization,
            employer: try await Self.signIn(w, "employer@kusi.example", password),
            admin: try await Self.signIn(w, "admin@edulink.test", password), students: students,
            studentIDs: w.studentIDs, listing: w.listing)
        return PlacementWorld(
            w: seeded, placement: placement,
            institutionAdmin: try await Self.signIn(w, "office@uon.example", password),
            workplace: try await Self.signIn(w, "mentor@kusi.example", workplacePassword), workplaceID: workplaceID,
            academic: try await Self.signIn(w, "tutor@uon.example", academicPassword), academicID: academicID,
            workplacePassword: workplacePassword, academicPassword: academicPassword)
    }

    static let activities = String(
        repeating: "Cleaned the merchant ledger extracts and wrote the weekly settlement summary. ", count: 2)
    static var content: LogbookContent {
        LogbookContent(activities: activities, hours: 37.5, skills: ["SQL"], learned: "How settlement works.")
    }

    static func evaluation(overall: Int = 4, comment: String? = nil, reason: String? = nil) -> EvaluationDraft {
        EvaluationDraft(
            scores: Rubric.standard.criteria(for: .midpoint).map { CriterionScore(criterion: $0.key, score: 4) },
            overall: overall,
            comment: comment
                ?? "Reliable and curious; the settlement summary is now used by the whole team every Monday.",
            correctionReason: reason)
    }
}

/// Whether `error` is a refusal with `code`.
func isRefusal(_ error: EdulinkError?, _ code: RefusalCode) -> Bool {
    if case .refused(let refusal) = error { return refusal.code == code }
    return false
}

func isNotFound(_ error: EdulinkError?) -> Bool {
    if case .notFound = error { return true }
    return false
}

func isValidation(_ error: EdulinkError?, _ field: String) -> Bool {
    if case .validation(let errors) = error { return errors.contains { $0.field == field } }
    return false
}

@Suite("Contract: placements", .timeLimit(.minutes(10)))
struct PlacementContractTests {
    @Test(
        "accepting an offer creates the placement in the same step; only its people see it",
        arguments: ContractBackend.all)
    func acceptCreates(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let p = try await PlacementWorld.make(w, assign: false)
            #expect(p.placement.status == .upcoming)
            #expect(p.placement.organizationID == w.organization.id)
            #expect(p.placement.institutionID == w.institution.id)
            let detail = try await p.student.placement(p.placement.id)
            #expect(detail.timeline.map(\.change) == [.created])
            #expect(detail.weeks.count == 2)
            #expect(detail.permissions.writableWeeks.isEmpty)  // upcoming: nothing to write yet
            #expect(try await p.employer.placements().map(\.id) == [p.placement.id])
            #expect(try await p.institutionAdmin.placements().map(\.id) == [p.placement.id])
            #expect(try await w.admin.placements().map(\.id) == [p.placement.id])
            // Not theirs: reported as not found.
            #expect(try await w.students[1].placements().isEmpty)
            #expect(isNotFound(await edulinkError { try await w.students[1].placement(p.placement.id) }))
            let rival = try await w.rivalEmployer(verified: true)
            #expect(isNotFound(await edulinkError { try await rival.placement(p.placement.id) }))
            #expect(isNotFound(await edulinkError { try await p.workplace.placement(p.placement.id) }))
            #expect(try await p.workplace.placements().isEmpty)
            // The student and the employer were told.
            let notes = try await p.student.notifications(unreadOnly: true, limit: 50)
            #expect(notes.contains { $0.kind == .placementUpdate && $0.title == "Placement created" })
        }
    }

    @Test(
        "assignment: each side assigns its own supervisor, within capacity, keeping the history",
        arguments: ContractBackend.all)
    func assignment(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let p = try await PlacementWorld.make(w, assign: false)
            // The employer cannot assign the institution's supervisor, nor the admin the employer's.
            #expect(
                isValidation(
                    await edulinkError { try await p.employer.changePlacement(p.placement.id, .assign(p.academicID)) },
                    "supervisor"))
            #expect(
                isValidation(
                    await edulinkError {
                        try await p.institutionAdmin.changePlacement(p.placement.id, .assign(p.workplaceID))
                    }, "supervisor"))
            // A student or a supervisor assigns nobody.
            #expect(
                await edulinkError { try await p.student.changePlacement(p.placement.id, .assign(p.workplaceID)) }
                    .map(isForbidden) == true)
            // Capacity: a supervisor who takes one placement is refused a second, naming the load.
            let small = try await w.employer.createSupervisor(
                NewSupervisor(email: "small@kusi.example", displayName: "Small Capacity", title: "Analyst", capacity: 1)
            )
            #expect(small.oneTimePassword.count >= 12)
            // The one-time code signs in to one thing only: setting a password of one's own.
            let first = try await PlacementWorld.signIn(w, "small@kusi.example", small.oneTimePassword)
            #expect(isRefusal(await edulinkError { try await first.placements() }, .passwordChangeRequired))
            #expect(isRefusal(await edulinkError { try await first.logbookQueue() }, .passwordChangeRequired))
            #expect(await first.currentUser()?.mustChangePassword == true)
            #expect(try await first.supervisorProfile().user.mustChangePassword == true)
            #expect(
                isValidation(
                    await edulinkError {
                        try await first.changePassword(current: "wrong code", new: ContractFixture.password)
                    }, "current_password"))
            try await first.changePassword(current: small.oneTimePassword, new: "a password of my own")
            #expect(try await first.placements().isEmpty)
            let again = try await PlacementWorld.signIn(w, "small@kusi.example", "a password of my own")
            #expect(try await again.supervisorProfile().user.mustChangePassword == false)
            #expect(
                await edulinkError {
                    try await PlacementWorld.signIn(w, "small@kusi.example", small.oneTimePassword)
                } != nil)
            _ = try await w.employer.changePlacement(p.placement.id, .assign(small.supervisor.id))
            let second = try await PlacementWorld.accepted(w, weeks: 3, by: 1, title: "Second Placement — Data Desk")
            let refused = await edulinkError {
                try await w.employer.changePlacement(second.id, .assign(small.supervisor.id))
            }
            #expect(isRefusal(refused, .supervisorFull))
            #expect(refused?.description.contains("1 of 1") == true)
            // Reassignment keeps the history.
            _ = try await w.employer.changePlacement(p.placement.id, .assign(p.workplaceID))
            _ = try await p.institutionAdmin.changePlacement(p.placement.id, .assign(p.academicID))
            let detail = try await p.student.placement(p.placement.id)
            let assigned = detail.timeline.filter { $0.change == .supervisorAssigned }
            #expect(assigned.map(\.supervisorID) == [small.supervisor.id, p.workplaceID, p.academicID])
            #expect(assigned[1].note?.contains("replacing Small Capacity") == true)
            #expect(detail.placement.workplaceSupervisorID == p.workplaceID)
            #expect(detail.placement.academicSupervisorID == p.academicID)
            let loads = try await w.employer.supervisors()
            #expect(loads.first { $0.id == small.supervisor.id }?.load == 0)
            #expect(loads.first { $0.id == p.workplaceID }?.load == 1)
            // Now the supervisors see it.
            #expect(try await p.workplace.placements().map(\.id) == [p.placement.id])
            #expect(try await p.academic.placement(p.placement.id).permissions.canExcuse == false)  // not active yet
        }
    }

    @Test(
        "dates move only before the start, by the employer, with a reason; termination needs one too",
        arguments: ContractBackend.all)
    func datesAndTermination(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let p = try await PlacementWorld.make(w)
            let start = p.placement.startDate.addingTimeInterval(7 * PlacementWorld.day)
            let end = p.placement.endDate.addingTimeInterval(7 * PlacementWorld.day)
            #expect(
                isValidation(
                    await edulinkError {
                        try await p.employer.changePlacement(
                            p.placement.id, .moveDates(start: start, end: end, reason: "late"))
                    }, "reason"))
            let moved = try await p.employer.changePlacement(
                p.placement.id, .moveDates(start: start, end: end, reason: "The team moves offices that week."))
            #expect(moved.startDate == start)
            #expect(
                await edulinkError {
                    try await p.institutionAdmin.changePlacement(
                        p.placement.id, .moveDates(start: start, end: end, reason: "The team moves offices."))
                }.map(isForbidden) == true)
            #expect(
                isValidation(
                    await edulinkError {
                        try await p.employer.changePlacement(p.placement.id, .terminate(reason: "no"))
                    },
                    "reason"))
            let ended = try await p.institutionAdmin.changePlacement(
                p.placement.id, .terminate(reason: "The student withdrew from the programme."))
            #expect(ended.status == .terminated)
            #expect(
                isRefusal(
                    await edulinkError {
                        try await p.employer.changePlacement(
                            p.placement.id, .terminate(reason: "Terminated twice over."))
                    }, .invalidTransition))
            let timeline = try await p.student.placement(p.placement.id).timeline.map(\.change)
            #expect(timeline.suffix(2) == [.datesMoved, .terminated])
        }
    }

    @Test(
        "the logbook: the student writes current and past weeks once each; supervisors return and approve",
        arguments: ContractBackend.all)
    func logbook(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let early = try await PlacementWorld.make(w, weeks: 3)
            // Before the start, nothing can be written.
            #expect(
                isRefusal(
                    await edulinkError {
                        try await early.student.saveLogbookEntry(
                            early.placement.id, week: 1, PlacementWorld.content, submit: false)
                    }, .invalidTransition))
            let p = try await early.advance(toDay: 2)
            #expect(try await p.student.placement(p.placement.id).placement.status == .active)
            let id = p.placement.id
            // A future week, a too-short text, someone else's placement.
            #expect(
                isRefusal(
                    await edulinkError {
                        try await p.student.saveLogbookEntry(id, week: 2, PlacementWorld.content, submit: true)
                    },
                    .invalidTransition))
            var short = PlacementWorld.content
            short.activities = "Coded stuff."
            #expect(
                isValidation(
                    await edulinkError { try await p.student.saveLogbookEntry(id, week: 1, short, submit: true) },
                    "activities"))
            #expect(
                isNotFound(
                    await edulinkError {
                        try await p.w.students[1].saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: true)
                    }))
            // Save, then submit: one entry for the week.
            let draft = try await p.student.saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: false)
            #expect(draft.status == .draft)
            let submitted = try await p.student.saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: true)
            #expect(submitted.id == draft.id)
            #expect(submitted.status == .submitted)
            #expect(
                isRefusal(
                    await edulinkError {
                        try await p.student.saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: false)
                    },
                    .invalidTransition))
            // The queue, and a supervisor of another placement.
            #expect(try await p.workplace.logbookQueue().map(\.id) == [submitted.id])
            let stranger = try await p.w.employer.createSupervisor(
                NewSupervisor(email: "stranger@kusi.example", displayName: "Not Assigned", title: "Analyst"))
            let strangerSession = try await PlacementWorld.firstSignIn(
                p.w, "stranger@kusi.example", stranger.oneTimePassword)
            #expect(try await strangerSession.logbookQueue().isEmpty)
            #expect(
                isNotFound(await edulinkError { try await strangerSession.reviewLogbookEntry(submitted.id, .approve) }))
            // Return with a comment (too short first), with a private note the student never sees.
            #expect(
                isValidation(
                    await edulinkError { try await p.workplace.reviewLogbookEntry(submitted.id, .return("Redo.")) },
                    "comment"))
            let returned = try await p.workplace.reviewLogbookEntry(
                submitted.id, .return("Say which reports you automated and how long they took."))
            #expect(returned.status == .returned)
            _ = try await p.academic.reviewLogbookEntry(submitted.id, .note("Strong start; watch the hours."))
            let seen = try await p.student.placement(id).weeks[0]
            #expect(seen.entry?.status == .returned)
            #expect(seen.entry?.supervisorComment == "Say which reports you automated and how long they took.")
            #expect(seen.entry?.privateNote == nil)
            #expect(
                try await p.institutionAdmin.placement(id).weeks[0].entry?.privateNote
                    == "Strong start; watch the hours.")
            // Fix, resubmit, approve; an approved entry is frozen.
            _ = try await p.student.saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: true)
            let approved = try await p.academic.reviewLogbookEntry(submitted.id, .approve)
            #expect(approved.status == .approved)
            #expect(approved.approvedBy == p.academicID)
            #expect(
                isRefusal(
                    await edulinkError {
                        try await p.student.saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: true)
                    },
                    .invalidTransition))
            let history = try await p.student.placement(id).weeks[0].history.map(\.to)
            #expect(history == [.draft, .submitted, .returned, .submitted, .approved])
            #expect(
                try await p.student.notifications(unreadOnly: true, limit: 50).contains {
                    $0.kind == .logbookReviewed && $0.title == "Week 1 returned"
                })
        }
    }

    @Test("batch approval is one transaction: all or none", arguments: ContractBackend.all)
    func batchApproval(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let p = try await PlacementWorld.make(w, weeks: 4).advance(toDay: 22)
            let ids = try await (1...3).asyncMap { week in
                try await p.student.saveLogbookEntry(p.placement.id, week: week, PlacementWorld.content, submit: true)
                    .id
            }
            let draft = try await p.student.saveLogbookEntry(
                p.placement.id, week: 4, PlacementWorld.content, submit: false)
            // A draft among them refuses the batch; nothing was approved.
            #expect(
                isRefusal(
                    await edulinkError { try await p.workplace.approveLogbookEntries(ids + [draft.id]) },
                    .invalidTransition))
            #expect(try await p.workplace.logbookQueue().count == 3)
            #expect(try await p.workplace.approveLogbookEntries(ids) == 3)
            #expect(try await p.workplace.logbookQueue().isEmpty)
            #expect(try await p.workplace.approveLogbookEntries(ids) == 0)  // again: nothing changes
            let progress = try await p.student.placements()[0].progress
            #expect(progress.approved == 3)
            #expect(progress.hoursApproved == 112.5)
        }
    }

    @Test("evaluations open on time, are immutable, and corrections are new versions", arguments: ContractBackend.all)
    func evaluations(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let upcoming = try await PlacementWorld.make(w, weeks: 4)
            let p = try await upcoming.advance(toDay: 1)
            let id = p.placement.id
            // The midpoint opens in week 2 (of 4).
            #expect(
                isRefusal(
                    await edulinkError {
                        try await p.workplace.submitEvaluation(id, .midpoint, PlacementWorld.evaluation())
                    }, .evaluationNotOpen))
            let q = try await p.advance(toDay: 8)
            // Only the workplace supervisor writes it; a low score needs a longer comment.
            #expect(
                isRefusal(
                    await edulinkError {
                        try await q.academic.submitEvaluation(id, .midpoint, PlacementWorld.evaluation())
                    }, .forbiddenTransition))
            #expect(
                isValidation(
                    await edulinkError {
                        try await q.workplace.submitEvaluation(
                            id, .midpoint,
                            PlacementWorld.evaluation(
                                overall: 2, comment: "Often late; the reports needed many fixes this month."))
                    }, "comment"))
            var missing = PlacementWorld.evaluation()
            missing.scores.removeLast()
            #expect(
                isValidation(
                    await edulinkError { try await q.workplace.submitEvaluation(id, .midpoint, missing) }, "scores"))
            let first = try await q.workplace.submitEvaluation(id, .midpoint, PlacementWorld.evaluation())
            #expect(first.version == 1)
            // Changing a submitted evaluation needs a reason and makes a new version.
            #expect(
                isValidation(
                    await edulinkError {
                        try await q.workplace.submitEvaluation(id, .midpoint, PlacementWorld.evaluation(overall: 5))
                    },
                    "correction_reason"))
            let corrected = try await q.workplace.submitEvaluation(
                id, .midpoint, PlacementWorld.evaluation(overall: 5, reason: "I scored the wrong intern at first."))
            #expect(corrected.version == 2)
            let seen = try await q.student.placement(id)
            #expect(seen.evaluations.map(\.version) == [1, 2])
            #expect(seen.latest(.midpoint)?.overall == 5)
            // The academic assessment follows the final evaluation.
            #expect(
                isRefusal(
                    await edulinkError {
                        try await q.academic.submitEvaluation(
                            id, .academic,
                            EvaluationDraft(grade: .merit, comment: String(repeating: "Good placement. ", count: 5)))
                    }, .evaluationNotOpen))
        }
    }

    @Test(
        "completion needs the end, every week closed and the final evaluation; then a verifiable record",
        arguments: ContractBackend.all)
    func completion(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let early = try await PlacementWorld.make(w, weeks: 2)
            let p = try await early.advance(toDay: 1)
            let id = p.placement.id
            let week1 = try await p.student.saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: true)
            _ = try await p.workplace.reviewLogbookEntry(week1.id, .approve)
            let q = try await p.advance(toDay: 18)  // past week 2's due date; it was never written
            _ = try await q.workplace.submitEvaluation(id, .final, PlacementWorld.evaluation())
            let open = try await q.student.placement(id)
            #expect(open.placement.status == .active)
            #expect(open.completionBlocker == "Week 2 of the logbook are not approved or excused.")
            #expect(open.weeks[1].overdue)
            #expect(isRefusal(await edulinkError { try await q.student.completionRecord(id) }, .invalidTransition))
            // Only the academic supervisor excuses; "other" needs a note.
            #expect(
                isRefusal(
                    await edulinkError { try await q.workplace.excuseWeek(id, week: 2, reason: .illness, note: nil) },
                    .forbiddenTransition))
            #expect(
                isValidation(
                    await edulinkError { try await q.academic.excuseWeek(id, week: 2, reason: .other, note: nil) },
                    "note"))
            _ = try await q.academic.excuseWeek(id, week: 2, reason: .illness, note: "Doctor's note on file.")
            let done = try await q.student.placement(id)
            #expect(done.placement.status == .completed)
            #expect(done.placement.result == nil)  // the academic assessment is not in yet
            let assessment = try await q.academic.submitEvaluation(
                id, .academic,
                EvaluationDraft(
                    grade: .merit, comment: String(repeating: "A steady, well documented placement. ", count: 2)))
            #expect(assessment.grade == .merit)
            let graded = try await q.student.placement(id).placement
            let result = try #require(graded.result)
            #expect(result.logbook == 100)
            #expect(result.workplace == 80)
            #expect(result.academic == 70)
            #expect(result.score == 81)  // 0.2 × 100 + 0.5 × 80 + 0.3 × 70
            #expect(result.grade == .distinction)
            let record = try await q.student.completionRecord(id)
            #expect(record.weeksApproved == 1)
            #expect(record.weeksExcused == 1)
            #expect(record.hours == 37.5)
            #expect(record.evaluations.map(\.kind) == [.final, .academic])
            let code = try #require(graded.completionCode)
            #expect(record.code == code)
            // Anyone may verify a code; a wrong one is not found.
            let verified = try await q.w.world.newSession().verifyCompletion(code: code.lowercased())
            #expect(verified.placementID == id)
            #expect(
                isNotFound(
                    await edulinkError { try await q.w.world.newSession().verifyCompletion(code: "EDU-NOPE-NOPE-NOPE") }
                ))
            // Nobody writes to a completed placement's logbook.
            #expect(
                isRefusal(
                    await edulinkError { try await q.academic.excuseWeek(id, week: 1, reason: .illness, note: nil) },
                    .invalidTransition))
        }
    }
}

extension PlacementContractTests {
    @Test(
        "the jobs run starts placements and sends each logbook and evaluation reminder once",
        arguments: ContractBackend.all)
    func jobs(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let p = try await PlacementWorld.make(w, weeks: 4)
            // The day before the start: nothing to start.
            w.clock.advance(by: p.placement.startDate.timeIntervalSince(w.now) - PlacementWorld.day)
            #expect(try await w.world.setup.startPlacements() == 0)
            // Day 8: started (by `advance`); weeks begin at midnight of the start day, so week 1 is due
            // within the day: the student is reminded, once however often the jobs run; the midpoint
            // (week 2) is open for the supervisor.
            let q = try await p.advance(toDay: 8)
            #expect(try await q.student.placement(p.placement.id).placement.status == .active)
            let first = try await w.world.setup.sweepPlacements()
            #expect(first.0 == 0 && first.1 >= 2)
            #expect(try await w.world.setup.sweepPlacements().1 == 0)
            let due = try await q.student.notifications(unreadOnly: false, limit: 100).filter { $0.kind == .logbookDue }
            #expect(due.map(\.title) == ["Week 1 logbook due tomorrow"])
            let started = try await q.student.notifications(unreadOnly: false, limit: 100).filter {
                $0.kind == .placementUpdate && $0.title == "Placement started"
            }
            #expect(started.count == 1)
            // Day 11: week 1 is overdue.
            let r = try await q.advance(toDay: 11)
            _ = try await w.world.setup.sweepPlacements()
            _ = try await w.world.setup.sweepPlacements()
            let titles = try await r.student.notifications(unreadOnly: false, limit: 100)
                .filter { $0.kind == .logbookDue }.map(\.title)
            #expect(titles.sorted() == ["Week 1 logbook due tomorrow", "Week 1 logbook overdue"])
            let evaluationsDue = try await r.workplace.notifications(unreadOnly: false, limit: 100)
                .filter { $0.kind == .evaluationDue }
            #expect(evaluationsDue.map(\.title) == ["Midpoint evaluation open: Student 0"])
            // A submitted entry waiting over three days: one reminder a day for each supervisor.
            _ = try await r.student.saveLogbookEntry(p.placement.id, week: 1, PlacementWorld.content, submit: true)
            let t = try await r.advance(toDay: 15)
            _ = try await w.world.setup.sweepPlacements()
            _ = try await w.world.setup.sweepPlacements()
            let waiting = try await t.workplace.notifications(unreadOnly: false, limit: 100)
                .filter { $0.title.hasPrefix("Logbook entries waiting") }
            #expect(waiting.count == 1)
            #expect(waiting.first?.body.hasPrefix("1 logbook entry has waited") == true)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
