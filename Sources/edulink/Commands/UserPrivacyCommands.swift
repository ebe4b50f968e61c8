import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink user export EMAIL [--out FILE]`: everything stored about a person (PLACEMENTS.md, Privacy).
struct UserExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export everything stored about a person as one JSON document.",
        discussion: """
            The document holds the account (never the password hash), the profile, applications \
            with their timelines, placements with logbook and evaluations, notifications, saved \
            listings and searches, and the person's audit and security events. It is the same \
            document as "Export my data" in the app and GET /api/v1/me/export. The export is \
            recorded as a data_export security event.

            Without --out the JSON goes to standard output. With --out the file is created \
            readable by you only (0600); an existing file is never replaced: choose another name \
            or remove it first.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The account's email.", valueName: "email"))
    var email: String

    @Option(help: ArgumentHelp("Write the JSON to this new file instead of standard output.", valueName: "file"))
    var out: String?

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let user = try await environment.asOperator.user(email: email)
        let document = try await environment.asOperator.exportPersonalData(of: user.id)
        let data = try document.jsonData()
        guard let out else {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        do {
            try PrivateFile.create(out, contents: data + Data("\n".utf8))
        } catch let failure as PrivateFile.Failure {
            throw CommandFailure(failure.description)
        }
        print("Wrote the data of \(user.email) to \(out) (\(data.count) bytes, readable by you only).")
    }
}

/// `edulink user erase EMAIL [--yes] [--force]`: anonymise a person (PLACEMENTS.md, Privacy).
struct UserEraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erase",
        abstract: "Erase a person: anonymise their account and what they wrote.",
        discussion: """
            The name, email, phone, registration number, links and the texts the person wrote \
            (cover letters, answers, logbook entries, notes, comments) are replaced; their name, \
            email and phone are removed from audit summaries, notifications and queued messages; \
            the password stops working, every session ends and the account is disabled. States, \
            dates and counts stay, so reports keep adding up. It cannot be undone (backups made \
            before still hold the data until they are pruned).

            Asks for confirmation on a terminal; elsewhere pass --yes. Refused while the person \
            has an upcoming or active placement, unless --force. Erasing an erased account again \
            changes nothing.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The account's email.", valueName: "email"))
    var email: String

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    @Flag(help: "Erase even during an upcoming or active placement.")
    var force = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let user = try await environment.asOperator.user(email: email)
        try Confirmation.require("erase \(user.email) (\(user.displayName), id \(user.id)) for good", yes: yes)
        let result: ErasureResult
        do {
            result = try await environment.asOperator.erasePersonalData(of: user.id, force: force)
        } catch EdulinkError.refused(let refusal) where refusal.code == .placementInProgress {
            throw CommandFailure("\(refusal.message) (Pass --force to erase anyway.)")
        }
        if result.erased {
            print(
                "Erased account \(result.userID): it is now \(result.email), disabled; "
                    + "\(result.textsRewritten) text\(result.textsRewritten == 1 ? "" : "s") elsewhere rewritten.")
        } else {
            print("Account \(result.userID) was erased already; nothing more to erase.")
        }
    }
}
