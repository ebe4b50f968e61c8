import EdulinkCore
import Foundation
import Testing

/// Privacy (PLACEMENTS.md) on every backend: a person's data as one document, and erasing a person.
@Suite("Contract: exporting and erasing a person's data", .timeLimit(.minutes(10)))
struct PrivacyContractTests {
    @Test(
        "a person exports everything stored about them (never the password hash) as a data_export; only they and admins may",
        arguments: ContractBackend.all)
    func export(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let application = try await w.application()
            try await w.student.setSaved(w.listing.id, saved: true)
            _ = try await w.student.saveSearch(name: "Data jobs", query: "data")
            _ = try await w.employer.move(application.id, .review)
            try await w.employer.setNotes(application.id, notes: "Strong SQL; call back.")

            let mine = try await w.student.exportMyData()
            #expect(mine.account.id == w.studentIDs[0])
            #expect(mine.account.email == "student0@uon.example")
            #expect(mine.account.phone == "+254712000100")
            #expect(mine.studentProfile?.content.registrationNumber == "P15/1000/2023")
            #expect(mine.institution?.id == w.institution.id)
            #expect(mine.applications.map(\.application.id) == [application.id])
            #expect(mine.applications.first?.listingTitle == w.listing.title)
            #expect(mine.applications.first?.timeline.map(\.to) == [.pending, .reviewed])
            // As the student reads it everywhere: not the employer's notes.
            #expect(mine.applications.first?.application.notes == nil)
            #expect(mine.savedListings.map(\.listingID) == [w.listing.id])
            #expect(mine.savedSearches.map(\.name) == ["Data jobs"])
            #expect(mine.notifications.contains { $0.applicationID == application.id })
            #expect(mine.auditEvents.contains { $0.action.hasPrefix("application.") })
            #expect(mine.securityEvents.contains { $0.kind == .loginSucceeded })
            let json = String(decoding: try mine.jsonData(), as: UTF8.self)
            #expect(!json.contains("passwordHash") && !json.contains("$2"))

            // The admin's export of the same person is the same document (but for the moment).
            var theirs = try await w.admin.exportPersonalData(of: w.studentIDs[0])
            #expect(theirs.account == mine.account && theirs.applications == mine.applications)
            theirs.exportedAt = mine.exportedAt
            #expect(theirs.studentProfile == mine.studentProfile)

            let events = try await w.admin.securityEvents(kind: .dataExport, user: nil, since: nil, limit: 10)
            #expect(events.count == 2)
            #expect(
                events.contains { $0.userID == w.studentIDs[0] && $0.detail.hasPrefix("own personal data exported") })
            #expect(events.contains { $0.detail.hasPrefix("personal data of account #\(w.studentIDs[0].rawValue)") })
            let audit = try await w.admin.auditEvents(AuditQuery(action: "user.export", limit: 10))
            #expect(audit.count == 2 && audit.allSatisfy { $0.entityID == w.studentIDs[0].rawValue })

