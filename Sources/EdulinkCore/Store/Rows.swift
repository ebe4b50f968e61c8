import Foundation

/// How each entity is read from a row, once for both stores: the column names are the schema's,
/// the same on SQLite and PostgreSQL (see the stores' migrations). Each decoder takes any
/// ``RowReading``; a store passes its own row reader.
public enum Rows {
    @inlinable
    public static func user(_ r: some RowReading) throws -> User {
        User(
            id: try r.id("id"), email: try r.string("email"), displayName: try r.string("display_name"),
            role: try r.value(Role.self, "role"), status: try r.value(AccountStatus.self, "status"),
            lockedUntil: try r.optionalDate("locked_until"), passwordHash: try r.string("password_hash"),
            phone: try r.optionalString("phone"), organizationID: try r.optionalID("organization_id"),
            institutionID: try r.optionalID("institution_id"), createdAt: try r.date("created_at"),
            lastLoginAt: try r.optionalDate("last_login_at"),
            failureWindowStart: try r.optionalDate("failure_window_start"),
            sessionsEndedAt: try r.optionalDate("sessions_ended_at"),
            mustChangePassword: try r.optionalBool("must_change_password") ?? false)
    }

    @inlinable
    public static func profile(_ r: some RowReading) throws -> StudentProfile {
        StudentProfile(
            userID: try r.id("user_id"), institutionID: try r.optionalID("institution_id"),
            content: ProfileContent(
                registrationNumber: try r.optionalString("registration_number"),
                yearOfStudy: try r.optionalInt("year_of_study"), course: try r.optionalString("course"),
                skills: try r.json([String].self, "skills"), interests: try r.json([String].self, "interests"),
                githubURL: try r.optionalString("github_url"), linkedinURL: try r.optionalString("linkedin_url"),
                websiteURL: try r.optionalString("website_url"), resumePath: try r.optionalString("resume_path"),
                bio: try r.optionalString("bio")), updatedAt: try r.date("updated_at"))
    }

    @inlinable
    public static func organization(_ r: some RowReading) throws -> Organization {
        Organization(
            id: try r.id("id"), name: try r.string("name"), industry: try r.string("industry"),
            size: try r.value(OrganizationSize.self, "size"), website: try r.optionalString("website"),
            location: try r.string("location"), description: try r.string("description"),
            verified: try r.bool("verified"), createdAt: try r.date("created_at"))
    }

    @inlinable
    public static func institution(_ r: some RowReading) throws -> Institution {
        Institution(
            id: try r.id("id"), name: try r.string("name"), shortCode: try r.string("short_code"),
            type: try r.value(InstitutionType.self, "type"), verified: try r.bool("verified"))
    }

    @inlinable
    public static func stipend(_ r: some RowReading) throws -> Stipend? {
        guard let amount = try r.optionalInt("stipend_amount") else { return nil }
        return Stipend(amount: amount, currency: try r.value(Currency.self, "stipend_currency"))
    }

    @inlinable
    public static func listing(_ r: some RowReading) throws -> Listing {
        Listing(
            id: try r.id("id"), organizationID: try r.id("organization_id"), createdBy: try r.id("created_by"),
            terms: ListingDraft(
                title: try r.string("title"), description: try r.string("description"),
                category: try r.value(ListingCategory.self, "category"),
                level: try r.value(ExperienceLevel.self, "level"),
                locationType: try r.value(LocationType.self, "location_type"), location: try r.string("location"),
                startDate: try r.date("start_date"), endDate: try r.date("end_date"),
                durationWeeks: try r.int("duration_weeks"), stipend: try Rows.stipend(r),
                requiredSkills: try r.json([String].self, "required_skills"),
                preferredSkills: try r.json([String].self, "preferred_skills"),
                eligibleYears: try r.json([Int].self, "eligible_years"),
                eligibleCourses: try r.json([String].self, "eligible_courses"), deadline: try r.date("deadline"),
                capacity: try r.int("capacity"), positions: try r.int("positions"),
                visibility: try r.value(ListingVisibility.self, "visibility"),
                institutionID: try r.optionalID("institution_id"),
                questions: try r.json([ScreeningQuestion].self, "questions")), featured: try r.bool("featured"),
            status: try r.value(ListingStatus.self, "status"), statusReason: try r.optionalString("status_reason"),
            verifiedBy: try r.optionalID("verified_by"), verifiedAt: try r.optionalDate("verified_at"),
            createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"),
            publishedAt: try r.optionalDate("published_at"), closedAt: try r.optionalDate("closed_at"))
    }

