public import Foundation

/// The profile screen: the account's name and phone, the profile, and how complete it is.
public struct ProfileDetail: Sendable, Equatable, Hashable, Codable {
    public var user: UserSummary
    public var phone: String?
    public var profile: StudentProfile
    public var institution: Institution?
    public var completion: ProfileCompletion

    public init(
        user: UserSummary, phone: String?, profile: StudentProfile, institution: Institution?,
        completion: ProfileCompletion
    ) {
        self.user = user
        self.phone = phone
        self.profile = profile
        self.institution = institution
        self.completion = completion
    }
}

/// What the student edits on the profile screen. The institution is not among it: a student's
/// institution is set by the institution (registration code, import) or an admin, never by the
/// student, since it decides which institution-only listings they see and may apply to.
@dynamicMemberLookup
public struct ProfileUpdate: Sendable, Equatable, Hashable, Codable {
    public var displayName: String
    public var phone: String?
    /// The profile's own fields; the institution is not among them (it is not the student's to set).
    public var content: ProfileContent

    public init(displayName: String, phone: String? = nil, content: ProfileContent = .init()) {
        self.displayName = displayName
        self.phone = phone
        self.content = content
    }

    /// The form filled in from the current profile.
    public init(_ detail: ProfileDetail) {
        self.init(displayName: detail.user.displayName, phone: detail.phone, content: detail.profile.content)
    }

    /// A field of the content: `update.skills`.
    public subscript<Value>(dynamicMember field: WritableKeyPath<ProfileContent, Value>) -> Value {
        get { content[keyPath: field] }
        set { content[keyPath: field] = newValue }
    }
}

extension EdulinkService {
    // MARK: Saved listings

