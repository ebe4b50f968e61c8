import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink dev`: hidden tools for crash and concurrency tests.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Tools for Edulink's own crash and concurrency tests.",
        shouldDisplay: false,
        subcommands: [HammerSetupCommand.self, HammerCommand.self, PlacementHammerCommand.self])
}

/// The fixed names both hammer commands agree on.
enum Hammer {
    static let employerEmail = "hammer-employer@edulink.test"
    static let password = "hammer-password-Q7x2"
    static let organizationName = "Hammer Test Company"

    static func studentEmail(worker: Int, index: Int) -> String {
        "hammer-w\(worker)-s\(index)@edulink.test"
    }

    /// Students a worker needs: the service allows 5 applications per student per day.
    static func studentsPerWorker(operations: Int) -> Int {
        (operations + EdulinkService.dailyApplicationLimit - 1) / EdulinkService.dailyApplicationLimit
    }

    /// Runs a worker: any error is printed as one `error <message>` line and exits 1.
    static func reportingErrors(_ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch {
            let message = (error as? EdulinkError)?.message ?? String(describing: error)
            print("error \(message.split(whereSeparator: \.isNewline).joined(separator: " "))")
            Terminal.flushStandardOutput()
            throw ExitCode.failure
        }
    }

    /// `ack <what>`, flushed: a test that kills the worker knows what was committed.
    static func acknowledge(_ what: String) {
        print("ack \(what)")
        Terminal.flushStandardOutput()
    }

    static func supervisorEmail(worker: Int) -> String { "hammer-w\(worker)-supervisor@edulink.test" }

    /// Weeks of each hammer placement; every one has started, the last is the current week.
    static let placementWeeks = 52

    static let coverLetter = String(
        repeating: "I would like to join this internship because it matches what I study and practise. ", count: 2)
}

/// `edulink dev hammer-setup`.
struct HammerSetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hammer-setup",
        abstract: "Prepare a database for 'edulink dev hammer' workers.",
        discussion: """
            Creates an organization, the employer \(Hammer.employerEmail), published and verified \
            listings with large capacity and no questions, and for each worker enough students \
            with complete profiles for --operations applications.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Number of worker processes that will run.")
    var workers = 4

    @Option(help: "Number of listings to create (at least 5).")
    var listings = 10

    @Option(help: "Applications each worker will make.")
    var operations = 100

    @Flag(help: "Also give each worker's students an active placement (52 weeks, all begun) and a supervisor.")
    var placements = false

    func validate() throws {
        guard workers >= 1, operations >= 1 else {
            throw ValidationError("--workers and --operations must be positive.")
        }
        guard listings >= EdulinkService.dailyApplicationLimit else {
            throw ValidationError("--listings must be at least \(EdulinkService.dailyApplicationLimit).")
        }
    }

    func run() async throws {
        let environment = try await LocalEnvironment.openOrCreate(database.location())
        let service = environment.service
        let now = Date()
        // The organization and institution have no service call yet: setup writes them directly.
        let (organization, institution) = try await environment.store.write { session in
            let organization = try session.insertOrganization(
                Organization(
                    name: Hammer.organizationName, industry: "Testing", size: .small, location: "Nairobi, Kenya",
                    description: "A company that exists only for concurrency tests.", verified: true, createdAt: now))
            let institution = try session.insertInstitution(
                Institution(name: "Hammer Institute", shortCode: "HAM", type: .institute, verified: true))
            return (organization, institution)
        }
        let employer = try await environment.asOperator.createUser(
            NewAccount(
                email: Hammer.employerEmail, displayName: "Hammer Employer", role: .employer, password: Hammer.password,
                organizationID: organization.id))
        let employerPrincipal = Principal(
            userID: employer.id, role: .employer, organizationID: organization.id, origin: .cli)
        let day: TimeInterval = 86_400
        for index in 0..<listings {
            let draft = ListingDraft(
                title: "Concurrency test internship \(index + 1)",
                description: String(
                    repeating: "This listing exists so that several processes can apply to it at the same time. ",
                    count: 2),
                category: .technology, level: .entry, locationType: .remote, location: "Nairobi, Kenya",
                startDate: now.addingTimeInterval(60 * day), endDate: now.addingTimeInterval(60 * day + 12 * 7 * day),
                durationWeeks: 12, stipend: Stipend(amount: 20_000, currency: .kes),
                deadline: now.addingTimeInterval(30 * day), capacity: ListingDraft.Limits.capacity.upperBound,
                positions: ListingDraft.Limits.positions.upperBound)
            let listing = try await service.acting(as: employerPrincipal).createListing(draft)
            _ = try await service.acting(as: employerPrincipal).changeListing(listing.id, .submit)
            _ = try await environment.asOperator.changeListing(listing.id, .verify)
        }
        let students = Hammer.studentsPerWorker(operations: operations)
        for worker in 0..<workers {
            for index in 0..<students {
                let email = Hammer.studentEmail(worker: worker, index: index)
                let student = try await environment.asOperator.createUser(
                    NewAccount(
                        email: email, displayName: "Hammer Student \(worker)-\(index)", role: .student,
                        password: Hammer.password, institutionID: institution.id))
                let principal = Principal(
                    userID: student.id, role: .student, institutionID: institution.id, origin: .cli)
                _ = try await service.acting(as: principal).updateProfile(
                    ProfileUpdate(
                        displayName: student.displayName, phone: "+254700000000",
                        content: ProfileContent(
                            registrationNumber: "HAM/\(worker)/\(index)", yearOfStudy: 2, course: "Computer Science",
                            skills: ["Swift", "SQL"], interests: ["testing"],
                            githubURL: "https://github.example/hammer", resumePath: "cv.pdf")))
            }
        }
        if placements {
            try await Self.placeStudents(environment, workers: workers, students: students, organization: organization)
        }
        print("hammer setup: \(listings) listings, \(workers) workers × \(students) students")
    }
}

/// `edulink dev hammer`.
struct HammerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hammer",
        abstract: "Apply and move applications as fast as possible, acknowledging each committed write.",
        discussion: """
            Prints 'ack apply <id>' or 'ack move <id> <status>' after each committed write and \
            flushes, so a test that kills the process knows what was acknowledged. Any error \
            prints 'error <message>' and exits 1.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "This worker's number (0-based), as set up by hammer-setup.")
    var worker: Int

    @Option(help: "Applications to make.")
    var operations = 100

    func run() async throws { try await Hammer.reportingErrors(hammer) }

    private func hammer() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let mode = RepositoryMode.local(path: environment.location.described)
        let employer = environment.service.localSession(mode: mode, origin: .cli)
        _ = try await employer.login(email: Hammer.employerEmail, password: Hammer.password)
        let listings = try await employer.myListings().filter { $0.status == .published }.map(\.id).sorted()
        guard listings.count >= EdulinkService.dailyApplicationLimit else {
            throw CommandFailure("run 'edulink dev hammer-setup' first")
        }
        let perStudent = EdulinkService.dailyApplicationLimit
        var student: EdulinkService?
        for operation in 0..<operations {
            let studentIndex = operation / perStudent
            if operation % perStudent == 0 {
                let repository = environment.service.localSession(mode: mode, origin: .cli)
                _ = try await repository.login(
                    email: Hammer.studentEmail(worker: worker, index: studentIndex), password: Hammer.password)
                student = repository
            }
            guard let student else { break }
            // Each student applies to 5 different listings; workers start at different places.
            let listing = listings[(operation % perStudent + worker + studentIndex) % listings.count]
            let application = try await student.apply(
                ApplicationDraft(listingID: listing, coverLetter: Hammer.coverLetter))
            acknowledge("apply \(application.id)")
            if operation % 3 == 0 {
                let moved = try await employer.move(application.id, .shortlist)
                acknowledge("move \(moved.id) \(moved.status.rawValue)")
            }
            if operation % 6 == 0 {
                let moved = try await employer.move(
                    application.id, .reject(Rejection(reason: .notQualified, note: "Concurrency test")))
                acknowledge("move \(moved.id) \(moved.status.rawValue)")
            }
        }
    }

    private func acknowledge(_ what: String) { Hammer.acknowledge(what) }
}

extension HammerSetupCommand {
    /// For each worker: a workplace supervisor and, for each of its students, an accepted application
    /// and an active placement that began 52 weeks ago. The service makes placements only from an
    /// offer accepted now (starting later), so the setup writes these through the store, as the
    /// demo seeder does.
    static func placeStudents(
        _ environment: LocalEnvironment, workers: Int, students: Int, organization: Organization
    ) async throws {
        let now = Date()
        let day: TimeInterval = 86_400
        let start = now.addingTimeInterval(-Double(Hammer.placementWeeks - 1) * 7 * day - day)
        let end = start.addingTimeInterval(Double(Hammer.placementWeeks) * 7 * day)
        let hash = environment.service.environment.hasher.hash(Hammer.password)
        try await environment.store.write { session in
            guard let employer = try session.user(email: Hammer.employerEmail) else {
                throw CommandFailure("the hammer employer is missing")
            }
            let listing = try session.insertListing(
                Listing(
                    organizationID: organization.id, createdBy: employer.id,
                    terms: ListingDraft(
                        title: "Concurrency test placement",
                        description: String(repeating: "A placement that exists for crash tests. ", count: 3),
                        category: .technology, level: .entry, locationType: .remote, location: "Nairobi, Kenya",
                        startDate: start, endDate: end, durationWeeks: Hammer.placementWeeks, stipend: nil,
                        deadline: start.addingTimeInterval(-7 * day), capacity: 10_000, positions: 10_000),
                    status: .published, createdAt: start, updatedAt: start))
            for worker in 0..<workers {
                let supervisor = try session.insertUser(
                    User(
                        email: Hammer.supervisorEmail(worker: worker), displayName: "Hammer Supervisor \(worker)",
                        role: .supervisor, passwordHash: hash, organizationID: organization.id, createdAt: now))
                try session.saveSupervisorProfile(
                    SupervisorProfile(
                        userID: supervisor.id, title: "Crash tester", capacity: SupervisorRules.capacity.upperBound))
                for index in 0..<min(students, SupervisorRules.capacity.upperBound) {
                    guard let student = try session.user(email: Hammer.studentEmail(worker: worker, index: index))
                    else {
                        continue
                    }
                    let application = try session.insertApplication(
                        Application(
                            studentID: student.id, listingID: listing.id, status: .accepted,
                            coverLetter: Hammer.coverLetter, submittedAt: start.addingTimeInterval(-30 * day)))
                    _ = try session.insertPlacement(
                        Placement(
                            applicationID: application.id, studentID: student.id, listingID: listing.id,
                            organizationID: organization.id, institutionID: student.institutionID, startDate: start,
                            endDate: end, workplaceSupervisorID: supervisor.id, status: .active, createdAt: start))
                }
            }
        }
    }
}

/// `edulink dev hammer-placements`.
struct PlacementHammerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hammer-placements",
        abstract: "Write, approve and evaluate logbook weeks as fast as possible, acknowledging each write.",
        discussion: """
            Needs 'edulink dev hammer-setup --placements'. The worker's students submit their weeks \
            one by one; the supervisor approves every other one and evaluates a placement once its \
            weeks are written. Prints 'ack entry <id> <status>' or 'ack evaluation <id> <placement>' \
            after each committed write and flushes; any error prints 'error <message>' and exits 1.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "This worker's number (0-based), as set up by hammer-setup.")
    var worker: Int

    @Option(help: "Logbook weeks to write.")
    var operations = 100

    func run() async throws { try await Hammer.reportingErrors(hammer) }

    private func hammer() async throws {
        let environment = try await LocalEnvironment.open(database, migrate: false)
        let mode = RepositoryMode.local(path: environment.location.described)
        let supervisor = environment.service.localSession(mode: mode, origin: .cli)
        _ = try await supervisor.login(email: Hammer.supervisorEmail(worker: worker), password: Hammer.password)
        let placements = try await supervisor.placements().sorted { $0.id.rawValue < $1.id.rawValue }
        guard !placements.isEmpty else { throw CommandFailure("run 'edulink dev hammer-setup --placements' first") }
        let content = LogbookContent(activities: Hammer.coverLetter, hours: 37.5, skills: ["SQL"])
        let evaluation = EvaluationDraft(
            scores: Rubric.standard.criteria(for: .final).map { CriterionScore(criterion: $0.key, score: 4) },
            overall: 4, comment: Hammer.coverLetter)
        var operation = 0
        for summary in placements {
            let student = environment.service.localSession(mode: mode, origin: .cli)
            _ = try await student.login(
                email: try await environment.store.read { try $0.user(summary.placement.studentID)?.email } ?? "",
                password: Hammer.password)
            for week in 1...Hammer.placementWeeks {
                guard operation < operations else { return }
                operation += 1
                let entry = try await student.saveLogbookEntry(summary.id, week: week, content, submit: true)
                acknowledge("entry \(entry.id) \(entry.status.rawValue)")
                if week % 2 == 0 {
                    let approved = try await supervisor.reviewLogbookEntry(entry.id, .approve)
                    acknowledge("entry \(approved.id) \(approved.status.rawValue)")
                }
            }
            for kind in [EvaluationKind.midpoint, .final] {
                let written = try await supervisor.submitEvaluation(summary.id, kind, evaluation)
                acknowledge("evaluation \(written.id) \(summary.id)")
            }
        }
    }

    private func acknowledge(_ what: String) { Hammer.acknowledge(what) }
}
