public import Foundation

/// Everything the listing detail screen shows.
public struct ListingDetail: Sendable, Equatable, Hashable, Codable {
    public var listing: Listing
    public var organization: Organization
    public var applicationCounts: [ApplicationStatus: Int]
    /// For students: the first rule that stops them applying, nil when they can.
    public var applyRefusal: Refusal?
    public var skillMatch: SkillMatch?
    public var isSaved: Bool
    /// The student's own application to it, if any.
    public var myApplicationID: ApplicationID?
    /// That application's state.
    public var myApplicationStatus: ApplicationStatus?

    public var canApply: Bool { applyRefusal == nil && myApplicationID == nil }
    /// The applications that count as applied (`ApplicationStatus.countsAsApplied`).
    public var applicationCount: Int { applicationCounts.applied }

    public init(
        listing: Listing, organization: Organization, applicationCounts: [ApplicationStatus: Int],
        applyRefusal: Refusal?, skillMatch: SkillMatch?, isSaved: Bool, myApplicationID: ApplicationID?,
        myApplicationStatus: ApplicationStatus? = nil
    ) {
        self.listing = listing
        self.organization = organization
        self.applicationCounts = applicationCounts
        self.applyRefusal = applyRefusal
        self.skillMatch = skillMatch
        self.isSaved = isSaved
        self.myApplicationID = myApplicationID
        self.myApplicationStatus = myApplicationStatus
    }
}

/// A search's first page with the detail of its first listing (Browse's results and detail pane,
/// in one request in remote mode). The detail is nil when the page is empty or it could not be
/// read (the listing closed in between): it then loads as any selection's does.
public struct BrowsePage: Sendable, Equatable, Hashable, Codable {
    public var page: Page<ListingSummary>
    public var firstDetail: ListingDetail?

    public init(page: Page<ListingSummary>, firstDetail: ListingDetail?) {
        self.page = page
        self.firstDetail = firstDetail
    }
}

/// Changes to a published listing that may only grow.
public struct ListingExtension: Sendable, Equatable, Hashable, Codable {
    public var deadline: Date?
    public var capacity: Int?
    public var positions: Int?

    public init(deadline: Date? = nil, capacity: Int? = nil, positions: Int? = nil) {
        self.deadline = deadline
        self.capacity = capacity
        self.positions = positions
    }
}

extension EdulinkService {
    // MARK: Browsing

    /// Who `principal` is as a viewer of listings: admins see every audience; a student sees their
    /// profile's institution's listings (else the account's); anyone else their account's.
    func viewer(_ principal: Principal, in session: any StoreReader) throws -> ListingViewer {
        if principal.role == .student {
            return Self.studentViewer(try session.profile(principal.userID), account: principal.institutionID)
        }
        return Self.accountViewer(principal)
    }

    /// The viewer of anyone but a student: it depends on the account alone.
    static func accountViewer(_ principal: Principal) -> ListingViewer {
        principal.role == .admin ? .platform : .member(of: principal.institutionID)
    }

    /// A student sees their profile's institution's listings, else their account's.
    static func studentViewer(_ profile: StudentProfile?, account: InstitutionID?) -> ListingViewer {
        .member(of: profile?.institutionID ?? account)
    }

    /// Whether `principal` may see `listing` at all (its detail, saving it, its title anywhere): its
    /// own organization's employers and admins see every state; everyone else only published (or
    /// closed) listings of an audience they see (`ListingViewer`). A listing they may not see is
    /// answered as missing, whatever the call.
    func canSee(_ principal: Principal, _ listing: Listing, in session: any StoreReader) throws -> Bool {
        if principal.role == .admin { return true }
        if principal.role == .employer && principal.organizationID == listing.organizationID { return true }
        // Whoever verifies a listing waiting for review opens it first.
        if listing.status == .pendingReview && Self.mayVerify(principal, listing) { return true }
        guard listing.status == .published || listing.status == .closed else { return false }
        return try viewer(principal, in: session).sees(listing)
    }

    /// The scope of listings `principal` may see, with "eligible for me" context for students.
    func scope(for principal: Principal, in session: any StoreReader) throws -> ListingScope {
        if principal.role == .student {
            return try studentScope(principal.userID, account: principal.institutionID, in: session)
        }
        return ListingScope(now: now(), viewer: try viewer(principal, in: session))
    }