    public func savedListings() async throws -> [ListingSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageSavedItems, on: Ownership(userID: principal.userID))
            return try await store.read { session in
                // A saved listing that went back to draft, or is no longer for the student's
                // institution, is not shown (nor its title); unsaving it still works.
                let saved = try session.savedListings(studentID: principal.userID).filter { saved in
                    try session.listing(saved.listingID).map { try self.canSee(principal, $0, in: session) } ?? false
                }
                let summaries = try session.listingSummaries(saved.map(\.listingID))
                let order = Dictionary(saved.enumerated().map { ($1.listingID, $0) }, uniquingKeysWith: { a, _ in a })
                return summaries.sorted { (order[$0.id] ?? 0) < (order[$1.id] ?? 0) }
            }
        }
    }

    /// Saves or unsaves a listing.
    public func setSaved(_ listingID: ListingID, saved: Bool) async throws {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageSavedItems, on: Ownership(userID: principal.userID))
            let at = now()
            return try await store.write { session in
                if saved {
                    // Only a listing the student may see: a draft, a pending one or another
                    // institution's is as missing as an id that does not exist (no oracle).
                    guard let listing = try session.listing(listingID), try self.canSee(principal, listing, in: session)
                    else { throw EdulinkError.notFound("Listing") }
                    if try session.insertSavedListing(
                        SavedListing(studentID: principal.userID, listingID: listingID, savedAt: at))
                    {
                        try self.audit(
                            session, principal, "saved_listing.create", "listing", listingID.rawValue, "saved")
                    }
                } else if try session.deleteSavedListing(studentID: principal.userID, listingID: listingID) {
                    try self.audit(session, principal, "saved_listing.delete", "listing", listingID.rawValue, "unsaved")
                }
            }
        }
    }

    // MARK: Saved searches

    /// The student's saved searches with how many new matches each has since it was last seen
    /// (`newMatches(of:since:scope:)`).
    public func savedSearches() async throws -> [SavedSearchSummary] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageSavedItems, on: Ownership(userID: principal.userID))
            return try await store.read { session in
                let scope = try self.scope(for: principal, in: session)
                return try session.savedSearches(studentID: principal.userID).map { search in
                    let count = try Self.newMatches(of: search, since: search.lastSeenAt, scope: scope).map {
                        try session.countListings($0.filter, scope: $0.scope)
                    }
                    return SavedSearchSummary(search: search, newMatches: count ?? 0)
                }
            }
        }
    }

    /// A saved search's new matches, the one rule behind the Saved tab's "N new" and the saved-search
    /// alerts: open listings the student sees (`studentScope`), matching the search's query, published
    /// after `since`, leaving out those the student has applied to (not news to them). Nil when the
    /// query no longer parses (saved by an older release): it then matches nothing, not everything.
    static func newMatches(of search: SavedSearch, since: Date, scope studentScope: ListingScope) -> (
        filter: ListingFilter, scope: ListingScope
    )? {
        guard let filter = try? ListingFilter(query: search.query) else { return nil }
        var scope = studentScope
        scope.publishedAfter = since
        scope.notAppliedBy = search.studentID
        return (filter, scope)
    }

    /// Saves a query under a name (the query must parse).
    public func saveSearch(name: String, query: String) async throws -> SavedSearch {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageSavedItems, on: Ownership(userID: principal.userID))
            let name = TextRules.clean(name)
            let query = TextRules.clean(query)
            var v = FieldValidator()
            v.text("name", name, label: "Name", range: 1...80)
            v.text("query", query, label: "Query", range: 1...500)
            try v.check()
            do {
                _ = try ListingFilter(query: query)
            } catch {
                throw EdulinkError.validation([FieldError("query", "\(error)")])
            }
            let at = now()
            return try await store.write { session in
                let existing = try session.savedSearches(studentID: principal.userID)
                if existing.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                    throw EdulinkError.validation([
                        FieldError("name", "You already have a saved search called \"\(name)\".")
                    ])
                }
                if existing.count >= 50 {
                    throw EdulinkError.validation([FieldError("name", "At most 50 saved searches; delete one first.")])
                }
                let search = try session.insertSavedSearch(
                    SavedSearch(studentID: principal.userID, name: name, query: query, createdAt: at, lastSeenAt: at))
                try self.audit(session, principal, "saved_search.create", "saved_search", search.id.rawValue, name)
                return search
            }
        }
    }

    /// Marks a saved search's results as seen now (its new-match count goes back to zero).
    public func markSavedSearchSeen(_ id: SavedSearchID) async throws {
        let principal = try await caller()
        return try await changeSavedSearch(principal, id) { search, session, at in
            var search = search
            search.lastSeenAt = at
            try session.updateSavedSearch(search)
        }
    }

    public func deleteSavedSearch(_ id: SavedSearchID) async throws {
        let principal = try await caller()
        return try await changeSavedSearch(principal, id) { search, session, _ in
            try session.deleteSavedSearch(search.id)
            try self.audit(session, principal, "saved_search.delete", "saved_search", search.id.rawValue, search.name)
        }
    }

    private func changeSavedSearch(
        _ principal: Principal, _ id: SavedSearchID,
        _ change: @escaping @Sendable (SavedSearch, any StoreWriter, Date) throws -> Void
    ) async throws {
        try await guarded(principal) {
            let at = now()
            try await store.write { session in
                guard let search = try session.savedSearch(id) else { throw EdulinkError.notFound("Saved search") }
                try self.authorize(
                    principal, .manageSavedItems, on: Ownership(userID: search.studentID), hidden: "Saved search")
                try change(search, session, at)
            }
        }
    }

    // MARK: Notifications

    /// The user's notifications, unread first then newest.
    public func notifications(
        unreadOnly: Bool = false, limit: Int = 100
    )
        async throws -> [Notification]
    {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .readNotifications, on: Ownership(userID: principal.userID))
            let limit = min(max(limit, 1), 500)
            return try await store.read {
                try $0.notifications(userID: principal.userID, unreadOnly: unreadOnly, limit: limit)
            }
        }
    }

    public func unreadCount() async throws -> Int {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .readNotifications, on: Ownership(userID: principal.userID))
            return try await store.read { try $0.unreadNotificationCount(userID: principal.userID) }
        }
    }

    /// The most notifications one `markRead` names (nil marks them all).
    public static let markReadLimit = 1000

    /// Marks some (or, with nil, all) of the user's notifications read.
    public func markRead(_ ids: [NotificationID]?) async throws {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .readNotifications, on: Ownership(userID: principal.userID))
            if let ids, ids.count > Self.markReadLimit {
                throw EdulinkError.validation([
                    FieldError("ids", "At most \(Self.markReadLimit) notifications at once (there are \(ids.count)).")
                ])
            }
            let at = now()
            return try await store.write { session in
                if let ids {
                    for id in ids {
                        guard let notification = try session.notification(id), notification.userID == principal.userID
                        else {
                            throw EdulinkError.notFound("Notification")
                        }
                    }
                }
                _ = try session.markNotificationsRead(userID: principal.userID, ids: ids, at: at)
            }
        }
    }

    // MARK: Profile

    /// The signed-in student's profile with its completion.
    public func profile() async throws -> ProfileDetail {
        let principal = try await caller()
        return try await guarded(principal) {
            let target = principal.userID
            return try await store.read { session in
                guard let user = try session.user(target), user.role == .student else {
                    throw EdulinkError.notFound("Profile")
                }
                let profile = try session.profile(target) ?? StudentProfile(userID: target, updatedAt: user.createdAt)
                try self.authorize(
                    principal, .viewProfile, on: Ownership(userID: target, institutionID: profile.institutionID),
                    hidden: "Profile")
                return ProfileDetail(
                    user: user.publicProfile, phone: user.phone, profile: profile,
                    institution: try profile.institutionID.flatMap { try session.institution($0) },
                    completion: ProfileCompletion(user: user, profile: profile))
            }
        }
    }

    public func updateProfile(_ update: ProfileUpdate) async throws -> ProfileDetail {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .editProfile, on: Ownership(userID: principal.userID))
            let at = now()
            let name = TextRules.clean(update.displayName)
            let phone = update.phone.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
            // Checked without the institution first (field errors before any read); the saved
            // institution is kept whatever the update says.
            let edited = StudentProfile(userID: principal.userID, content: update.content, updatedAt: at).cleaned()
            var errors: [FieldError] = []
            do throws(EdulinkError) {
                try AccountRules.validate(email: "x@example.com", displayName: name, phone: phone)
            } catch {
                errors += error.fieldErrors
            }
            do throws(EdulinkError) { try edited.validate() } catch { errors += error.fieldErrors }
            if !errors.isEmpty { throw EdulinkError.validation(errors) }
            try await store.write { session in
                guard var user = try session.user(principal.userID) else { throw EdulinkError.notFound("Account") }
                var profile = edited
                profile.institutionID = try session.profile(principal.userID)?.institutionID ?? user.institutionID
                if let institutionID = profile.institutionID {
                    try Self.refuseTakenRegistrationNumber(
                        profile.registrationNumber, institutionID: institutionID, student: principal.userID, session)
                }
                user.displayName = name
                user.phone = phone
                try session.updateUser(user)
                try session.saveProfile(profile)
                try self.audit(
                    session, principal, "profile.update", "user", principal.userID.rawValue, "profile edited")
            }
            return try await acting(as: principal).profile()
        }
    }

    /// A registration number is unique within an institution (DOMAIN.md).
    static func refuseTakenRegistrationNumber(
        _ number: String?, institutionID: InstitutionID, student: UserID, _ session: any StoreReader
    ) throws {
        guard let number, try session.registrationNumberTaken(number, institutionID: institutionID, excluding: student)
        else { return }
        throw EdulinkError.validation([
            FieldError("registration_number", "Another student of this institution has this registration number.")
        ])
    }

    /// Institutions, for pickers.
    public func institutions() async throws -> [Institution] {
        try await store.read { try $0.institutions() }
    }

    // MARK: Organization

    public func organization(_ id: OrganizationID) async throws -> Organization {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewOrganization)
            guard let organization = try await store.read({ try $0.organization(id) }) else {
                throw EdulinkError.notFound("Organization")
            }
            return organization
        }
    }

    public func updateOrganization(_ organization: Organization) async throws -> Organization {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(
                principal, .editOrganization, on: Ownership(organizationID: organization.id), hidden: "Organization")
            let cleaned = organization.cleaned()
            try cleaned.validate()
            return try await store.write { session in
                guard var current = try session.organization(organization.id) else {
                    throw EdulinkError.notFound("Organization")
                }
                // Verification vouches for a name: a verified organization that renames itself is
                // verified again by an admin before it publishes anything new.
                if principal.role != .admin && current.verified && cleaned.name != current.name {
                    current.verified = false
                }
                current.name = cleaned.name
                current.industry = cleaned.industry
                current.size = cleaned.size
                current.website = cleaned.website
                current.location = cleaned.location
                current.description = cleaned.description
                // Verification is its own audited act (`setOrganizationVerified`): an edit never
                // writes back the flag as the editor's screen last loaded it.
                try session.updateOrganization(current)
                try self.audit(
                    session, principal, "organization.update", "organization", current.id.rawValue, current.name)
                return current
            }
        }
    }

    // MARK: Audit and security (admins)

    public func auditEvents(_ query: AuditQuery) async throws -> [AuditEvent] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewAudit)
            var bounded = query
            bounded.limit = min(max(query.limit, 1), 1000)
            let final = bounded
            return try await store.read { try $0.auditEvents(final) }
        }
    }

    public func securityEvents(
        kind: SecurityEventKind? = nil, user: UserID? = nil, since: Date? = nil, limit: Int = 100
    ) async throws -> [SecurityEvent] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .viewSecurity)
            let limit = min(max(limit, 1), 1000)
            return try await store.read {
                try $0.securityEvents(kind: kind, userID: user, since: since, limit: limit)
            }
        }
    }
}
