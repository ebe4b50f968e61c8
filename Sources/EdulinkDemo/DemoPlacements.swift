import EdulinkCore
import Foundation

/// An application whose offer the student accepted, as the import wrote it.
struct AcceptedOffer {
    let item: DemoDataset.Application
    let application: Application
    let acceptedAt: Date
}

/// The ids the import gave the dataset's records, by key.
struct DemoKeys {
    var institutions: [String: InstitutionID]
    var organizations: [String: OrganizationID]
    var users: [String: (id: UserID, role: Role)]
    var listings: [String: Listing]
}

/// The placements of the demo (PLACEMENTS.md), written in the import's transaction after the
/// applications: one per accepted offer, as the service made it when the offer was accepted, and
/// everything the service would have recorded since, up to `now`.
///
/// - Dates come from the listing, the institution from the student's profile, the organization from
///   the listing; the `created` event is at the acceptance, by the student; `started` at the start
///   date, by the jobs run. A placement that started must have been accepted before its start.
/// - Supervisors: the dataset's (with their title and capacity) and one generated account for every
///   organization (workplace) and institution (academic) with a started placement and none in the
///   dataset. Started placements get both; upcoming ones get those that exist, within capacity.
/// - Placements that have not ended are active: their logbook is written week by week up to the
///   current week, older weeks approved, the last one or two waiting in the supervisors' queue, the
///   current one a draft. The demo supervisor's newest intern is the showcase: a returned entry, an
///   overdue week and an entry waiting.
/// - Placements that have ended are completed (every week approved or excused, the evaluations,
///   the completion code and the final result), except the one that ended last, still active because
///   its last week is missing, and one the employer terminated (the demo employer's lowest-rated).
///
/// Every entry, evaluation and transition is checked against Core's rules (`LogbookContent`,
/// `LogbookRules`, `EvaluationRules`, `PlacementLifecycle`, `SupervisorRules`); a breach fails the
/// import naming the record.
struct DemoPlacementImport {
    /// Whose newest active intern shows a returned entry, an overdue week and a queue.
    static let demoSupervisorEmail = "supervisor@edulink.demo"
    /// Whose organization's ended placements include the terminated one.
    static let demoEmployerEmail = "employer@edulink.demo"
    /// The completion code's alphabet: the service's unambiguous one, in upper case.
    static let codeAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    let dataset: DemoDataset
    let now: Date
    let calendar: Calendar
    let keys: DemoKeys
    let offers: [AcceptedOffer]

    private var supervisors: [DemoSupervisor] = []
    private var generatedLastNames = Set<String>()
    private var codes = Set<String>()
    private var codeRandom = DemoRandom(seed: "completion codes")

    init(dataset: DemoDataset, now: Date, calendar: Calendar, keys: DemoKeys, offers: [AcceptedOffer]) {
        self.dataset = dataset
        self.now = now
        self.calendar = calendar
        self.keys = keys
        self.offers = offers
    }

    mutating func write(into session: any StoreWriter, passwordHash: String, counts: inout DemoSeedCounts) throws {
        var plans = try offers.enumerated().map { try plan($0.element, index: $0.offset) }
        chooseOutcomes(&plans)
        try writeSupervisors(session, plans: plans, passwordHash: passwordHash, counts: &counts)
        try assignSupervisors(&plans)
        let illness = plans.first { $0.outcome == .active && current($0) >= 5 }?.index
        let corrected =
            plans.first { $0.outcome == .completed && isDemoSupervisor($0.workplace) }?.index
            ?? plans.first { $0.outcome == .completed }?.index
        let holiday = plans.first { $0.outcome == .completed && $0.weeks.weekCount >= 8 && $0.index != corrected }?
            .index
        for plan in plans {
            let flavour = Flavour(
                excuse: plan.index == illness ? .illness : plan.index == holiday ? .publicHoliday : nil,
                corrected: plan.index == corrected)
            var built = try build(plan, flavour)
            if built.placement.status == .completed { built.placement.completionCode = completionCode() }
            try save(built, of: plan, session, counts: &counts)
        }
    }

    // MARK: Plans

    private enum Outcome {
        case upcoming
        /// Started, not ended.
        case active
        /// The demo supervisor's newest intern: a returned entry, an overdue week, an entry waiting.
        case showcase
        /// Ended, still active: its last week has no entry.
        case overdueAfterEnd
        case completed
        case terminated

        var status: PlacementStatus {
            switch self {
            case .upcoming: .upcoming
            case .active, .showcase, .overdueAfterEnd: .active
            case .completed: .completed
            case .terminated: .terminated
            }
        }
    }

    private struct Plan {
        let offer: AcceptedOffer
        let index: Int
        let record: String
        let listing: Listing
        let category: ListingCategory
        let organization: String
        let institution: String?
        let weeks: PlacementCalendar
        let rating: Int?
        var outcome: Outcome = .upcoming
        /// Indices into `supervisors`.
        var workplace: Int?
        var academic: Int?

        var started: Bool { outcome != .upcoming }
        /// Counts towards its supervisors' loads.
        var isOpen: Bool { outcome.status == .upcoming || outcome.status == .active }
        var student: UserID { offer.application.studentID }
    }