    /// The columns `summary(_:score:)` reads, for every query that returns summaries (`l` is the
    /// listings table).
    public static let summaryColumns = """
        l.id, l.title, l.organization_id, l.organization_name, l.category, l.level, l.location_type, l.location,
        l.stipend_amount, l.stipend_currency, l.deadline, l.duration_weeks, l.application_count, l.status,
        l.featured, l.published_at, l.required_skills
        """

    @inlinable
    public static func summary(_ r: some RowReading, score: Double?) throws -> ListingSummary {
        ListingSummary(
            id: try r.id("id"), title: try r.string("title"), organizationID: try r.id("organization_id"),
            organizationName: try r.string("organization_name"),
            category: try r.value(ListingCategory.self, "category"), level: try r.value(ExperienceLevel.self, "level"),
            locationType: try r.value(LocationType.self, "location_type"), location: try r.string("location"),
            stipend: try Rows.stipend(r), deadline: try r.date("deadline"), durationWeeks: try r.int("duration_weeks"),
            applicationCount: try r.int("application_count"), status: try r.value(ListingStatus.self, "status"),
            featured: try r.bool("featured"), publishedAt: try r.optionalDate("published_at"),
            requiredSkills: try r.json([String].self, "required_skills"), score: score)
    }

    @inlinable
    public static func application(_ r: some RowReading) throws -> Application {
        var interview: Interview?
        if let at = try r.optionalDate("interview_at") {
            interview = Interview(at: at, place: try r.optionalString("interview_place") ?? "")
        }
        var rejection: Rejection?
        if let reason = try r.optionalValue(RejectionReason.self, "rejection_reason") {
            rejection = Rejection(reason: reason, note: try r.optionalString("rejection_note"))
        }
        return Application(
            id: try r.id("id"), studentID: try r.id("student_id"), listingID: try r.id("listing_id"),
            status: try r.value(ApplicationStatus.self, "status"), coverLetter: try r.string("cover_letter"),
            answers: try r.json([String].self, "answers"), resumePath: try r.optionalString("resume_path"),
            submittedAt: try r.date("submitted_at"), updatedAt: try r.date("updated_at"),
            reviewedAt: try r.optionalDate("reviewed_at"), rating: try r.optionalInt("rating"),
            notes: try r.optionalString("notes"), interview: interview, rejection: rejection,
            offerExpiresAt: try r.optionalDate("offer_expires_at"))
    }

    @inlinable
    public static func event(_ r: some RowReading) throws -> ApplicationEvent {
        var interview: Interview?
        if let at = try r.optionalDate("stage_interview_at") {
            interview = Interview(at: at, place: try r.optionalString("stage_interview_place") ?? "")
        }
        var rejection: Rejection?
        if let reason = try r.optionalValue(RejectionReason.self, "stage_rejection_reason") {
            rejection = Rejection(reason: reason, note: try r.optionalString("stage_rejection_note"))
        }
        let stage = ApplicationStage(
            status: try r.value(ApplicationStatus.self, "stage_status"), interview: interview, rejection: rejection,
            offerExpiresAt: try r.optionalDate("stage_offer_expires_at"))
        return ApplicationEvent(
            id: try r.id("id"), applicationID: try r.id("application_id"),
            from: try r.optionalValue(ApplicationStatus.self, "from_status"),
            to: try r.value(ApplicationStatus.self, "to_status"), actorID: try r.optionalID("actor_id"),
            actorRole: try r.optionalValue(Role.self, "actor_role"), at: try r.date("at"),
            reason: try r.optionalString("reason"), note: try r.optionalString("note"), stage: stage,
            undoes: try r.optionalID("undoes"), batchID: try r.optionalString("batch_id"))
    }

    @inlinable
    public static func savedSearch(_ r: some RowReading) throws -> SavedSearch {
        SavedSearch(
            id: try r.id("id"), studentID: try r.id("student_id"), name: try r.string("name"),
            query: try r.string("query"), createdAt: try r.date("created_at"), lastSeenAt: try r.date("last_seen_at"))
    }

