/// The first schema: every table, its constraints, indexes for the hot queries, and the triggers
/// that keep derived columns right.
///
/// Dates are Unix microseconds (`INTEGER`), arrays JSON text; see `ColumnCoding`.
enum SchemaV1 {
    static let statements: [String] = tables + indexes + triggers

    static let tables = [
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE institutions (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            short_code TEXT NOT NULL,
            type TEXT NOT NULL,
            verified INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE organizations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_lower TEXT NOT NULL,
            industry TEXT NOT NULL,
            size TEXT NOT NULL,
            website TEXT,
            location TEXT NOT NULL,
            description TEXT NOT NULL,
            verified INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            status TEXT NOT NULL,
            locked_until INTEGER,
            password_hash TEXT NOT NULL,
            phone TEXT,
            organization_id INTEGER REFERENCES organizations(id),
            institution_id INTEGER REFERENCES institutions(id),
            created_at INTEGER NOT NULL,
            last_login_at INTEGER,
            failure_window_start INTEGER
        )
        """,
        """
        CREATE TABLE student_profiles (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            institution_id INTEGER REFERENCES institutions(id),
            registration_number TEXT,
            year_of_study INTEGER,
            course TEXT,
            skills TEXT NOT NULL DEFAULT '[]',
            interests TEXT NOT NULL DEFAULT '[]',
            github_url TEXT,
            linkedin_url TEXT,
            website_url TEXT,
            resume_path TEXT,
            bio TEXT,
            updated_at INTEGER NOT NULL,
            UNIQUE (institution_id, registration_number)
        )
        """,
        // `organization_name` is a copy of the organization's name, kept by a trigger, so the
        // full-text index can use this table as its external content and the Browse table needs no
        // join. The `*_key`, `*_lower`, `*_mask` and `stipend_kes` columns are derived by the store
        // on every write, for filtering in SQL.
        """
        CREATE TABLE listings (
            id INTEGER PRIMARY KEY,
            organization_id INTEGER NOT NULL REFERENCES organizations(id),
            organization_name TEXT NOT NULL,
            created_by INTEGER NOT NULL REFERENCES users(id),
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            category TEXT NOT NULL,
            level TEXT NOT NULL,
            location_type TEXT NOT NULL,
            location TEXT NOT NULL,
            location_lower TEXT NOT NULL,
            start_date INTEGER NOT NULL,
            end_date INTEGER NOT NULL,
            duration_weeks INTEGER NOT NULL,
            stipend_amount INTEGER,
            stipend_currency TEXT,
            stipend_kes INTEGER,
            required_skills TEXT NOT NULL DEFAULT '[]',
            preferred_skills TEXT NOT NULL DEFAULT '[]',
            skills_text TEXT NOT NULL DEFAULT '',
            skills_key TEXT NOT NULL DEFAULT '',
            eligible_years TEXT NOT NULL DEFAULT '[]',
            eligible_years_mask INTEGER NOT NULL DEFAULT 0,
            eligible_courses TEXT NOT NULL DEFAULT '[]',
            eligible_courses_key TEXT NOT NULL DEFAULT '',
            deadline INTEGER NOT NULL,
            capacity INTEGER NOT NULL,
            positions INTEGER NOT NULL,
            visibility TEXT NOT NULL,
            institution_id INTEGER REFERENCES institutions(id),
            questions TEXT NOT NULL DEFAULT '[]',
            featured INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL,
            status_reason TEXT,
            verified_by INTEGER REFERENCES users(id),
            verified_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            published_at INTEGER,
            closed_at INTEGER,
            application_count INTEGER NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            student_id INTEGER NOT NULL REFERENCES users(id),
            listing_id INTEGER NOT NULL REFERENCES listings(id),
            status TEXT NOT NULL,
            cover_letter TEXT NOT NULL,
            answers TEXT NOT NULL DEFAULT '[]',
            resume_path TEXT,
            submitted_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            reviewed_at INTEGER,
            rating INTEGER,
            notes TEXT,
            interview_at INTEGER,
            interview_place TEXT,
            rejection_reason TEXT,
            rejection_note TEXT,
            offer_expires_at INTEGER,
            UNIQUE (student_id, listing_id)
        )
        """,
        """
        CREATE TABLE application_events (
            id INTEGER PRIMARY KEY,
            application_id INTEGER NOT NULL REFERENCES applications(id),
            from_status TEXT,
            to_status TEXT NOT NULL,
            actor_id INTEGER REFERENCES users(id),
            actor_role TEXT,
            at INTEGER NOT NULL,
            reason TEXT,
            note TEXT,
            stage_status TEXT NOT NULL,
            stage_interview_at INTEGER,
            stage_interview_place TEXT,
            stage_rejection_reason TEXT,
            stage_rejection_note TEXT,
            stage_offer_expires_at INTEGER,
            undoes INTEGER REFERENCES application_events(id),
            batch_id TEXT
        )
        """,
        """
        CREATE TABLE saved_listings (
            student_id INTEGER NOT NULL REFERENCES users(id),
            listing_id INTEGER NOT NULL REFERENCES listings(id),
            saved_at INTEGER NOT NULL,
            PRIMARY KEY (student_id, listing_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE saved_searches (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            student_id INTEGER NOT NULL REFERENCES users(id),
            name TEXT NOT NULL,
            query TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            read_at INTEGER,
            is_read INTEGER NOT NULL DEFAULT 0,
            application_id INTEGER REFERENCES applications(id),
            listing_id INTEGER REFERENCES listings(id)
        )
        """,
        """
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            notification_id INTEGER NOT NULL REFERENCES notifications(id),
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            last_error TEXT
        )
        """,
        """
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            actor_id INTEGER,
            actor_role TEXT,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id INTEGER,
            summary TEXT NOT NULL,
            at INTEGER NOT NULL,
            origin TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE security_events (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            user_id INTEGER,
            email TEXT,
            source TEXT,
            detail TEXT NOT NULL,
            at INTEGER NOT NULL
        )
        """,
        """
        CREATE TABLE backups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            path TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            size_bytes INTEGER NOT NULL,
            verified_at INTEGER,
            integrity_ok INTEGER NOT NULL
        )
        """,
    ]

    static let indexes = [
        "CREATE INDEX users_organization ON users(organization_id) WHERE organization_id IS NOT NULL",
        "CREATE INDEX users_role ON users(role, status)",
        "CREATE INDEX listings_organization ON listings(organization_id, id)",
        "CREATE INDEX listings_status ON listings(status, id)",
        // Browse without search words, one index per sort; the leading status lets the open-only
        // predicate seek, the sort key then gives the order with no temporary B-tree.
        "CREATE INDEX listings_published_newest ON listings(status, published_at, id)",
        "CREATE INDEX listings_published_deadline ON listings(status, deadline, id)",
        "CREATE INDEX listings_published_stipend ON listings(status, stipend_kes, id)",
        "CREATE INDEX applications_listing_status ON applications(listing_id, status, id)",
        "CREATE INDEX applications_listing ON applications(listing_id, id)",
        "CREATE INDEX applications_student_submitted ON applications(student_id, submitted_at)",
        "CREATE INDEX application_events_application ON application_events(application_id, id)",
        "CREATE INDEX application_events_batch ON application_events(batch_id) WHERE batch_id IS NOT NULL",
        "CREATE INDEX saved_listings_listing ON saved_listings(listing_id)",
        "CREATE INDEX saved_searches_student ON saved_searches(student_id, id)",
        "CREATE INDEX notifications_user_inbox ON notifications(user_id, is_read, created_at, id)",
        "CREATE INDEX notifications_user_kind ON notifications(user_id, kind, listing_id)",
        "CREATE INDEX outbox_due ON outbox(status, next_attempt_at)",
        "CREATE INDEX audit_events_at ON audit_events(at, id)",
        "CREATE INDEX audit_events_actor ON audit_events(actor_id, id)",
        "CREATE INDEX audit_events_entity ON audit_events(entity, entity_id, id)",
        "CREATE INDEX security_events_kind_user_at ON security_events(kind, user_id, at)",
        "CREATE INDEX security_events_kind_at ON security_events(kind, at)",
        "CREATE INDEX security_events_user_at ON security_events(user_id, at)",
        "CREATE INDEX backups_created ON backups(created_at)",
    ]

    static let triggers = [
        // The timeline is append-only: an undo is a new event, never an edit.
        """
        CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
        BEGIN SELECT RAISE(ABORT, 'application_events is append-only: events cannot be changed'); END
        """,
        """
        CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events
        BEGIN SELECT RAISE(ABORT, 'application_events is append-only: events cannot be deleted'); END
        """,
        // `listings.application_count`: applications that are not withdrawn.
        """
        CREATE TRIGGER applications_count_insert AFTER INSERT ON applications
        WHEN NEW.status <> 'withdrawn'
        BEGIN UPDATE listings SET application_count = application_count + 1 WHERE id = NEW.listing_id; END
        """,
        """
        CREATE TRIGGER applications_count_delete AFTER DELETE ON applications
        WHEN OLD.status <> 'withdrawn'
        BEGIN UPDATE listings SET application_count = application_count - 1 WHERE id = OLD.listing_id; END
        """,
        """
        CREATE TRIGGER applications_count_update AFTER UPDATE OF status, listing_id ON applications
        WHEN OLD.status IS NOT NEW.status OR OLD.listing_id IS NOT NEW.listing_id
        BEGIN
            UPDATE listings SET application_count = application_count - (OLD.status <> 'withdrawn')
                WHERE id = OLD.listing_id;
            UPDATE listings SET application_count = application_count + (NEW.status <> 'withdrawn')
                WHERE id = NEW.listing_id;
        END
        """,
        // A renamed organization renames its listings' copy (which updates the full-text index).
        """
        CREATE TRIGGER organizations_rename AFTER UPDATE OF name ON organizations
        WHEN OLD.name IS NOT NEW.name
        BEGIN UPDATE listings SET organization_name = NEW.name WHERE organization_id = NEW.id; END
        """,
    ]
}
