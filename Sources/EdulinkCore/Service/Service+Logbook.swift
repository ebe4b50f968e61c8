import Foundation

// The weekly logbook, evaluations and completion of a placement (PLACEMENTS.md).
extension EdulinkService {
    /// How many submitted entries a supervisor's queue shows at most.
    public static let logbookQueueLimit = 2000
    /// How many entries one batch approval takes at most.
    public static let batchApprovalLimit = 500

    // MARK: Student

    /// Saves the student's entry for `week` (a draft) or submits it for review.
    public func saveLogbookEntry(_ placementID: PlacementID, week: Int, _ content: LogbookContent, submit: Bool)
        async throws -> LogbookEntry
    {
        let principal = try await caller()
        return try await guarded(principal) {
            let cleaned = LogbookContent(
                activities: TextRules.clean(content.activities), hours: content.hours,
                skills: content.skills.map(TextRules.clean).filter { !$0.isEmpty },
                learned: content.learned.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 },
                challenges: content.challenges.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 })
            let at = now()
            return try await store.write { session in
                guard let placement = try session.lockPlacement(placementID) else {
                    throw EdulinkError.notFound("Placement")
                }
                try self.authorizeVisible(principal, placement)
                try self.authorize(principal, .writeLogbook, on: Self.ownership(of: placement))
                let calendar = placement.calendar(self.environment.calendar)
                if let refusal = LogbookRules.canWrite(week: week, of: calendar, status: placement.status, at: at) {
                    throw EdulinkError.refused(refusal)
                }
                let existing = try session.logbookEntry(placementID: placementID, week: week)
                let target = try LogbookRules.transition(
                    from: existing?.status, on: submit ? .submit : .save, by: principal.role
                ).get()
                try cleaned.validate()
                var entry =
                    existing
                    ?? LogbookEntry(placementID: placementID, week: week, content: cleaned, updatedAt: at)
                entry.content = cleaned
                entry.status = target
                entry.updatedAt = at
                if submit { entry.submittedAt = at }
                if existing == nil {
                    entry = try session.insertLogbookEntry(entry)
                } else {
                    try session.updateLogbookEntry(entry)
                }
                if existing?.status != target {
                    _ = try session.appendLogbookEvent(
                        LogbookEvent(
                            entryID: entry.id, from: existing?.status, to: target, actorID: self.actor(principal),
                            actorRole: principal.role, at: at))
                }
                try self.audit(
                    session, principal, submit ? "logbook.submit" : "logbook.save", "logbook_entry",
                    entry.id.rawValue, "week \(week)")
                return entry.redactedForStudent
            }
        }
    }

    // MARK: Supervisors

    /// Submitted entries of the caller's assigned placements, oldest submission first.
    public func logbookQueue() async throws -> [LogbookQueueItem] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .reviewLogbook, on: Self.anyOwnership(principal))
            return try await store.read { session in
                let entries = try session.logbookQueue(supervisorID: principal.userID, limit: Self.logbookQueueLimit)
                let placements = Dictionary(
                    try session.placements(.supervisor(principal.userID)).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first })
                let listings = Dictionary(
                    try session.listingSummaries(Array(Set(placements.values.map(\.listingID)))).map { ($0.id, $0) },
                    uniquingKeysWith: { first, _ in first })
                let names = try session.displayNames(Array(Set(placements.values.map(\.studentID))))
                return entries.compactMap { entry in
                    guard let placement = placements[entry.placementID] else { return nil }
                    let calendar = placement.calendar(self.environment.calendar)
                    return LogbookQueueItem(
                        entry: entry, studentName: names[placement.studentID] ?? "",
                        listingTitle: listings[placement.listingID]?.title ?? "",
                        weekStart: calendar.weekStart(entry.week), due: calendar.due(entry.week))
                }
            }
        }
    }

    /// Approves or returns a submitted entry, or sets its private note.
    public func reviewLogbookEntry(_ id: LogbookEntryID, _ review: LogbookReview) async throws -> LogbookEntry {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                try self.review(id, review, by: principal, batchSkipsApproved: false, session, at)
            }
        }
    }

    /// Approves several submitted entries in one transaction: all of them or, when one is refused,
    /// none. Entries already approved (by the other supervisor) are left as they are. Returns how
    /// many this call approved.
    public func approveLogbookEntries(_ ids: [LogbookEntryID]) async throws -> Int {
        let principal = try await caller()
        guard ids.count <= Self.batchApprovalLimit else {
            throw EdulinkError.validation([
                FieldError("ids", "Approve at most \(Self.batchApprovalLimit) entries at once.")
            ])
        }
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                var approved = 0
                for id in Array(Set(ids)).sorted(by: { $0.rawValue < $1.rawValue }) {
                    let before = try session.logbookEntry(id)?.status
                    _ = try self.review(id, .approve, by: principal, batchSkipsApproved: true, session, at)
                    if before != .approved { approved += 1 }
                }
                return approved
            }
        }
    }

    /// The academic supervisor excuses a week (illness, a public holiday, or another reason with a
    /// note); the week then needs no entry.
    public func excuseWeek(_ placementID: PlacementID, week: Int, reason: ExcuseReason, note: String?) async throws
        -> LogbookEntry
    {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            let note = note.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
            return try await store.write { session in
                guard var placement = try session.lockPlacement(placementID) else {
                    throw EdulinkError.notFound("Placement")
                }
                try self.authorizeVisible(principal, placement)
                try self.authorize(principal, .reviewLogbook, on: Self.ownership(of: placement))
                guard placement.academicSupervisorID == principal.userID else {
                    throw EdulinkError.refused(
                        Refusal(.forbiddenTransition, "Only the academic supervisor excuses a week."))
                }
                guard placement.status == .active else {
                    throw EdulinkError.refused(
                        Refusal(.invalidTransition, "Weeks are excused while the placement is active."))
                }
                let calendar = placement.calendar(self.environment.calendar)
                guard (1...calendar.weekCount).contains(week) else {
                    throw EdulinkError.refused(
                        Refusal(.invalidTransition, "The placement has weeks 1 to \(calendar.weekCount)."))
                }
                if let note, note.count > 500 {
                    throw EdulinkError.validation([FieldError("note", "The note must be at most 500 characters.")])
                }
                let existing = try session.logbookEntry(placementID: placementID, week: week)
                let target = try LogbookRules.transition(
                    from: existing?.status, on: .excuse(reason, note: note), by: principal.role
                ).get()
                var entry =
                    existing
                    ?? LogbookEntry(
                        placementID: placementID, week: week, content: LogbookContent(activities: "", hours: 0),
                        updatedAt: at)
                entry.status = target
                entry.excuse = reason
                entry.supervisorComment = note
                entry.updatedAt = at
                if existing == nil {
                    entry = try session.insertLogbookEntry(entry)
                } else {
                    try session.updateLogbookEntry(entry)
                }
                _ = try session.appendLogbookEvent(
                    LogbookEvent(
                        entryID: entry.id, from: existing?.status, to: target, actorID: self.actor(principal),
                        actorRole: principal.role, at: at,
                        comment: reason.label + (note.map { ": \($0)" } ?? "")))
                try self.notify(
                    session, placement.studentID, .logbookReviewed, "Week \(week) excused",
                    "Your academic supervisor excused week \(week) (\(reason.label)); it needs no entry.",
                    application: placement.applicationID, listing: placement.listingID)
                try self.audit(
                    session, principal, "logbook.excuse", "logbook_entry", entry.id.rawValue,
                    "week \(week): \(reason.rawValue)")
                try self.completeIfDone(&placement, session, at)
                return entry
            }
        }
    }

    // MARK: Evaluations

    /// Submits an evaluation of `kind`, or a correction (a new version with a reason) of one already
    /// submitted. Midpoint and final are the workplace supervisor's, the assessment the academic's.
    public func submitEvaluation(_ placementID: PlacementID, _ kind: EvaluationKind, _ draft: EvaluationDraft)
        async throws -> Evaluation
    {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            var cleaned = draft
            cleaned.comment = TextRules.clean(draft.comment)
            cleaned.correctionReason = draft.correctionReason.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
            if kind == .academic { cleaned.overall = draft.overall } else { cleaned.grade = nil }
            let submitted = cleaned
            return try await store.write { session in
                guard var placement = try session.lockPlacement(placementID) else {
                    throw EdulinkError.notFound("Placement")
                }
                try self.authorizeVisible(principal, placement)
                try self.authorize(principal, .evaluatePlacement, on: Self.ownership(of: placement))
                guard placement.supervisor(kind.author) == principal.userID else {
                    throw EdulinkError.refused(
                        Refusal(
                            .forbiddenTransition,
                            "The \(kind.label) is written by the \(kind.author.label) supervisor."))
                }
                let existing = try session.evaluations(placementID: placementID)
                let calendar = placement.calendar(self.environment.calendar)
                if let refusal = EvaluationRules.window(
                    kind, placement: placement.status, calendar: calendar,
                    finalSubmitted: existing.contains { $0.kind == .final }, at: at)
                {
                    throw EdulinkError.refused(refusal)
                }
                let versions = existing.filter { $0.kind == kind }
                let rubric = Rubric.standard
                let criteria = rubric.criteria(for: kind)
                try EvaluationRules.validate(submitted, kind: kind, criteria: criteria, correcting: !versions.isEmpty)
                let evaluation = try session.insertEvaluation(
                    Evaluation(
                        placementID: placementID, kind: kind, version: (versions.last?.version ?? 0) + 1,
                        authorID: self.actor(principal), rubricVersion: rubric.version, criteria: criteria,
                        scores: submitted.scores, overall: submitted.overall, grade: submitted.grade,
                        comment: submitted.comment,
                        correctionReason: versions.isEmpty ? nil : submitted.correctionReason,
                        submittedAt: at))
                let verb = versions.isEmpty ? "submitted" : "corrected"
                try self.notify(
                    session, placement.studentID, .evaluationReceived, "\(kind.label.capitalizedFirst) \(verb)",
                    "Your \(kind.label) at \(try self.title(placement, session)) was \(verb). Open Placement to read it.",
                    application: placement.applicationID, listing: placement.listingID)
                try self.audit(
                    session, principal, "evaluation.\(versions.isEmpty ? "submit" : "correct")", "evaluation",
                    evaluation.id.rawValue, "\(kind.rawValue) v\(evaluation.version)")
                if placement.status == .completed {
                    try self.grade(&placement, session, at)
                } else {
                    try self.completeIfDone(&placement, session, at)
                }
                return evaluation
            }
        }
    }

    // MARK: Completion record

    /// The completion record of a completed placement, for the certificate.
    public func completionRecord(_ placementID: PlacementID) async throws -> CompletionRecord {
        let principal = try await caller()
        return try await guarded(principal) {
            try await store.read { session in
                guard let placement = try session.placement(placementID) else {
                    throw EdulinkError.notFound("Placement")
                }
                try self.authorizeVisible(principal, placement)
                return try self.record(of: placement, session)
            }
        }
    }

    /// Checks a completion record's code: the record it belongs to, or not found. Needs no sign-in.
    public func verifyCompletion(code: String) async throws -> CompletionRecord {
        let code = code.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        guard code.count <= 40, !code.isEmpty else { throw EdulinkError.notFound("Completion record") }
        return try await store.read { session in
            guard let placement = try session.placement(completionCode: code) else {
                throw EdulinkError.notFound("Completion record")
            }
            return try self.record(of: placement, session)
        }
    }

    private func record(of placement: Placement, _ session: any StoreReader) throws -> CompletionRecord {
        guard placement.status == .completed, let code = placement.completionCode,
            let completedAt = placement.completedAt
        else {
            throw EdulinkError.refused(
                Refusal(.invalidTransition, "A completion record exists once the placement is completed."))
        }
        let entries = try session.logbookEntries(placementIDs: [placement.id])
        let evaluations = try session.evaluations(placementID: placement.id)
        let latest = EvaluationKind.allCases.compactMap { kind in evaluations.last { $0.kind == kind } }
        let profile = try session.profile(placement.studentID)
        return CompletionRecord(
            code: code, placementID: placement.id,
            studentName: try session.user(placement.studentID)?.displayName ?? "",
            registrationNumber: profile?.registrationNumber,
            institutionName: try placement.institutionID.flatMap { try session.institution($0)?.name },
            organizationName: try session.organization(placement.organizationID)?.name ?? "",
            listingTitle: try session.listing(placement.listingID)?.title ?? "", startDate: placement.startDate,
            endDate: placement.endDate, completedAt: completedAt,
            weekCount: placement.calendar(environment.calendar).weekCount,
            weeksApproved: entries.filter { $0.status == .approved }.count,
            weeksExcused: entries.filter { $0.status == .excused }.count,
            hours: entries.filter { $0.status == .approved }.reduce(0) { $0 + $1.content.hours },
            evaluations: latest, result: placement.result)
    }

    // MARK: Internals

    private func review(
        _ id: LogbookEntryID, _ review: LogbookReview, by principal: Principal, batchSkipsApproved: Bool,
        _ session: any StoreWriter, _ at: Date
    ) throws -> LogbookEntry {
        guard var entry = try session.logbookEntry(id), var placement = try session.lockPlacement(entry.placementID)
        else { throw EdulinkError.notFound("Logbook entry") }
        try authorize(principal, .viewPlacement, on: Self.ownership(of: placement), hidden: "Logbook entry")
        try authorize(principal, .reviewLogbook, on: Self.ownership(of: placement))
        if batchSkipsApproved && entry.status == .approved { return entry }
        let comment = review.comment.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
        if review.action == .note {
            if let comment, comment.count > LogbookContent.Limits.reflection.upperBound {
                throw EdulinkError.validation([
                    FieldError(
                        "comment", "The note must be at most \(LogbookContent.Limits.reflection.upperBound) characters."
                    )
                ])
            }
            entry.privateNote = comment
            entry.updatedAt = at
            try session.updateLogbookEntry(entry)
            try audit(session, principal, "logbook.note", "logbook_entry", id.rawValue, "week \(entry.week)")
            return entry
        }
        guard !placement.status.isFinal else {
            throw EdulinkError.refused(
                Refusal(.invalidTransition, "The placement is \(placement.status.label); its logbook is closed."))
        }
        let action: LogbookAction = review.action == .approve ? .approve : .return(comment: comment ?? "")
        let from = entry.status
        let target = try LogbookRules.transition(from: from, on: action, by: principal.role).get()
        if let comment, comment.count > LogbookContent.Limits.returnComment.upperBound {
            throw EdulinkError.validation([
                FieldError(
                    "comment",
                    "The comment must be at most \(LogbookContent.Limits.returnComment.upperBound) characters.")
            ])
        }
        entry.status = target
        entry.supervisorComment = comment ?? (target == .approved ? entry.supervisorComment : nil)
        if target == .approved { entry.approvedBy = actor(principal) }
        entry.updatedAt = at
        try session.updateLogbookEntry(entry)
        _ = try session.appendLogbookEvent(
            LogbookEvent(
                entryID: entry.id, from: from, to: target, actorID: actor(principal), actorRole: principal.role,
                at: at, comment: comment))
        let verb = target == .approved ? "approved" : "returned"
        try notify(
            session, placement.studentID, .logbookReviewed, "Week \(entry.week) \(verb)",
            target == .approved
                ? "Your logbook entry for week \(entry.week) was approved." + (comment.map { " \"\($0)\"" } ?? "")
                : "Your logbook entry for week \(entry.week) was returned: \(comment ?? ""). Edit it and submit again.",
            application: placement.applicationID, listing: placement.listingID)
        try audit(
            session, principal, "logbook.\(target == .approved ? "approve" : "return")", "logbook_entry",
            id.rawValue, "week \(entry.week)")
        if target == .approved { try completeIfDone(&placement, session, at) }
        return entry
    }

    /// Completes an active placement when its end has passed, every week is closed and the final
    /// evaluation is in: sets its completion code and, when the academic assessment is in too, its
    /// final result.
    func completeIfDone(_ placement: inout Placement, _ session: any StoreWriter, _ at: Date) throws {
        guard placement.status == .active else { return }
        let entries = try session.logbookEntries(placementIDs: [placement.id])
        let evaluations = try session.evaluations(placementID: placement.id)
        guard completionCheck(placement, entries, evaluations, at: at).refusal == nil,
            case .success(let target) = PlacementLifecycle.transition(from: placement.status, on: .complete, by: nil)
        else { return }
        placement.status = target
        placement.completedAt = at
        placement.updatedAt = at
        placement.completionCode = completionCode()
        placement.result = try result(placement, entries, evaluations, session)
        try session.updatePlacement(placement)
        try record(session, nil, placement, .completed, note: placement.result?.summary, at: at)
        try notifyParties(
            session, placement, "Placement completed",
            "The placement at \(try title(placement, session)) is complete. Its completion record carries the code "
                + "\(placement.completionCode ?? "").")
        try audit(session, nil, "placement.complete", "placement", placement.id.rawValue, "completed")
    }

    /// Computes the final result again (an assessment or a correction after completion).
    private func grade(_ placement: inout Placement, _ session: any StoreWriter, _ at: Date) throws {
        let entries = try session.logbookEntries(placementIDs: [placement.id])
        let evaluations = try session.evaluations(placementID: placement.id)
        guard let result = try result(placement, entries, evaluations, session), result != placement.result else {
            return
        }
        placement.result = result
        placement.updatedAt = at
        try session.updatePlacement(placement)
        try record(session, nil, placement, .graded, note: result.summary, at: at)
        try notify(
            session, placement.studentID, .evaluationReceived, "Final grade: \(result.grade.label)",
            "Your placement's final score is \(result.summary).", application: placement.applicationID,
            listing: placement.listingID)
    }

    private func result(
        _ placement: Placement, _ entries: [LogbookEntry], _ evaluations: [Evaluation], _ session: any StoreReader
    ) throws -> FinalResult? {
        let calendar = placement.calendar(environment.calendar)
        let history = Dictionary(grouping: try session.logbookHistory(entryIDs: entries.map(\.id)), by: \.entryID)
        let onTime = LogbookRules.weeksOnTime(entries.map { ($0, history[$0.id] ?? []) }, calendar: calendar)
        let latest = { (kind: EvaluationKind) in evaluations.last { $0.kind == kind } }
        return FinalResult.compute(
            rubric: .standard, weeksOnTime: onTime, weeks: calendar.weekCount, midpoint: latest(.midpoint),
            final: latest(.final), academic: latest(.academic))
    }

    /// `EDU-XXXX-XXXX-XXXX` from the unambiguous alphabet, upper case.
    private func completionCode() -> String {
        let token = environment.random.token(length: 12).uppercased()
        let parts = stride(from: 0, to: 12, by: 4).map { offset in
            String(token.dropFirst(offset).prefix(4))
        }
        return "EDU-" + parts.joined(separator: "-")
    }
}

