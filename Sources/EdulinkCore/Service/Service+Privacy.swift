import Foundation

// Privacy (PLACEMENTS.md): a person's data as one document, and erasing a person.
extension EdulinkService {
    /// Everything stored about the account `id`, as one document (never the password hash). The
    /// person themselves and admins (and the command line's operator) may export it; recorded as a
    /// `data_export` security event and audited on the account.
    public func exportPersonalData(of id: UserID) async throws -> PersonalDataExport {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .exportPersonalData, on: Ownership(userID: id))
            let at = now()
            return try await store.write { session in
                guard let user = try session.user(id) else { throw EdulinkError.notFound("Account") }
                let document = try self.personalData(of: user, session, at: at)
                let whose = principal.userID == id ? "own personal data" : "personal data of account #\(id.rawValue)"
                let counted =
                    "\(document.applications.count) applications, \(document.placements.count) placements, "
                    + "\(document.notifications.count) notifications"
                try self.securityEvent(
                    session, .dataExport, user: principal.isOperator ? nil : principal.userID,
                    source: principal.origin.rawValue, "\(whose) exported (\(counted))")
                try self.audit(session, principal, "user.export", "user", id.rawValue, "personal data exported")
                return document
            }
        }
    }

    /// The signed-in person's own data (`exportPersonalData(of:)` for themselves).
    public func exportMyData() async throws -> PersonalDataExport {
        let principal = try await caller()
        return try await exportPersonalData(of: principal.userID)
    }

    /// Anonymises the account `id` (admins and the operator only): name, email, phone,
    /// registration number, links and the texts the person wrote are replaced, the password made
    /// unusable, every session and refresh token ended and the account disabled. States, dates and
    /// counts stay, so reports still add up. Texts elsewhere that quote the person's name, email or
    /// phone (audit summaries, notifications, queued messages, others' notes) are rewritten too.
    ///
    /// Refused while the person has an upcoming or active placement (as student or supervisor)
    /// unless `force`; refused for the admin's own account and the last active admin. Erasing an
    /// erased account again changes nothing but is recorded.
    public func erasePersonalData(of id: UserID, force: Bool) async throws -> ErasureResult {
        let principal = try await caller()
        let at = now()
        let result = try await guarded(principal) {
            try authorize(principal, .erasePersonalData)
            return try await store.write { session in
                guard var user = try session.user(id) else { throw EdulinkError.notFound("Account") }
                try Self.refuseOwnAccount(principal, user, "erase")
                if user.role == .admin, try self.isLastActiveAdmin(user, session) {
                    throw EdulinkError.refused(
                        Refusal(.lastAdmin, "This is the last active admin; it cannot be erased."))
                }
                let again = ErasureRules.isErased(user)
                var placements = try session.placements(.student(id))
                if user.role == .supervisor { placements += try session.placements(.supervisor(id)) }
                // An erased account has nothing left to protect: erasing it again is never refused.
                let open = again ? [] : placements.filter { ErasureRules.blockingPlacementStates.contains($0.status) }
                if !open.isEmpty && !force {
                    let list = open.map { "#\($0.id.rawValue) (\($0.status.label))" }.joined(separator: ", ")
                    throw EdulinkError.refused(
                        Refusal(
                            .placementInProgress,
                            "The account has a placement in progress: \(list). End it first, or force the erasure."))
                }
                let needles = again ? [] : ErasureRules.needles(of: user)
                let records = PersonalRecordsErasure(
                    userID: id, formerEmail: user.email, placeholderEmail: ErasureRules.placeholderEmail(id),
                    marker: ErasureRules.marker, at: at)

                try self.eraseOwnRecords(&user, session, at: at)
                try session.erasePersonalRecords(records)
                var rewritten = 0
                for quoted in try session.textsQuoting(needles) {
                    guard let text = ErasureRules.scrub(quoted.text, needles: needles) else { continue }
                    try session.rewriteText(quoted, to: text)
                    rewritten += 1
                }
                try session.forgetAnswersQuoting(needles)

                // Only the account's id: the summary must not keep what was just erased.
                var summary = again ? "personal data erased again" : "personal data erased"
                if !open.isEmpty {
                    summary += " during placement \(open.map { "#\($0.id.rawValue)" }.joined(separator: ", "))"
                }
                try self.audit(session, principal, "user.erase", "user", id.rawValue, summary)
                try self.securityEvent(session, .adminAction, user: id, source: principal.origin.rawValue, summary)
                return ErasureResult(userID: id, email: user.email, erased: !again, textsRewritten: rewritten)
            }
        }
        do {
            try await store.discardFormerVersions()
        } catch {
            logger.error("erased account #\(id.rawValue), but could not discard the journal's former pages: \(error)")
        }
        return result
    }

    /// The account, profile, applications and logbook entries of the person, rewritten.
    private func eraseOwnRecords(_ user: inout User, _ session: any StoreWriter, at: Date) throws {
        let marker = ErasureRules.marker
        user.email = ErasureRules.placeholderEmail(user.id)
        user.displayName = ErasureRules.placeholderName(user.id)
        user.phone = nil
        user.passwordHash = ErasureRules.unusablePasswordHash
        user.status = .disabled
        user.lockedUntil = nil
        user.mustChangePassword = false
        user.sessionsEndedAt = at
        try session.updateUser(user)

        if var profile = try session.profile(user.id) {
            profile.content.registrationNumber = nil
            profile.content.githubURL = nil
            profile.content.linkedinURL = nil
            profile.content.websiteURL = nil
            profile.content.resumePath = nil
            profile.content.bio = nil
            try session.saveProfile(profile)
        }
        for var application in try session.applications(studentID: user.id) {
            application.coverLetter = marker
            application.answers = application.answers.map { _ in marker }
            application.resumePath = nil
            try session.updateApplication(application)
        }
        let placements = try session.placements(.student(user.id))
        for var entry in try session.logbookEntries(placementIDs: placements.map(\.id)) {
            entry.content.activities = marker
            entry.content.learned = entry.content.learned.map { _ in marker }
            entry.content.challenges = entry.content.challenges.map { _ in marker }
            try session.updateLogbookEntry(entry)
        }
    }

    /// The document `exportPersonalData` returns, read in `session`.
    private func personalData(of user: User, _ session: any StoreReader, at: Date) throws -> PersonalDataExport {
        let id = user.id
        var document = PersonalDataExport(exportedAt: at, account: PersonalAccount(user))
        document.studentProfile = try session.profile(id)
        document.institution = try user.institutionID.flatMap { try session.institution($0) }
        document.organization = try user.organizationID.flatMap { try session.organization($0) }
        document.supervisorProfile = try session.supervisorProfiles([id])[id]
        if user.role == .supervisor {
            document.supervisedPlacementIDs = try session.placements(.supervisor(id)).map(\.id).sorted()
        }
        let applications = try session.applications(studentID: id).sorted { $0.id < $1.id }
        let listings = try session.listingSummaries(Array(Set(applications.map(\.listingID))))
        let byID = Dictionary(listings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        document.applications = try applications.map { application in
            // As the student reads it everywhere: without the employer's rating and notes.
            PersonalApplication(
                application: application.redactedForStudent, listingTitle: byID[application.listingID]?.title ?? "",
                organizationName: byID[application.listingID]?.organizationName ?? "",
                timeline: try session.timeline(application.id))
        }
        document.placements = try session.placements(.student(id)).sorted { $0.id < $1.id }.map { placement in
            let entries = try session.logbookEntries(placementIDs: [placement.id])
            return PersonalPlacement(
                placement: placement, timeline: try session.placementTimeline(placement.id),
                logbook: entries.map(\.redactedForStudent),
                logbookHistory: try session.logbookHistory(entryIDs: entries.map(\.id)),
                evaluations: try session.evaluations(placementID: placement.id))
        }
        document.notifications = try session.allNotifications(userID: id)
        let saved = try session.savedListings(studentID: id)
        let savedSummaries = try session.listingSummaries(saved.map(\.listingID))
        let titles = Dictionary(savedSummaries.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        document.savedListings = saved.map {
            PersonalSavedListing(listingID: $0.listingID, title: titles[$0.listingID], savedAt: $0.savedAt)
        }
        document.savedSearches = try session.savedSearches(studentID: id)
        document.auditEvents = try session.personalAuditEvents(userID: id)
        document.securityEvents = try session.personalSecurityEvents(userID: id, email: user.email)
        return document
    }
}