    @inlinable
    public static func outbox(_ r: some RowReading) throws -> OutboxMessage {
        OutboxMessage(
            id: try r.int64("id"), notificationID: try r.id("notification_id"), recipient: try r.string("recipient"),
            subject: try r.string("subject"), body: try r.string("body"),
            status: try r.value(OutboxStatus.self, "status"), attempts: try r.int("attempts"),
            createdAt: try r.date("created_at"), nextAttemptAt: try r.date("next_attempt_at"),
            lastError: try r.optionalString("last_error"))
    }

    @inlinable
    public static func alert(_ r: some RowReading) throws -> Alert {
        Alert(
            id: try r.id("id"), kind: try r.value(AlertKind.self, "kind"),
            severity: try r.value(HealthStatus.self, "severity"), message: try r.string("message"),
            state: try r.value(AlertState.self, "state"), raisedAt: try r.date("raised_at"),
            lastSeenAt: try r.date("last_seen_at"), acknowledgedAt: try r.optionalDate("acknowledged_at"),
            acknowledgedBy: try r.optionalID("acknowledged_by"), closedAt: try r.optionalDate("closed_at"),
            closedBy: try r.optionalID("closed_by"))
    }

    @inlinable
    public static func audit(_ r: some RowReading) throws -> AuditEvent {
        AuditEvent(
            id: try r.id("id"), actorID: try r.optionalID("actor_id"),
            actorRole: try r.optionalValue(Role.self, "actor_role"), action: try r.string("action"),
            entity: try r.string("entity"), entityID: try r.optionalInt64("entity_id"),
            summary: try r.string("summary"),
            at: try r.date("at"), origin: try r.value(Origin.self, "origin"))
    }

    @inlinable
    public static func notification(_ r: some RowReading) throws -> Notification {
        Notification(
            id: try r.id("id"), userID: try r.id("user_id"), kind: try r.value(NotificationKind.self, "kind"),
            title: try r.string("title"), body: try r.string("body"), createdAt: try r.date("created_at"),
            readAt: try r.optionalDate("read_at"), applicationID: try r.optionalID("application_id"),
            listingID: try r.optionalID("listing_id"))
    }

    @inlinable
    public static func securityEvent(_ r: some RowReading) throws -> SecurityEvent {
        SecurityEvent(
            id: try r.id("id"), kind: try r.value(SecurityEventKind.self, "kind"), userID: try r.optionalID("user_id"),
            email: try r.optionalString("email"), source: try r.optionalString("source"),
            detail: try r.string("detail"), at: try r.date("at"))
    }

    @inlinable
    public static func backupRecord(_ r: some RowReading) throws -> BackupRecord {
        BackupRecord(
            id: try r.id("id"), path: try r.string("path"), createdAt: try r.date("created_at"),
            sizeBytes: try r.int64("size_bytes"), verifiedAt: try r.optionalDate("verified_at"),
            integrityOK: try r.bool("integrity_ok"))
    }
}

extension Rows {
    // MARK: Columns: what each entity writes, once for both stores.

    public static func columns(_ user: User) -> Columns {
        [
            "id": user.id, "email": user.email, "email_key": user.email.lowercased(),
            "display_name": user.displayName, "role": user.role.rawValue, "status": user.status.rawValue,
            "locked_until": user.lockedUntil, "password_hash": user.passwordHash, "phone": user.phone,
            "organization_id": user.organizationID, "institution_id": user.institutionID,
            "created_at": user.createdAt, "last_login_at": user.lastLoginAt,
            "failure_window_start": user.failureWindowStart, "sessions_ended_at": user.sessionsEndedAt,
            "must_change_password": user.mustChangePassword,
        ]
    }

    public static func columns(_ profile: StudentProfile) throws -> Columns {
        [
            "user_id": profile.userID, "institution_id": profile.institutionID,
            "registration_number": profile.registrationNumber, "year_of_study": profile.yearOfStudy,
            "course": profile.course, "skills": try ColumnValue.json(profile.skills),
            "interests": try ColumnValue.json(profile.interests), "github_url": profile.githubURL,
            "linkedin_url": profile.linkedinURL, "website_url": profile.websiteURL, "resume_path": profile.resumePath,
            "bio": profile.bio, "updated_at": profile.updatedAt,
        ]
    }

