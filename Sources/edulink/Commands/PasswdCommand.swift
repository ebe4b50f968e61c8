import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink passwd --email EMAIL`: anyone changes their own password, the current one first.
struct PasswdCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Change your own password (you give the current one first).",
        discussion: """
            Reads the current password, then the new one, from standard input: asked on a terminal (the \
            new one twice), otherwise one line each. A wrong current password counts towards the \
            account's lockout like a failed sign-in. The same as "p" on the app's Profile. An admin \
            who resets someone else's password uses: edulink user reset-password.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Your sign-in email.", valueName: "email"))
    var email: String

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let current = try PasswordInput.read(prompt: "Current password for \(email)", confirm: false)
        let session = environment.service.localSession(
            mode: .local(path: environment.location.described), origin: .cli)
        _ = try await session.login(email: email, password: current)
        let new = try PasswordInput.read(prompt: "New password", confirm: true)
        try await session.changePassword(current: current, new: new)
        await session.logout()
        print("Changed the password of \(email).")
    }
}
