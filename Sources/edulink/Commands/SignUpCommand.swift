import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink signup`: a student creates their own account with their institution's registration code.
struct SignUpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signup",
        abstract: "Create your student account with a registration code from your institution.",
        discussion: """
            The password is read from standard input: asked twice on a terminal, otherwise one line. \
            A code that does not exist, expired, was used up or revoked gets one message; ask your \
            institution for a new one. The same as "create account" on the app's sign-in screen.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The registration code, e.g. EDUUON26-01.", valueName: "code"))
    var code: String

    @Option(help: ArgumentHelp("Your email.", valueName: "email"))
    var email: String

    @Option(help: ArgumentHelp("Your name as employers will see it.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Your registration (student) number.", valueName: "number"))
    var registrationNumber: String?

    @Option(help: ArgumentHelp("Your course.", valueName: "course"))
    var course: String?

    @Option(help: ArgumentHelp("Your year of study (1–6).", valueName: "year"))
    var year: Int?

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let password = try PasswordInput.read(prompt: "Password for \(email)", confirm: true)
        let user = try await environment.service.signUp(
            StudentSignUp(
                code: code, displayName: name, email: email, password: password,
                registrationNumber: registrationNumber, course: course, yearOfStudy: year),
            origin: .cli, source: "local")
        let institution = try await environment.asOperator.institutions().first { $0.id == user.institutionID }
        print(
            "Created the student account \(user.email) (id \(user.id))"
                + (institution.map { " at \($0.name)" } ?? "")
                + ". Sign in with: edulink --db \(shellQuoted(environment.location.described))")
    }
}
