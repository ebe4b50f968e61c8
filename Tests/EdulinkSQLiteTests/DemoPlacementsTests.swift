import EdulinkCore
import EdulinkDemo
import EdulinkSQLite
import Foundation
import Testing

/// The demo's placements as the service reads them back: seeded into a SQLite store, then opened by
/// the demo accounts through `EdulinkService`. Each test runs in several time zones: the seeder
/// counts weeks in UTC, the service in the platform's zone, and what the demo shows (week 3, an
/// overdue week, entries on time) must not depend on it.
@Suite("Demo placements", .timeLimit(.minutes(10)))
struct DemoPlacementsTests {
    static let zones = ["UTC", "Africa/Nairobi", "Pacific/Kiritimati", "Pacific/Honolulu"]

    /// The demo database at `Fixtures.now`, and a service whose calendar is in `zone`.
    struct Demo {
        let service: EdulinkService
        let path: String
        let dataset: DemoDataset
        let calendar: Calendar

        func signedIn(_ email: String) async throws -> EdulinkService {
            let session = service.localSession(mode: .local(path: path))
            _ = try await session.login(email: email, password: DemoSeeder.demoPassword)
            return session
        }

        /// Every placement with its detail, as the admin sees them.
        func everything() async throws -> [PlacementDetail] {
            let admin = try await signedIn("admin@edulink.demo")
            var details: [PlacementDetail] = []
            for summary in try await admin.placements() { details.append(try await admin.placement(summary.id)) }
            return details
        }
    }