    /// What sets one placement apart from the rest.
    private struct Flavour {
        var excuse: ExcuseReason?
        var corrected: Bool
    }

    private func plan(_ offer: AcceptedOffer, index: Int) throws -> Plan {
        let item = offer.item
        let record = "placement of \(item.student) at \(item.listing)"
        guard let listing = keys.listings[item.listing],
            let source = dataset.listings.first(where: { $0.key == item.listing })
        else { throw DemoSeedError("demo data: \(record): no listing \"\(item.listing)\"") }
        if listing.startDate <= now && offer.acceptedAt >= listing.startDate {
            throw DemoSeedError(
                "demo data: \(record): the offer was accepted after the placement started; accept it before "
                    + "start_in_days")
        }
        let institution = dataset.studentProfiles.first { $0.user == item.student }?.institution
        return Plan(
            offer: offer, index: index, record: record, listing: listing, category: listing.terms.category,
            organization: source.organization, institution: institution,
            weeks: PlacementCalendar(start: listing.startDate, end: listing.endDate, calendar: calendar),
            rating: item.rating)
    }

    private func chooseOutcomes(_ plans: inout [Plan]) {
        for index in plans.indices {
            let listing = plans[index].listing
            plans[index].outcome =
                listing.startDate > now ? .upcoming : listing.endDate > now ? .active : .completed
        }
        let supervisorOrganization = dataset.users.first { $0.email == Self.demoSupervisorEmail }?.organization
        if let showcase = plans.filter({ $0.outcome == .active && $0.organization == supervisorOrganization })
            .max(by: { ($0.listing.startDate, $1.index) < ($1.listing.startDate, $0.index) })
        {
            plans[showcase.index].outcome = .showcase
        }
        let ended = plans.filter { $0.outcome == .completed }
            .sorted { ($1.listing.endDate, $0.index) < ($0.listing.endDate, $1.index) }
        guard let last = ended.first else { return }
        plans[last.index].outcome = .overdueAfterEnd
        let employerOrganization = dataset.users.first { $0.email == Self.demoEmployerEmail }?.organization
        let rest = ended.dropFirst()
        let atDemoEmployer = rest.filter { $0.organization == employerOrganization }
        // The demo employer's lowest-rated intern, when it has two ended placements or more.
        let candidates = atDemoEmployer.count >= 2 ? Array(atDemoEmployer) : Array(rest)
        if candidates.count >= 2,
            let terminated = candidates.min(by: { ($0.rating ?? 3, $0.index) < ($1.rating ?? 3, $1.index) })
        {
            plans[terminated.index].outcome = .terminated
        }
    }

    /// The week the placement is in now, at most its last.
    private func current(_ plan: Plan) -> Int { min(plan.weeks.week(at: now), plan.weeks.weekCount) }

    // MARK: Supervisors

    private struct DemoSupervisor {
        let id: UserID
        let name: String
        let email: String
        let kind: SupervisorKind
        /// The organization or institution key.
        let affiliation: String
        let capacity: Int
        var load = 0
    }

    private func isDemoSupervisor(_ index: Int?) -> Bool {
        index.map { supervisors[$0].email == Self.demoSupervisorEmail } ?? false
    }

    /// Saves the dataset's supervisors' profiles and creates the missing ones.
    private mutating func writeSupervisors(
        _ session: any StoreWriter, plans: [Plan], passwordHash: String, counts: inout DemoSeedCounts
    ) throws {
        for user in dataset.users {
            let record = "user \(user.key)"
            guard user.role == .supervisor else {
                if user.title != nil || user.capacity != nil {
                    throw DemoSeedError("demo data: \(record): only supervisors have a title and a capacity")
                }
                continue
            }
            guard let id = keys.users[user.key]?.id, let title = user.title.map(TextRules.clean) else {
                throw DemoSeedError("demo data: \(record): a supervisor needs a title")
            }
            let kind: SupervisorKind
            let affiliation: String
            switch (user.organization, user.institution) {
            case (let organization?, nil): (kind, affiliation) = (.workplace, organization)
            case (nil, let institution?): (kind, affiliation) = (.academic, institution)
            default:
                throw DemoSeedError("demo data: \(record): a supervisor has an organization or an institution")
            }
            let capacity = user.capacity ?? SupervisorRules.defaultCapacity
            try DemoSeedError.check(record) { _ in try SupervisorRules.validate(title: title, capacity: capacity) }
            try session.saveSupervisorProfile(SupervisorProfile(userID: id, title: title, capacity: capacity))
            supervisors.append(
                DemoSupervisor(
                    id: id, name: TextRules.clean(user.displayName), email: AccountRules.normalizeEmail(user.email),
                    kind: kind, affiliation: affiliation, capacity: capacity))
        }
        var emails = Set(dataset.users.map { AccountRules.normalizeEmail($0.email) })
        var names = Set(dataset.users.map(\.displayName))
        let started = plans.filter(\.started)
        var organizations: [String] = []
        var institutions: [String] = []
        for plan in started {
            if !organizations.contains(plan.organization) { organizations.append(plan.organization) }
            if let institution = plan.institution, !institutions.contains(institution) {
                institutions.append(institution)
            }
        }
        for organization in organizations
        where !supervisors.contains(where: { $0.kind == .workplace && $0.affiliation == organization }) {
            let own = started.filter { $0.organization == organization }
            let website = dataset.organizations.first { $0.key == organization }?.website
            let domain = website.flatMap { URL(string: $0)?.host } ?? "\(organization).example"
            try createSupervisor(
                session, kind: .workplace, affiliation: organization, plans: own, domain: domain,
                title: DemoPlacementTexts.workplaceTitle(own.first?.category ?? .other), passwordHash: passwordHash,
                emails: &emails, names: &names, counts: &counts)
        }
        for institution in institutions
        where !supervisors.contains(where: { $0.kind == .academic && $0.affiliation == institution }) {
            var random = DemoRandom(seed: "title of \(institution)")
            try createSupervisor(
                session, kind: .academic, affiliation: institution,
                plans: started.filter { $0.institution == institution }, domain: "\(institution).ac.example",
                title: random.pick(DemoPlacementTexts.academicTitles, or: "Lecturer"), passwordHash: passwordHash,
                emails: &emails, names: &names, counts: &counts)
        }
    }

