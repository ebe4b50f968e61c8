public import EdulinkCore
public import Foundation

/// Fills an empty database with the demo dataset, in one transaction.
///
/// The dataset is an import of fixtures whose dates lie in the past, which the service's rules
/// ("the deadline is in the future") would refuse, so the seeder writes through the store
/// directly. It still checks every record against the rules that do not depend on the date
/// (text limits, control characters, the application state machine) and fails loudly, naming the
/// record, when the data breaks one.
///
/// After the applications it writes the placements (see `DemoPlacementImport`): one per accepted
/// offer, with its supervisors, logbook, evaluations and completion, as the service would have made
/// them up to `now`.
///
/// Then it runs the scheduled jobs once, as of `now` (`EdulinkService.runScheduledJobs`), as a
/// running Edulink would have by then: listings past their deadline close, offers past their expiry
/// are declined, saved listings' deadline reminders and saved searches' new-match alerts are sent,
/// old rows are pruned, the search index's segments are merged. The dataset makes none of those
/// up, so the demo shows what the code does, and a `jobs run` right after the seeding finds
/// (almost) nothing to do. Their messages go to
/// `transport` (the demo's addresses are made up: a spool folder, never a mail server); nil leaves
/// them queued.
///
/// ```swift
/// let seeder = DemoSeeder(hasher: BcryptHasher(), now: Date())
/// let counts = try await seeder.seed(try DemoSeeder.loadBundledDataset(), into: store)
/// print(counts.summary)  // 17 institutions, 53 organizations, …
/// print(counts.jobs.summary)  // 12 listings closed, 10 reminders, …
/// ```
public struct DemoSeeder: Sendable {
    /// The password of every demo account.
    public static let demoPassword = "demo-password"

    public var hasher: any PasswordHasher
    /// "Today" of the dataset: its `…days_ago` and `…in_days` count from here.
    public var now: Date
    /// Where the audit event says the seeding came from.
    public var origin: Origin
    /// The platform's calendar, for the scheduled jobs' "per day" rules.
    public var calendar: Calendar

    public init(hasher: any PasswordHasher, now: Date, origin: Origin = .cli, calendar: Calendar = .current) {
        self.hasher = hasher
        self.now = now
        self.origin = origin
        self.calendar = calendar
    }

    /// The dataset shipped in `data/demo-dataset.json`, checked for a supported schema version.
    public static func loadBundledDataset() throws -> DemoDataset {
        let dataset = try DemoDataset.load(from: try DemoResources.demoDatasetURL)
        guard dataset.schemaVersion == DemoDataset.supportedSchemaVersion else {
            throw DemoSeedError(
                "demo-dataset.json has schema version \(dataset.schemaVersion); this Edulink reads version "
                    + "\(DemoDataset.supportedSchemaVersion)")
        }
        return dataset
    }

    /// Checks the whole dataset, writes it into `store` in one transaction, then runs the scheduled
    /// jobs once as of `now`, their messages delivered through `transport` (nil: left queued).
    @discardableResult
    public func seed(_ dataset: DemoDataset, into store: any Store, transport: (any OutboxTransport)? = nil)
        async throws -> DemoSeedCounts
    {
        let passwordHash = hasher.hash(Self.demoPassword)  // bcrypt is slow: once for every account
        let at = now
        let origin = origin
        var counts = try await store.write { session in
            var run = DemoImport(dataset: dataset, now: at)
            return try run.write(into: session, passwordHash: passwordHash, origin: origin)
        }
        let jobs = EdulinkService(
            environment: ServiceEnvironment(
                store: store, clock: ManualTimeSource(now), hasher: hasher,
                passwordPolicy: PasswordPolicy(commonPasswords: []), calendar: calendar))
        counts.jobs = try await jobs.runScheduledJobs(transport: transport)
        // The jobs' search index upkeep needs the store's maintenance tools, which this service
        // goes without (with them it would also grade the health checks and alert the admins of
        // what only a real deployment has, such as backups); a running Edulink's jobs would have
        // merged the segments the import wrote by now.
        if let maintenance = store as? any StoreMaintenance {
            counts.jobs.searchIndexSegmentsMerged =
                try await maintenance.tidySearchIndex(pages: EdulinkService.searchIndexPagesPerRun)?.merged ?? 0
        }
        return counts
    }
}

