/// The two statements a store's session writes entities with: an insert of their columns and an
/// update of one row by id. Given them, the plain entity writes of ``StoreWriter`` are written
/// once, here, for both stores (with the columns of ``Rows``).
public protocol TableWriting {
    /// Inserts a row and returns its id: the given one, or a new one from the table's sequence when
    /// the `id` column is 0 or NULL.
    func insert(_ table: String, _ columns: Columns) throws -> Int64
    /// Updates every column but `id` of row `id`; no such row is `notFound(what)`.
    func update(_ table: String, id: Int64, _ columns: Columns, what: String) throws
}

extension TableWriting {
    public func insertUser(_ user: User) throws -> User {
        var saved = user
        saved.id = UserID(try insert("users", Rows.columns(user)))
        return saved
    }

    public func updateUser(_ user: User) throws {
        try update("users", id: user.id.rawValue, Rows.columns(user), what: "User")
    }

    public func insertOrganization(_ organization: Organization) throws -> Organization {
        var saved = organization
        saved.id = OrganizationID(try insert("organizations", Rows.columns(organization)))
        return saved
    }

    public func updateOrganization(_ organization: Organization) throws {
        try update("organizations", id: organization.id.rawValue, Rows.columns(organization), what: "Organization")
    }

    public func insertListing(_ listing: Listing) throws -> Listing {
        var saved = listing
        saved.id = ListingID(try insert("listings", try Rows.columns(listing)))
        return saved
    }

    public func updateListing(_ listing: Listing) throws {
        try update("listings", id: listing.id.rawValue, try Rows.columns(listing), what: "Listing")
    }

    public func insertApplication(_ application: Application) throws -> Application {
        var saved = application
        saved.id = ApplicationID(try insert("applications", try Rows.columns(application)))
        return saved
    }

    public func updateApplication(_ application: Application) throws {
        try update("applications", id: application.id.rawValue, try Rows.columns(application), what: "Application")
    }

    public func insertSavedSearch(_ search: SavedSearch) throws -> SavedSearch {
        var saved = search
        saved.id = SavedSearchID(try insert("saved_searches", Rows.columns(search)))
        return saved
    }

    public func updateSavedSearch(_ search: SavedSearch) throws {
        try update("saved_searches", id: search.id.rawValue, Rows.columns(search), what: "Saved search")
    }

    public func insertOutbox(_ message: OutboxMessage) throws {
        _ = try insert("outbox", Rows.columns(message))
    }

    public func updateOutbox(_ message: OutboxMessage) throws {
        try update("outbox", id: message.id, Rows.columns(message), what: "Outbox message")
    }

    public func insertAlert(_ alert: Alert) throws -> Alert {
        var inserted = alert
        inserted.id = AlertID(try insert("alerts", Rows.columns(alert)))
        return inserted
    }

    public func updateAlert(_ alert: Alert) throws {
        try update("alerts", id: alert.id.rawValue, Rows.columns(alert), what: "Alert \(alert.id)")
    }

    public func insertAudit(_ event: AuditEvent) throws {
        _ = try insert(
            "audit_events",
            [
                "id": event.id, "actor_id": event.actorID, "actor_role": event.actorRole?.rawValue,
                "action": event.action, "entity": event.entity, "entity_id": event.entityID,
                "summary": event.summary, "at": event.at, "origin": event.origin.rawValue,
            ])
    }

    public func insertSecurityEvent(_ event: SecurityEvent) throws {
        _ = try insert(
            "security_events",
            [
                "id": event.id, "kind": event.kind.rawValue, "user_id": event.userID, "email": event.email,
                "source": event.source, "detail": event.detail, "at": event.at,
            ])
    }

    public func insertNotification(_ notification: Notification) throws -> Notification {
        var saved = notification
        saved.id = NotificationID(
            try insert(
                "notifications",
                [
                    "id": notification.id, "user_id": notification.userID, "kind": notification.kind.rawValue,
                    "title": notification.title, "body": notification.body, "created_at": notification.createdAt,
                    "read_at": notification.readAt, "is_read": notification.isRead,
                    "application_id": notification.applicationID, "listing_id": notification.listingID,
                ]))
        return saved
    }

    public func insertInstitution(_ institution: Institution) throws -> Institution {
        var saved = institution
        saved.id = InstitutionID(try insert("institutions", Rows.columns(institution)))
        return saved
    }

    public func updateInstitution(_ institution: Institution) throws {
        try update("institutions", id: institution.id.rawValue, Rows.columns(institution), what: "Institution")
    }

    public func appendEvent(_ event: ApplicationEvent) throws -> ApplicationEvent {
        var saved = event
        saved.id = TimelineEventID(
            try insert(
                "application_events",
                [
                    "id": event.id, "application_id": event.applicationID, "from_status": event.from?.rawValue,
                    "to_status": event.to.rawValue, "actor_id": event.actorID,
                    "actor_role": event.actorRole?.rawValue, "at": event.at, "reason": event.reason,
                    "note": event.note, "stage_status": event.stage.status.rawValue,
                    "stage_interview_at": event.stage.interview?.at,
                    "stage_interview_place": event.stage.interview?.place,
                    "stage_rejection_reason": event.stage.rejection?.reason.rawValue,
                    "stage_rejection_note": event.stage.rejection?.note,
                    "stage_offer_expires_at": event.stage.offerExpiresAt, "undoes": event.undoes,
                    "batch_id": event.batchID,
                ]))
        return saved
    }
}