    /// The scope of listings student `studentID` (whose account belongs to `account`) may see, with
    /// "eligible for me" context: the same for the student's own calls and for the jobs acting on
    /// their behalf (saved-search alerts).
    func studentScope(_ studentID: UserID, account: InstitutionID?, in session: any StoreReader) throws
        -> ListingScope
    {
        let profile = try session.profile(studentID)
        return ListingScope(
            now: now(), viewer: Self.studentViewer(profile, account: account),
            eligibility: EligibilityContext(
                yearOfStudy: profile?.yearOfStudy, course: profile?.course, studentID: studentID))
    }

    /// Open listings matching `filter`, ranked, one page at a time (keyset pagination).
    public func search(_ filter: ListingFilter, cursor: PageCursor? = nil, limit: Int = 50)
        async throws -> Page<ListingSummary>
    {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .browseListings)
            try filter.validate()
            if let cursor, !cursor.isPlausible {
                throw EdulinkError.validation([FieldError("cursor", "That is not a cursor from an earlier page.")])
            }
            let limit = min(max(limit, 1), 500)
            if let cache = environment.searchCache, !filter.eligibleForMe, let versions = cache.signal.versions() {
                return try await cachedSearch(principal, filter, cursor, limit, cache, versions)
            }
            return try await store.read { session in
                let scope = try self.scope(for: principal, in: session)
                return try session.searchListings(
                    ListingSearchRequest(filter: filter, scope: scope, cursor: cursor, limit: limit))
            }
        }
    }

    /// `search` through the server's `SearchCache`: the same scope (without "eligible for me",
    /// which is never cached) and the same store search, answered from a kept page while the
    /// listings are unchanged (see `SearchCache` for when a page is still right).
    private func cachedSearch(
        _ principal: Principal, _ filter: ListingFilter, _ cursor: PageCursor?, _ limit: Int, _ cache: SearchCache,
        _ versions: ChangeVersions
    ) async throws -> Page<ListingSummary> {
        let at = now()
        let viewer: ListingViewer
        if principal.role != .student {
            viewer = Self.accountViewer(principal)
        } else if let kept = cache.viewer(of: principal.userID, versions: versions) {
            viewer = kept
        } else {
            let profile = try await store.read { try $0.profile(principal.userID) }
            viewer = Self.studentViewer(profile, account: principal.institutionID)
            cache.keep(viewer, of: principal.userID, versions: versions)
        }
        let key = SearchCache.PageKey(filter: filter.normalized(), viewer: viewer, cursor: cursor, limit: limit)
        let request = ListingSearchRequest(
            filter: filter, scope: ListingScope(now: at, viewer: viewer), cursor: cursor, limit: limit)
        return try await cache.page(for: key, versions: versions, at: at) { [store] in
            try await store.read { try $0.searchListings(request) }
        }
    }

    /// How many open listings match `filter`, counted up to ``ListingCount/limit`` (a larger count
    /// is answered as `limit + 1`).
    public func count(_ filter: ListingFilter) async throws -> Int {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .browseListings)
            try filter.validate()
            return try await store.read { session in
                try session.countListings(
                    filter, scope: try self.scope(for: principal, in: session), upTo: ListingCount.limit + 1)
            }
        }
    }

    /// One listing with what its viewer needs: for a student, whether and why not they can apply.
    public func listing(_ id: ListingID) async throws -> ListingDetail {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewListing)
            let at = now()
            let calendar = environment.calendar
            return try await store.read { session in
                guard let listing = try session.listing(id), try self.canSee(principal, listing, in: session),
                    let organization = try session.organization(listing.organizationID)
                else { throw EdulinkError.notFound("Listing") }
                let counts = try session.applicationCounts(listingID: id)
                // The pipeline (how many offered, rejected…) is the owner's and the admin's; everyone
                // else sees how many applied, as Browse shows it.
                let seesPipeline =
                    principal.role == .admin
                    || (principal.role == .employer && principal.organizationID == listing.organizationID)
                var detail = ListingDetail(
                    listing: listing, organization: organization,
                    applicationCounts: seesPipeline ? counts : [.pending: counts.applied], applyRefusal: nil,
                    skillMatch: nil, isSaved: false, myApplicationID: nil)
                if principal.role == .student {
                    let context = try self.applyContext(principal, listing, counts: counts, session, at, calendar)
                    detail.applyRefusal = ApplyRules.firstRefusal(context)
                    detail.skillMatch = SkillMatch(listing: listing, skills: context.profile?.skills ?? [])
                    detail.isSaved = try session.isSaved(studentID: principal.userID, listingID: id)
                    let mine = try session.application(studentID: principal.userID, listingID: id)
                    detail.myApplicationID = mine?.id
                    detail.myApplicationStatus = mine?.status
                }
                return detail
            }
        }
    }

    func applyContext(
        _ principal: Principal, _ listing: Listing, counts: StatusCounts, _ session: any StoreReader, _ at: Date,
        _ calendar: Calendar
    ) throws -> ApplyContext {
        guard let student = try session.user(principal.userID) else { throw EdulinkError.notFound("Account") }
        let startOfDay = calendar.startOfDay(for: at)
        let startOfMonth = calendar.dateInterval(of: .month, for: at)?.start ?? startOfDay
        return ApplyContext(
            listing: listing,
            placesTaken: counts.applied,
            student: student, profile: try session.profile(principal.userID),
            existing: try session.application(studentID: principal.userID, listingID: listing.id)?.status,
            appliedToday: try session.countApplications(studentID: principal.userID, since: startOfDay),
            appliedThisMonth: try session.countApplications(studentID: principal.userID, since: startOfMonth),
            now: at)
    }

    // MARK: Employer: own listings

    /// The organization's listings, every status.
    public func myListings() async throws -> [ListingSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            guard let organizationID = principal.organizationID else {
                throw EdulinkError.forbidden("You have no organization.")
            }
            try authorize(principal, .editListing, on: Ownership(organizationID: organizationID))
            return try await store.read { session in
                let ids = try session.listings(organizationID: organizationID).map(\.id)
                return try session.listingSummaries(ids)
            }
        }
    }

    /// Creates a draft listing for the employer's organization.
    public func createListing(_ draft: ListingDraft) async throws -> Listing {
        let principal = try await caller()
        return try await guarded(principal) {
            guard let organizationID = principal.organizationID else {
                throw EdulinkError.forbidden("Only an employer with an organization can create listings.")
            }
            try authorize(principal, .createListing, on: Ownership(organizationID: organizationID))
            let draft = draft.cleaned()
            let at = now()
            try draft.validate(now: at, calendar: environment.calendar)
            return try await store.write { session in
                try self.checkInstitution(draft, session)
                let listing = try session.insertListing(
                    Listing(draft: draft, organizationID: organizationID, createdBy: principal.userID, at: at))
                try self.audit(session, principal, "listing.create", "listing", listing.id.rawValue, listing.title)
                return listing
            }
        }
    }

    /// Edits a listing. Drafts change freely; a published listing keeps its title and description,
    /// and its deadline, capacity and positions may only grow; a closed listing does not change.
    public func updateListing(_ id: ListingID, _ draft: ListingDraft) async throws -> Listing {
        let principal = try await caller()
        return try await guarded(principal) {
            let draft = draft.cleaned()
            let at = now()
            let calendar = environment.calendar
            return try await store.write { session in
                var listing = try self.ownedListing(principal, id, .editListing, session)
                switch listing.status {
                case .closed:
                    throw EdulinkError.refused(Refusal(.invalidTransition, "A closed listing cannot be edited."))
                case .published:
                    var frozen: [FieldError] = []
                    if draft.title != listing.title {
                        frozen.append(FieldError("title", "The title of a published listing cannot change."))
                    }
                    if draft.description != listing.description {
                        frozen.append(
                            FieldError("description", "The description of a published listing cannot change."))
                    }
                    if draft.deadline < listing.deadline {
                        frozen.append(FieldError("deadline", "The deadline may only move later."))
                    }
                    if draft.capacity < listing.capacity {
                        frozen.append(FieldError("capacity", "Capacity may only grow."))
                    }
                    if draft.positions < listing.positions {
                        frozen.append(FieldError("positions", "Positions may only grow."))
                    }
                    if ListingAudience(draft) != ListingAudience(listing) {
                        // Verification approved this audience; a wider or different one needs a new review.
                        frozen.append(
                            FieldError(
                                "visibility",
                                "Who can see a published listing cannot change; duplicate it for another audience."))
                    }
                    if !frozen.isEmpty { throw EdulinkError.validation(frozen) }
                case .draft, .pendingReview:
                    break
                }
                try draft.validate(now: at, calendar: calendar)
                try self.checkInstitution(draft, session)
                listing.apply(draft)
                if listing.status == .pendingReview { listing.status = .draft }  // edited: review again
                listing.updatedAt = at
                try session.updateListing(listing)
                try self.audit(session, principal, "listing.update", "listing", id.rawValue, listing.title)
                return listing
            }
        }
    }

    /// Grows a published listing's deadline, capacity or positions.
    public func extendListing(_ id: ListingID, _ change: ListingExtension) async throws
        -> Listing
    {
        let principal = try await caller()
        return try await guarded(principal) {
            let listing = try await store.read { try $0.listing(id) }
            guard let listing else { throw EdulinkError.notFound("Listing") }
            var draft = listing.terms
            if let deadline = change.deadline { draft.deadline = deadline }
            if let capacity = change.capacity { draft.capacity = capacity }
            if let positions = change.positions { draft.positions = positions }
            return try await acting(as: principal).updateListing(id, draft)
        }
    }

    /// A new draft with the same content; dates that have passed move forward by the same span.
    public func duplicateListing(_ id: ListingID) async throws -> Listing {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            let source = try await store.read { session in try self.ownedListing(principal, id, .createListing, session)
            }
            var draft = source.terms
            if draft.deadline <= at {
                let shift = at.addingTimeInterval(30 * 86_400).timeIntervalSince(draft.deadline)
                draft.deadline = draft.deadline.addingTimeInterval(shift)
                draft.startDate = draft.startDate.addingTimeInterval(shift)
                draft.endDate = draft.endDate.addingTimeInterval(shift)
            }
            return try await acting(as: principal).createListing(draft)
        }
    }

    /// Moves a listing through its lifecycle (submit, verify, send back, close).
    public func changeListing(_ id: ListingID, _ event: ListingEvent, reason: String? = nil)
        async throws -> Listing
    {
        let principal = try await caller()
        return try await guarded(principal) {
            let at = now()
            let calendar = environment.calendar
            let reason = reason.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
            if event == .sendBack {
                var v = FieldValidator()
                v.text("reason", reason ?? "", label: "Reason", range: 5...500)
                try v.check()
            }
            return try await store.write { session in
                guard var listing = try session.lockListing(id) else { throw EdulinkError.notFound("Listing") }
                switch event {
                case .submit, .close:
                    let action: Action = event == .submit ? .submitListing : .closeListing
                    try self.authorize(
                        principal, action, on: Ownership(organizationID: listing.organizationID), hidden: "Listing")
                case .verify, .sendBack:
                    try self.authorize(principal, .verifyListing, on: Self.verifier(of: listing), hidden: nil)
                case .expire:
                    throw EdulinkError.forbidden("Listings expire by themselves.")
                }
                let target = try ListingLifecycle.transition(from: listing.status, on: event, by: principal.role)
                    .mapError(EdulinkError.refused).get()
                guard let organization = try session.organization(listing.organizationID) else {
                    throw EdulinkError.notFound("Organization")
                }
                if event == .submit || event == .verify {
                    if !organization.verified {
                        throw EdulinkError.refused(
                            Refusal(
                                .organizationNotVerified,
                                "\(organization.name) is not verified yet; an admin must verify the organization before its listings are published."
                            ))
                    }
                    try listing.terms.validate(now: at, calendar: calendar)
                }
                listing.status = target
                listing.updatedAt = at
                listing.statusReason = reason
                switch event {
                case .verify:
                    listing.verifiedBy = principal.isOperator ? nil : principal.userID
                    listing.verifiedAt = at
                    listing.publishedAt = at
                    try self.notify(
                        session, listing.createdBy, .listingVerified, "Listing published",
                        "\"\(listing.title)\" was verified and is now visible to students.", listing: id)
                case .sendBack:
                    try self.notify(
                        session, listing.createdBy, .listingSentBack, "Listing sent back",
                        "\"\(listing.title)\" needs changes: \(reason ?? "")", listing: id)
                case .close:
                    listing.closedAt = at
                case .submit:
                    // A listing only one institution's students see is verified by that institution.
                    if listing.visibility == .institutionOnly, let institution = listing.institutionID {
                        for office in try session.users(
                            role: .institutionAdmin, organizationID: nil, institutionID: institution)
                        where office.status == .active {
                            try self.notify(
                                session, office.id, .listingWaiting, "Listing waiting for you",
                                "\"\(listing.title)\" (\(organization.name)) is only for your students and waits for "
                                    + "your verification. Open Listings.", listing: id)
                        }
                    }
                case .expire:
                    break
                }
                try session.updateListing(listing)
                try self.audit(
                    session, principal, "listing.\(event.rawValue)", "listing", id.rawValue,
                    "\(listing.title) → \(target.rawValue)" + (reason.map { " (\($0))" } ?? ""))
                return listing
            }
        }
    }

    /// Whether `principal` may verify `listing`: an admin any; an institution admin the
    /// institution-only listings of their institution.
    static func mayVerify(_ principal: Principal, _ listing: Listing) -> Bool {
        PermissionPolicy.allows(principal, .verifyListing, on: verifier(of: listing))
    }

    /// Who owns the verification of `listing`: the institution of an institution-only listing,
    /// nobody but the admins otherwise.
    static func verifier(of listing: Listing) -> Ownership {
        Ownership(institutionID: listing.visibility == .institutionOnly ? listing.institutionID : nil)
    }

    /// Listings waiting for verification (admins see all; institution admins their institution's).
    public func verificationQueue() async throws -> [ListingSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            guard principal.role == .admin || principal.role == .institutionAdmin else {
                throw PermissionDenied(action: .verifyListing)
            }
            return try await store.read { session in
                let pending = try session.listings(status: .pendingReview, limit: 1000).filter {
                    Self.mayVerify(principal, $0)
                }
                return try session.listingSummaries(pending.map(\.id))
            }
        }
    }

    /// Closes published listings whose deadline passed. Run by the scheduler; returns how many.
    @discardableResult
    public func closeExpiredListings() async throws -> Int {
        let at = now()
        return try await store.write { session in
            let expired = try session.listingsPastDeadline(at, limit: 10_000)
            for var listing in expired {
                try self.expire(&listing, reason: "deadline passed", at: at, session)
            }
            return expired.count
        }
    }

    /// Closes a published listing by itself (its deadline passed, or its positions are filled):
    /// through the lifecycle, with the reason kept and audited.
    func expire(_ listing: inout Listing, reason: String, at: Date, _ session: any StoreWriter) throws {
        listing.status = try ListingLifecycle.transition(from: listing.status, on: .expire, by: nil)
            .mapError(EdulinkError.refused).get()
        listing.statusReason = reason
        listing.closedAt = at
        listing.updatedAt = at
        try session.updateListing(listing)
        try audit(session, nil, "listing.expire", "listing", listing.id.rawValue, reason)
    }

    func ownedListing(_ principal: Principal, _ id: ListingID, _ action: Action, _ session: any StoreReader) throws
        -> Listing
    {
        guard let listing = try session.listing(id) else { throw EdulinkError.notFound("Listing") }
        try authorize(principal, action, on: Ownership(organizationID: listing.organizationID), hidden: "Listing")
        return listing
    }

    private func checkInstitution(_ draft: ListingDraft, _ session: any StoreReader) throws {
        if let institutionID = draft.institutionID, try session.institution(institutionID) == nil {
            throw EdulinkError.validation([FieldError("institution", "No such institution.")])
        }
    }
}

extension Listing {
    init(draft: ListingDraft, organizationID: OrganizationID, createdBy: UserID, at: Date) {
        self.init(organizationID: organizationID, createdBy: createdBy, terms: draft.stored, createdAt: at)
    }

    /// Takes every term of `draft`, as stored.
    mutating func apply(_ draft: ListingDraft) { terms = draft.stored }
}

extension ListingDraft {
    /// The terms as a listing keeps them: years of study in order, an institution only for an
    /// institution-only listing.
    var stored: ListingDraft {
        var copy = self
        copy.eligibleYears.sort()
        if visibility != .institutionOnly { copy.institutionID = nil }
        return copy
    }
}