            // Nobody else's, whoever asks: another student, the employer who has their application.
            let other = await edulinkError { try await w.students[1].exportPersonalData(of: w.studentIDs[0]) }
            #expect(other.map(isForbidden) == true)
            let employer = await edulinkError { try await w.employer.exportPersonalData(of: w.studentIDs[0]) }
            #expect(employer.map(isForbidden) == true)
            #expect(try await w.students[1].exportPersonalData(of: w.studentIDs[1]).account.id == w.studentIDs[1])
            #expect(isNotFound(await edulinkError { try await w.admin.exportPersonalData(of: UserID(999_999)) }))
            // Refusals are not exports.
            #expect(try await w.admin.securityEvents(kind: .dataExport, user: nil, since: nil, limit: 10).count == 3)
        }
    }

    @Test(
        "only admins erase; refused during a placement unless forced; names go, counts and reports stay; twice is fine",
        arguments: ContractBackend.all)
    func erase(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let started = w.now
            let p = try await PlacementWorld.make(w, weeks: 2)
            let studentID = w.studentIDs[0]
            // Student 1 applies too, and withdraws with a note of their own.
            let second = try await w.application(p.placement.listingID, by: 1)
            _ = try await w.students[1].withdraw(second.id, note: "Student 1 took another offer, sorry.")
            try await w.employer.setNotes(
                p.placement.applicationID, notes: "Student 0 (student0@uon.example) was great")

            for outsider in [w.student, w.employer, p.institutionAdmin, p.workplace] {
                let refused = await edulinkError { try await outsider.erasePersonalData(of: studentID, force: true) }
                #expect(refused.map(isForbidden) == true)
            }
            let period = ReportPeriod(
                from: started.addingTimeInterval(-86_400), to: started.addingTimeInterval(30 * 86_400))
            let reportBefore = try await p.institutionAdmin.placementReport(period, institution: nil)
            let applicantsBefore = try await w.employer.applicants(
                listing: p.placement.listingID, status: nil, after: nil, limit: 50)

            // The placement is upcoming: refused unless forced, and nothing changed.
            let blocked = await edulinkError { try await w.admin.erasePersonalData(of: studentID, force: false) }
            #expect(isRefusal(blocked, .placementInProgress))
            #expect(await w.student.currentUser() != nil)
            #expect(try await w.student.profile().user.email == "student0@uon.example")

            let result = try await w.admin.erasePersonalData(of: studentID, force: true)
            #expect(result.erased && result.email == "erased-\(studentID.rawValue)@erased.invalid")
            #expect(result.textsRewritten > 0)

            // The account: anonymised, disabled, signed out, the password unusable.
            let found = try await w.admin.users(
                matching: "erased-\(studentID.rawValue)@", role: nil, after: nil, limit: 5)
            #expect(found.map(\.id) == [studentID])
            #expect(found.first?.displayName == "Erased user \(studentID.rawValue)")
            #expect(found.first?.status == .disabled)
            #expect(try await w.admin.users(matching: "student0@", role: nil, after: nil, limit: 5).isEmpty)
            #expect(await edulinkError { try await w.student.myApplications() } != nil)
            let again = w.world.newSession()
            #expect(
                await edulinkError {
                    try await again.login(email: "student0@uon.example", password: ContractFixture.password)
                } != nil)

            // What they wrote is gone, what others wrote about them no longer names them.
            let export = try await w.admin.exportPersonalData(of: studentID)
            #expect(export.account.phone == nil && export.studentProfile?.content.registrationNumber == nil)
            #expect(export.studentProfile?.content.githubURL == nil && export.studentProfile?.content.resumePath == nil)
            #expect(export.applications.allSatisfy { $0.application.coverLetter == ErasureRules.marker })
            #expect(export.notifications.isEmpty && export.savedListings.isEmpty && export.savedSearches.isEmpty)
            let detail = try await w.employer.openApplication(p.placement.applicationID)
            #expect(detail.application.notes == "\(ErasureRules.marker) (\(ErasureRules.marker)) was great")
            #expect(detail.student.displayName == "Erased user \(studentID.rawValue)")
            let audit = try await w.admin.auditEvents(AuditQuery(limit: 500))
            #expect(!audit.contains { $0.summary.contains("student0@uon.example") || $0.summary.contains("Student 0") })
            let erasure = try #require(audit.first { $0.action == "user.erase" })
            #expect(erasure.entityID == studentID.rawValue)
            #expect(erasure.summary == "personal data erased during placement #\(p.placement.id.rawValue)")

            // States, dates and counts stay: the employer's list and the institution's report add up.
            let applicantsAfter = try await w.employer.applicants(
                listing: p.placement.listingID, status: nil, after: nil, limit: 50)
            #expect(applicantsAfter.map(\.id) == applicantsBefore.map(\.id))
            #expect(applicantsAfter.map(\.application.status) == applicantsBefore.map(\.application.status))
            #expect(
                applicantsAfter.first { $0.id == p.placement.applicationID }?.studentName
                    == "Erased user \(studentID.rawValue)")
            #expect(try await p.institutionAdmin.placementReport(period, institution: nil) == reportBefore)
            #expect(try await w.admin.placement(p.placement.id).summary.placement.status == p.placement.status)

            // Another person's own words are theirs: student 1's note stays until they are erased.
            let withdrawn = try await w.admin.exportPersonalData(of: w.studentIDs[1])
            #expect(withdrawn.applications.first?.timeline.last?.note == "Student 1 took another offer, sorry.")
            _ = try await w.admin.erasePersonalData(of: w.studentIDs[1], force: false)
            let erasedNote = try await w.admin.exportPersonalData(of: w.studentIDs[1])
            #expect(erasedNote.applications.first?.timeline.last?.note == ErasureRules.marker)
            #expect(erasedNote.applications.first?.timeline.map(\.to) == [.pending, .withdrawn])

            // Twice is fine: nothing more to erase, recorded all the same.
            let twice = try await w.admin.erasePersonalData(of: studentID, force: false)
            #expect(!twice.erased && twice.textsRewritten == 0)
            #expect(try await w.admin.auditEvents(AuditQuery(action: "user.erase", limit: 10)).count == 3)
        }
    }

    @Test("an admin never erases their own account", arguments: ContractBackend.all)
    func ownAccount(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 1) { w in
            let me = try #require(await w.admin.currentUser())
            let refused = await edulinkError { try await w.admin.erasePersonalData(of: me.id, force: true) }
            #expect(isRefusal(refused, .ownAccount))
        }
    }
}