/// How many records the seeder wrote.
public struct DemoSeedCounts: Sendable, Equatable, Codable {
    public var institutions = 0
    public var organizations = 0
    public var users = 0
    public var listings = 0
    public var applications = 0
    public var placements = 0
    public var logbookEntries = 0
    public var evaluations = 0
    public var notifications = 0
    public var savedListings = 0
    public var savedSearches = 0
    public var registrationCodes = 0
    /// What the scheduled jobs did when they ran at the end of the seeding.
    public var jobs = JobReport()

    public init() {}

    /// `17 institutions, 53 organizations, 259 users, 321 listings, 893 applications, 47 placements, …`.
    public var summary: String {
        [
            (institutions, "institutions"), (organizations, "organizations"), (users, "users"),
            (listings, "listings"), (applications, "applications"), (placements, "placements"),
            (logbookEntries, "logbook entries"), (evaluations, "evaluations"), (notifications, "notifications"),
            (savedListings, "saved listings"), (savedSearches, "saved searches"),
            (registrationCodes, "registration codes"),
        ].map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}

/// Bad demo data: which record and what is wrong with it.
public struct DemoSeedError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// Runs the Core validators for one record; their field messages become one loud error.
    static func check(_ record: String, _ rules: (inout FieldValidator) throws -> Void) throws {
        var validator = FieldValidator()
        do {
            try rules(&validator)
            try validator.check()
        } catch let error as EdulinkError {
            throw DemoSeedError("demo data: \(record): \(error.message)")
        }
    }
}

/// One run of the seeder inside a write transaction: checks each record, converts it to the Core
/// types, writes it, and remembers its id by key for the records that refer to it.
private struct DemoImport {
    let dataset: DemoDataset
    let now: Date
    let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    private var institutions: [String: InstitutionID] = [:]
    private var organizations: [String: OrganizationID] = [:]
    private var users: [String: (id: UserID, role: Role)] = [:]
    private var listings: [String: Listing] = [:]
    /// Each application by its student's and its listing's keys (what a notification links to).
    private var applications: [String: ApplicationID] = [:]
    /// The applications whose timeline ends in `accepted`, in dataset order.
    private var accepted: [AcceptedOffer] = []
    private var counts = DemoSeedCounts()

    init(dataset: DemoDataset, now: Date) {
        self.dataset = dataset
        self.now = now
    }

    func daysAgo(_ days: Int) -> Date { now.addingTimeInterval(-Double(days) * 86_400) }
    func inDays(_ days: Int) -> Date { now.addingTimeInterval(Double(days) * 86_400) }

    mutating func write(into session: any StoreWriter, passwordHash: String, origin: Origin) throws
        -> DemoSeedCounts
    {
        try writeInstitutions(session)
        try writeOrganizations(session)
        try writeUsers(session, passwordHash: passwordHash)
        try writeProfiles(session)
        try writeListings(session)
        try writeApplications(session)
        var placements = DemoPlacementImport(
            dataset: dataset, now: now, calendar: calendar,
            keys: DemoKeys(
                institutions: institutions, organizations: organizations, users: users, listings: listings),
            offers: accepted)
        try placements.write(into: session, passwordHash: passwordHash, counts: &counts)
        try writeActivity(session)
        try writeRegistrationCodes(session)
        try session.insertAudit(
            AuditEvent(
                actorID: nil, actorRole: nil, action: "demo.seed", entity: "database", entityID: nil,
                summary: "loaded the demo dataset: \(counts.summary)", at: now, origin: origin))
        return counts
    }

    // MARK: Registration codes

    private mutating func writeRegistrationCodes(_ session: any StoreWriter) throws {
        let key = DemoRegistrationCodes.institution
        guard let id = institutions[key], let institution = dataset.institutions.first(where: { $0.key == key })
        else { return }
        let office = dataset.users.first { $0.role == .institutionAdmin && $0.institution == key }
        let students = dataset.users.filter { $0.role == .student && $0.institution == key }
            .sorted { $0.createdDaysAgo > $1.createdDaysAgo }
            .compactMap { user in users[user.key].map { (email: user.email, id: $0.id) } }
        counts.registrationCodes = try DemoRegistrationCodes(now: now, calendar: calendar).write(
            into: session, institution: id, shortCode: institution.shortCode,
            creator: office.flatMap { users[$0.key]?.id }, students: students)
    }

    // MARK: People and organizations

    private mutating func writeInstitutions(_ session: any StoreWriter) throws {
        for item in dataset.institutions {
            let record = "institution \(item.key)"
            let name = TextRules.clean(item.name)
            let shortCode = TextRules.clean(item.shortCode)
            try check(record) { v in
                v.text("name", name, label: "Name", range: 2...200)
                v.text("short_code", shortCode, label: "Short code", range: 1...20)
            }
            let institution = try session.insertInstitution(
                Institution(
                    name: name, shortCode: shortCode, type: item.type, verified: item.verified))
            try remember(&institutions, item.key, institution.id, record)
            counts.institutions += 1
        }
    }