    /// Each test works on its own copy of a demo seeded once per zone and time in this process (a
    /// seeding costs seconds of CPU in a debug build, and some thirty tests ask for four of them).
    func withDemo(zone: String, now: Date = Fixtures.now, _ body: (Demo) async throws -> Void) async throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: zone))
        let template = try await DemoTemplates.shared.file(calendar: calendar, now: now)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edulink-sqlite-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("edulink.sqlite").path
        try FileManager.default.copyItem(atPath: template.path, toPath: path)
        // Should the template's store not have closed yet, its log holds the end of the seeding.
        if FileManager.default.fileExists(atPath: template.path + "-wal") {
            try FileManager.default.copyItem(atPath: template.path + "-wal", toPath: path + "-wal")
        }
        let clock = ManualTimeSource(now)
        let store = try SQLiteStore(path: path, clock: clock)
        let service = EdulinkService(
            environment: ServiceEnvironment(
                store: store, clock: clock, hasher: BcryptHasher(cost: 4),
                passwordPolicy: PasswordPolicy(commonPasswords: []), calendar: calendar))
        try await body(
            Demo(service: service, path: path, dataset: try DemoSeeder.loadBundledDataset(), calendar: calendar))
    }

    @Test("one placement per accepted offer, in every state, none the jobs run would still move", arguments: zones)
    func everyState(zone: String) async throws {
        try await withDemo(zone: zone) { demo in
            let details = try await demo.everything()
            let accepted = demo.dataset.applications.filter { $0.currentState == .accepted }
            #expect(details.count == accepted.count)
            #expect(Set(details.map(\.placement.status)) == Set(PlacementStatus.allCases))
            let now = demo.service.environment.clock.now()
            for detail in details {
                let placement = detail.placement
                let label = "\(detail.summary.studentName) at \(detail.summary.listingTitle)"
                #expect(detail.timeline.first?.change == .created, "\(label): created first")
                #expect(detail.timeline.map(\.at) == detail.timeline.map(\.at).sorted(), "\(label): timeline order")
                #expect(detail.timeline.allSatisfy { $0.at <= now }, "\(label): nothing in the future")
                let started = detail.timeline.first { $0.change == .started }
                switch placement.status {
                case .upcoming:
                    #expect(placement.startDate > now && started == nil, "\(label)")
                    #expect(detail.weeks.allSatisfy { $0.entry == nil } && detail.evaluations.isEmpty, "\(label)")
                case .active, .completed, .terminated:
                    #expect(started?.at == placement.startDate && started?.actorID == nil, "\(label): started")
                    #expect((detail.timeline.first?.at ?? now) < placement.startDate, "\(label): accepted first")
                    #expect(placement.workplaceSupervisorID != nil, "\(label): workplace supervisor")
                    #expect(
                        (placement.academicSupervisorID != nil) == (placement.institutionID != nil),
                        "\(label): academic supervisor")
                }
                for assignment in detail.timeline where assignment.change == .supervisorAssigned {
                    let kind = try #require(assignment.supervisorKind)
                    #expect(assignment.supervisorID == placement.supervisor(kind), "\(label): assignment")
                    #expect(assignment.note?.hasSuffix("as \(kind.label) supervisor") == true)
                    if let role = assignment.actorRole {
                        #expect(role == (kind == .workplace ? .employer : .institutionAdmin))
                    }
                }
            }
            // What the jobs run does at once: nothing left to start or to complete.
            #expect(try await demo.service.startPlacements() == 0)
            #expect(try await demo.service.sweepPlacements().0 == 0)
        }
    }

    @Test(
        "the demo supervisor has interns, a queue, and one in week 3 with a returned and an overdue week",
        arguments: zones)
    func demoSupervisor(zone: String) async throws {
        try await withDemo(zone: zone) { demo in
            let supervisor = try await demo.signedIn("supervisor@edulink.demo")
            let me = try #require(await supervisor.currentUser()).id
            let interns = try await supervisor.placements()
            #expect(interns.count >= 3)
            #expect(interns.allSatisfy { $0.placement.isSupervised(by: me) })
            let queue = try await supervisor.logbookQueue()
            #expect(!queue.isEmpty)
            #expect(
                queue.allSatisfy { item in
                    item.entry.status == .submitted && interns.contains { $0.id == item.entry.placementID }
                })
            var showcase: PlacementDetail?
            for intern in interns where intern.placement.status == .active && intern.progress.currentWeek == 3 {
                showcase = try await supervisor.placement(intern.id)
            }
            let detail = try #require(showcase, "an active intern in week 3")
            let returned = try #require(detail.weeks.first { $0.entry?.status == .returned }?.entry)
            #expect(LogbookContent.Limits.returnComment.contains(returned.supervisorComment?.count ?? 0))
            #expect(detail.weeks.contains { $0.overdue && $0.entry == nil }, "a week overdue without an entry")
            #expect(detail.summary.progress.overdue >= 1)
            #expect(queue.contains { $0.entry.placementID == detail.placement.id })
            #expect(detail.permissions.canReview)
            // The demo employer sees every state among its organization's placements.
            let employer = try await demo.signedIn("employer@edulink.demo")
            let own = try await employer.placements()
            #expect(Set(own.map(\.placement.status)) == Set(PlacementStatus.allCases))
            let terminated = try #require(own.first { $0.placement.status == .terminated }).placement
            #expect(PlacementLifecycle.reasonLength.contains(terminated.statusReason?.count ?? 0))
        }
    }

    @Test("every logbook entry and its history follow the logbook rules", arguments: zones)
    func logbook(zone: String) async throws {
        try await withDemo(zone: zone) { demo in
            var seen = Set<LogbookStatus>()
            var returnedThenApproved = false
            for detail in try await demo.everything() {
                let placement = detail.placement
                let calendar = placement.calendar(demo.calendar)
                let label = "\(detail.summary.studentName) at \(detail.summary.listingTitle)"
                let listing = try #require(demo.dataset.listings.first { $0.title == detail.summary.listingTitle })
                for week in detail.weeks {
                    guard let entry = week.entry else { continue }
                    seen.insert(entry.status)
                    if entry.status != .excused {
                        #expect(throws: Never.self, "\(label) week \(week.week)") { try entry.content.validate() }
                        #expect(
                            Set(entry.content.skills).isSubset(of: listing.requiredSkills + listing.preferredSkills),
                            "\(label) week \(week.week): skills of the listing")
                    }
                    var status: LogbookStatus?
                    for event in week.history {
                        #expect(event.from == status, "\(label) week \(week.week): history")
                        let role = try #require(event.actorRole)
                        let action: LogbookAction =
                            switch event.to {
                            case .draft: .save
                            case .submitted: .submit
                            case .approved: .approve
                            case .returned: .return(comment: event.comment ?? "")
                            case .excused: .excuse(entry.excuse ?? .other, note: entry.supervisorComment)
                            }
                        #expect(
                            (try? LogbookRules.transition(from: status, on: action, by: role).get()) == event.to,
                            "\(label) week \(week.week): \(status?.rawValue ?? "none") → \(event.to.rawValue)")
                        if role == .student {
                            #expect(event.actorID == placement.studentID)
                            #expect(
                                LogbookRules.canWrite(week: week.week, of: calendar, status: .active, at: event.at)
                                    == nil, "\(label) week \(week.week): written before the week began")
                        } else {
                            #expect(event.actorID.map { placement.isSupervised(by: $0) } == true, "\(label): reviewer")
                        }
                        if event.to == .excused { #expect(event.actorID == placement.academicSupervisorID) }
                        if status == .returned && event.to == .submitted { returnedThenApproved = true }
                        status = event.to
                    }
                    #expect(status == entry.status, "\(label) week \(week.week): history ends in the entry's state")
                    #expect(week.history.map(\.at) == week.history.map(\.at).sorted())
                    if entry.status == .approved {
                        #expect(entry.approvedBy.map { placement.isSupervised(by: $0) } == true, "\(label): approver")
                    }
                }
            }
            #expect(seen == Set(LogbookStatus.allCases))
            #expect(returnedThenApproved, "an entry returned, sent again and approved")
        }
    }

    @Test(
        "evaluations follow the rules; completed placements verify and carry the service's result",
        arguments: zones)
    func completions(zone: String) async throws {
        try await withDemo(zone: zone) { demo in
            let admin = try await demo.signedIn("admin@edulink.demo")
            var codes = Set<String>()
            var corrected = false
            for detail in try await demo.everything() {
                let placement = detail.placement
                let label = "\(detail.summary.studentName) at \(detail.summary.listingTitle)"
                for evaluation in detail.evaluations {
                    let draft = EvaluationDraft(
                        scores: evaluation.scores, overall: evaluation.overall, grade: evaluation.grade,
                        comment: evaluation.comment, correctionReason: evaluation.correctionReason)
                    #expect(throws: Never.self, "\(label): \(evaluation.kind)") {
                        try EvaluationRules.validate(
                            draft, kind: evaluation.kind, criteria: evaluation.criteria,
                            correcting: evaluation.version > 1)
                    }
                    #expect(evaluation.authorID == placement.supervisor(evaluation.kind.author))
                    let earlier = detail.evaluations.filter { $0.kind == evaluation.kind && $0.id < evaluation.id }
                    #expect(evaluation.version == earlier.count + 1)
                    if evaluation.version > 1 { corrected = true }
                }
                guard placement.status == .completed else {
                    #expect(placement.completionCode == nil && placement.result == nil, "\(label)")
                    continue
                }
                let code = try #require(placement.completionCode)
                #expect(code.wholeMatch(of: #/EDU-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/#) != nil, "\(code)")
                #expect(codes.insert(code).inserted, "\(code) repeats")
                let record = try await admin.completionRecord(placement.id)
                #expect(try await demo.service.verifyCompletion(code: code.lowercased()) == record)
                #expect(detail.weeks.allSatisfy { $0.entry?.status.closesWeek == true }, "\(label): every week closed")
                // On time: excused, or approved and first submitted by its due date.
                let onTime = detail.weeks.filter { week in
                    guard let entry = week.entry else { return false }
                    if entry.status == .excused { return true }
                    let first = week.history.first { $0.to == .submitted }?.at ?? entry.submittedAt
                    return entry.status == .approved && (first.map { $0 <= week.due } ?? false)
                }.count
                let expected = FinalResult.compute(
                    rubric: detail.rubric, weeksOnTime: onTime, weeks: detail.weeks.count,
                    midpoint: detail.latest(.midpoint), final: detail.latest(.final),
                    academic: detail.latest(.academic))
                #expect(placement.result != nil && placement.result == expected, "\(label): final result")
                let changes = detail.timeline.map(\.change)
                #expect(changes.contains(.completed) && changes.contains(.graded), "\(label)")
                #expect((placement.completedAt ?? .distantPast) >= placement.endDate)
            }
            #expect(codes.count >= 2 && corrected)
            // An ended placement that is still active says why.
            let now = demo.service.environment.clock.now()
            let blocked = try await demo.everything().filter {
                $0.placement.status == .active && $0.placement.endDate <= now
            }
            #expect(!blocked.isEmpty && blocked.allSatisfy { ($0.completionBlocker ?? "").contains("Week") })
        }
    }

    @Test(
        "seeded at any time of day, the demo supervisor's intern is in week 3 with a week overdue",
        arguments: [2.0, 7.5, 13.0, 18.25, 23.9])
    func anyTimeOfDay(hour: Double) async throws {
        let midnight = Calendar(identifier: .gregorian).startOfDay(for: Fixtures.now)
        try await withDemo(zone: "Africa/Nairobi", now: midnight.addingTimeInterval(hour * 3600)) { demo in
            let supervisor = try await demo.signedIn("supervisor@edulink.demo")
            let active = try await supervisor.placements().filter { $0.placement.status == .active }
            #expect(active.contains { $0.progress.currentWeek == 3 && $0.progress.overdue >= 1 })
            #expect(!(try await supervisor.logbookQueue()).isEmpty)
        }
    }

    @Test("a placement accepted after its start, or a supervisor without a title, fails the seeding by name")
    func refusesBadData() async throws {
        var dataset = try DemoSeeder.loadBundledDataset()
        let fraud = try #require(dataset.listings.firstIndex { $0.key == "kusipay-fraud" })
        dataset.listings[fraud].startInDays = -30
        dataset.listings[fraud].endInDays = 117
        try await withTemporaryStore { store, _, clock in
            let error = await #expect(throws: DemoSeedError.self) {
                try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: clock.now()).seed(dataset, into: store)
            }
            #expect(error?.message.contains("kusipay-fraud") == true)
            #expect(error?.message.contains("accepted after the placement started") == true)
        }
        var untitled = try DemoSeeder.loadBundledDataset()
        let supervisor = try #require(untitled.users.firstIndex { $0.role == .supervisor })
        untitled.users[supervisor].title = nil
        try await withTemporaryStore { store, _, clock in
            let error = await #expect(throws: DemoSeedError.self) {
                try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: clock.now()).seed(untitled, into: store)
            }
            #expect(error?.message.contains("needs a title") == true)
            let users = try await store.read { try $0.countUsers(role: nil, status: nil) }
            #expect(users == 0, "nothing written: one transaction")
        }
    }

    @Test("no supervisor takes more than their capacity", arguments: ["UTC"])
    func capacity(zone: String) async throws {
        try await withDemo(zone: zone) { demo in
            var supervisors: [UserID: SupervisorSummary] = [:]
            for detail in try await demo.everything() {
                for supervisor in detail.supervisors { supervisors[supervisor.id] = supervisor }
            }
            #expect(supervisors.count >= 4)
            for supervisor in supervisors.values {
                #expect(supervisor.load <= supervisor.capacity, "\(supervisor.user.displayName)")
                #expect(SupervisorRules.title.contains(supervisor.title.count))
            }
            let institution = try await demo.signedIn("institution@edulink.demo")
            #expect(try await institution.supervisors().contains { $0.kind == .academic })
        }
    }

    @Test("the demo student has no placement and can still accept an offer", arguments: ["UTC"])
    func demoStudent(zone: String) async throws {
        try await withDemo(zone: zone) { demo in
            let student = try await demo.signedIn("student@edulink.demo")
            #expect(try await student.placements().isEmpty)
            let offer = try #require(try await student.myApplications().first { $0.application.status == .offered })
            _ = try await student.answerOffer(offer.id, accept: true)
            let placement = try #require(try await student.placements().first).placement
            #expect(placement.status == .upcoming && placement.startDate > demo.service.environment.clock.now())
            #expect(placement.endDate > placement.startDate)
        }
    }

    @Test(
        "the seeding runs the scheduled jobs as of its time, the dataset faking none of their work: a run after finds nothing",
        arguments: zones)
    func jobsCaughtUp(zone: String) async throws {
        try await withTemporaryStore { store, _, clock in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: zone))
            let dataset = try DemoSeeder.loadBundledDataset()
            #expect(!dataset.notifications.contains { [.savedSearchMatches, .deadlineSoon].contains($0.kind) })
            let counts = try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: clock.now(), calendar: calendar)
                .seed(dataset, into: store, transport: DiscardingTransport())
            // What the dataset leaves to the jobs: listings past their deadline, reminders, alerts.
            #expect(counts.jobs.listingsClosed > 0)
            #expect(counts.jobs.remindersSent > 0)
            #expect(counts.jobs.savedSearchAlerts > 0)
            #expect(counts.jobs.messagesDelivered > 0 && counts.jobs.messagesFailed == 0)
            // The import's full-text segments, merged as the jobs' upkeep would have.
            #expect(counts.jobs.searchIndexSegmentsMerged > 0)
            #expect(try await store.searchIndexSegments() == 1)
            let service = EdulinkService(
                environment: ServiceEnvironment(
                    store: store, clock: clock, hasher: BcryptHasher(cost: 4),
                    passwordPolicy: PasswordPolicy(commonPasswords: []), calendar: calendar))
            clock.advance(by: 60)
            let again = try await service.runScheduledJobs(transport: DiscardingTransport())
            #expect(again.summary == "nothing to do", "\(again)")
            // The demo student's saved searches were told of their new matches, each once.
            let student = try #require(try await store.read { try $0.user(email: "student@edulink.demo") })
            let alerts = try await store.read {
                try $0.notifications(userID: student.id, unreadOnly: false, limit: 500)
            }
            .filter { $0.kind == .savedSearchMatches }
            let searches = try await store.read { try $0.savedSearches(studentID: student.id) }
            #expect(!alerts.isEmpty && alerts.count <= searches.count)
            #expect(Set(alerts.map(\.title)).count == alerts.count)
        }
    }

    @Test("a backup holds every placement row; a restore brings back the placements, logbooks and evaluations")
    func backupRestore() async throws {
        try await withDemo(zone: "Africa/Nairobi") { demo in
            guard let store = demo.service.environment.store as? SQLiteStore else { return }
            let folder = URL(fileURLWithPath: demo.path).deletingLastPathComponent().appendingPathComponent("backups")
            let before = try await store.read { try $0.placementRecords(.all) }
            #expect(before.count == demo.dataset.applications.filter { $0.currentState == .accepted }.count)
            #expect(before.contains { !$0.entries.isEmpty && !$0.history.isEmpty && !$0.evaluations.isEmpty })
            let snapshot = try await store.backup(into: folder, keepDays: 30)
            // Work after the backup: a week approved, a placement terminated.
            let supervisor = try await demo.signedIn("supervisor@edulink.demo")
            let waiting = try #require(try await supervisor.logbookQueue().first)
            _ = try await supervisor.reviewLogbookEntry(waiting.id, .approve)
            let employer = try await demo.signedIn("employer@edulink.demo")
            let active = try #require(try await employer.placements().first { $0.placement.status == .active })
            _ = try await employer.changePlacement(active.id, .terminate(reason: "Testing the restore of a backup."))
            #expect(try await store.read { try $0.placementRecords(.all) } != before)
            _ = try await store.restore(from: URL(fileURLWithPath: snapshot.path), backupDirectory: folder)
            #expect(try await store.read { try $0.placementRecords(.all) } == before)
            #expect(try await store.checkIntegrity().ok)
        }
    }
}

