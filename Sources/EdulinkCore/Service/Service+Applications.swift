public import Foundation

/// An application with what its screens show around it.
public struct ApplicationDetail: Sendable, Equatable, Hashable, Codable {
    /// Redacted (no rating or notes) when the viewer is the student.
    public var application: Application
    public var listing: ListingSummary
    public var questions: [ScreeningQuestion]
    /// Oldest first; never rewritten.
    public var timeline: [ApplicationEvent]
    public var student: UserSummary
    /// Shown to the employer; nil for the student's own view.
    public var profile: StudentProfile?
    public var skillMatch: SkillMatch?
    /// Moves the viewer may make now.
    public var allowedMoves: [ApplicationStatus]
    /// When the viewer may undo the last decision, until when.
    public var undoableUntil: Date?

    public init(
        application: Application, listing: ListingSummary, questions: [ScreeningQuestion],
        timeline: [ApplicationEvent], student: UserSummary, profile: StudentProfile?, skillMatch: SkillMatch?,
        allowedMoves: [ApplicationStatus], undoableUntil: Date?
    ) {
        self.application = application
        self.listing = listing
        self.questions = questions
        self.timeline = timeline
        self.student = student
        self.profile = profile
        self.skillMatch = skillMatch
        self.allowedMoves = allowedMoves
        self.undoableUntil = undoableUntil
    }
}

/// A row of a student's application list or an employer's applicant table.
public struct ApplicationSummary: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var application: Application
    public var listingTitle: String
    public var organizationName: String
    public var studentName: String
    /// For the employer's applicant table: when the application entered its current stage.
    public var stageSince: Date?
    /// For the employer's applicant table: 0–100, the share of required skills the student has.
    public var skillMatch: Int?
    public var id: ApplicationID { application.id }

    public init(
        application: Application, listingTitle: String, organizationName: String, studentName: String,
        stageSince: Date? = nil, skillMatch: Int? = nil
    ) {
        self.application = application
        self.listingTitle = listingTitle
        self.organizationName = organizationName
        self.studentName = studentName
        self.stageSince = stageSince
        self.skillMatch = skillMatch
    }
}

extension EdulinkService {
    // MARK: Student