extension String {
    /// The string with its first letter in upper case.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension EdulinkService {
    /// Days a submitted entry waits before its supervisors are reminded.
    public static let reviewReminderDays = 3
    /// Days before the final evaluation closes that its supervisor is reminded.
    public static let evaluationClosingDays = 3

    /// The jobs run's pass over active placements: completes those whose end has passed with
    /// everything done, and sends each reminder of PLACEMENTS.md once: the student the day before an
    /// entry is due and when it is overdue; supervisors of entries waiting over three days (one a
    /// day, however many) and of evaluations that open or are about to close. Returns (completed,
    /// reminders).
    public func sweepPlacements() async throws -> (Int, Int) {
        let at = now()
        return try await store.write { session in
            var completed = 0
            var sent = 0
            func remind(
                _ user: UserID, _ kind: NotificationKind, _ placement: Placement, _ title: String, _ body: String
            )
                throws
            {
                guard
                    try !session.hasNotification(userID: user, kind: kind, listingID: placement.listingID, title: title)
                else { return }
                try self.notify(
                    session, user, kind, title, body, application: placement.applicationID,
                    listing: placement.listingID)
                sent += 1
            }
            let today = at.formatted(.iso8601.year().month().day())
            var waiting: [UserID: Int] = [:]
            // Overdue weeks by institution, for its admins' daily digest.
            var overdue: [InstitutionID: (weeks: Int, placements: Set<PlacementID>)] = [:]
            for var placement in try session.placements(.active) {
                try self.completeIfDone(&placement, session, at)
                if placement.status == .completed {
                    completed += 1
                    continue
                }
                let calendar = placement.calendar(self.environment.calendar)
                let entries = Dictionary(
                    try session.logbookEntries(placementIDs: [placement.id]).map { ($0.week, $0) },
                    uniquingKeysWith: { first, _ in first })
                for week in stride(from: 1, through: min(calendar.week(at: at), calendar.weekCount), by: 1) {
                    let entry = entries[week]
                    if let entry, entry.status == .submitted, let submitted = entry.submittedAt,
                        at.timeIntervalSince(submitted) > Double(Self.reviewReminderDays) * 86_400
                    {
                        for supervisor in [placement.workplaceSupervisorID, placement.academicSupervisorID]
                            .compactMap({ $0 })
                        {
                            waiting[supervisor, default: 0] += 1
                        }
                    }
                    guard entry == nil || entry?.status == .draft || entry?.status == .returned else { continue }
                    let due = calendar.due(week)
                    if calendar.isOverdue(week, at: at) {
                        if let institution = placement.institutionID {
                            overdue[institution, default: (0, [])].weeks += 1
                            overdue[institution, default: (0, [])].placements.insert(placement.id)
                        }
                        try remind(
                            placement.studentID, .logbookDue, placement, "Week \(week) logbook overdue",
                            "Your logbook entry for week \(week) was due \(Self.day(due)). Write it from Placement.")
                    } else if due.timeIntervalSince(at) <= 86_400 {
                        try remind(
                            placement.studentID, .logbookDue, placement, "Week \(week) logbook due tomorrow",
                            "Your logbook entry for week \(week) is due \(Self.day(due)).")
                    }
                }
                let evaluations = Set(try session.evaluations(placementID: placement.id).map(\.kind))
                if let supervisor = placement.workplaceSupervisorID {
                    let student = try session.user(placement.studentID)?.displayName ?? "your intern"
                    for kind in [EvaluationKind.midpoint, .final] where !evaluations.contains(kind) {
                        guard
                            EvaluationRules.window(
                                kind, placement: placement.status, calendar: calendar, finalSubmitted: false, at: at)
                                == nil
                        else { continue }
                        try remind(
                            supervisor, .evaluationDue, placement, "\(kind.label.capitalizedFirst) open: \(student)",
                            "The \(kind.label) of \(student) is open. Write it from Evaluations.")
                        let closes = EvaluationRules.closing(calendar)
                        if kind == .final,
                            closes.timeIntervalSince(at) <= Double(Self.evaluationClosingDays) * 86_400
                        {
                            try remind(
                                supervisor, .evaluationDue, placement, "Final evaluation closing: \(student)",
                                "The final evaluation of \(student) closes \(Self.day(closes)).")
                        }
                    }
                }
            }
            for (supervisor, count) in waiting.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let title = "Logbook entries waiting (\(today))"
                guard try !session.hasNotification(userID: supervisor, kind: .logbookDue, listingID: nil, title: title)
                else { continue }
                try self.notify(
                    session, supervisor, .logbookDue, title,
                    "\(count) logbook \(count == 1 ? "entry has" : "entries have") waited over "
                        + "\(Self.reviewReminderDays) days for your review. Open Logbooks.")
                sent += 1
            }
            // One digest a day for each institution admin, not one notification per entry.
            for (institution, count) in overdue.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let title = "Overdue logbooks (\(today))"
                for office in try session.users(
                    role: .institutionAdmin, organizationID: nil, institutionID: institution)
                where office.status == .active {
                    guard
                        try !session.hasNotification(userID: office.id, kind: .logbookDue, listingID: nil, title: title)
                    else { continue }
                    let placements = count.placements.count
                    try self.notify(
                        session, office.id, .logbookDue, title,
                        "\(count.weeks) logbook \(count.weeks == 1 ? "week is" : "weeks are") overdue across "
                            + "\(placements) \(placements == 1 ? "placement" : "placements") of your students. Open "
                            + "Placements and show the overdue ones (f).")
                    sent += 1
                }
            }
            return (completed, sent)
        }
    }
}