    /// One generated supervisor: a name and phone drawn from the affiliation's key, an email at its
    /// domain, an account older than the first placement it supervises.
    private mutating func createSupervisor(
        _ session: any StoreWriter, kind: SupervisorKind, affiliation: String, plans: [Plan], domain: String,
        title: String, passwordHash: String, emails: inout Set<String>, names: inout Set<String>,
        counts: inout DemoSeedCounts
    ) throws {
        let record = "\(kind.label) supervisor generated for \(affiliation)"
        var random = DemoRandom(seed: "\(kind.rawValue) supervisor of \(affiliation)")
        // A family name no other generated supervisor has, while there are some left.
        var chosen: (name: String, last: String, email: String)?
        for attempt in 0..<400 where chosen == nil {
            let first = random.pick(DemoPlacementTexts.firstNames, or: "Grace")
            let last = random.pick(DemoPlacementTexts.lastNames, or: "Mwangi")
            let local = kind == .academic ? "lecturer.\(last)" : "\(first).\(last)"
            let email = AccountRules.normalizeEmail("\(local)@\(domain)")
            if (attempt >= 200 || !generatedLastNames.contains(last)) && !emails.contains(email)
                && !names.contains("\(first) \(last)")
            {
                chosen = ("\(first) \(last)", last, email)
            }
        }
        guard let (name, last, email) = chosen else {
            throw DemoSeedError("demo data: \(record): no free name and email at \(domain)")
        }
        generatedLastNames.insert(last)
        let phone = "+2547" + (0..<8).map { _ in String(random.int(0...9)) }.joined()
        try DemoSeedError.check(record) { _ in
            try AccountRules.validate(email: email, displayName: name, phone: phone)
            try SupervisorRules.validate(title: title, capacity: SupervisorRules.defaultCapacity)
        }
        emails.insert(email)
        names.insert(name)
        // Created by the employer (or the institution's admin) a while before the first placement.
        let firstAcceptance = plans.map(\.offer.acceptedAt).min() ?? now
        let creator = dataset.users.first { user in
            kind == .workplace
                ? user.role == .employer && user.organization == affiliation
                : user.role == .institutionAdmin && user.institution == affiliation
        }
        let creatorSince = creator.map { now.addingTimeInterval(-Double($0.createdDaysAgo - 1) * 86_400) }
        let createdAt = min(
            max(
                firstAcceptance.addingTimeInterval(-Double(random.int(30...200)) * 86_400),
                creatorSince ?? .distantPast),
            firstAcceptance.addingTimeInterval(-86_400))
        let lastActivity = plans.contains { $0.isOpen } ? now : (plans.map(\.listing.endDate).max() ?? now)
        let lastLoginAt = min(now, lastActivity.addingTimeInterval(random.hours(-60...240)))
        let user = try session.insertUser(
            User(
                email: email, displayName: name, role: .supervisor, passwordHash: passwordHash, phone: phone,
                organizationID: kind == .workplace ? try lookup(keys.organizations, affiliation, record) : nil,
                institutionID: kind == .academic ? try lookup(keys.institutions, affiliation, record) : nil,
                createdAt: createdAt, lastLoginAt: max(createdAt, lastLoginAt)))
        try session.saveSupervisorProfile(SupervisorProfile(userID: user.id, title: title))
        supervisors.append(
            DemoSupervisor(
                id: user.id, name: name, email: email, kind: kind, affiliation: affiliation,
                capacity: SupervisorRules.defaultCapacity))
        counts.users += 1
    }

    /// Started placements get both supervisors; upcoming ones, from the earliest start, those that
    /// exist and have room (not in the first hours after the acceptance: nobody has assigned them yet).
    private mutating func assignSupervisors(_ plans: inout [Plan]) throws {
        let order =
            plans.filter(\.started).map(\.index)
            + plans.filter { !$0.started }.sorted {
                ($0.listing.startDate, $0.index) < ($1.listing.startDate, $1.index)
            }
            .map(\.index)
        for index in order {
            let plan = plans[index]
            if !plan.started && now.timeIntervalSince(plan.offer.acceptedAt) < 6 * 3600 { continue }
            plans[index].workplace = try pick(.workplace, plan.organization, for: plan)
            if let institution = plan.institution {
                plans[index].academic = try pick(.academic, institution, for: plan)
            }
        }
    }