    private mutating func writeOrganizations(_ session: any StoreWriter) throws {
        // The dataset has no creation date for organizations: the oldest of their accounts and listings.
        var oldest: [String: Int] = [:]
        for user in dataset.users {
            if let key = user.organization { oldest[key] = max(oldest[key] ?? 0, user.createdDaysAgo) }
        }
        for listing in dataset.listings {
            oldest[listing.organization] = max(oldest[listing.organization] ?? 0, listing.createdDaysAgo)
        }
        for item in dataset.organizations {
            let record = "organization \(item.key)"
            let organization = Organization(
                name: item.name, industry: item.industry, size: item.size, website: item.website,
                location: item.location, description: item.description, verified: item.verified,
                createdAt: daysAgo(oldest[item.key] ?? 0)
            ).cleaned()
            try check(record) { _ in try organization.validate() }
            let inserted = try session.insertOrganization(organization)
            try remember(&organizations, item.key, inserted.id, record)
            counts.organizations += 1
        }
    }

    private mutating func writeUsers(_ session: any StoreWriter, passwordHash: String) throws {
        for item in dataset.users {
            let record = "user \(item.key)"
            let email = AccountRules.normalizeEmail(item.email)
            let name = TextRules.clean(item.displayName)
            let phone = item.phone.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
            try check(record) { _ in try AccountRules.validate(email: email, displayName: name, phone: phone) }
            let role: Role = item.role
            let user = try session.insertUser(
                User(
                    email: email, displayName: name, role: role, status: item.status == .active ? .active : .disabled,
                    passwordHash: passwordHash, phone: phone,
                    organizationID: try item.organization.map { try lookup(organizations, $0, record) },
                    institutionID: try item.institution.map { try lookup(institutions, $0, record) },
                    createdAt: daysAgo(item.createdDaysAgo), lastLoginAt: item.lastLoginDaysAgo.map(daysAgo)))
            try remember(&users, item.key, (user.id, role), record)
            counts.users += 1
        }
    }

    private func writeProfiles(_ session: any StoreWriter) throws {
        let created = Dictionary(
            dataset.users.map { ($0.key, $0.createdDaysAgo) }, uniquingKeysWith: { first, _ in first })
        for item in dataset.studentProfiles {
            let record = "student profile of \(item.user)"
            let user = try lookup(users, item.user, record)
            guard user.role == .student else { throw DemoSeedError("demo data: \(record): the user is not a student") }
            let profile = StudentProfile(
                userID: user.id, institutionID: try item.institution.map { try lookup(institutions, $0, record) },
                content: ProfileContent(
                    registrationNumber: item.registrationNumber, yearOfStudy: item.yearOfStudy, course: item.course,
                    skills: item.skills, interests: item.interests, githubURL: item.github, linkedinURL: item.linkedin,
                    websiteURL: item.website, resumePath: item.resumePath, bio: item.bio),
                updatedAt: daysAgo(created[item.user] ?? 0)
            ).cleaned()
            try check(record) { _ in try profile.validate() }
            try session.saveProfile(profile)
        }
    }

    // MARK: Listings

