import EdulinkCore
import EdulinkSQLite
import Foundation

// employer-bench [APPLICANTS] [RUNS]
//
// One published listing with APPLICANTS applicants (default 10,000), then, through the local-mode repository (the service bound to a session) as
// the signed-in employer (what ApplicantsViewModel calls):
//   open    the listing's stage counts + the first page (200 rows) of all applicants
//   stage   the stage counts + the first page of one stage, cycling through the stages
//   detail  opening one application (detail, timeline, profile)
//   more    the next page (keyset) from the middle of the listing
// median and p99 over RUNS runs after 20 warm-up runs; then a bulk move of 1,000 applicants
// (`moveMany`, one write transaction) and its undo, checked: every one moved, one batch id, one
// timestamp, and a bulk that one applicant refuses changes none of them.

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("employer-bench: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
let applicantCount = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
let clock = ContinuousClock()

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("employer-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let path = directory.appendingPathComponent("edulink.sqlite").path
let time = ManualTimeSource(Date())
let store = try SQLiteStore(path: path, clock: time)
let service = EdulinkService(
    environment: ServiceEnvironment(
        store: store, clock: time, hasher: BcryptHasher(cost: 4), passwordPolicy: PasswordPolicy(commonPasswords: [])))

// --- Fixture: an organization, its employer, one published listing, APPLICANTS students who applied.
let op = Principal.localOperator()
let password = "a long bench password"
let institution = try await service.acting(as: op).createInstitution(
    Institution(name: "Bench University", shortCode: "BU", type: .university, verified: true))
let organization = try await service.acting(as: op).createOrganization(
    Organization(
        name: "Bench Payments", industry: "Fintech", size: .medium, location: "Nairobi",
        description: "An organization with a very popular internship, for the employer benchmark.",
        createdAt: time.now()))
try await service.acting(as: op).setOrganizationVerified(organization.id, verified: true)
_ = try await service.acting(as: op).createUser(
    NewAccount(
        email: "employer@bench.example", displayName: "Bench Employer", role: .employer, password: password,
        organizationID: organization.id))
let employer = service.localSession(mode: .local(path: path))
_ = try await employer.login(email: "employer@bench.example", password: password)
let now = time.now()
let day: TimeInterval = 86_400
let draft = ListingDraft(
    title: "Data Analyst Intern — Very Popular",
    description: String(repeating: "Work with our analysts on real data. ", count: 5),
    category: .technology, level: .entry, locationType: .hybrid, location: "Nairobi, Kenya",
    startDate: now.addingTimeInterval(60 * day), endDate: now.addingTimeInterval(60 * day + 12 * 7 * day),
    durationWeeks: 12, stipend: Stipend(amount: 25_000, currency: .kes), requiredSkills: ["SQL", "Python", "Excel"],
    deadline: now.addingTimeInterval(30 * day), capacity: 10_000, positions: 50)
let created = try await employer.createListing(draft)
_ = try await employer.changeListing(created.id, .submit, reason: nil)
let listing = try await service.acting(as: op).changeListing(created.id, .verify)

let seedStart = clock.now
let letter = String(
    repeating: "I have built dashboards for my campus club and would love to learn from your team. ", count: 2)
let skillSets = [["SQL"], ["Python", "SQL"], ["Excel"], ["Python", "SQL", "Excel"], []]
try await store.write { session in
    for index in 0..<applicantCount {
        let submitted = now.addingTimeInterval(-Double(applicantCount - index) * 60)
        let user = try session.insertUser(
            User(
                email: "student\(index)@bench.example", displayName: "Student \(index)", role: .student,
                passwordHash: "x", institutionID: institution.id, createdAt: submitted))
        try session.saveProfile(
            StudentProfile(
                userID: user.id, institutionID: institution.id,
                content: ProfileContent(
                    yearOfStudy: 3, course: "Computer Science", skills: skillSets[index % skillSets.count]),
                updatedAt: submitted))
        let application = try session.insertApplication(
            Application(studentID: user.id, listingID: listing.id, coverLetter: letter, submittedAt: submitted))
        _ = try session.appendEvent(
            ApplicationEvent(
                applicationID: application.id, from: nil, to: .pending, actorID: user.id, actorRole: .student,
                at: submitted, stage: application.stage))
    }
}
print("seeded \(applicantCount) applicants in \(clock.now - seedStart)")

// Spread some over the stages the way triage would (reviewed, shortlisted), through the service.
let firstPage = try await employer.applicants(listing: listing.id, status: nil, after: nil, limit: 1_000)
for (index, row) in firstPage.prefix(600).enumerated() {
    _ = try await employer.move(row.id, index % 2 == 0 ? .review : .shortlist)
}
time.advance(by: 20 * 60)  // past the undo window of those moves

// --- Timings
struct Timing {
    var name: String
    var samples: [Double] = []
}

func measure(_ name: String, _ body: (Int) async throws -> Void) async throws -> Timing {
    for run in 0..<20 { try await body(run) }
    var timing = Timing(name: name)
    for run in 0..<runs {
        let start = clock.now
        try await body(run)
        timing.samples.append(milliseconds(clock.now - start))
    }
    return timing
}

let stages: [ApplicationStatus] = [.pending, .reviewed, .shortlisted, .rejected]
let middle = firstPage[min(firstPage.count - 1, 500)].id
var timings: [Timing] = []
timings.append(
    try await measure("open listing (counts + first 200 of all)") { _ in
        let counts = try await employer.listing(listing.id).applicationCounts
        let rows = try await employer.applicants(listing: listing.id, status: nil, after: nil, limit: 200)
        guard counts.values.reduce(0, +) == applicantCount, rows.count == 200 else { fail("open: wrong rows") }
    })
timings.append(
    try await measure("switch stage (counts + first 200 of a stage)") { run in
        _ = try await employer.listing(listing.id).applicationCounts
        _ = try await employer.applicants(
            listing: listing.id, status: stages[run % stages.count], after: nil, limit: 200)
    })
timings.append(
    try await measure("open one application (detail)") { run in
        _ = try await employer.openApplication(firstPage[700 + run % 200].id)
    })
timings.append(
    try await measure("next page (200 after the 500th)") { _ in
        _ = try await employer.applicants(listing: listing.id, status: nil, after: middle, limit: 200)
    })
// `/` on Applicants: the service searches the names. A rare name reads every application of the
// listing (11 of 10,000 match); a common fragment stops at its first page.
timings.append(
    try await measure("search a rare name (\"student 999\": every row read)") { _ in
        let rows = try await employer.applicants(
            listing: listing.id, status: nil, named: "student 999", after: nil, limit: 200)
        guard applicantCount < 10_000 || rows.count == 11 else { fail("search: \(rows.count) rows, not 11") }
    })
timings.append(
    try await measure("search a common fragment (first 200 of \"student 1\")") { _ in
        let rows = try await employer.applicants(
            listing: listing.id, status: nil, named: "student 1", after: nil, limit: 200)
        guard applicantCount < 10_000 || rows.count == 200 else { fail("search: \(rows.count) rows, not 200") }
    })

print("")
print("| operation | runs | median ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for timing in timings {
    let sorted = timing.samples.sorted()
    print(
        String(
            format: "| %@ | %d | %.2f | %.2f | %.2f |", timing.name, sorted.count, percentile(sorted, 0.5),
            percentile(sorted, 0.99), sorted.last ?? 0))
}

// --- Bulk: 1,000 pending applicants rejected in one transaction, then undone as one batch.
let pending = try await employer.applicants(listing: listing.id, status: .pending, after: nil, limit: 1_000)
guard pending.count == 1_000 else { fail("expected 1,000 pending, got \(pending.count)") }
let ids = pending.map(\.id)
let move = ApplicationMove.reject(Rejection(reason: .positionFilled))

// A bulk that one applicant refuses (a shortlisted one cannot be "reviewed") changes nothing.
let shortlisted = try await employer.applicants(listing: listing.id, status: .shortlisted, after: nil, limit: 1)
let before = try await employer.listing(listing.id).applicationCounts
do {
    _ = try await employer.moveMany(Array(ids.prefix(999)) + shortlisted.map(\.id), .review)
    fail("a refused bulk move went through")
} catch {}
let afterRefusal = try await employer.listing(listing.id).applicationCounts
guard afterRefusal == before else { fail("a refused bulk move changed something") }

let bulkStart = clock.now
let batch = try await employer.moveMany(ids, move)
let bulkTime = milliseconds(clock.now - bulkStart)
let events = try await store.read { try $0.events(batchID: batch) }
let after = try await employer.listing(listing.id).applicationCounts
guard events.count == 1_000, Set(events.map(\.applicationID)) == Set(ids), Set(events.map(\.at)).count == 1,
    after[.rejected] == (before[.rejected] ?? 0) + 1_000
else { fail("the bulk move did not move all 1,000 in one batch") }
let undoStart = clock.now
let undone = try await employer.undoBatch(batch)
let undoTime = milliseconds(clock.now - undoStart)
guard undone == 1_000, try await employer.listing(listing.id).applicationCounts == before else {
    fail("the undo did not restore all 1,000")
}
print("")
print(
    String(
        format:
            "bulk reject of 1,000 (moveMany, one transaction): %.1f ms; %d timeline events, one batch id, one timestamp",
        bulkTime, events.count))
print(String(format: "undo of that batch (one transaction): %.1f ms; %d restored", undoTime, undone))
print("a bulk of 1,000 that one applicant refuses: refused, nothing changed")
