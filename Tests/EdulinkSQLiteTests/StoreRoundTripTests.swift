import EdulinkCore
import EdulinkSQLite
import Foundation
import GRDB
import Testing

@Suite("SQLiteStore keeps every entity as written", .timeLimit(.minutes(10)))
struct StoreRoundTripTests {
    @Test("migrations apply on an empty file and opening again changes nothing")
    func migrationsAreIdempotent() async throws {
        try await withTemporaryStore { store, _, _ in
            let first = try await store.status()
            #expect(first.pendingMigrations.isEmpty)
            #expect(first.schemaVersion == SQLiteStore.latestSchemaVersion)
            let again = try SQLiteStore(path: store.path)
            let second = try await again.status()
            #expect(second.appliedMigrations == first.appliedMigrations)
        }
    }

    @Test("a new database file is readable by its owner only")
    func fileMode() async throws {
        try await withTemporaryStore { store, _, _ in
            let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }

    @Test("users, profiles, organizations and institutions come back equal")
    func accounts() async throws {
        try await withTemporaryStore { store, _, _ in
            let (user, profile, organization, institution) = try await store.write { session in
                let institution = try session.insertInstitution(
                    Institution(name: "University of Nairobi", shortCode: "UON", type: .university, verified: true))
                let organization = try session.insertOrganization(Fixtures.organization())
                var user = Fixtures.user("amina@example.com")
                user.phone = "+254700000000"
                user.institutionID = institution.id
                user.lockedUntil = Fixtures.now.addingTimeInterval(900)
                user.status = .locked
                user.lastLoginAt = Fixtures.now.addingTimeInterval(-0.25)
                user = try session.insertUser(user)
                let profile = StudentProfile(
                    userID: user.id, institutionID: institution.id,
                    content: ProfileContent(
                        registrationNumber: "CS/123/2024", yearOfStudy: 3, course: "Computer Science",
                        skills: ["Swift", "SQL"], interests: ["Data"], githubURL: "https://github.com/amina",
                        bio: "Hello"), updatedAt: Fixtures.now)
                try session.saveProfile(profile)
                return (user, profile, organization, institution)
            }
            try await store.read { session throws in
                #expect(try session.user(user.id) == user)
                #expect(try session.user(email: "AMINA@example.com") == user)
                #expect(try session.profile(user.id) == profile)
                #expect(try session.organization(organization.id) == organization)
                #expect(try session.institution(institution.id) == institution)
                #expect(try session.users(matching: "amina", role: .student, after: nil, limit: 10) == [user])
                #expect(try session.countUsers(role: .student, status: .locked) == 1)
                #expect(
                    try session.registrationNumberTaken("CS/123/2024", institutionID: institution.id, excluding: 999))
                #expect(
                    !(try session.registrationNumberTaken(
                        "CS/123/2024", institutionID: institution.id, excluding: user.id)))
            }
        }
    }

    @Test("a second account with the same email in other case is a conflict")
    func duplicateEmail() async throws {
        try await withTemporaryStore { store, _, _ in
            _ = try await store.write { try $0.insertUser(Fixtures.user("a@example.com")) }
            await #expect(throws: EdulinkError.conflict("An account with this email already exists.")) {
                try await store.write { try $0.insertUser(Fixtures.user("A@Example.com")) }
            }
        }
    }

    @Test("listings, applications, timeline, saved items, notifications, outbox, audit and security events")
    func everythingElse() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            let written = try await store.write { session in
                var listing = Fixtures.listing(
                    organization: organization, createdBy: employer, stipend: Stipend(amount: 300, currency: .usd),
                    skills: ["Swift"], preferredSkills: ["SQL"], years: [3, 4], courses: ["Computer Science"])
                listing.questions = [ScreeningQuestion(prompt: "Why?", kind: .longText, required: true)]
                listing = try session.insertListing(listing)
                let student = try session.insertUser(Fixtures.user("s@example.com"))
                let application = try session.insertApplication(
                    Application(
                        studentID: student.id, listingID: listing.id, status: .interviewScheduled,
                        coverLetter: "Dear team", answers: ["Because"], submittedAt: Fixtures.now, rating: 4,
                        notes: "good", interview: Interview(at: Fixtures.now.addingTimeInterval(86_400), place: "HQ"),
                        rejection: Rejection(reason: .other, note: "n/a")))
                let event = try session.appendEvent(
                    ApplicationEvent(
                        applicationID: application.id, from: .pending, to: .interviewScheduled, actorID: employer,
                        actorRole: .employer, at: Fixtures.now, reason: "r", note: "n", stage: application.stage,
                        batchID: "batch-1"))
                #expect(
                    try session.insertSavedListing(
                        SavedListing(studentID: student.id, listingID: listing.id, savedAt: Fixtures.now)))
                #expect(
                    !(try session.insertSavedListing(
                        SavedListing(studentID: student.id, listingID: listing.id, savedAt: Fixtures.now))))
                let search = try session.insertSavedSearch(
                    SavedSearch(
                        studentID: student.id, name: "data", query: "data", createdAt: Fixtures.now,
                        lastSeenAt: Fixtures.now))
                let notification = try session.insertNotification(
                    EdulinkCore.Notification(
                        userID: student.id, kind: .statusChanged, title: "Moved", body: "b", createdAt: Fixtures.now,
                        applicationID: application.id, listingID: listing.id))
                let outbox = OutboxMessage(
                    notificationID: notification.id, recipient: "s@example.com", subject: "s", body: "b",
                    createdAt: Fixtures.now, nextAttemptAt: Fixtures.now)
                try session.insertOutbox(outbox)
                try session.insertAudit(
                    AuditEvent(
                        actorID: employer, actorRole: .employer, action: "application.move", entity: "application",
                        entityID: application.id.rawValue, summary: "moved", at: Fixtures.now, origin: .tui))
                try session.insertSecurityEvent(
                    SecurityEvent(
                        kind: .loginFailed, userID: student.id, email: "s@example.com", source: "local", detail: "bad",
                        at: Fixtures.now))
                return (listing, student, application, event, search, notification)
            }
            let (listing, student, application, event, search, notification) = written
            try await store.read { session throws in
                #expect(try session.listing(listing.id) == listing)
                #expect(try session.application(application.id) == application)
                #expect(try session.application(studentID: student.id, listingID: listing.id) == application)
                #expect(try session.applications(studentID: student.id) == [application])
                #expect(
                    try session.applications(
                        listingID: listing.id, status: .interviewScheduled, studentNamed: nil, after: nil, limit: 5)
                        == [application])
                #expect(try session.applicationCounts(listingID: listing.id) == [.interviewScheduled: 1])
                #expect(try session.countApplications(studentID: student.id, since: Fixtures.now) == 1)
                #expect(try session.timeline(application.id) == [event])
                #expect(try session.events(batchID: "batch-1") == [event])
                #expect(try session.isSaved(studentID: student.id, listingID: listing.id))
                #expect(try session.savedBy(listingID: listing.id) == [student.id])
                #expect(try session.savedSearch(search.id) == search)
                #expect(try session.notification(notification.id) == notification)
                #expect(try session.unreadNotificationCount(userID: student.id) == 1)
                #expect(
                    try session.hasNotification(
                        userID: student.id, kind: .statusChanged, listingID: listing.id, title: "Moved"))
                #expect(try session.dueOutbox(at: Fixtures.now, limit: 5).count == 1)
                #expect(try session.outboxStatistics().pending == 1)
                #expect(try session.auditEvents(AuditQuery(action: "application.")).count == 1)
                #expect(try session.auditEvents(AuditQuery(action: "application%")).isEmpty)
                #expect(
                    try session.securityEvents(
                        kind: .loginFailed, userID: student.id, since: nil, limit: 5
                    ).count == 1)
                #expect(try session.countSecurityEvents(kind: .loginFailed, userID: nil, since: Fixtures.now) == 1)
                let summary = try session.listingSummaries([listing.id]).first
                #expect(summary?.applicationCount == 1)
                #expect(summary?.organizationName == "Acme Kenya Ltd")
            }
        }
    }

    @Test("the application count follows inserts and withdrawals")
    func applicationCount() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            let count = try await store.write { session in
                let listing = try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer))
                var applications: [Application] = []
                for index in 0..<3 {
                    let student = try session.insertUser(Fixtures.user("s\(index)@example.com"))
                    applications.append(
                        try session.insertApplication(
                            Application(
                                studentID: student.id, listingID: listing.id, coverLetter: "c",
                                submittedAt: Fixtures.now)))
                }
                var withdrawn = applications[0]
                withdrawn.status = .withdrawn
                try session.updateApplication(withdrawn)
                return try session.listingSummaries([listing.id]).first?.applicationCount
            }
            #expect(count == 2)
        }
    }

    @Test("notifications come unread first, then newest; unread only leaves the read ones out")
    func notificationOrder() async throws {
        try await withTemporaryStore { store, _, _ in
            let user = try await store.write { try $0.insertUser(Fixtures.user("n@example.com")) }
            let ids = try await store.write { session in
                try (0..<6).map { index in
                    try session.insertNotification(
                        EdulinkCore.Notification(
                            userID: user.id, kind: .statusChanged, title: "t\(index)", body: "b",
                            createdAt: Fixtures.now.addingTimeInterval(Double(index)),
                            readAt: index.isMultiple(of: 2) ? Fixtures.now : nil)
                    ).id
                }
            }
            let all = try await store.read {
                try $0.notifications(userID: user.id, unreadOnly: false, limit: 10)
            }
            #expect(all.map(\.id) == [ids[5], ids[3], ids[1], ids[4], ids[2], ids[0]])
            let unread = try await store.read { try $0.notifications(userID: user.id, unreadOnly: true, limit: 2) }
            #expect(unread.map(\.id) == [ids[5], ids[3]])
            let changed = try await store.write {
                try $0.markNotificationsRead(userID: user.id, ids: nil, at: Fixtures.now)
            }
            #expect(changed == 3)
        }
    }

    @Test("the application timeline refuses updates and deletes")
    func timelineIsAppendOnly() async throws {
        try await withTemporaryStore { store, _, _ in
            let (organization, employer) = try await Fixtures.employer(store)
            try await store.write { session in
                let listing = try session.insertListing(
                    Fixtures.listing(organization: organization, createdBy: employer))
                let student = try session.insertUser(Fixtures.user("s@example.com"))
                let application = try session.insertApplication(
                    Application(
                        studentID: student.id, listingID: listing.id, coverLetter: "c", submittedAt: Fixtures.now))
                _ = try session.appendEvent(
                    ApplicationEvent(
                        applicationID: application.id, from: nil, to: .pending, actorID: student.id,
                        actorRole: .student,
                        at: Fixtures.now, stage: application.stage))
            }
            let queue = try store.rawDatabase()
            #expect(throws: (any Error).self) { () throws -> Void in
                try queue.write { try $0.execute(sql: "UPDATE application_events SET note = 'x'") }
            }
            #expect(throws: (any Error).self) { () throws -> Void in
                try queue.write { try $0.execute(sql: "DELETE FROM application_events") }
            }
            let count = try await queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM application_events") }
            #expect(count == 1)
        }
    }
}