    private mutating func writeListings(_ session: any StoreWriter) throws {
        let verifier = dataset.users.first { $0.role == .admin }.flatMap { users[$0.key]?.id }
        for item in dataset.listings {
            let record = "listing \(item.key)"
            let stipend: Stipend?
            switch (item.stipend, item.currency) {
            case (let amount?, let currency?):
                stipend = Stipend(amount: amount, currency: currency)
            case (nil, nil): stipend = nil
            default: throw DemoSeedError("demo data: \(record): stipend and currency must be set together")
            }
            let draft = ListingDraft(
                title: item.title, description: item.description, category: item.category,
                level: item.experienceLevel, locationType: item.locationType,
                location: item.location, startDate: inDays(item.startInDays), endDate: inDays(item.endInDays),
                durationWeeks: item.durationWeeks, stipend: stipend, requiredSkills: item.requiredSkills,
                preferredSkills: item.preferredSkills, eligibleYears: item.eligibleYears,
                eligibleCourses: item.eligibleCourses, deadline: inDays(item.deadlineInDays), capacity: item.capacity,
                positions: item.positions, visibility: item.visibility,
                institutionID: try item.institution.map { try lookup(institutions, $0, record) },
                questions: item.screeningQuestions.map {
                    ScreeningQuestion(
                        prompt: $0.prompt, kind: $0.kind, choices: $0.choices,
                        required: $0.required)
                }
            ).cleaned()
            // The dates are historical: check them against the listing's own deadline, not today, so
            // that only the timeless rules (order of dates, duration, texts, limits) apply.
            try check(record) { [calendar] _ in
                try draft.validate(now: draft.deadline.addingTimeInterval(-1), calendar: calendar)
            }
            let status: ListingStatus = item.status
            let publishedAt = item.publishedDaysAgo.map(daysAgo)
            let isPublic = status == .published || status == .closed
            if isPublic && publishedAt == nil {
                throw DemoSeedError("demo data: \(record): a \(status.rawValue) listing needs published_days_ago")
            }
            let closedAt = status == .closed ? min(draft.deadline, now) : nil
            let listing = try session.insertListing(
                Listing(
                    organizationID: try lookup(organizations, item.organization, record),
                    createdBy: try lookup(users, item.createdBy, record).id,
                    terms: ListingDraft(
                        title: draft.title, description: draft.description, category: draft.category,
                        level: draft.level, locationType: draft.locationType, location: draft.location,
                        startDate: draft.startDate, endDate: draft.endDate, durationWeeks: draft.durationWeeks,
                        stipend: draft.stipend, requiredSkills: draft.requiredSkills,
                        preferredSkills: draft.preferredSkills, eligibleYears: draft.eligibleYears.sorted(),
                        eligibleCourses: draft.eligibleCourses, deadline: draft.deadline, capacity: draft.capacity,
                        positions: draft.positions, visibility: draft.visibility,
                        institutionID: draft.visibility == .institutionOnly ? draft.institutionID : nil,
                        questions: draft.questions), featured: item.featured, status: status,
                    statusReason: closedAt.map { $0 < now ? "deadline passed" : "closed by the employer" },
                    verifiedBy: isPublic ? verifier : nil, verifiedAt: isPublic ? publishedAt : nil,
                    createdAt: daysAgo(item.createdDaysAgo), updatedAt: closedAt ?? publishedAt,
                    publishedAt: isPublic ? publishedAt : nil, closedAt: closedAt))
            try remember(&listings, item.key, listing, record)
            counts.listings += 1
        }
    }

    // MARK: Applications

    private mutating func writeApplications(_ session: any StoreWriter) throws {
        for item in dataset.applications {
            let record = "application of \(item.student) to \(item.listing)"
            let student = try lookup(users, item.student, record)
            let listing = try lookup(listings, item.listing, record)
            let draft = ApplicationDraft(
                listingID: listing.id, coverLetter: item.coverLetter, answers: item.answers,
                resumePath: item.resumePath
            ).cleaned()
            try check(record) { v in
                try draft.validate(questions: listing.questions)
                if let rating = item.rating { v.number("rating", rating, label: "Rating", range: 1...5) }
                v.optionalText("notes", item.notes, label: "Notes", range: 1...5000, multiline: true)
            }
            let submittedAt = daysAgo(item.submittedDaysAgo)
            var stage = ApplicationStage(status: .pending)
            var events = [
                ApplicationEvent(
                    applicationID: 0, from: nil, to: .pending, actorID: student.id, actorRole: .student,
                    at: submittedAt, stage: stage)
            ]
            var reviewedAt: Date?
            for event in item.timeline {
                let target: ApplicationStatus = event.to
                let role: Role = [.accepted, .declined, .withdrawn].contains(target) ? .student : .employer
                if let refusal = ApplicationStateMachine.check(from: stage.status, to: target, by: role) {
                    throw DemoSeedError("demo data: \(record): \(refusal.message)")
                }
                let at = daysAgo(event.daysAgo)
                guard at >= (events.last?.at ?? submittedAt) else {
                    throw DemoSeedError("demo data: \(record): the timeline goes back in time at \(event.to.rawValue)")
                }
                let from = stage.status
                stage.status = target
                switch target {
                case .interviewScheduled:
                    guard let days = event.interviewInDays, let place = event.interviewPlace else {
                        throw DemoSeedError("demo data: \(record): an interview needs its day and place")
                    }
                    stage.interview = Interview(at: inDays(days), place: TextRules.clean(place))
                case .rejected:
                    guard let reason = event.reason else {
                        throw DemoSeedError("demo data: \(record): a rejection needs its reason")
                    }
                    stage.rejection = Rejection(reason: reason, note: event.note)
                case .offered:
                    stage.offerExpiresAt = inDays(
                        event.offerExpiresInDays ?? MoveValidation.defaultOfferDays)
                default:
                    break
                }
                if role == .employer && reviewedAt == nil { reviewedAt = at }
                events.append(
                    ApplicationEvent(
                        applicationID: 0, from: from, to: target,
                        actorID: role == .student ? student.id : listing.createdBy, actorRole: role, at: at,
                        reason: event.reason?.rawValue, note: event.note, stage: stage))
            }
            let application = try session.insertApplication(
                Application(
                    studentID: student.id, listingID: listing.id, status: stage.status, coverLetter: draft.coverLetter,
                    answers: draft.answers
                        + Array(repeating: "", count: max(0, listing.questions.count - draft.answers.count)),
                    resumePath: draft.resumePath, submittedAt: submittedAt, updatedAt: events.last?.at,
                    reviewedAt: reviewedAt, rating: item.rating, notes: item.notes, interview: stage.interview,
                    rejection: stage.rejection, offerExpiresAt: stage.offerExpiresAt))
            for var event in events {
                event.applicationID = application.id
                _ = try session.appendEvent(event)
            }
            applications[Self.applicationKey(student: item.student, listing: item.listing)] = application.id
            if stage.status == .accepted, let acceptedAt = events.last?.at {
                accepted.append(AcceptedOffer(item: item, application: application, acceptedAt: acceptedAt))
            }
            counts.applications += 1
        }
    }