    public static func columns(_ institution: Institution) -> Columns {
        [
            "id": institution.id, "name": institution.name, "name_key": institution.name.lowercased(),
            "short_code": institution.shortCode, "type": institution.type.rawValue, "verified": institution.verified,
        ]
    }

    public static func columns(_ organization: Organization) -> Columns {
        [
            "id": organization.id, "name": organization.name, "name_lower": organization.name.lowercased(),
            "industry": organization.industry, "size": organization.size.rawValue, "website": organization.website,
            "location": organization.location, "description": organization.description,
            "verified": organization.verified, "created_at": organization.createdAt,
        ]
    }

    public static func columns(_ listing: Listing) throws -> Columns {
        let skills = listing.requiredSkills + listing.preferredSkills
        return [
            "id": listing.id, "organization_id": listing.organizationID, "created_by": listing.createdBy,
            "title": listing.title, "description": listing.description, "category": listing.category.rawValue,
            "level": listing.level.rawValue, "location_type": listing.locationType.rawValue,
            "location": listing.location, "location_lower": listing.location.lowercased(),
            "start_date": listing.startDate, "end_date": listing.endDate, "duration_weeks": listing.durationWeeks,
            "stipend_amount": listing.stipend?.amount, "stipend_currency": listing.stipend?.currency.rawValue,
            "stipend_kes": listing.stipend?.kesEquivalent,
            "required_skills": try ColumnValue.json(listing.requiredSkills),
            "preferred_skills": try ColumnValue.json(listing.preferredSkills),
            "skills_text": skills.joined(separator: ", "), "skills_key": ListKey.key(skills),
            "eligible_years": try ColumnValue.json(listing.eligibleYears),
            "eligible_years_mask": ListKey.yearMask(listing.eligibleYears),
            "eligible_courses": try ColumnValue.json(listing.eligibleCourses),
            "eligible_courses_key": ListKey.key(listing.eligibleCourses), "deadline": listing.deadline,
            "capacity": listing.capacity, "positions": listing.positions,
            "visibility": listing.visibility.rawValue, "institution_id": listing.institutionID,
            "questions": try ColumnValue.json(listing.questions), "featured": listing.featured,
            "status": listing.status.rawValue, "status_reason": listing.statusReason,
            "verified_by": listing.verifiedBy, "verified_at": listing.verifiedAt, "created_at": listing.createdAt,
            "updated_at": listing.updatedAt, "published_at": listing.publishedAt, "closed_at": listing.closedAt,
        ]
    }

    public static func columns(_ a: Application) throws -> Columns {
        [
            "id": a.id, "student_id": a.studentID, "listing_id": a.listingID, "status": a.status.rawValue,
            "cover_letter": a.coverLetter, "answers": try ColumnValue.json(a.answers), "resume_path": a.resumePath,
            "submitted_at": a.submittedAt, "updated_at": a.updatedAt, "reviewed_at": a.reviewedAt,
            "rating": a.rating, "notes": a.notes, "interview_at": a.interview?.at,
            "interview_place": a.interview?.place, "rejection_reason": a.rejection?.reason.rawValue,
            "rejection_note": a.rejection?.note, "offer_expires_at": a.offerExpiresAt,
        ]
    }

    public static func columns(_ search: SavedSearch) -> Columns {
        [
            "id": search.id, "student_id": search.studentID, "name": search.name, "query": search.query,
            "created_at": search.createdAt, "last_seen_at": search.lastSeenAt,
        ]
    }

    public static func columns(_ m: OutboxMessage) -> Columns {
        [
            "id": m.id, "notification_id": m.notificationID, "recipient": m.recipient, "subject": m.subject,
            "body": m.body, "status": m.status.rawValue, "attempts": m.attempts, "created_at": m.createdAt,
            "next_attempt_at": m.nextAttemptAt, "last_error": m.lastError,
        ]
    }

    public static func columns(_ a: Alert) -> Columns {
        [
            "id": a.id, "kind": a.kind.rawValue, "severity": a.severity.rawValue, "message": a.message,
            "state": a.state.rawValue, "raised_at": a.raisedAt, "last_seen_at": a.lastSeenAt,
            "acknowledged_at": a.acknowledgedAt, "acknowledged_by": a.acknowledgedBy, "closed_at": a.closedAt,
            "closed_by": a.closedBy,
        ]
    }
}
