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
        let url = database.url
        if DatabaseFile.exists(url) {
            throw CommandFailure("a database already exists at \(url.path); choose another path with --db")
        }
        let email = AccountRules.normalizeEmail(adminEmail)
        try AccountRules.validate(email: email, displayName: TextRules.clean(name), phone: nil)
        let password = try PasswordInput.read(prompt: "Password for \(email)", confirm: true)
        do {
            let environment = try LocalEnvironment(databaseURL: url)
            // Check the password before anything is written, so a refusal leaves no file behind.
            try environment.service.environment.passwordPolicy.check(password: password, email: email)
            let admin = try await environment.asOperator.createUser(
                NewAccount(email: email, displayName: name, role: .admin, password: password))
            print("Created \(url.path) with admin \(admin.email) (id \(admin.id)).")
        } catch {
            try? DatabaseFile.remove(url)
            throw error
        }
    }
}
