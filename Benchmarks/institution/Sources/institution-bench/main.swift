import EdulinkCore
import EdulinkSQLite
import Foundation

// institution-bench [STUDENTS] [PLACEMENTS] [IMPORT_ROWS] [RUNS]
//
// One institution with STUDENTS students (default 20,000) across 12 courses and 4 years, PLACEMENTS
// placements (default 5,000: 40 % active with 6 weeks of logbook, 30 % completed with final and
// academic evaluations, the rest upcoming or terminated), applications for every placed student and
// as many again. Then, signed in as the institution admin through the local-mode repository:
//   report    the placement report for the last 12 months (median and p99 over RUNS runs, 5 warm-up)
// and a CSV import of IMPORT_ROWS new students (default 10,000) into the same institution:
//   dry run with one bad row (its line reported), dry run of the fixed file, apply (one transaction),
//   and the same file applied again (nothing changes), each timed once.

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("institution-bench: \(message)\n".utf8))
    exit(1)
}

let arguments = CommandLine.arguments
func argument(_ index: Int, _ fallback: Int) -> Int {
    arguments.count > index ? Int(arguments[index]) ?? fallback : fallback
}
let studentCount = argument(1, 20_000)
let placementCount = min(argument(2, 5_000), studentCount)
let importRows = argument(3, 10_000)
let runs = argument(4, 50)
let clock = ContinuousClock()
let day: TimeInterval = 86_400

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("institution-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let path = directory.appendingPathComponent("edulink.sqlite").path
let now = Date()
let time = ManualTimeSource(now)
let store = try SQLiteStore(path: path, clock: time)
let service = EdulinkService(
    environment: ServiceEnvironment(
        store: store, clock: time, hasher: BcryptHasher(cost: 4), passwordPolicy: PasswordPolicy(commonPasswords: [])))

let op = Principal.localOperator()
let password = "a long bench password"
let institution = try await service.acting(as: op).createInstitution(
    Institution(name: "Bench University", shortCode: "BU", type: .university, verified: true))
let organizations = try await (0..<40).asyncMap { index in
    try await service.acting(as: op).createOrganization(
        Organization(
            name: "Bench Employer \(index)", industry: "Fintech", size: .large, location: "Nairobi",
            description: "An organization with interns, for the institution benchmark.", createdAt: now))
}
_ = try await service.acting(as: op).createUser(
    NewAccount(
        email: "office@bench.example", displayName: "Career Office", role: .institutionAdmin, password: password,
        institutionID: institution.id))
let courses = [
    "BSc Computer Science", "BSc Statistics", "Bachelor of Laws", "BSc Nursing", "BCom Finance", "BA Economics",
    "BSc Civil Engineering", "BSc Agriculture", "Bachelor of Education", "BSc Actuarial Science", "BA Design",
    "BSc Public Health",
]
let seedStart = clock.now
let activities = String(repeating: "Reconciled the settlement files and wrote the weekly summary. ", count: 2)
try await store.write { session in
    var listings: [Listing] = []
    for (index, organization) in organizations.enumerated() {
        let employer = try session.insertUser(
            User(
                email: "employer\(index)@bench.example", displayName: "Employer \(index)", role: .employer,
                passwordHash: "x", organizationID: organization.id, createdAt: now))
        for number in 0..<5 {
            listings.append(
                try session.insertListing(
                    Listing(
                        organizationID: organization.id, createdBy: employer.id,
                        terms: ListingDraft(
                            title: "Bench Intern \(index)-\(number)",
                            description: String(repeating: "Work with our analysts on real data. ", count: 5),
                            category: .technology, level: .entry, locationType: .hybrid, location: "Nairobi, Kenya",
                            startDate: now.addingTimeInterval(-60 * day), endDate: now.addingTimeInterval(120 * day),
                            durationWeeks: 12, stipend: nil, requiredSkills: ["SQL"],
                            deadline: now.addingTimeInterval(-70 * day), capacity: 1_000, positions: 500),
                        status: .published, createdAt: now.addingTimeInterval(-200 * day),
                        updatedAt: now.addingTimeInterval(-200 * day))))
        }
    }
    for index in 0..<studentCount {
        let student = try session.insertUser(
            User(
                email: "student\(index)@bench.example", displayName: "Student \(index)", role: .student,
                passwordHash: "x", institutionID: institution.id, createdAt: now.addingTimeInterval(-400 * day)))
        try session.saveProfile(
            StudentProfile(
                userID: student.id, institutionID: institution.id,
                content: ProfileContent(
                    registrationNumber: "BU/\(index)", yearOfStudy: index % 4 + 1,
                    course: courses[index % courses.count]),
                updatedAt: now))
        // Placed students (the first PLACEMENTS) applied twice; every other fourth student once.
        let applications = index < placementCount ? 2 : (index % 4 == 0 ? 1 : 0)
        for number in 0..<applications {
            let listing = listings[(index + number * 7) % listings.count]
            let sent = now.addingTimeInterval(-Double(30 + index % 200) * day + Double(number) * day)
            let application = try session.insertApplication(
                Application(
                    studentID: student.id, listingID: listing.id,
                    status: number == 0 && index < placementCount ? .accepted : .pending,
                    coverLetter: activities, submittedAt: sent))
            guard number == 0, index < placementCount else { continue }
            let kind = index % 10
            let status: PlacementStatus =
                kind < 4 ? .active : kind < 7 ? .completed : kind < 9 ? .upcoming : .terminated
            let start: Date =
                switch status {
                case .active, .terminated: now.addingTimeInterval(-43 * day)
                case .completed: now.addingTimeInterval(-150 * day)
                case .upcoming: now.addingTimeInterval(20 * day)
                }
            let placement = try session.insertPlacement(
                Placement(
                    applicationID: application.id, studentID: student.id, listingID: listing.id,
                    organizationID: listing.organizationID, institutionID: institution.id, startDate: start,
                    endDate: start.addingTimeInterval(12 * 7 * day), status: status,
                    createdAt: sent.addingTimeInterval(Double(10 + index % 40) * day)))
            if status == .active {
                for week in 1...6 where (index + week) % 7 != 0 {
                    let submitted = start.addingTimeInterval(Double(week * 7 + (index + week) % 5) * day)
                    _ = try session.insertLogbookEntry(
                        LogbookEntry(
                            placementID: placement.id, week: week,
                            content: LogbookContent(activities: activities, hours: 38.5, skills: ["SQL"]),
                            status: .submitted, submittedAt: submitted, updatedAt: submitted))
                }
            }
            if status == .completed {
                let written = start.addingTimeInterval(12 * 7 * day + 5 * day)
                let scores = Rubric.standard.criteria(for: .final).map {
                    CriterionScore(criterion: $0.key, score: 2 + (index + $0.key.count) % 4)
                }
                _ = try session.insertEvaluation(
                    Evaluation(
                        placementID: placement.id, kind: .final, version: 1, authorID: nil, rubricVersion: 1,
                        criteria: Rubric.standard.criteria(for: .final), scores: scores, overall: 4, grade: nil,
                        comment: "Steady work.", correctionReason: nil, submittedAt: written))
                _ = try session.insertEvaluation(
                    Evaluation(
                        placementID: placement.id, kind: .academic, version: 1, authorID: nil, rubricVersion: 1,
                        criteria: Rubric.standard.criteria(for: .academic), scores: [], overall: nil,
                        grade: Grade.allCases[index % Grade.allCases.count], comment: "Assessed.",
                        correctionReason: nil, submittedAt: written.addingTimeInterval(day)))
            }
        }
    }
}
print(
    "seeded \(studentCount) students, \(placementCount) placements in "
        + String(format: "%.1f s", milliseconds(clock.now - seedStart) / 1_000))

let office = service.localSession(mode: .local(path: path))
_ = try await office.login(email: "office@bench.example", password: password)

// --- the report
let period = ReportPeriod(from: now.addingTimeInterval(-365 * day), to: now.addingTimeInterval(1))
let first = try await office.placementReport(period, institution: nil)
guard first.students == studentCount else { fail("the report counts \(first.students) students") }
guard first.logbook.due > 0, !first.criteria.isEmpty else { fail("the report found no logbook weeks or evaluations") }
var samples: [Double] = []
for run in 0..<(runs + 5) {
    let started = clock.now
    _ = try await office.placementReport(period, institution: nil)
    if run >= 5 { samples.append(milliseconds(clock.now - started)) }
}
samples.sort()
print(
    "report (\(first.placedStudents) placed, \(first.logbook.due) logbook weeks due, "
        + "\(first.criteria.first?.evaluations ?? 0) evaluations): median "
        + String(format: "%.2f ms, p99 %.2f ms", percentile(samples, 0.5), percentile(samples, 0.99)))

// Where the time goes: the store's read of the facts, and the figures computed from them.
var reads: [Double] = []
var builds: [Double] = []
guard let owner = try await store.read({ try $0.institution(institution.id) }) else { fail("no institution") }
for _ in 0..<runs {
    let started = clock.now
    let facts = try await store.read { try $0.placementReportFacts(institutionID: institution.id, period: period) }
    let read = clock.now
    _ = PlacementReport.build(facts, institution: owner, period: period, now: now, calendar: .current)
    reads.append(milliseconds(read - started))
    builds.append(milliseconds(clock.now - read))
}
reads.sort()
builds.sort()
print(
    String(
        format: "  of which: the store's read, median %.2f ms; the figures computed from it, median %.2f ms",
        percentile(reads, 0.5), percentile(builds, 0.5)))

// INSTITUTION_BENCH_KEEP=DIR keeps a copy of the seeded database in DIR, to look at its query plans.
if let keep = ProcessInfo.processInfo.environment["INSTITUTION_BENCH_KEEP"], !keep.isEmpty {
    let copy = try await store.backup(into: URL(fileURLWithPath: keep), keepDays: 365)
    print("kept the seeded database: \(copy.path)")
}

// --- the import
var lines = ["name,email,registration number,course,year"]
for index in 0..<importRows {
    lines.append("New Student \(index),new\(index)@bench.example,BU/NEW/\(index),\(courses[index % courses.count]),1")
}
let badLine = importRows / 2 + 2
var broken = lines
broken[badLine - 1] = "Broken Row,not-an-email,BU/NEW/BROKEN,BSc Statistics,1"
func timed(_ label: String, _ csv: [String], apply: Bool) async throws -> StudentImportReport {
    let started = clock.now
    let report = try await office.importStudents(
        StudentImportRequest(csv: csv.joined(separator: "\n"), apply: apply))
    print(String(format: "import %@: %.0f ms — %@", label, milliseconds(clock.now - started), report.summary))
    return report
}
let refused = try await timed("dry run, one bad row", broken, apply: false)
guard refused.rows.filter({ $0.outcome == .refused }).map(\.line) == [badLine] else {
    fail("the bad row is not reported on line \(badLine)")
}
print(
    "  refused: line \(badLine): \(refused.rows.first { $0.outcome == .refused }?.problems.joined(separator: "; ") ?? "")"
)
_ = try await timed("apply with the bad row (refused whole)", broken, apply: true)
_ = try await timed("dry run, fixed", lines, apply: false)
let applied = try await timed("apply", lines, apply: true)
guard applied.applied, applied.count(.create) == importRows else { fail("the import did not create every row") }
let again = try await timed("apply again", lines, apply: true)
guard again.count(.create) == 0, again.count(.existing) == importRows else {
    fail("the second import changed something")
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var values: [T] = []
        for element in self { values.append(try await transform(element)) }
        return values
    }
}