    // MARK: Notifications and saved items

    private mutating func writeActivity(_ session: any StoreWriter) throws {
        for (index, item) in dataset.notifications.enumerated() {
            let record = "notification \(index + 1) (\(item.user))"
            try check(record) { v in
                v.text("title", item.title, label: "Title", range: 1...200)
                v.text("body", item.body, label: "Body", range: 1...2000, multiline: true)
            }
            let createdAt = daysAgo(item.daysAgo)
            // What Enter opens, as the service links its own notifications: the application (the
            // student's own, or an applicant's for the employer) when there is one, else the listing.
            let listing = try item.listing.map { try lookup(listings, $0, record) }
            let application = item.listing.flatMap { listing in
                applications[Self.applicationKey(student: item.applicant ?? item.user, listing: listing)]
            }
            if let applicant = item.applicant, application == nil {
                throw DemoSeedError("demo data: \(record): no application of \"\(applicant)\" to its listing")
            }
            _ = try session.insertNotification(
                Notification(
                    userID: try lookup(users, item.user, record).id, kind: item.kind, title: item.title,
                    body: item.body, createdAt: createdAt,
                    readAt: item.read ? min(createdAt.addingTimeInterval(3600), now) : nil,
                    applicationID: application,
                    listingID: listing?.id))
            counts.notifications += 1
        }
        for item in dataset.savedListings {
            let record = "saved listing \(item.listing) of \(item.student)"
            let saved = SavedListing(
                studentID: try lookup(users, item.student, record).id,
                listingID: try lookup(listings, item.listing, record).id, savedAt: daysAgo(item.daysAgo))
            if try session.insertSavedListing(saved) { counts.savedListings += 1 }
        }
        for item in dataset.savedSearches {
            let record = "saved search \"\(item.name)\" of \(item.student)"
            do {
                _ = try ListingFilter(query: item.query)
            } catch {
                throw DemoSeedError("demo data: \(record): \(error.message)")
            }
            let createdAt = daysAgo(item.daysAgo)
            _ = try session.insertSavedSearch(
                SavedSearch(
                    studentID: try lookup(users, item.student, record).id, name: TextRules.clean(item.name),
                    query: TextRules.clean(item.query), createdAt: createdAt, lastSeenAt: createdAt))
            counts.savedSearches += 1
        }
    }

    // MARK: Helpers

    /// Runs the Core validators for one record; their field messages become one loud error.
    private func check(_ record: String, _ rules: (inout FieldValidator) throws -> Void) throws {
        try DemoSeedError.check(record, rules)
    }

    private static func applicationKey(student: String, listing: String) -> String { student + "\u{1F}" + listing }

    private func lookup<Value>(_ table: [String: Value], _ key: String, _ record: String) throws -> Value {
        guard let value = table[key] else { throw DemoSeedError("demo data: \(record): no record with key \"\(key)\"") }
        return value
    }

    private func remember<Value>(_ table: inout [String: Value], _ key: String, _ value: Value, _ record: String) throws
    {
        guard table.updateValue(value, forKey: key) == nil else {
            throw DemoSeedError("demo data: \(record): the key is used twice")
        }
    }
}
