import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink init`: an empty database and its first admin.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty database with its first admin account.",
        discussion: """
            The admin's password is read from standard input: asked twice on a terminal, \
            otherwise one line. It must have at least 10 characters, differ from the email and \
            not be a common password.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Email of the first admin.", valueName: "email"))
    var adminEmail: String

    @Option(help: ArgumentHelp("Display name of the first admin.", valueName: "name"))
    var name = "Administrator"

    func run() async throws {
        let location = try database.location()
        if case .sqlite(let url) = location, DatabaseFile.exists(url) {
            throw CommandFailure.databaseExists(at: location)
        }
        let email = AccountRules.normalizeEmail(adminEmail)
        try AccountRules.validate(email: email, displayName: TextRules.clean(name), phone: nil)
        let password = try PasswordInput.read(prompt: "Password for \(email)", confirm: true)
        // Check the password before anything is written, so a refusal leaves no file behind.
        let policy = try LocalEnvironment.passwordPolicy()
        var created = false
        do {
            let environment = try await LocalEnvironment.create(location) {
                try policy.check(password: password, email: email)
                created = true
            }
            let admin = try await environment.asOperator.createUser(
                NewAccount(email: email, displayName: name, role: .admin, password: password))
            print("Created \(location.described) with admin \(admin.email) (id \(admin.id)).")
        } catch {
            if created { LocalEnvironment.discard(location) }
            throw error
        }
    }
}
