import EdulinkCore
import EdulinkSQLite
import EdulinkViewModels
import Foundation

// placements-bench [INTERNS] [RUNS]
//
// One workplace supervisor with INTERNS active placements (default 50) of 24 weeks, in week 24; every
// week has an entry: 20 per intern submitted and waiting (1,000 in the queue at 50 interns), the rest
// approved. Then, as the signed-in supervisor (what the Interns and Logbooks tabs call):
//   interns   the Interns tab: every assigned placement with its progress
//   intern    one placement's detail: 24 weeks, each entry's history, evaluations, permissions
//   queue     the Logbooks tab opening: the queue (1,000 entries) into its view-model
//   move      moving the selection in the loaded queue (the view-model, no I/O)
//   approve   approving one entry (the next follows)
// median and p99 over RUNS runs after 10 warm-up runs; then a batch approval of 200 entries
// (`approveLogbookEntries`, one write transaction), checked: all 200 approved, and a batch that one
// entry refuses (a draft) approves none.

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("placements-bench: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
let internCount = arguments.count > 1 ? Int(arguments[1]) ?? 50 : 50
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100
let weeks = 24
let waitingPerIntern = 20
let clock = ContinuousClock()

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("placements-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let path = directory.appendingPathComponent("edulink.sqlite").path
let day: TimeInterval = 86_400
let now = Date()
let time = ManualTimeSource(now)
let store = try SQLiteStore(path: path, clock: time)
let service = EdulinkService(
    environment: ServiceEnvironment(
        store: store, clock: time, hasher: BcryptHasher(cost: 4), passwordPolicy: PasswordPolicy(commonPasswords: [])))

// --- Fixture, written through the store: an organization, one listing, INTERNS accepted students with
// active placements that started 23 weeks ago, all assigned to one workplace supervisor.
let op = Principal.localOperator()
let password = "a long bench password"
let organization = try await service.acting(as: op).createOrganization(
    Organization(
        name: "Bench Payments", industry: "Fintech", size: .large, location: "Nairobi",
        description: "An organization with many interns, for the placements benchmark.", createdAt: now))
let institution = try await service.acting(as: op).createInstitution(
    Institution(name: "Bench University", shortCode: "BU", type: .university, verified: true))
let seedStart = clock.now
let start = now.addingTimeInterval(-Double(weeks - 1) * 7 * day - day)
let end = start.addingTimeInterval(Double(weeks) * 7 * day)
let activities = String(
    repeating: "Reconciled the merchant settlement files, fixed two report queries and wrote the summary. ", count: 3)
let supervisorID = try await store.write { session -> UserID in
    let employer = try session.insertUser(
        User(
            email: "employer@bench.example", displayName: "Bench Employer", role: .employer, passwordHash: "x",
            organizationID: organization.id, createdAt: now))
    let supervisor = try session.insertUser(
        User(
            email: "supervisor@bench.example", displayName: "Bench Supervisor", role: .supervisor,
            passwordHash: BcryptHasher(cost: 4).hash(password), organizationID: organization.id, createdAt: now))
    try session.saveSupervisorProfile(SupervisorProfile(userID: supervisor.id, title: "Lead", capacity: 50))
    let listing = try session.insertListing(
        Listing(
            organizationID: organization.id, createdBy: employer.id,
            terms: ListingDraft(
                title: "Data Analyst Intern — Many Interns",
                description: String(repeating: "Work with our analysts on real data. ", count: 5),
                category: .technology, level: .entry, locationType: .hybrid, location: "Nairobi, Kenya",
                startDate: start, endDate: end, durationWeeks: weeks, stipend: nil, requiredSkills: ["SQL"],
                deadline: start.addingTimeInterval(-10 * day), capacity: 1_000, positions: internCount),
            status: .published, createdAt: start, updatedAt: start))
    for index in 0..<internCount {
        let student = try session.insertUser(
            User(
                email: "intern\(index)@bench.example", displayName: "Intern \(index)", role: .student,
                passwordHash: "x", institutionID: institution.id, createdAt: start))
        let application = try session.insertApplication(
            Application(
                studentID: student.id, listingID: listing.id, status: .accepted, coverLetter: activities,
                submittedAt: start.addingTimeInterval(-30 * day)))
        let placement = try session.insertPlacement(
            Placement(
                applicationID: application.id, studentID: student.id, listingID: listing.id,
                organizationID: organization.id, institutionID: institution.id, startDate: start, endDate: end,
                workplaceSupervisorID: supervisor.id, status: .active, createdAt: start))
        for week in 1...weeks {
            let waiting = week > weeks - waitingPerIntern
            let submitted = start.addingTimeInterval(Double(week) * 7 * day)
            let entry = try session.insertLogbookEntry(
                LogbookEntry(
                    placementID: placement.id, week: week,
                    content: LogbookContent(activities: activities, hours: 38.5, skills: ["SQL"]),
                    status: waiting ? .submitted : .approved, approvedBy: waiting ? nil : supervisor.id,
                    submittedAt: submitted, updatedAt: submitted))
            _ = try session.appendLogbookEvent(
                LogbookEvent(
                    entryID: entry.id, from: nil, to: .submitted, actorID: student.id, actorRole: .student,
                    at: submitted))
            if !waiting {
                _ = try session.appendLogbookEvent(
                    LogbookEvent(
                        entryID: entry.id, from: .submitted, to: .approved, actorID: supervisor.id,
                        actorRole: .supervisor, at: submitted.addingTimeInterval(day)))
            }
        }
    }
    return supervisor.id
}
print("seeded \(internCount) interns × \(weeks) weeks in \(clock.now - seedStart)")

let supervisor = service.localSession(mode: .local(path: path))
_ = try await supervisor.login(email: "supervisor@bench.example", password: password)

// --- Timings
struct Timing {
    var name: String
    var samples: [Double] = []
}

func measure(_ name: String, warmUp: Int = 10, _ body: (Int) async throws -> Void) async throws -> Timing {
    for run in 0..<warmUp { try await body(run) }
    var timing = Timing(name: name)
    for run in 0..<runs {
        let begin = clock.now
        try await body(run)
        timing.samples.append(milliseconds(clock.now - begin))
    }
    return timing
}

let interns = try await supervisor.placements()
guard interns.count == internCount, interns.allSatisfy({ $0.progress.submitted == waitingPerIntern }) else {
    fail("the supervisor sees \(interns.count) interns")
}
var timings: [Timing] = []
timings.append(
    try await measure("Interns tab: \(internCount) placements with progress") { _ in
        _ = try await supervisor.placements()
    })
timings.append(
    try await measure("open one intern: 24 weeks with history") { run in
        let detail = try await supervisor.placement(interns[run % interns.count].id)
        guard detail.weeks.count == weeks else { fail("detail: \(detail.weeks.count) weeks") }
    })
var loaded = LogbookQueueViewModel(repository: supervisor)
timings.append(
    try await measure("Logbooks tab: the queue into its view-model") { _ in
        var model = LogbookQueueViewModel(repository: supervisor)
        for effect in model.handle(.load) {
            guard let operation = effect.operation else { continue }
            _ = model.handle(await operation())
        }
        guard model.state.items.count == internCount * waitingPerIntern else {
            fail("queue: \(model.state.items.count) entries")
        }
        loaded = model
    })
timings.append(
    try await measure("move the selection in the queue", warmUp: 100) { run in
        _ = loaded.handle(.moveSelection(run % 2 == 0 ? 1 : -1))
    })
let queue = try await supervisor.logbookQueue()
timings.append(
    try await measure("approve one entry (the next follows)", warmUp: 0) { run in
        let entry = try await supervisor.reviewLogbookEntry(queue[run].id, .approve)
        guard entry.status == .approved else { fail("approve: \(entry.status)") }
    })

print("")
print("| operation | runs | median ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for timing in timings {
    let sorted = timing.samples.sorted()
    print(
        String(
            format: "| %@ | %d | %.3f | %.3f | %.3f |", timing.name, sorted.count, percentile(sorted, 0.5),
            percentile(sorted, 0.99), sorted.last ?? 0))
}

// --- Batch: 200 waiting entries approved in one transaction; a batch one entry refuses changes none.
let waiting = try await supervisor.logbookQueue()
guard waiting.count >= 201 else { fail("only \(waiting.count) entries wait") }
let batch = waiting.prefix(200).map(\.id)
let draft = try await store.write { session -> LogbookEntryID in
    guard var entry = try session.logbookEntry(waiting[200].id) else { fail("no entry") }
    entry.status = .draft
    try session.updateLogbookEntry(entry)
    return entry.id
}
do {
    _ = try await supervisor.approveLogbookEntries(Array(batch.prefix(199)) + [draft])
    fail("a refused batch went through")
} catch {}
guard try await supervisor.logbookQueue().count == waiting.count - 1 else { fail("a refused batch changed something") }
let batchStart = clock.now
let approved = try await supervisor.approveLogbookEntries(batch)
let batchTime = milliseconds(clock.now - batchStart)
let left = try await supervisor.logbookQueue()
guard approved == 200, left.count == waiting.count - 201, Set(left.map(\.id)).isDisjoint(with: batch) else {
    fail("the batch did not approve all 200")
}
print("")
print(String(format: "batch approval of 200 entries (one transaction): %.1f ms; %d approved", batchTime, approved))
print("a batch of 200 that one entry refuses (a draft): refused, nothing approved")
_ = supervisorID
