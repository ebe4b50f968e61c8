public import Foundation

// The statements both stores write alike, once (see `SQLSession`). Each is a requirement of
// `StoreReader`, `StoreWriter` or `ServerStateSession` that a store's session gets from here.
extension SQLSession {
    public func profile(_ userID: UserID) throws -> StudentProfile? {
        try selectOne("SELECT * FROM student_profiles WHERE user_id = ?", [userID], Rows.profile)
    }

    /// Inserts the student's profile, or replaces it (one row per student).
    public func saveProfile(_ profile: StudentProfile) throws {
        let columns = try Rows.columns(profile)
        let names = columns.map(\.key)
        try perform(
            """
            INSERT INTO student_profiles (\(names.joined(separator: ", ")))
            VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT (user_id) DO UPDATE SET
                \(names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            """, columns.map(\.value))
    }

    public func organization(_ id: OrganizationID) throws -> Organization? {
        try selectOne("SELECT * FROM organizations WHERE id = ?", [id], Rows.organization)
    }

    public func institution(_ id: InstitutionID) throws -> Institution? {
        try selectOne("SELECT * FROM institutions WHERE id = ?", [id], Rows.institution)
    }

    public func timeline(_ applicationID: ApplicationID) throws -> [ApplicationEvent] {
        try select(
            "SELECT * FROM application_events WHERE application_id = ? ORDER BY id", [applicationID], Rows.event)
    }

    public func events(batchID: String) throws -> [ApplicationEvent] {
        try select("SELECT * FROM application_events WHERE batch_id = ? ORDER BY id", [batchID], Rows.event)
    }

    public func alert(_ id: AlertID) throws -> Alert? {
        try selectOne("SELECT * FROM alerts WHERE id = ?", [id], Rows.alert)
    }

    public func tallySecurityEvents(kind: SecurityEventKind, since: Date, by grouping: SecurityGrouping, limit: Int)
        throws
        -> [SecurityTally]
    {
        let column = grouping == .account ? dialect.lower("coalesce(email, '')") : "coalesce(source, '')"
        return try select(
            """
            SELECT \(column) AS key, count(*) AS n, max(at) AS last_at FROM security_events
            WHERE kind = ? AND at >= ? GROUP BY key ORDER BY n DESC, key LIMIT ?
            """, [kind.rawValue, since, max(limit, 0)]
        ) { r in SecurityTally(key: try r.string("key"), count: try r.int("n"), lastAt: try r.date("last_at")) }
    }

    public func notifications(userID: UserID, unreadOnly: Bool, limit: Int) throws -> [Notification] {
        try select(
            """
            SELECT * FROM notifications WHERE user_id = ?\(unreadOnly ? " AND is_read = ?" : "")
            ORDER BY is_read, created_at DESC, id DESC LIMIT ?
            """, unreadOnly ? [userID, false, max(limit, 0)] : [userID, max(limit, 0)], Rows.notification)
    }

    public func notification(_ id: NotificationID) throws -> Notification? {
        try selectOne("SELECT * FROM notifications WHERE id = ?", [id], Rows.notification)
    }