    private mutating func pick(_ kind: SupervisorKind, _ affiliation: String, for plan: Plan) throws -> Int? {
        let found = supervisors.indices.first { index in
            let supervisor = supervisors[index]
            return supervisor.kind == kind && supervisor.affiliation == affiliation
                && (!plan.isOpen || supervisor.load < supervisor.capacity)
        }
        guard let found else {
            if plan.started {
                throw DemoSeedError(
                    "demo data: \(plan.record): no \(kind.label) supervisor with room at \(affiliation)")
            }
            return nil
        }
        if plan.isOpen { supervisors[found].load += 1 }
        return found
    }

    // MARK: Building one placement

    private struct Built {
        var placement: Placement
        var timeline: [PlacementTimelineEvent]
        var entries: [(entry: LogbookEntry, history: [LogbookEvent])]
        var evaluations: [Evaluation]
    }

    /// What happens to one week of the logbook.
    private enum WeekScript {
        /// Submitted (after a draft, or returned once and sent again) and approved.
        case approved(draftFirst: Bool, returnedOnce: Bool, late: Bool)
        /// Waiting for a supervisor.
        case submitted
        /// Submitted, returned with a comment, not sent again yet.
        case returned
        /// Saved, not submitted.
        case draft
        case excused(ExcuseReason)
    }

    private func build(_ plan: Plan, _ flavour: Flavour) throws -> Built {
        var random = DemoRandom(seed: "\(plan.offer.item.student) \(plan.offer.item.listing)")
        let createdAt = plan.offer.acceptedAt
        var placement = Placement(
            applicationID: plan.offer.application.id, studentID: plan.student, listingID: plan.listing.id,
            organizationID: plan.listing.organizationID,
            institutionID: try plan.institution.map { try lookup(keys.institutions, $0, plan.record) },
            startDate: plan.listing.startDate, endDate: plan.listing.endDate,
            workplaceSupervisorID: plan.workplace.map { supervisors[$0].id },
            academicSupervisorID: plan.academic.map { supervisors[$0].id }, status: .upcoming, createdAt: createdAt)
        var timeline = [
            PlacementTimelineEvent(
                placementID: 0, change: .created, actorID: plan.student, actorRole: .student, at: createdAt)
        ]
        // The assignments, before the start (and before now).
        let latest = min(plan.listing.startDate.addingTimeInterval(-6 * 3600), now.addingTimeInterval(-1800))
        var assignedAt = createdAt
        for (index, kind) in [(plan.workplace, SupervisorKind.workplace), (plan.academic, .academic)] {
            guard let index else { continue }
            let supervisor = supervisors[index]
            assignedAt = min(max(assignedAt.addingTimeInterval(random.hours(6...96)), createdAt), latest)
            let actor = kind == .workplace ? plan.listing.createdBy : institutionAdmin(plan.institution)
            timeline.append(
                PlacementTimelineEvent(
                    placementID: 0, change: .supervisorAssigned, actorID: actor,
                    actorRole: actor == nil ? nil : kind == .workplace ? .employer : .institutionAdmin, at: assignedAt,
                    note: "\(supervisor.name) as \(kind.label) supervisor", supervisorID: supervisor.id,
                    supervisorKind: kind))
        }
        guard plan.started else {
            placement.updatedAt = timeline.map(\.at).max() ?? createdAt
            return Built(placement: placement, timeline: timeline, entries: [], evaluations: [])
        }
        placement.status = try transition(.upcoming, .start, by: nil, plan)
        timeline.append(
            PlacementTimelineEvent(
                placementID: 0, change: .started, actorID: nil, actorRole: nil, at: plan.listing.startDate))

        let weeks = plan.weeks
        let terminatedWeek = max(2, weeks.midpointWeek - 1)
        let terminatedAt = weeks.weekStart(terminatedWeek).addingTimeInterval(random.hours(100...130))
        // Nothing in the logbook happens after this.
        let limit = plan.outcome == .terminated ? terminatedAt.addingTimeInterval(-3600) : now.addingTimeInterval(-3600)
        let scripts = scripts(plan, flavour, terminatedWeek: terminatedWeek, random: &random)
        var entries: [(entry: LogbookEntry, history: [LogbookEvent])] = []
        for week in scripts.keys.sorted() {
            guard let script = scripts[week] else { continue }
            entries.append(try entry(week, script, plan, limit: limit, random: &random))
        }
        let closedAt = entries.filter { $0.entry.status.closesWeek }.compactMap(\.history.last?.at).max()

        // Evaluations, by the workplace supervisor (midpoint, final, a correction) and the academic one.
        var evaluations: [Evaluation] = []
        // How well the intern does: most well, some adequately, a few poorly.
        let strength = random.pick([5, 4, 4, 3, 3, 3, 2, 2], or: 4)
        let midpointDue = weeks.weekStart(weeks.midpointWeek)
        let ended = plan.outcome == .completed || plan.outcome == .overdueAfterEnd
        if plan.outcome != .terminated && (ended || current(plan) > weeks.midpointWeek) {
            let at = min(midpointDue.addingTimeInterval(random.hours(40...120)), now.addingTimeInterval(-3 * 3600))
            evaluations.append(try evaluation(.midpoint, plan, strength: strength, at: at, random: &random))
        }
        let finalAt = min(weeks.end.addingTimeInterval(random.hours(20...90)), now.addingTimeInterval(-3 * 3600))
        if ended && finalAt > weeks.end {
            let final = try evaluation(
                .final, plan, strength: min(5, strength + (random.chance(0.25) ? 1 : 0)), at: finalAt, random: &random)
            evaluations.append(final)
            if flavour.corrected {
                evaluations.append(try correction(of: final, plan, random: &random))
            }
        }

        switch plan.outcome {
        case .terminated:
            placement.status = try transition(placement.status, .terminate, by: .employer, plan)
            let reason = DemoPlacementTexts.terminationReason
            try DemoSeedError.check(plan.record) { _ in try PlacementLifecycle.validateReason(reason) }
            placement.statusReason = reason
            timeline.append(
                PlacementTimelineEvent(
                    placementID: 0, change: .terminated, actorID: plan.listing.createdBy, actorRole: .employer,
                    at: terminatedAt, note: reason))
        case .completed:
            guard let closedAt, let firstFinal = evaluations.first(where: { $0.kind == .final })?.submittedAt else {
                throw DemoSeedError(
                    "demo data: \(plan.record): a completed placement needs its logbook and final evaluation")
            }
            let completedAt = max(closedAt, firstFinal, weeks.end.addingTimeInterval(2 * 3600))
            placement.status = try transition(placement.status, .complete, by: nil, plan)
            placement.completedAt = completedAt
            timeline.append(
                PlacementTimelineEvent(
                    placementID: 0, change: .completed, actorID: nil, actorRole: nil, at: completedAt))
            // A correction submitted after the completion changes nothing until the assessment.
            let academicAt = min(
                max(completedAt, evaluations.last?.submittedAt ?? completedAt).addingTimeInterval(
                    random.hours(40...200)),
                now.addingTimeInterval(-3600))
            evaluations.append(
                try evaluation(.academic, plan, strength: strength, at: academicAt, random: &random))
            let result = FinalResult.compute(
                rubric: .standard, weeksOnTime: LogbookRules.weeksOnTime(entries, calendar: weeks),
                weeks: weeks.weekCount,
                midpoint: evaluations.last { $0.kind == .midpoint }, final: evaluations.last { $0.kind == .final },
                academic: evaluations.last { $0.kind == .academic })
            guard let result else { throw DemoSeedError("demo data: \(plan.record): no final result") }
            placement.result = result
            timeline.append(
                PlacementTimelineEvent(
                    placementID: 0, change: .graded, actorID: nil, actorRole: nil, at: academicAt,
                    note: result.summary))
        default:
            break
        }
        timeline = timeline.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        placement.updatedAt = timeline.map(\.at).max() ?? createdAt
        return Built(placement: placement, timeline: timeline, entries: entries, evaluations: evaluations)
    }

