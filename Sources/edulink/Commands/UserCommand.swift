import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink user`: accounts.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "List and manage accounts.",
        subcommands: [
            UserListCommand.self, UserCreateCommand.self, UserSetRoleCommand.self,
            UserSetInstitutionCommand.self, UserLockCommand.self, UserUnlockCommand.self, UserResetPasswordCommand.self,
            UserExportCommand.self, UserEraseCommand.self,
        ])
}

/// `edulink user list`.
struct UserListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Only accounts with this role.", valueName: "role"))
    var role: Role?

    @Option(help: ArgumentHelp("Only accounts whose email or name contains this text.", valueName: "text"))
    var search: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        var users: [UserSummary] = []
        var after: UserID?
        let pageSize = 1000
        while true {
            let page = try await environment.asOperator.users(
                matching: search, role: role, after: after, limit: pageSize)
            users += page
            guard page.count == pageSize, let last = page.last else { break }
            after = last.id
        }
        if json {
            try JSONOutput.print(UserList(users: users))
            return
        }
        var table = TextTable(["id", "email", "name", "role", "status", "last login"], rightAligned: [0])
        for user in users {
            let status =
                user.status == .locked
                ? "locked" + (user.lockedUntil.map { " until \(Format.time($0))" } ?? "")
                : user.status.rawValue
            table.append([
                String(user.id.rawValue), user.email, Format.truncated(user.displayName, 30), user.role.rawValue,
                status, Format.day(user.lastLoginAt),
            ])
        }
        print(table.render())
        print("\(users.count) account\(users.count == 1 ? "" : "s")")
    }

    struct UserList: Encodable {
        var users: [UserSummary]
    }
}

/// `edulink user create`.
struct UserCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an account.",
        discussion: """
            The password is read from standard input: asked twice on a terminal, otherwise one \
            line (e.g. from a password manager). It is never taken from an argument.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The sign-in email.", valueName: "email"))
    var email: String

    @Option(help: ArgumentHelp("The display name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("The role.", valueName: "role"))
    var role: Role

    @Option(help: ArgumentHelp("Organization id (required for employers).", valueName: "id"))
    var organization: Int64?

    @Option(help: ArgumentHelp("Institution id (for students and institution admins).", valueName: "id"))
    var institution: Int64?

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let password = try PasswordInput.read(prompt: "Password for \(email)", confirm: true)
        let user = try await environment.asOperator.createUser(
            NewAccount(
                email: email, displayName: name, role: role, password: password,
                organizationID: organization.map { OrganizationID($0) },
                institutionID: institution.map { InstitutionID($0) }))
        print("Created \(user.email) (\(user.role.rawValue), id \(user.id)).")
    }
}

/// `edulink user set-role EMAIL ROLE`.
struct UserSetRoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change an account's role.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The account's email.", valueName: "email"))
    var email: String

    @Argument(help: ArgumentHelp("The new role.", valueName: "role"))
    var role: Role

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let user = try await environment.asOperator.user(email: email)
        try await environment.asOperator.setRole(user.id, to: role)
        print("\(user.email) is now \(role.rawValue) (was \(user.role.rawValue)).")
    }
}

/// `edulink user set-institution EMAIL ID|none`.
struct UserSetInstitutionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-institution",
        abstract: "Tie a student or institution admin to an institution (its id), or to none.",
        discussion:
            "Students cannot change their institution themselves: it decides which institution-only listings they see.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The account's email.", valueName: "email"))
    var email: String

    @Argument(help: ArgumentHelp("The institution's id, or none.", valueName: "id|none"))
    var institution: String

    func validate() throws {
        if institution != "none" && Int64(institution) == nil {
            throw ValidationError("The institution is its id (a number) or none.")
        }
    }

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let user = try await environment.asOperator.user(email: email)
        let id = Int64(institution).map { InstitutionID($0) }
        try await environment.asOperator.setInstitution(user.id, to: id)
        print("\(user.email) belongs to " + (id.map { "institution \($0)" } ?? "no institution") + ".")
    }
}

/// `edulink user lock EMAIL`.
struct UserLockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Lock an account so that it cannot sign in.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The account's email.", valueName: "email"))
    var email: String

    @Option(help: ArgumentHelp("Unlock by itself after this many minutes (default: until unlocked).", valueName: "n"))
    var minutes: Int?

    func validate() throws {
        if let minutes, minutes < 1 { throw ValidationError("--minutes must be at least 1.") }
    }

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let user = try await environment.asOperator.user(email: email)
        let until = minutes.map { Date().addingTimeInterval(Double($0) * 60) }
        try await environment.asOperator.lockUser(user.id, until: until)
        print("Locked \(user.email)" + (until.map { " until \(Format.time($0))" } ?? " until unlocked") + ".")
    }
}

/// `edulink user unlock EMAIL`.
struct UserUnlockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "Unlock an account and forget its failed sign-ins.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The account's email.", valueName: "email"))
    var email: String

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let user = try await environment.asOperator.user(email: email)
        try await environment.asOperator.unlockUser(user.id)
        print("Unlocked \(user.email).")
    }
}

/// `edulink user reset-password EMAIL`.
struct UserResetPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-password",
        abstract: "Give an account a new random password and print it once.",
        discussion: "The password is shown only this once; pass it to its owner over a safe channel.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The account's email.", valueName: "email"))
    var email: String

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let user = try await environment.asOperator.user(email: email)
        let password = try await environment.asOperator.resetPassword(user.id)
        if Terminal.errorIsInteractive {
            Terminal.writeError("New password for \(user.email) (shown once):\n")
        }
        print(password)
    }
}
