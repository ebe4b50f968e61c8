import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink dev`: hidden tools for crash and concurrency tests.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Tools for Edulink's own crash and concurrency tests.",
        shouldDisplay: false,
        subcommands: [HammerSetupCommand.self, HammerCommand.self])
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

    func validate() throws {
        guard workers >= 1, operations >= 1 else {
            throw ValidationError("--workers and --operations must be positive.")
        }
        guard listings >= EdulinkService.dailyApplicationLimit else {
            throw ValidationError("--listings must be at least \(EdulinkService.dailyApplicationLimit).")
        }
    }

    func run() async throws {
        let environment = try LocalEnvironment(databaseURL: database.url)
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

    func run() async throws {
        do {
            try await hammer()
        } catch {
            let message = (error as? EdulinkError)?.message ?? String(describing: error)
            print("error \(message.split(whereSeparator: \.isNewline).joined(separator: " "))")
            Terminal.flushStandardOutput()
            throw ExitCode.failure
        }
    }

    private func hammer() async throws {
        let environment = try LocalEnvironment.open(database, migrate: false)
        let mode = RepositoryMode.local(path: environment.databaseURL.path)
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

    private func acknowledge(_ what: String) {
        print("ack \(what)")
        Terminal.flushStandardOutput()
    }
}