/// A mail transport that takes every message and sends it nowhere.
struct DiscardingTransport: OutboxTransport {
    func deliver(_ message: OutboxMessage) async throws {}
}

/// The demo seeded once per time zone and time in this test process, as files each test copies. The
/// seeding of a key is one task every caller awaits, so tests that ask at once start one seeding.
actor DemoTemplates {
    static let shared = DemoTemplates()
    private var seedings: [String: Task<URL, any Error>] = [:]
    /// This process's templates, removed when it exits.
    private static let root: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edulink-demo-templates-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: DemoTemplates.root) }
        return root
    }()

    func file(calendar: Calendar, now: Date) async throws -> URL {
        let key = "\(calendar.timeZone.identifier)@\(now.timeIntervalSince1970)"
        if let seeding = seedings[key] { return try await seeding.value }
        let task = Task { try await Self.seed(calendar: calendar, now: now) }
        seedings[key] = task
        return try await task.value
    }

    /// Seeds a demo into a file of its own; the store closes when this returns.
    private static func seed(calendar: Calendar, now: Date) async throws -> URL {
        let folder = root.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("edulink.sqlite")
        let store = try SQLiteStore(path: path.path, clock: ManualTimeSource(now))
        try await DemoSeeder(hasher: BcryptHasher(cost: 4), now: now, calendar: calendar)
            .seed(try DemoSeeder.loadBundledDataset(), into: store, transport: DiscardingTransport())
        return path
    }
}