    /// Which weeks have an entry and what happens to each (a week left out has none).
    private func scripts(_ plan: Plan, _ flavour: Flavour, terminatedWeek: Int, random: inout DemoRandom)
        -> [Int: WeekScript]
    {
        let weeks = plan.weeks
        let current = current(plan)
        var scripts: [Int: WeekScript] = [:]
        func approved(_ week: Int, olderThan newest: Int) -> WeekScript {
            let returnedOnce = week <= newest - 3 && random.chance(0.12)
            return .approved(
                draftFirst: random.chance(0.35), returnedOnce: returnedOnce,
                late: !returnedOnce && week <= newest - 3 && random.chance(0.1))
        }
        switch plan.outcome {
        case .upcoming:
            return [:]
        case .active:
            let twoWaiting = current >= 4 && random.chance(0.4)
            for week in stride(from: 1, through: current - 1, by: 1) {
                let waiting = week == current - 1 || (twoWaiting && week == current - 2)
                scripts[week] = waiting ? .submitted : approved(week, olderThan: current)
            }
            if now.timeIntervalSince(weeks.weekStart(current)) >= 3 * 86_400 { scripts[current] = .draft }
            if let excuse = flavour.excuse, current >= 5 {
                scripts[random.int(2...(current - 3))] = .excused(excuse)
            }
        case .showcase:
            for week in stride(from: 1, through: current - 3, by: 1) {
                scripts[week] = approved(week, olderThan: current)
            }
            if current >= 3 { scripts[current - 2] = .returned }
            // current - 1 is missing: overdue once its due date has passed.
            scripts[current] = .submitted
        case .overdueAfterEnd:
            for week in stride(from: 1, through: weeks.weekCount - 1, by: 1) {
                scripts[week] = approved(week, olderThan: weeks.weekCount)
            }
        case .completed:
            for week in 1...weeks.weekCount {
                scripts[week] = approved(week, olderThan: weeks.weekCount + 1)
            }
            if flavour.corrected && weeks.weekCount >= 3 {
                scripts[2] = .approved(draftFirst: true, returnedOnce: true, late: false)
            }
            if let excuse = flavour.excuse, weeks.weekCount >= 4 {
                scripts[random.int(2...(weeks.weekCount - 2))] = .excused(excuse)
            }
        case .terminated:
            for week in stride(from: 1, through: terminatedWeek - 1, by: 1) {
                scripts[week] = approved(week, olderThan: terminatedWeek)
            }
        }
        return scripts
    }