    /// Newest first, narrowed by the query.
    public func auditEvents(_ query: AuditQuery) throws -> [AuditEvent] {
        var conditions: [String] = []
        var values: [any ColumnValueConvertible] = []
        func add(_ condition: String, _ more: [any ColumnValueConvertible]) {
            conditions.append(condition)
            values += more
        }
        if let actor = query.actorID { add("actor_id = ?", [actor]) }
        if let action = query.action, !action.isEmpty {
            // A prefix, compared exactly (no LIKE wildcards from the input).
            let head = dialect == .sqlite ? "substr(action, 1, length(?))" : "left(action, length(?))"
            add("\(head) = ?", [action, action])
        }
        if let entity = query.entity { add("entity = ?", [entity]) }
        if let entityID = query.entityID { add("entity_id = ?", [entityID]) }
        if let since = query.since { add("at >= ?", [since]) }
        if let until = query.until { add("at < ?", [until]) }
        if let before = query.before { add("id < ?", [before]) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try select(
            "SELECT * FROM audit_events \(whereClause) ORDER BY id DESC LIMIT ?", values + [max(query.limit, 0)],
            Rows.audit)
    }

    public func securityEvents(kind: SecurityEventKind?, userID: UserID?, since: Date?, limit: Int) throws
        -> [SecurityEvent]
    {
        var conditions: [String] = []
        var values: [any ColumnValueConvertible] = []
        if let kind {
            conditions.append("kind = ?")
            values.append(kind.rawValue)
        }
        if let userID {
            conditions.append("user_id = ?")
            values.append(userID)
        }
        if let since {
            conditions.append("at >= ?")
            values.append(since)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try select(
            "SELECT * FROM security_events \(whereClause) ORDER BY id DESC LIMIT ?", values + [max(limit, 0)],
            Rows.securityEvent)
    }

    public func listing(_ id: ListingID) throws -> Listing? {
        try selectOne("SELECT * FROM listings WHERE id = ?", [id], Rows.listing)
    }

    public func listings(organizationID: OrganizationID) throws -> [Listing] {
        try select("SELECT * FROM listings WHERE organization_id = ? ORDER BY id", [organizationID], Rows.listing)
    }

    public func listings(status: ListingStatus, limit: Int) throws -> [Listing] {
        try select(
            "SELECT * FROM listings WHERE status = ? ORDER BY id LIMIT ?", [status.rawValue, max(limit, 0)],
            Rows.listing)
    }

    /// The summaries of `ids`, in that order (missing ones left out).
    public func listingSummaries(_ ids: [ListingID]) throws -> [ListingSummary] {
        guard !ids.isEmpty else { return [] }
        let found = try select(
            "SELECT \(Rows.summaryColumns) FROM listings AS l WHERE \(dialect.isAny("l.id"))",
            [ColumnValue.intArray(ids.map(\.rawValue))]
        ) { try Rows.summary($0, score: nil) }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    public func applicationCounts(listingID: ListingID) throws -> StatusCounts {
        let pairs = try select(
            "SELECT status, count(*) AS n FROM applications WHERE listing_id = ? GROUP BY status", [listingID]
        ) { (try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        return Dictionary(pairs, uniquingKeysWith: +)
    }

    public func listingsPastDeadline(_ date: Date, limit: Int) throws -> [Listing] {
        try select(
            "SELECT * FROM listings WHERE status = 'published' AND deadline < ? ORDER BY deadline, id LIMIT ?",
            [date, max(limit, 0)], Rows.listing)
    }

    public func dueOutbox(at date: Date, limit: Int) throws -> [OutboxMessage] {
        try select(
            """
            SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
            ORDER BY next_attempt_at, id LIMIT ?
            """, [date, max(limit, 0)], Rows.outbox)
    }

    public func outboxStatistics() throws -> OutboxStatistics {
        let row = try selectOne(
            """
            SELECT (SELECT count(*) FROM outbox WHERE status = 'pending') AS pending,
                (SELECT count(*) FROM outbox WHERE status = 'failed') AS failed,
                (SELECT count(*) FROM outbox WHERE status = 'sent') AS sent,
                (SELECT min(created_at) FROM outbox WHERE status = 'pending') AS oldest
            """
        ) { r in
            OutboxStatistics(
                pending: try r.int("pending"), failed: try r.int("failed"), sent: try r.int("sent"),
                oldestPendingAt: try r.optionalDate("oldest"))
        }
        return row ?? OutboxStatistics(pending: 0, failed: 0, sent: 0, oldestPendingAt: nil)
    }

    public func savedListings(studentID: UserID) throws -> [SavedListing] {
        try select(
            "SELECT * FROM saved_listings WHERE student_id = ? ORDER BY saved_at DESC, listing_id DESC", [studentID]
        ) { r in
            SavedListing(
                studentID: try r.id("student_id"), listingID: try r.id("listing_id"), savedAt: try r.date("saved_at"))
        }
    }

    public func savedBy(listingID: ListingID) throws -> [UserID] {
        try select(
            "SELECT student_id FROM saved_listings WHERE listing_id = ? ORDER BY student_id", [listingID]
        ) { try $0.id("student_id") }
    }

    public func savedSearch(_ id: SavedSearchID) throws -> SavedSearch? {
        try selectOne("SELECT * FROM saved_searches WHERE id = ?", [id], Rows.savedSearch)
    }

    public func deleteSavedSearch(_ id: SavedSearchID) throws {
        try perform("DELETE FROM saved_searches WHERE id = ?", [id])
    }

    public func tokenFamily(_ id: String) throws -> TokenFamily? {
        try selectOne("SELECT * FROM token_families WHERE id = ?", [id]) { r in
            TokenFamily(
                id: try r.string("id"), userID: try r.id("user_id"), createdAt: try r.date("created_at"),
                revokedAt: try r.optionalDate("revoked_at"), revokedReason: try r.optionalString("revoked_reason"))
        }
    }

    public func revokeTokenFamily(_ id: String, at date: Date, reason: String) throws {
        try perform(
            "UPDATE token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
            [date, reason, id])
    }

    public func insertRefreshToken(_ token: RefreshTokenRecord) throws {
        try perform(
            """
            INSERT INTO refresh_tokens (id, family_id, user_id, secret_hash, issued_at, expires_at, used_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            [
                token.id, token.familyID, token.userID, token.secretHash, token.issuedAt, token.expiresAt,
                token.usedAt,
            ])
    }

    public func markRefreshTokenUsed(_ id: String, at date: Date) throws {
        try perform("UPDATE refresh_tokens SET used_at = ? WHERE id = ?", [date, id])
    }

    public func deleteIdempotencyRecord(userID: UserID, key: String) throws {
        try perform("DELETE FROM idempotency_records WHERE user_id = ? AND key = ?", [userID, key])
    }

    public func pruneIdempotencyRecords(createdBefore date: Date) throws {
        try perform("DELETE FROM idempotency_records WHERE created_at < ?", [date])
    }

    public func isSaved(studentID: UserID, listingID: ListingID) throws -> Bool {
        try selectCount(
            "SELECT count(*) AS count FROM saved_listings WHERE student_id = ? AND listing_id = ?",
            [studentID, listingID]) > 0
    }

    public func savedSearches(studentID: UserID) throws -> [SavedSearch] {
        try select("SELECT * FROM saved_searches WHERE student_id = ? ORDER BY id", [studentID], Rows.savedSearch)
    }

    public func deleteSavedListing(studentID: UserID, listingID: ListingID) throws -> Bool {
        try perform("DELETE FROM saved_listings WHERE student_id = ? AND listing_id = ?", [studentID, listingID]) > 0
    }

    public func registrationNumberTaken(_ number: String, institutionID: InstitutionID, excluding: UserID) throws
        -> Bool
    {
        try selectCount(
            """
            SELECT count(*) AS count FROM student_profiles
            WHERE institution_id = ? AND registration_number = ? AND user_id <> ?
            """, [institutionID, number, excluding]) > 0
    }

    public func unreadNotificationCount(userID: UserID) throws -> Int {
        try selectCount(
            "SELECT count(*) AS count FROM notifications WHERE user_id = ? AND is_read = ?", [userID, false])
    }

    public func pruneTokens(expiredBefore date: Date) throws {
        try perform("DELETE FROM refresh_tokens WHERE expires_at < ?", [date])
        try perform(
            """
            DELETE FROM token_families WHERE created_at < ?
            AND NOT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = token_families.id)
            """, [date])
    }

    public func insertTokenFamily(_ family: TokenFamily) throws {
        try perform(
            "INSERT INTO token_families (id, user_id, created_at, revoked_at, revoked_reason) VALUES (?, ?, ?, ?, ?)",
            [family.id, family.userID, family.createdAt, family.revokedAt, family.revokedReason])
    }

    public func countSecurityEvents(kind: SecurityEventKind, userID: UserID?, since: Date) throws -> Int {
        if let userID {
            return try selectCount(
                "SELECT count(*) AS count FROM security_events WHERE kind = ? AND user_id = ? AND at >= ?",
                [kind.rawValue, userID, since])
        }
        return try selectCount(
            "SELECT count(*) AS count FROM security_events WHERE kind = ? AND at >= ?", [kind.rawValue, since])
    }

    // MARK: The employer's figures: grouped aggregates, never a load of every application

    public func stageEnteredAt(_ ids: [ApplicationID]) throws -> [ApplicationID: Date] {
        guard !ids.isEmpty else { return [:] }
        let pairs = try select(
            """
            SELECT application_id, max(at) AS entered FROM application_events
            WHERE \(dialect.isAny("application_id")) GROUP BY application_id
            """, [ColumnValue.intArray(ids.map(\.rawValue))]
        ) { (ApplicationID(try $0.int64("application_id")), try $0.date("entered")) }
        return Dictionary(pairs, uniquingKeysWith: max)
    }

    public func applicationCounts(organizationID: OrganizationID) throws -> [ListingID: StatusCounts] {
        let rows = try select(
            """
            SELECT a.listing_id, a.status, count(*) AS n FROM applications AS a
            JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = ? GROUP BY a.listing_id, a.status
            """, [organizationID]
        ) { (ListingID(try $0.int64("listing_id")), try $0.value(ApplicationStatus.self, "status"), try $0.int("n")) }
        var counts: [ListingID: StatusCounts] = [:]
        for (listing, status, n) in rows { counts[listing, default: [:]][status, default: 0] += n }
        return counts
    }

    public func furthestStageCounts(organizationID: OrganizationID, stages: [ApplicationStatus]) throws -> [Int] {
        guard !stages.isEmpty else { return [] }
        let rank = "CASE e.to_status " + stages.indices.map { "WHEN ? THEN \($0)" }.joined(separator: " ") + " END"
        let rows = try select(
            """
            SELECT furthest, count(*) AS n FROM (
                SELECT e.application_id, max(\(rank)) AS furthest FROM application_events AS e
                JOIN applications AS a ON a.id = e.application_id
                JOIN listings AS l ON l.id = a.listing_id
                WHERE l.organization_id = ? AND e.undoes IS NULL
                    AND e.id NOT IN (SELECT undoes FROM application_events WHERE undoes IS NOT NULL)
                GROUP BY e.application_id
            ) AS reached WHERE furthest IS NOT NULL GROUP BY furthest
            """, stages.map(\.rawValue) + [organizationID]
        ) { (try $0.int("furthest"), try $0.int("n")) }
        var counts = Array(repeating: 0, count: stages.count)
        for (index, n) in rows where counts.indices.contains(index) { counts[index] += n }
        return counts
    }

    public func firstReview(organizationID: OrganizationID) throws -> FirstReviewFigures {
        try selectOne(
            """
            SELECT count(*) AS n, avg(\(dialect.seconds(from: "a.submitted_at", to: "a.reviewed_at"))) AS mean
            FROM applications AS a JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = ? AND a.reviewed_at IS NOT NULL
            """, [organizationID]
        ) { r in FirstReviewFigures(reviewed: try r.int("n"), meanSeconds: try r.optionalDouble("mean")) }
            ?? FirstReviewFigures(reviewed: 0, meanSeconds: nil)
    }

    public func weeklyApplications(organizationID: OrganizationID, end: Date, weeks: Int) throws -> [Int] {
        guard weeks > 0 else { return [] }
        let start = end.addingTimeInterval(-Double(weeks) * 7 * 86_400)
        let bucket = dialect.wholeNumber(dialect.seconds(from: "?", to: "a.submitted_at") + " / 604800")
        let rows = try select(
            """
            SELECT \(bucket) AS bucket, count(*) AS n
            FROM applications AS a JOIN listings AS l ON l.id = a.listing_id
            WHERE l.organization_id = ? AND a.submitted_at >= ? AND a.submitted_at <= ?
            GROUP BY bucket
            """, [start, organizationID, start, end]
        ) { (try $0.int("bucket"), try $0.int("n")) }
        var counts = Array(repeating: 0, count: weeks)
        for (bucket, n) in rows where bucket >= 0 { counts[min(bucket, weeks - 1)] += n }
        return counts
    }
}