    /// Submits an application. The rules of `ApplyRules` are checked in order inside the write
    /// transaction (with the listing locked), then the form's fields.
    public func apply(_ draft: ApplicationDraft) async throws -> Application {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .apply)
            guard principal.role == .student else { throw PermissionDenied(action: .apply) }
            let draft = draft.cleaned()
            let at = now()
            let calendar = environment.calendar
            return try await store.write { session in
                // A listing the student may not see (a draft, a pending one, another institution's) is
                // as missing as an id that does not exist, before any rule could tell it apart.
                guard let listing = try session.lockListing(draft.listingID),
                    try self.canSee(principal, listing, in: session)
                else { throw EdulinkError.notFound("Listing") }
                let counts = try session.applicationCounts(listingID: listing.id)
                let context = try self.applyContext(principal, listing, counts: counts, session, at, calendar)
                if let refusal = ApplyRules.firstRefusal(context) { throw EdulinkError.refused(refusal) }
                try draft.validate(questions: listing.questions)
                let application = try session.insertApplication(
                    Application(
                        studentID: principal.userID, listingID: listing.id, coverLetter: draft.coverLetter,
                        answers: draft.answers
                            + Array(repeating: "", count: max(0, listing.questions.count - draft.answers.count)),
                        resumePath: draft.resumePath ?? context.profile?.resumePath, submittedAt: at))
                _ = try session.appendEvent(
                    ApplicationEvent(
                        applicationID: application.id, from: nil, to: .pending, actorID: principal.userID,
                        actorRole: .student, at: at, stage: application.stage))
                try self.notify(
                    session, principal.userID, .applicationSubmitted, "Application sent",
                    "Your application to \"\(listing.title)\" was submitted.", application: application.id,
                    listing: listing.id)
                try self.notify(
                    session, listing.createdBy, .newApplicant, "New applicant",
                    "\(context.student.displayName) applied to \"\(listing.title)\".", application: application.id,
                    listing: listing.id)
                try self.audit(
                    session, principal, "application.create", "application", application.id.rawValue,
                    "applied to listing \(listing.id)")
                return application
            }
        }
    }

    /// The student's own applications, newest first.
    public func myApplications() async throws -> [ApplicationSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewApplication, on: Ownership(userID: principal.userID))
            return try await store.read { session in
                let name = try session.user(principal.userID)?.displayName ?? ""
                return try self.studentView(
                    of: try session.applications(studentID: principal.userID), studentName: name, session)
            }
        }
    }

    /// A student's applications as the student sees them (without the employer's notes and
    /// rating), newest first: their list, and their institution's read-only view of it.
    func studentView(of applications: [Application], studentName: String, _ session: any StoreReader) throws
        -> [ApplicationSummary]
    {
        let listings = try session.listingSummaries(Array(Set(applications.map(\.listingID))))
        let byID = Dictionary(listings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return applications.sorted { ($0.submittedAt, $0.id) > ($1.submittedAt, $1.id) }.map {
            ApplicationSummary(
                application: $0.redactedForStudent, listingTitle: byID[$0.listingID]?.title ?? "",
                organizationName: byID[$0.listingID]?.organizationName ?? "", studentName: studentName)
        }
    }

    /// One application with its timeline; the student sees their own (without employer notes), an
    /// employer those of their organization's listings.
    public func application(_ id: ApplicationID) async throws -> ApplicationDetail {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.read { session in try self.detail(principal, id, session, at) }
        }
    }

    /// Withdraws the student's own application (from any open state or an offer).
    public func withdraw(_ id: ApplicationID, note: String? = nil) async throws -> Application {
        let principal = try await caller()
        return try await acting(as: principal).move(id, .withdraw(note: note))
    }

    /// Accepts or declines an offer.
    public func answerOffer(_ id: ApplicationID, accept: Bool) async throws -> Application {
        let principal = try await caller()
        return try await acting(as: principal).move(id, accept ? .accept : .decline)
    }

    // MARK: Employer

    /// The longest name an applicant search takes (`named`).
    public static let applicantNameLimit = 200

    /// A listing's applicants, optionally of one stage and of students whose name contains `named`
    /// (any case; blank means everyone), by id (keyset pagination).
    public func applicants(
        listing id: ListingID, status: ApplicationStatus? = nil, named: String? = nil, after: ApplicationID? = nil,
        limit: Int = 200
    ) async throws -> [ApplicationSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            let limit = min(max(limit, 1), 5000)
            let name = named?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let name, name.count > Self.applicantNameLimit {
                throw EdulinkError.validation([
                    FieldError("named", "At most \(Self.applicantNameLimit) characters of a name.")
                ])
            }
            // No name holds one (PostgreSQL refuses NUL in a text value outright).
            if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw EdulinkError.validation([FieldError("named", "A name has no control characters.")])
            }
            return try await store.read { session in
                let listing = try self.ownedListing(principal, id, .viewApplicants, session)
                let organizationName = try session.organization(listing.organizationID)?.name ?? ""
                let page = try session.applications(
                    listingID: id, status: status, studentNamed: name.flatMap { $0.isEmpty ? nil : $0 }, after: after,
                    limit: limit)
                let entered = try session.stageEnteredAt(page.map(\.id))
                return try page.map {
                    ApplicationSummary(
                        application: $0, listingTitle: listing.title, organizationName: organizationName,
                        studentName: try session.user($0.studentID)?.displayName ?? "",
                        stageSince: entered[$0.id] ?? $0.submittedAt,
                        skillMatch: SkillMatch(
                            listing: listing, skills: try session.profile($0.studentID)?.skills ?? []
                        )
                        .percent)
                }
            }
        }
    }

    /// Opens an application for review: the first time an employer opens a pending one, it becomes
    /// reviewed.
    public func openApplication(_ id: ApplicationID) async throws -> ApplicationDetail {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                var detail = try self.detail(principal, id, session, at)
                guard principal.role == .employer, detail.application.status == .pending else { return detail }
                _ = try self.performMove(principal, id, .review, batchID: nil, session, at)
                detail = try self.detail(principal, id, session, at)
                return detail
            }
        }
    }

    /// Moves an application to a new state with the data the state needs.
    public func move(_ id: ApplicationID, _ move: ApplicationMove) async throws -> Application {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                try self.performMove(principal, id, move, batchID: nil, session, at)
            }
        }
    }

    /// Applies one move to many applications in one transaction; all succeed or none do. Returns the
    /// batch id, which `undoBatch` takes.
    public func moveMany(_ ids: [ApplicationID], _ move: ApplicationMove) async throws -> String {
        let principal = try await caller()
        return try await guarded(principal) {
            guard !ids.isEmpty else {
                throw EdulinkError.validation([FieldError("applications", "Mark at least one applicant.")])
            }
            guard ids.count <= 5000 else {
                throw EdulinkError.validation([FieldError("applications", "At most 5000 applicants at once.")])
            }
            let at = now()
            let batchID = "b" + environment.random.token(length: 12)
            try await store.write { session in
                for id in ids { _ = try self.performMove(principal, id, move, batchID: batchID, session, at) }
                try self.audit(
                    session, principal, "application.bulk_move", "application", nil,
                    "\(ids.count) applications → \(move.target.rawValue) (batch \(batchID))")
            }
            return batchID
        }
    }

    /// Undoes the employer's last decision on an application, within 10 minutes. The undo is
    /// itself a timeline event.
    public func undoLastMove(_ id: ApplicationID) async throws -> Application {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                guard let application = try session.application(id) else { throw EdulinkError.notFound("Application") }
                _ = try self.ownedListingForApplication(principal, application, .moveApplication, session)
                let timeline = try session.timeline(id)
                guard let last = timeline.last else { throw EdulinkError.notFound("Application") }
                if let batchID = last.batchID {
                    throw EdulinkError.refused(
                        Refusal(.nothingToUndo, "That decision was part of a bulk action (\(batchID)); undo the batch.")
                    )
                }
                return try self.undo(principal, last, in: timeline, application, session, at, batchID: nil)
            }
        }
    }

    /// Undoes every decision of a bulk action, within 10 minutes, as one batch.
    public func undoBatch(_ batchID: String) async throws -> Int {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                let events = try session.events(batchID: batchID).filter { $0.undoes == nil }
                guard !events.isEmpty else {
                    throw EdulinkError.refused(Refusal(.nothingToUndo, "There is nothing to undo for that action."))
                }
                let undoBatch = batchID + "-undo"
                for event in events {
                    guard let application = try session.application(event.applicationID) else { continue }
                    _ = try self.ownedListingForApplication(principal, application, .moveApplication, session)
                    let timeline = try session.timeline(application.id)
                    guard timeline.last?.id == event.id else {
                        throw EdulinkError.refused(
                            Refusal(
                                .nothingToUndo, "An applicant in that action has changed since; undo them one by one."))
                    }
                    _ = try self.undo(principal, event, in: timeline, application, session, at, batchID: undoBatch)
                }
                try self.audit(
                    session, principal, "application.bulk_undo", "application", nil, "undid batch \(batchID)")
                return events.count
            }
        }
    }

    /// Sets the employer's 1–5 rating (nil clears it).
    public func rate(_ id: ApplicationID, rating: Int?) async throws {
        let principal = try await caller()
        if let rating, !(1...5).contains(rating) {
            throw EdulinkError.validation([FieldError("rating", "Rating must be 1 to 5.")])
        }
        try await annotate(principal, id, summary: "rating \(rating.map(String.init) ?? "cleared")") {
            $0.rating = rating
        }
    }

    /// Sets the employer's private notes on an application.
    public func setNotes(_ id: ApplicationID, notes: String) async throws {
        let principal = try await caller()
        let notes = notes.trimmingCharacters(in: .whitespacesAndNewlines)
        var v = FieldValidator()
        v.optionalText("notes", notes, label: "Notes", range: 0...5000, multiline: true)
        try v.check()
        try await annotate(principal, id, summary: "notes edited") { $0.notes = notes.isEmpty ? nil : notes }
    }

    // MARK: Internals

    private func annotate(
        _ principal: Principal, _ id: ApplicationID, summary: String,
        _ change: @escaping @Sendable (inout Application) -> Void
    ) async throws {
        try await guarded(principal) {
            let at = now()
            try await store.write { session in
                guard var application = try session.application(id) else { throw EdulinkError.notFound("Application") }
                _ = try self.ownedListingForApplication(principal, application, .annotateApplication, session)
                change(&application)
                application.updatedAt = at
                try session.updateApplication(application)
                try self.audit(session, principal, "application.annotate", "application", id.rawValue, summary)
            }
        }
    }

    func ownedListingForApplication(
        _ principal: Principal, _ application: Application, _ action: Action, _ session: any StoreReader
    ) throws -> Listing {
        guard let listing = try session.listing(application.listingID) else {
            throw EdulinkError.notFound("Application")
        }
        try authorizeVisible(principal, application, listing, session)
        try authorize(principal, action, on: Ownership(organizationID: listing.organizationID))
        return listing
    }

    /// Reports "not found" unless `principal` may see the application at all: the student's own,
    /// their organization's applicant for an employer, their institution's student for an
    /// institution admin, any for an admin.
    func authorizeVisible(
        _ principal: Principal, _ application: Application, _ listing: Listing, _ session: any StoreReader
    ) throws {
        let institution =
            principal.role == .institutionAdmin ? try session.profile(application.studentID)?.institutionID : nil
        try authorize(
            principal, .viewApplication,
            on: Ownership(
                userID: application.studentID, organizationID: listing.organizationID, institutionID: institution),
            hidden: "Application")
    }

    private func detail(_ principal: Principal, _ id: ApplicationID, _ session: any StoreReader, _ at: Date) throws
        -> ApplicationDetail
    {
        guard let application = try session.application(id), let listing = try session.listing(application.listingID),
            let student = try session.user(application.studentID)
        else { throw EdulinkError.notFound("Application") }
        let profile = try session.profile(application.studentID)
        try authorizeVisible(principal, application, listing, session)
        let isStudent = principal.role == .student
        let timeline = try session.timeline(id)
        let summary = try session.listingSummaries([listing.id]).first
        guard let summary else { throw EdulinkError.notFound("Listing") }
        var undoableUntil: Date?
        if principal.role == .employer, let last = timeline.last, isUndoable(last, by: principal, at: at) {
            undoableUntil = last.at.addingTimeInterval(Self.undoWindow)
        }
        return ApplicationDetail(
            application: isStudent ? application.redactedForStudent : application, listing: summary,
            questions: listing.questions, timeline: timeline, student: student.publicProfile,
            profile: isStudent ? nil : profile,
            skillMatch: SkillMatch(listing: listing, skills: profile?.skills ?? []),
            allowedMoves: ApplicationStateMachine.targets(from: application.status, for: principal.role),
            undoableUntil: undoableUntil)
    }

    private func isUndoable(_ event: ApplicationEvent, by principal: Principal, at: Date) -> Bool {
        event.undoes == nil && event.from != nil && event.actorID == principal.userID && event.actorRole == .employer
            && at.timeIntervalSince(event.at) <= Self.undoWindow
    }

    private func undo(
        _ principal: Principal, _ last: ApplicationEvent, in timeline: [ApplicationEvent], _ application: Application,
        _ session: any StoreWriter, _ at: Date, batchID: String?
    ) throws -> Application {
        guard last.undoes == nil, last.from != nil, last.actorRole == .employer else {
            throw EdulinkError.refused(Refusal(.nothingToUndo, "There is no decision of yours to undo."))
        }
        guard last.actorID == principal.userID else {
            throw EdulinkError.refused(
                Refusal(.nothingToUndo, "Only the person who made the last decision can undo it."))
        }
        guard at.timeIntervalSince(last.at) <= Self.undoWindow else {
            throw EdulinkError.refused(
                Refusal(.undoExpired, "Decisions can be undone for \(Self.undoWindowMinutes) minutes only."))
        }
        guard let index = timeline.firstIndex(where: { $0.id == last.id }), index > 0 else {
            throw EdulinkError.refused(Refusal(.nothingToUndo, "There is no decision of yours to undo."))
        }
        let previous = timeline[index - 1].stage
        var application = application
        application.apply(previous)
        application.updatedAt = at
        try session.updateApplication(application)
        _ = try session.appendEvent(
            ApplicationEvent(
                applicationID: application.id, from: last.to, to: previous.status, actorID: principal.userID,
                actorRole: principal.role, at: at, note: "undo", stage: previous, undoes: last.id, batchID: batchID))
        try notify(
            session, application.studentID, .statusChanged, "Application status corrected",
            "Your application is \(previous.status.label) again.", application: application.id,
            listing: application.listingID)
        try audit(
            session, principal, "application.undo", "application", application.id.rawValue,
            "\(last.to.rawValue) → \(previous.status.rawValue)")
        return application
    }

    /// Checks and applies one move inside a transaction: permission, state machine, the move's data,
    /// then the timeline event, notifications, audit and listing side effects.
    func performMove(
        _ principal: Principal, _ id: ApplicationID, _ move: ApplicationMove, batchID: String?,
        _ session: any StoreWriter, _ at: Date
    ) throws -> Application {
        guard var application = try session.application(id),
            var listing = try session.lockListing(application.listingID)
        else { throw EdulinkError.notFound("Application") }
        try authorizeVisible(principal, application, listing, session)
        let from = application.status
        let target = move.target
        if let refusal = ApplicationStateMachine.check(from: from, to: target, by: principal.role) {
            throw EdulinkError.refused(refusal)
        }
        let studentAction: Action? =
            switch move {
            case .accept, .decline: .answerOffer
            case .withdraw: .withdrawApplication
            default: nil
            }
        let isStudentMove = studentAction != nil
        try authorize(
            principal, studentAction ?? .moveApplication,
            on: Ownership(userID: application.studentID, organizationID: listing.organizationID))
        var stage = application.stage
        stage.status = target
        var reason: String?
        var note: String?
        switch try MoveValidation.checked(move, at: at) {
        case .review, .shortlist:
            break
        case .scheduleInterview(let interview):
            stage.interview = interview
            note = "\(interview.at.ISO8601Format()) at \(interview.place)"
        case .offer(let expiry):
            stage.offerExpiresAt = expiry
        case .reject(let rejection):
            stage.rejection = rejection
            reason = rejection.reason.rawValue
            note = rejection.note
        case .accept, .decline:
            if let expiry = application.offerExpiresAt, expiry <= at {
                throw EdulinkError.refused(Refusal(.offerExpired, "This offer expired; ask the employer to renew it."))
            }
            // An offer is accepted into a position: when every position is taken, it cannot be.
            if move == .accept,
                (try session.applicationCounts(listingID: listing.id)[.accepted] ?? 0) >= listing.positions
            {
                throw EdulinkError.refused(
                    Refusal(
                        .positionsFilled,
                        "Every position of this listing (\(listing.positions)) has been filled; this offer can no "
                            + "longer be accepted. Decline it, or ask the employer."))
            }
        case .withdraw(let cleaned):
            note = cleaned
        }
        application.apply(stage)
        application.updatedAt = at
        if !isStudentMove && application.reviewedAt == nil { application.reviewedAt = at }
        try session.updateApplication(application)
        _ = try session.appendEvent(
            ApplicationEvent(
                applicationID: id, from: from, to: target, actorID: principal.isOperator ? nil : principal.userID,
                actorRole: principal.role, at: at, reason: reason, note: note, stage: stage, batchID: batchID))
        try notifyMove(session, application, listing, move, from: from)
        try audit(
            session, principal, "application.move", "application", id.rawValue, "\(from.rawValue) → \(target.rawValue)")
        if target == .accepted {
            try createPlacement(for: application, listing, by: principal, session, at)
            let accepted = try session.applicationCounts(listingID: listing.id)[.accepted] ?? 0
            if accepted >= listing.positions && listing.status == .published {
                try expire(&listing, reason: "all positions filled", at: at, session)
            }
        }
        return application
    }

    private func notifyMove(
        _ session: any StoreWriter, _ application: Application, _ listing: Listing, _ move: ApplicationMove,
        from: ApplicationStatus
    ) throws {
        let title = "\"\(listing.title)\""
        switch move {
        case .review:
            try notify(
                session, application.studentID, .statusChanged, "Application reviewed",
                "The employer has reviewed your application to \(title).", application: application.id,
                listing: listing.id)
        case .shortlist:
            try notify(
                session, application.studentID, .statusChanged, "You were shortlisted",
                "You are on the shortlist for \(title).", application: application.id, listing: listing.id)
        case .scheduleInterview(let interview):
            let verb = from == .interviewScheduled ? "moved" : "scheduled"
            try notify(
                session, application.studentID, .interviewScheduled, "Interview \(verb)",
                "Interview for \(title): \(interview.at.formatted(date: .abbreviated, time: .shortened)) at \(TextRules.clean(interview.place)).",
                application: application.id, listing: listing.id)
        case .offer:
            try notify(
                session, application.studentID, .offerMade, "You have an offer",
                "You have an offer for \(title). Accept or decline it from Applications.", application: application.id,
                listing: listing.id)
        case .reject(let rejection):
            try notify(
                session, application.studentID, .statusChanged, "Application not successful",
                "Your application to \(title) was not successful (\(rejection.reason.label.lowercased())).",
                application: application.id, listing: listing.id)
        case .accept, .decline:
            let verb = move == .accept ? "accepted" : "declined"
            try notify(
                session, listing.createdBy, .offerAnswered, "Offer \(verb)",
                "An applicant \(verb) your offer for \(title).", application: application.id, listing: listing.id)
        case .withdraw:
            try notify(
                session, listing.createdBy, .applicationWithdrawn, "Application withdrawn",
                "An applicant withdrew from \(title).", application: application.id, listing: listing.id)
        }
    }
}