    /// One week's entry and its history, each step checked against the logbook rules.
    private func entry(_ week: Int, _ script: WeekScript, _ plan: Plan, limit: Date, random: inout DemoRandom)
        throws -> (entry: LogbookEntry, history: [LogbookEvent])
    {
        let weeks = plan.weeks
        let organization = dataset.organizations.first { $0.key == plan.organization }?.name ?? "the organization"
        var content = DemoPlacementTexts.content(
            category: plan.category, week: week, of: weeks.weekCount, skills: plan.listing.terms.requiredSkills,
            organization: organization, random: &random)
        var builder = EntryBuilder(week: week, calendar: weeks, record: plan.record)
        let earliest = weeks.weekStart(week).addingTimeInterval(30 * 3600)
        func clamp(_ date: Date) -> Date { max(earliest, min(date, limit)) }
        // On time: around the end of the week, well before the due date; late: a day or two after it.
        let onTime = clamp(weeks.weekEnd(week).addingTimeInterval(random.hours(-30...36)))
        let reviewer = { (random: inout DemoRandom) -> UserID? in
            let academic = plan.academic.map { self.supervisors[$0].id }
            let workplace = plan.workplace.map { self.supervisors[$0].id }
            return random.chance(0.8) ? workplace ?? academic : academic ?? workplace
        }
        var note: (text: String, at: Date)?
        switch script {
        case .approved(let draftFirst, let returnedOnce, let late):
            let submittedAt = late ? clamp(weeks.due(week).addingTimeInterval(random.hours(28...58))) : onTime
            if draftFirst {
                try builder.student(
                    .save, plan.student, at: clamp(submittedAt.addingTimeInterval(random.hours(-50...(-20)))))
            }
            try builder.student(.submit, plan.student, at: submittedAt)
            var last = submittedAt
            if returnedOnce, let supervisor = plan.workplace.map({ supervisors[$0].id }) {
                let comment = fill(random.pick(DemoPlacementTexts.returnComments, or: ""), plan)
                last = min(last.addingTimeInterval(random.hours(20...44)), limit)
                try builder.supervisor(.return(comment: comment), supervisor, at: last, comment: comment)
                content = DemoPlacementTexts.revised(content, random: &random)
                last = min(awayFromDue(last.addingTimeInterval(random.hours(20...40)), week, weeks), limit)
                try builder.student(.submit, plan.student, at: last)
            }
            guard let approver = reviewer(&random) else {
                throw DemoSeedError("demo data: \(plan.record): week \(week) has nobody to approve it")
            }
            let comment =
                random.chance(0.3) ? fill(random.pick(DemoPlacementTexts.approvalComments, or: ""), plan) : nil
            let approvedAt = min(last.addingTimeInterval(random.hours(12...60)), limit)
            try builder.supervisor(.approve, approver, at: approvedAt, comment: comment)
            if random.chance(0.12) {
                note = (
                    random.pick(DemoPlacementTexts.privateNotes, or: ""), min(approvedAt.addingTimeInterval(600), limit)
                )
            }
        case .submitted:
            let submittedAt = min(onTime, now.addingTimeInterval(-random.hours(4...20)))
            try builder.student(.submit, plan.student, at: max(earliest, submittedAt))
        case .returned:
            guard let supervisor = plan.workplace.map({ supervisors[$0].id }) else {
                throw DemoSeedError("demo data: \(plan.record): week \(week) has nobody to return it")
            }
            try builder.student(.submit, plan.student, at: onTime)
            let comment = fill(random.pick(DemoPlacementTexts.returnComments, or: ""), plan)
            try builder.supervisor(
                .return(comment: comment), supervisor, at: min(onTime.addingTimeInterval(random.hours(20...44)), limit),
                comment: comment)
        case .draft:
            try builder.student(.save, plan.student, at: clamp(now.addingTimeInterval(-random.hours(3...30))))
        case .excused(let reason):
            guard let academic = plan.academic.map({ supervisors[$0].id }) else {
                throw DemoSeedError("demo data: \(plan.record): only the academic supervisor excuses a week")
            }
            let notes = reason == .illness ? DemoPlacementTexts.illnessNotes : DemoPlacementTexts.holidayNotes
            let text = random.pick(notes, or: "")
            try builder.supervisor(
                .excuse(reason, note: text), academic,
                at: min(weeks.weekEnd(week).addingTimeInterval(random.hours(24...72)), limit),
                comment: reason.label + ": " + text)
        }
        if case .excused = script {
            content = LogbookContent(activities: "", hours: 0)
        } else {
            try DemoSeedError.check("\(plan.record), week \(week)") { _ in try content.validate() }
        }
        return builder.finish(placementContent: content, privateNote: note)
    }

