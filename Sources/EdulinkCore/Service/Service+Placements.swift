import Foundation

// Placements after the accepted offer (PLACEMENTS.md): who sees them, their lifecycle, the
// supervisors, and the views the screens read. The logbook and evaluations are in
// Service+Logbook.swift.
extension EdulinkService {
    // MARK: Reading

    /// The caller's placements: a student's own, an employer's organization's, a supervisor's
    /// assigned ones, an institution admin's students', every one for an admin. What needs work
    /// first: active, then upcoming, completed and terminated; newest start first within each.
    public func placements() async throws -> [PlacementSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewPlacement, on: Self.anyOwnership(principal))
            let at = now()
            return try await store.read { session in
                let placements = try session.placements(try Self.scope(of: principal))
                let order: [PlacementStatus] = [.active, .upcoming, .completed, .terminated]
                let ranked = placements.enumerated().sorted { left, right in
                    let ranks = (
                        order.firstIndex(of: left.element.status) ?? 0, order.firstIndex(of: right.element.status) ?? 0
                    )
                    return ranks.0 != ranks.1 ? ranks.0 < ranks.1 : left.offset < right.offset
                }.map(\.element)
                return try self.summaries(ranked, session, at)
            }
        }
    }

    /// One placement with its timeline, logbook weeks, evaluations and what the caller may do.
    public func placement(_ id: PlacementID) async throws -> PlacementDetail {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.read { session in
                guard let placement = try session.placement(id) else { throw EdulinkError.notFound("Placement") }
                try self.authorizeVisible(principal, placement)
                return try self.detail(principal, placement, session, at)
            }
        }
    }

    /// Supervisors the caller assigns: an employer's workplace supervisors, an institution admin's
    /// academic ones, with their loads.
    public func supervisors() async throws -> [SupervisorSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageSupervisors, on: Self.anyOwnership(principal))
            return try await store.read { session in
                let users = try session.users(
                    role: .supervisor,
                    organizationID: principal.role == .employer ? principal.organizationID : nil,
                    institutionID: principal.role == .institutionAdmin ? principal.institutionID : nil)
                return try self.supervisorSummaries(users, session)
            }
        }
    }

    // MARK: Supervisors

    /// The signed-in supervisor's own profile: side, title, capacity and load.
    public func supervisorProfile() async throws -> SupervisorSummary {
        let principal = try await caller(allowingPasswordChange: true)
        return try await guarded(principal) {
            guard principal.role == .supervisor else {
                throw EdulinkError.forbidden("Only supervisors have a supervisor profile.")
            }
            return try await store.read { session in
                guard let user = try session.user(principal.userID),
                    let summary = try self.supervisorSummaries([user], session).first
                else { throw EdulinkError.notFound("Account") }
                return summary
            }
        }
    }

    /// Creates a supervisor account on the caller's side (an employer's organization, an
    /// institution admin's institution) and returns its one-time sign-in code, shown once.
    public func createSupervisor(_ new: NewSupervisor) async throws -> SupervisorAccount {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageSupervisors, on: Self.anyOwnership(principal))
            let email = AccountRules.normalizeEmail(new.email)
            let name = TextRules.clean(new.displayName)
            let title = TextRules.clean(new.title)
            let phone = new.phone.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
            try AccountRules.validate(email: email, displayName: name, phone: phone)
            try SupervisorRules.validate(title: title, capacity: new.capacity)
            var password = environment.random.token(length: 16)
            while environment.passwordPolicy.problem(password: password, email: email) != nil {
                password = environment.random.token(length: 16)
            }
            let hash = await PasswordWork.hash(password, with: environment.hasher)
            let at = now()
            let summary = try await store.write { session in
                if try session.user(email: email) != nil {
                    throw EdulinkError.validation([FieldError("email", "An account with this email already exists.")])
                }
                let user = try session.insertUser(
                    User(
                        email: email, displayName: name, role: .supervisor, passwordHash: hash, phone: phone,
                        organizationID: principal.role == .employer ? principal.organizationID : nil,
                        institutionID: principal.role == .institutionAdmin ? principal.institutionID : nil,
                        createdAt: at, mustChangePassword: true))
                try session.saveSupervisorProfile(
                    SupervisorProfile(userID: user.id, title: title, capacity: new.capacity))
                try self.audit(
                    session, principal, "supervisor.create", "user", user.id.rawValue,
                    "\(email) as \(principal.role == .employer ? "workplace" : "academic") supervisor")
                try self.securityEvent(
                    session, .adminAction, user: user.id, source: principal.origin.rawValue,
                    "supervisor account created")
                guard let summary = try self.supervisorSummaries([user], session).first else {
                    throw EdulinkError.notFound("Supervisor")
                }
                return summary
            }
            return SupervisorAccount(supervisor: summary, oneTimePassword: password)
        }
    }

    // MARK: Changes

    /// Terminates, moves or staffs a placement (see `PlacementChangeRequest`).
    public func changePlacement(_ id: PlacementID, _ change: PlacementChangeRequest) async throws -> Placement {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            return try await store.write { session in
                guard var placement = try session.lockPlacement(id) else { throw EdulinkError.notFound("Placement") }
                try self.authorizeVisible(principal, placement)
                let ownership = Self.ownership(of: placement)
                switch change.action {
                case .terminate:
                    try self.authorize(principal, .terminatePlacement, on: ownership)
                    let target = try PlacementLifecycle.transition(
                        from: placement.status, on: .terminate, by: principal.role
                    ).mapError(EdulinkError.refused).get()
                    try PlacementLifecycle.validateReason(change.reason)
                    let reason = TextRules.clean(change.reason ?? "")
                    placement.status = target
                    placement.statusReason = reason
                    placement.updatedAt = at
                    try session.updatePlacement(placement)
                    try self.record(session, principal, placement, .terminated, note: reason, at: at)
                    try self.notifyParties(
                        session, placement, "Placement terminated",
                        "The placement at \(try self.title(placement, session)) was terminated: \(reason)")
                case .moveDates:
                    try self.authorize(principal, .movePlacementDates, on: ownership)
                    guard let start = change.startDate, let end = change.endDate else {
                        throw EdulinkError.validation([FieldError("start_date", "Give the new start and end dates.")])
                    }
                    try PlacementLifecycle.validateMove(
                        placement, start: start, end: end, reason: change.reason, now: at)
                    let reason = TextRules.clean(change.reason ?? "")
                    let note =
                        "\(Self.day(placement.startDate))–\(Self.day(placement.endDate)) → \(Self.day(start))–\(Self.day(end)): \(reason)"
                    placement.startDate = start
                    placement.endDate = end
                    placement.updatedAt = at
                    try session.updatePlacement(placement)
                    try self.record(session, principal, placement, .datesMoved, note: note, at: at)
                    try self.notifyParties(
                        session, placement, "Placement dates moved",
                        "The placement at \(try self.title(placement, session)) now runs \(Self.day(start)) to "
                            + "\(Self.day(end)): \(reason)")
                case .assignSupervisor:
                    try self.authorize(principal, .assignSupervisor, on: ownership)
                    guard let supervisorID = change.supervisorID else {
                        throw EdulinkError.validation([FieldError("supervisor", "Choose a supervisor.")])
                    }
                    placement = try self.assign(supervisorID, to: placement, by: principal, session, at)
                }
                try self.audit(
                    session, principal, "placement.\(change.action.rawValue)", "placement", id.rawValue,
                    change.action.rawValue)
                return placement
            }
        }
    }

    /// Moves upcoming placements whose start date has come to active; returns how many.
    public func startPlacements() async throws -> Int {
        let at = now()
        return try await store.write { session in
            var started = 0
            for var placement in try session.placements(.startingBy(at)) {
                guard
                    case .success(let target) = PlacementLifecycle.transition(
                        from: placement.status, on: .start, by: nil)
                else { continue }
                placement.status = target
                placement.updatedAt = at
                try session.updatePlacement(placement)
                try self.record(session, nil, placement, .started, note: nil, at: at)
                try self.notifyParties(
                    session, placement, "Placement started",
                    "The placement at \(try self.title(placement, session)) has started. Week 1's logbook entry is "
                        + "due \(Self.day(placement.calendar(self.environment.calendar).due(1))).")
                started += 1
            }
            return started
        }
    }

    // MARK: Internals

    /// The placement made when a student accepts an offer, in the accept's transaction.
    func createPlacement(
        for application: Application, _ listing: Listing, by principal: Principal, _ session: any StoreWriter,
        _ at: Date
    ) throws {
        guard try session.placement(applicationID: application.id) == nil else { return }
        let institution = try session.profile(application.studentID)?.institutionID
        let placement = try session.insertPlacement(
            Placement(
                applicationID: application.id, studentID: application.studentID, listingID: listing.id,
                organizationID: listing.organizationID, institutionID: institution, startDate: listing.startDate,
                endDate: listing.endDate, status: listing.startDate <= at ? .active : .upcoming, createdAt: at))
        try record(session, principal, placement, .created, note: nil, at: at)
        try notifyParties(
            session, placement, "Placement created",
            "\"\(listing.title)\" runs \(Self.day(listing.startDate)) to \(Self.day(listing.endDate)). "
                + "Your supervisors will be assigned before the start.")
        try audit(session, principal, "placement.create", "placement", placement.id.rawValue, "from the accepted offer")
    }

    private func assign(
        _ supervisorID: UserID, to placement: Placement, by principal: Principal, _ session: any StoreWriter,
        _ at: Date
    ) throws -> Placement {
        guard !placement.status.isFinal else {
            throw EdulinkError.refused(
                Refusal(.invalidTransition, "A placement that is \(placement.status.label) keeps its supervisors."))
        }
        let kind: SupervisorKind = principal.role == .institutionAdmin ? .academic : .workplace
        guard let user = try session.user(supervisorID), user.role == .supervisor, user.status == .active,
            kind == .workplace
                ? user.organizationID == placement.organizationID && user.organizationID != nil
                : user.institutionID == placement.institutionID && user.institutionID != nil
        else {
            let side = kind == .workplace ? "your organization" : "your institution"
            throw EdulinkError.validation([FieldError("supervisor", "Choose an active supervisor of \(side).")])
        }
        let previous = placement.supervisor(kind)
        if previous == supervisorID { return placement }
        guard let summary = try supervisorSummaries([user], session).first else {
            throw EdulinkError.notFound("Supervisor")
        }
        if let refusal = SupervisorRules.refusal(assigning: summary) { throw EdulinkError.refused(refusal) }
        var placement = placement
        if kind == .workplace {
            placement.workplaceSupervisorID = supervisorID
        } else {
            placement.academicSupervisorID = supervisorID
        }
        placement.updatedAt = at
        try session.updatePlacement(placement)
        let replaced = try previous.flatMap { try session.user($0)?.displayName }
        _ = try session.appendPlacementEvent(
            PlacementTimelineEvent(
                placementID: placement.id, change: .supervisorAssigned, actorID: actor(principal),
                actorRole: principal.role, at: at,
                note: "\(user.displayName) as \(kind.label) supervisor" + (replaced.map { ", replacing \($0)" } ?? ""),
                supervisorID: supervisorID, supervisorKind: kind))
        let student = try session.user(placement.studentID)?.displayName ?? "a student"
        let title = try self.title(placement, session)
        try notify(
            session, supervisorID, .placementUpdate, "New intern assigned",
            "You are now the \(kind.label) supervisor of \(student) at \(title).",
            application: placement.applicationID, listing: placement.listingID)
        if let previous {
            try notify(
                session, previous, .placementUpdate, "Intern reassigned",
                "\(student) at \(title) now has another \(kind.label) supervisor.",
                application: placement.applicationID, listing: placement.listingID)
        }
        try notify(
            session, placement.studentID, .placementUpdate, "Supervisor assigned",
            "\(user.displayName) is your \(kind.label) supervisor at \(title).",
            application: placement.applicationID, listing: placement.listingID)
        return placement
    }

    /// Appends a timeline event; `principal` nil is the system (the jobs run).
    func record(
        _ session: any StoreWriter, _ principal: Principal?, _ placement: Placement, _ change: PlacementChange,
        note: String?, at: Date
    ) throws {
        _ = try session.appendPlacementEvent(
            PlacementTimelineEvent(
                placementID: placement.id, change: change, actorID: principal.flatMap(actor),
                actorRole: principal?.role, at: at, note: note))
    }

    func actor(_ principal: Principal) -> UserID? { principal.isOperator ? nil : principal.userID }

    /// Notifies the student, the listing's employer, both supervisors and the student's
    /// institution admins of a change.
    func notifyParties(_ session: any StoreWriter, _ placement: Placement, _ title: String, _ body: String) throws {
        var people = [placement.studentID]
        if let listing = try session.listing(placement.listingID) { people.append(listing.createdBy) }
        people += [placement.workplaceSupervisorID, placement.academicSupervisorID].compactMap { $0 }
        if let institution = placement.institutionID {
            people += try session.users(role: .institutionAdmin, organizationID: nil, institutionID: institution)
                .filter { $0.status == .active }.map(\.id)
        }
        var seen = Set<UserID>()
        for person in people where seen.insert(person).inserted {
            try notify(
                session, person, .placementUpdate, title, body, application: placement.applicationID,
                listing: placement.listingID)
        }
    }

    /// "Title at Organization".
    func title(_ placement: Placement, _ session: any StoreReader) throws -> String {
        let listing = try session.listing(placement.listingID)?.title ?? "the placement"
        let organization = try session.organization(placement.organizationID)?.name
        return "\"\(listing)\"" + (organization.map { " at \($0)" } ?? "")
    }

    static func day(_ date: Date) -> String { date.formatted(date: .abbreviated, time: .omitted) }

    static func ownership(of placement: Placement) -> Ownership {
        Ownership(
            userID: placement.studentID, organizationID: placement.organizationID,
            institutionID: placement.institutionID,
            supervisorIDs: [placement.workplaceSupervisorID, placement.academicSupervisorID].compactMap { $0 })
    }

    /// The caller's own ownership in every sense, for actions whose scope is the caller's side.
    static func anyOwnership(_ principal: Principal) -> Ownership {
        Ownership(
            userID: principal.userID, organizationID: principal.organizationID,
            institutionID: principal.institutionID, supervisorIDs: [principal.userID])
    }

    static func scope(of principal: Principal) throws -> PlacementScope {
        switch principal.role {
        case .student: .student(principal.userID)
        case .supervisor: .supervisor(principal.userID)
        case .admin: .all
        case .employer:
            if let organization = principal.organizationID {
                .organization(organization)
            } else {
                throw EdulinkError.forbidden("Your account has no organization.")
            }
        case .institutionAdmin:
            if let institution = principal.institutionID {
                .institution(institution)
            } else {
                throw EdulinkError.forbidden("Your account has no institution.")
            }
        }
    }

    /// Reports "not found" unless the caller may see the placement at all.
    func authorizeVisible(_ principal: Principal, _ placement: Placement) throws {
        try authorize(principal, .viewPlacement, on: Self.ownership(of: placement), hidden: "Placement")
    }

    func supervisorSummaries(_ users: [User], _ session: any StoreReader) throws -> [SupervisorSummary] {
        let ids = users.map(\.id)
        let profiles = try session.supervisorProfiles(ids)
        let loads = try session.supervisorLoads(ids)
        return users.map { user in
            let profile = profiles[user.id]
            return SupervisorSummary(
                user: user.publicProfile, kind: user.organizationID != nil ? .workplace : .academic,
                title: profile?.title ?? "Supervisor", phone: user.phone,
                capacity: profile?.capacity ?? SupervisorRules.defaultCapacity, load: loads[user.id] ?? 0)
        }
    }

    func summaries(_ placements: [Placement], _ session: any StoreReader, _ at: Date) throws -> [PlacementSummary] {
        let ids = placements.map(\.id)
        let marks = Dictionary(grouping: try session.logbookMarks(placementIDs: ids), by: \.placementID)
        let evaluated = try session.evaluationKinds(placementIDs: ids)
        let listings = Dictionary(
            try session.listingSummaries(Array(Set(placements.map(\.listingID)))).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        let people = placements.flatMap { [$0.studentID, $0.workplaceSupervisorID, $0.academicSupervisorID] }
        let names = try session.displayNames(Array(Set(people.compactMap { $0 })))
        return placements.map { placement in
            PlacementSummary(
                placement: placement, studentName: names[placement.studentID] ?? "(removed)",
                listingTitle: listings[placement.listingID]?.title ?? "(removed listing)",
                organizationName: listings[placement.listingID]?.organizationName ?? "",
                workplaceSupervisorName: placement.workplaceSupervisorID.map { names[$0] ?? "(removed)" },
                academicSupervisorName: placement.academicSupervisorID.map { names[$0] ?? "(removed)" },
                progress: progress(
                    placement, marks[placement.id] ?? [], evaluated: evaluated[placement.id] ?? [], at: at))
        }
    }

    func progress(_ placement: Placement, _ marks: [LogbookMark], evaluated: Set<EvaluationKind>, at: Date)
        -> PlacementProgress
    {
        let calendar = placement.calendar(environment.calendar)
        let byWeek = Dictionary(marks.map { ($0.week, $0.status) }, uniquingKeysWith: { first, _ in first })
        let current = min(calendar.week(at: at), calendar.weekCount)
        let count = { (status: LogbookStatus) in marks.filter { $0.status == status }.count }
        var overdue = 0
        if placement.status == .active || placement.status == .completed {
            for week in stride(from: 1, through: calendar.weekCount, by: 1) where calendar.isOverdue(week, at: at) {
                let status = byWeek[week]
                if status == nil || status == .draft || status == .returned { overdue += 1 }
            }
        }
        let due = EvaluationKind.allCases.first { kind in
            !evaluated.contains(kind)
                && EvaluationRules.window(
                    kind, placement: placement.status, calendar: calendar, finalSubmitted: evaluated.contains(.final),
                    at: at) == nil
        }
        return PlacementProgress(
            weekCount: calendar.weekCount, currentWeek: current, approved: count(.approved),
            submitted: count(.submitted), returned: count(.returned), excused: count(.excused), overdue: overdue,
            hoursApproved: marks.filter { $0.status == .approved }.reduce(0) { $0 + $1.hours },
            evaluationDue: placement.status.isFinal && placement.status != .completed ? nil : due)
    }

    func detail(_ principal: Principal, _ placement: Placement, _ session: any StoreReader, _ at: Date) throws
        -> PlacementDetail
    {
        guard let summary = try summaries([placement], session, at).first else {
            throw EdulinkError.notFound("Placement")
        }
        let calendar = placement.calendar(environment.calendar)
        let hidesNotes = principal.role == .student || principal.role == .employer
        let entries = try session.logbookEntries(placementIDs: [placement.id])
        let history = Dictionary(grouping: try session.logbookHistory(entryIDs: entries.map(\.id)), by: \.entryID)
        let byWeek = Dictionary(entries.map { ($0.week, $0) }, uniquingKeysWith: { first, _ in first })
        let weeks = (1...calendar.weekCount).map { week in
            let entry = byWeek[week].map { hidesNotes ? $0.redactedForStudent : $0 }
            let open = entry == nil || entry?.status == .draft || entry?.status == .returned
            return LogbookWeek(
                week: week, startsOn: calendar.weekStart(week), endsAt: calendar.weekEnd(week), due: calendar.due(week),
                entry: entry, history: entry.map { history[$0.id] ?? [] } ?? [],
                overdue: open && placement.status != .upcoming && placement.status != .terminated
                    && calendar.isOverdue(week, at: at))
        }
        let evaluations = try session.evaluations(placementID: placement.id)
        let supervisors = try supervisorSummaries(
            try [placement.workplaceSupervisorID, placement.academicSupervisorID].compactMap { $0 }.compactMap {
                try session.user($0)
            }, session)
        var blocker: String?
        if placement.status == .active {
            blocker = completionCheck(placement, entries, evaluations, at: at).refusal?.message
        }
        return PlacementDetail(
            summary: summary, timeline: try session.placementTimeline(placement.id), weeks: weeks,
            evaluations: evaluations, rubric: .standard, supervisors: supervisors,
            permissions: permissions(principal, placement, weeks, evaluations, at: at), completionBlocker: blocker)
    }

    private func permissions(
        _ principal: Principal, _ placement: Placement, _ weeks: [LogbookWeek], _ evaluations: [Evaluation], at: Date
    ) -> PlacementPermissions {
        let ownership = Self.ownership(of: placement)
        let calendar = placement.calendar(environment.calendar)
        var result = PlacementPermissions()
        if PermissionPolicy.allows(principal, .writeLogbook, on: ownership) {
            result.writableWeeks = weeks.filter { week in
                LogbookRules.canWrite(week: week.week, of: calendar, status: placement.status, at: at) == nil
                    && (week.entry == nil || week.entry?.status == .draft || week.entry?.status == .returned)
            }.map(\.week)
        }
        if PermissionPolicy.allows(principal, .reviewLogbook, on: ownership) && !placement.status.isFinal {
            result.canReview = true
            result.canExcuse = placement.academicSupervisorID == principal.userID && placement.status == .active
        }
        if PermissionPolicy.allows(principal, .evaluatePlacement, on: ownership) {
            let finalIn = evaluations.contains { $0.kind == .final }
            result.evaluations = EvaluationKind.allCases.filter { kind in
                placement.supervisor(kind.author) == principal.userID
                    && EvaluationRules.window(
                        kind, placement: placement.status, calendar: calendar, finalSubmitted: finalIn, at: at) == nil
            }
        }
        if PermissionPolicy.allows(principal, .terminatePlacement, on: ownership) {
            result.canTerminate =
                (try? PlacementLifecycle.transition(from: placement.status, on: .terminate, by: principal.role).get())
                != nil
        }
        if PermissionPolicy.allows(principal, .movePlacementDates, on: ownership) {
            result.canMoveDates = placement.status == .upcoming && placement.startDate > at
        }
        if PermissionPolicy.allows(principal, .assignSupervisor, on: ownership) && !placement.status.isFinal {
            result.assigns = principal.role == .institutionAdmin ? .academic : .workplace
        }
        return result
    }

    func completionCheck(_ placement: Placement, _ entries: [LogbookEntry], _ evaluations: [Evaluation], at: Date)
        -> CompletionCheck
    {
        let calendar = placement.calendar(environment.calendar)
        let closed = Set(entries.filter { $0.status.closesWeek }.map(\.week))
        return CompletionCheck(
            ended: placement.endDate <= at,
            openWeeks: (1...calendar.weekCount).filter { !closed.contains($0) },
            finalEvaluationSubmitted: evaluations.contains { $0.kind == .final })
    }
}