    /// `date`, or a day after the due date when it is within a day of it: whether an entry was on
    /// time must not depend on the time zone the service's calendar uses.
    private func awayFromDue(_ date: Date, _ week: Int, _ weeks: PlacementCalendar) -> Date {
        let due = weeks.due(week)
        return abs(date.timeIntervalSince(due)) < 26 * 3600 ? due.addingTimeInterval(27 * 3600) : date
    }

    private func fill(_ text: String, _ plan: Plan) -> String {
        text.replacingOccurrences(of: "{skill}", with: plan.listing.terms.requiredSkills.first ?? "the main task")
    }

    /// A workplace evaluation (midpoint or final) or the academic assessment, checked against the
    /// evaluation rules and their window.
    private func evaluation(
        _ kind: EvaluationKind, _ plan: Plan, strength: Int, at: Date, random: inout DemoRandom
    ) throws -> Evaluation {
        let criteria = Rubric.standard.criteria(for: kind)
        let scores = criteria.map { criterion in
            CriterionScore(
                criterion: criterion.key, score: min(5, max(1, strength + random.pick([-1, 0, 0, 0, 1], or: 0))))
        }
        let mean = scores.isEmpty ? Double(strength) : Double(scores.map(\.score).reduce(0, +)) / Double(scores.count)
        let overall = min(5, max(1, Int(mean.rounded())))
        let first = studentFirstName(plan)
        let organization = dataset.organizations.first { $0.key == plan.organization }?.name ?? "the organization"
        let draft: EvaluationDraft
        if kind == .academic {
            let grade: Grade =
                switch strength {
                case 5...: .distinction
                case 4: .merit
                case 3: random.chance(0.5) ? .merit : .pass
                default: .pass
                }
            draft = EvaluationDraft(
                grade: grade,
                comment: DemoPlacementTexts.academicComment(
                    grade, first: first, organization: organization, weeks: plan.weeks.weekCount, random: &random))
        } else {
            draft = EvaluationDraft(
                scores: scores, overall: overall,
                comment: DemoPlacementTexts.evaluationComment(
                    kind, overall: overall, first: first,
                    skill: plan.listing.terms.requiredSkills.first ?? "the core tasks", organization: organization,
                    random: &random))
        }
        return try submit(kind, draft, version: 1, plan, at: at)
    }

    /// The final evaluation again, one score changed, with the reason.
    private func correction(of final: Evaluation, _ plan: Plan, random: inout DemoRandom) throws -> Evaluation {
        var scores = final.scores
        if let index = scores.firstIndex(where: { $0.criterion == "communication" }) ?? scores.indices.first {
            scores[index].score = scores[index].score >= 5 ? 4 : scores[index].score + 1
        }
        let draft = EvaluationDraft(
            scores: scores, overall: final.overall, comment: final.comment,
            correctionReason: DemoPlacementTexts.correctionReason)
        let at = min(final.submittedAt.addingTimeInterval(random.hours(20...50)), now.addingTimeInterval(-2 * 3600))
        return try submit(.final, draft, version: final.version + 1, plan, at: at)
    }

    private func submit(_ kind: EvaluationKind, _ draft: EvaluationDraft, version: Int, _ plan: Plan, at: Date)
        throws -> Evaluation
    {
        let record = "\(plan.record), \(kind.label) v\(version)"
        let criteria = Rubric.standard.criteria(for: kind)
        try DemoSeedError.check(record) { _ in
            try EvaluationRules.validate(draft, kind: kind, criteria: criteria, correcting: version > 1)
        }
        // The academic assessment follows the final evaluation, whatever the placement's state then.
        let status: PlacementStatus = kind == .midpoint || (kind == .final && version == 1) ? .active : .completed
        if let refusal = EvaluationRules.window(
            kind, placement: status, calendar: plan.weeks, finalSubmitted: kind == .academic, at: at)
        {
            throw DemoSeedError("demo data: \(record): \(refusal.message)")
        }
        let author = kind.author == .workplace ? plan.workplace : plan.academic
        guard let author = author.map({ supervisors[$0].id }) else {
            throw DemoSeedError("demo data: \(record): no \(kind.author.label) supervisor to write it")
        }
        return Evaluation(
            placementID: 0, kind: kind, version: version, authorID: author, rubricVersion: Rubric.standard.version,
            criteria: criteria, scores: draft.scores, overall: kind == .academic ? nil : draft.overall,
            grade: kind == .academic ? draft.grade : nil, comment: draft.comment,
            correctionReason: version > 1 ? draft.correctionReason : nil, submittedAt: at)
    }

    // MARK: Writing

    private func save(_ built: Built, of plan: Plan, _ session: any StoreWriter, counts: inout DemoSeedCounts)
        throws
    {
        let placement = try session.insertPlacement(built.placement)
        for var event in built.timeline {
            event.placementID = placement.id
            _ = try session.appendPlacementEvent(event)
        }
        for (entry, history) in built.entries {
            var entry = entry
            entry.placementID = placement.id
            let saved = try session.insertLogbookEntry(entry)
            for var event in history {
                event.entryID = saved.id
                _ = try session.appendLogbookEvent(event)
            }
        }
        for var evaluation in built.evaluations.sorted(by: { $0.submittedAt < $1.submittedAt }) {
            evaluation.placementID = placement.id
            _ = try session.insertEvaluation(evaluation)
        }
        counts.placements += 1
        counts.logbookEntries += built.entries.count
        counts.evaluations += built.evaluations.count
    }

    // MARK: Helpers

    private func transition(_ status: PlacementStatus, _ event: PlacementEvent, by role: Role?, _ plan: Plan) throws
        -> PlacementStatus
    {
        switch PlacementLifecycle.transition(from: status, on: event, by: role) {
        case .success(let target): return target
        case .failure(let refusal): throw DemoSeedError("demo data: \(plan.record): \(refusal.message)")
        }
    }

    /// Weeks approved on time (first submitted by the due date) or excused, as the service counts them.
    /// The institution's first active admin, who assigns its academic supervisors; nil when it has none.
    private func institutionAdmin(_ institution: String?) -> UserID? {
        guard let institution else { return nil }
        return dataset.users.first {
            $0.role == .institutionAdmin && $0.institution == institution && $0.status == .active
        }
        .flatMap { keys.users[$0.key]?.id }
    }

    private func studentFirstName(_ plan: Plan) -> String {
        let name = dataset.users.first { $0.key == plan.offer.item.student }?.displayName ?? "The intern"
        return name.split(separator: " ").first.map(String.init) ?? name
    }

    /// `EDU-XXXX-XXXX-XXXX`, like the service's, drawn from a fixed seed; unique.
    private mutating func completionCode() -> String {
        while true {
            let characters = (0..<12).map { _ in String(codeRandom.pick(Self.codeAlphabet, or: "A")) }
            let code =
                "EDU-"
                + stride(from: 0, to: 12, by: 4).map { characters[$0..<($0 + 4)].joined() }.joined(separator: "-")
            if codes.insert(code).inserted { return code }
        }
    }

    private func lookup<Value>(_ table: [String: Value], _ key: String, _ record: String) throws -> Value {
        guard let value = table[key] else { throw DemoSeedError("demo data: \(record): no record with key \"\(key)\"") }
        return value
    }
}

/// One logbook entry's history as it is built: each step goes through `LogbookRules.transition`, a
/// student's through `LogbookRules.canWrite`, and time only moves forward.
private struct EntryBuilder {
    let week: Int
    let calendar: PlacementCalendar
    let record: String
    private(set) var status: LogbookStatus?
    private var events: [LogbookEvent] = []
    private var submittedAt: Date?
    private var approvedBy: UserID?
    private var comment: String?
    private var excuse: ExcuseReason?
    private var updatedAt: Date?

    init(week: Int, calendar: PlacementCalendar, record: String) {
        self.week = week
        self.calendar = calendar
        self.record = record
    }

    mutating func student(_ action: LogbookAction, _ student: UserID, at date: Date) throws {
        if let refusal = LogbookRules.canWrite(week: week, of: calendar, status: .active, at: date) {
            throw DemoSeedError("demo data: \(record), week \(week): \(refusal.message)")
        }
        try apply(action, student, .student, at: date, comment: nil)
        if action == .submit { submittedAt = date }
    }

    mutating func supervisor(_ action: LogbookAction, _ supervisor: UserID, at date: Date, comment: String?) throws {
        try apply(action, supervisor, .supervisor, at: date, comment: comment)
        switch action {
        case .approve:
            approvedBy = supervisor
            self.comment = comment ?? self.comment
        case .return(let text):
            self.comment = text
        case .excuse(let reason, let note):
            excuse = reason
            self.comment = note
        default:
            break
        }
    }

    private mutating func apply(_ action: LogbookAction, _ actor: UserID, _ role: Role, at date: Date, comment: String?)
        throws
    {
        let target: LogbookStatus
        switch LogbookRules.transition(from: status, on: action, by: role) {
        case .success(let next): target = next
        case .failure(let error): throw DemoSeedError("demo data: \(record), week \(week): \(error.message)")
        }
        if let last = updatedAt, date < last {
            throw DemoSeedError("demo data: \(record), week \(week): the history goes back in time")
        }
        if target != status {
            events.append(
                LogbookEvent(
                    entryID: 0, from: status, to: target, actorID: actor, actorRole: role, at: date, comment: comment))
        }
        status = target
        updatedAt = date
    }

    func finish(placementContent content: LogbookContent, privateNote: (text: String, at: Date)?)
        -> (entry: LogbookEntry, history: [LogbookEvent])
    {
        let changed = updatedAt ?? calendar.weekStart(week)
        return (
            LogbookEntry(
                placementID: 0, week: week, content: content, status: status ?? .draft, supervisorComment: comment,
                privateNote: privateNote?.text, excuse: excuse, approvedBy: approvedBy, submittedAt: submittedAt,
                updatedAt: max(changed, privateNote?.at ?? changed)),
            events
        )
    }
}
