import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink org`: the organizations employers belong to. An employer account is created into one
/// with `edulink user create --role employer --organization ID`.
struct OrganizationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "List, create, edit and verify organizations (employers belong to one).",
        subcommands: [
            OrganizationListCommand.self, OrganizationCreateCommand.self, OrganizationEditCommand.self,
            OrganizationVerifyCommand.self,
        ])
}

/// An organization named on the command line: its id or its exact name (letter case aside).
struct OrganizationArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The organization: its id or its name.", valueName: "organization"))
    var organization: String

    func resolve(_ service: EdulinkService) async throws -> Organization {
        let all = try await service.allOrganizations()
        let typed = organization.trimmingCharacters(in: .whitespaces)
        if let found = all.first(where: {
            String($0.id.rawValue) == typed || $0.name.caseInsensitiveCompare(typed) == .orderedSame
        }) {
            return found
        }
        let near = all.filter { $0.name.localizedCaseInsensitiveContains(typed) }.prefix(5)
            .map { "\($0.name) (\($0.id.rawValue))" }
        throw CommandFailure(
            "No organization \"\(typed)\"."
                + (near.isEmpty
                    ? " List them with: edulink org list" : " Did you mean: \(near.joined(separator: ", "))?"))
    }
}

/// `edulink org list [--json]`.
struct OrganizationListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organizations.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let organizations = try await environment.asOperator.allOrganizations()
        if json {
            try JSONOutput.print(organizations)
            return
        }
        var table = TextTable(["id", "name", "industry", "size", "location", "verified"], rightAligned: [0])
        for organization in organizations {
            table.append([
                String(organization.id.rawValue), Format.truncated(organization.name, 40),
                Format.truncated(organization.industry, 24), organization.size.rawValue,
                Format.truncated(organization.location, 24), organization.verified ? "yes" : "no",
            ])
        }
        print(table.render())
        print("\(organizations.count) organization\(organizations.count == 1 ? "" : "s")")
    }
}

/// `edulink org create --name … --industry … --size … --location … --description … [--website] [--verified]`.
struct OrganizationCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an organization.",
        discussion: """
            Then create its first employer: edulink user create --role employer --organization ID. \
            Its employers can submit listings for review only once it is verified (by an admin, \
            or now with --verified); each listing is still reviewed before it is published.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The organization's name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Its industry, e.g. Fintech.", valueName: "industry"))
    var industry: String

    @Option(
        help: ArgumentHelp(
            "Its size: \(OrganizationSize.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "size"))
    var size: OrganizationSize

    @Option(help: ArgumentHelp("Where it is, e.g. Nairobi.", valueName: "location"))
    var location: String

    @Option(help: ArgumentHelp("What it does (20 characters or more).", valueName: "text"))
    var description: String

    @Option(help: ArgumentHelp("Its website (https://…).", valueName: "url"))
    var website: String?

    @Flag(help: "Verify it now, so its employers can submit listings for review.")
    var verified = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        var created = try await environment.asOperator.createOrganization(
            Organization(
                name: name, industry: industry, size: size, website: website, location: location,
                description: description, createdAt: Date()))
        if verified {
            try await environment.asOperator.setOrganizationVerified(created.id, verified: true)
            created.verified = true
        }
        print(
            "Created the organization \(created.name) (id \(created.id))\(created.verified ? ", verified" : "").\n"
                + "Add its first employer: edulink user create --role employer --organization \(created.id) "
                + "--email … --name …")
    }
}

/// `edulink org edit ORGANIZATION [--name] [--industry] [--size] [--location] [--description] [--website]`.
struct OrganizationEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change an organization's details (only the options given).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var target: OrganizationArgument

    @Option(help: ArgumentHelp("The new name.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The industry.", valueName: "industry"))
    var industry: String?

    @Option(help: ArgumentHelp("The size.", valueName: "size"))
    var size: OrganizationSize?

    @Option(help: ArgumentHelp("Where it is.", valueName: "location"))
    var location: String?

    @Option(help: ArgumentHelp("What it does.", valueName: "text"))
    var description: String?

    @Option(help: ArgumentHelp("Its website; an empty value removes it.", valueName: "url"))
    var website: String?

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        var organization = try await target.resolve(environment.asOperator)
        guard name != nil || industry != nil || size != nil || location != nil || description != nil || website != nil
        else {
            throw ValidationError(
                "Give at least one of --name, --industry, --size, --location, --description, --website.")
        }
        organization.name = name ?? organization.name
        organization.industry = industry ?? organization.industry
        organization.size = size ?? organization.size
        organization.location = location ?? organization.location
        organization.description = description ?? organization.description
        if let website { organization.website = website.isEmpty ? nil : website }
        let saved = try await environment.asOperator.updateOrganization(organization)
        print("Saved \(saved.name) (id \(saved.id)).")
    }
}

/// `edulink org verify ORGANIZATION [--undo]`.
struct OrganizationVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify an organization, so its listings publish (--undo withdraws it).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var target: OrganizationArgument

    @Flag(help: "Withdraw the verification.")
    var undo = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let organization = try await target.resolve(environment.asOperator)
        try await environment.asOperator.setOrganizationVerified(organization.id, verified: !undo)
        print("\(organization.name) is \(undo ? "no longer verified" : "verified").")
    }
}

/// `edulink institution`: the institutions students belong to.
struct InstitutionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institution",
        abstract: "List, create, edit and verify institutions (students and institution admins belong to one).",
        subcommands: [
            InstitutionListCommand.self, InstitutionCreateCommand.self, InstitutionEditCommand.self,
            InstitutionVerifyCommand.self,
        ])
}

/// An institution named as an argument: its id or short code.
struct InstitutionArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The institution: its id or short code (e.g. UON).", valueName: "institution"))
    var institution: String

    func resolve(_ service: EdulinkService) async throws -> Institution {
        try await InstitutionOption.resolve(institution, in: service)
    }
}

/// `edulink institution list [--json]`.
struct InstitutionListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List institutions.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let institutions = try await environment.asOperator.institutions()
        if json {
            try JSONOutput.print(institutions)
            return
        }
        var table = TextTable(["id", "short code", "name", "type", "verified"], rightAligned: [0])
        for institution in institutions {
            table.append([
                String(institution.id.rawValue), institution.shortCode, Format.truncated(institution.name, 50),
                institution.type.rawValue, institution.verified ? "yes" : "no",
            ])
        }
        print(table.render())
        print("\(institutions.count) institution\(institutions.count == 1 ? "" : "s")")
    }
}

/// `edulink institution create --name … --short-code … --type … [--verified]`.
struct InstitutionCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an institution.",
        discussion: """
            Then its admin: edulink user create --role institution_admin --institution ID; they issue \
            registration codes and import students from the app.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The institution's name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Letters and digits that start its registration codes, e.g. UON.", valueName: "code"))
    var shortCode: String

    @Option(
        help: ArgumentHelp(
            "Its type: \(InstitutionType.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "type"))
    var type: InstitutionType

    @Flag(help: "Mark it verified.")
    var verified = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let created = try await environment.asOperator.createInstitution(
            Institution(name: name, shortCode: shortCode, type: type, verified: verified))
        print(
            "Created the institution \(created.name) (\(created.shortCode), id \(created.id)).\n"
                + "Add its admin: edulink user create --role institution_admin --institution \(created.id) "
                + "--email … --name …")
    }
}

/// `edulink institution edit INSTITUTION [--name] [--short-code] [--type]`.
struct InstitutionEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change an institution's name, short code or type (only the options given).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var target: InstitutionArgument

    @Option(help: ArgumentHelp("The new name.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The new short code (codes already issued keep theirs).", valueName: "code"))
    var shortCode: String?

    @Option(help: ArgumentHelp("The type.", valueName: "type"))
    var type: InstitutionType?

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        var institution = try await target.resolve(environment.asOperator)
        guard name != nil || shortCode != nil || type != nil else {
            throw ValidationError("Give at least one of --name, --short-code, --type.")
        }
        institution.name = name ?? institution.name
        institution.shortCode = shortCode ?? institution.shortCode
        institution.type = type ?? institution.type
        let saved = try await environment.asOperator.updateInstitution(institution)
        print("Saved \(saved.name) (\(saved.shortCode), id \(saved.id)).")
    }
}

/// `edulink institution verify INSTITUTION [--undo]`.
struct InstitutionVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Mark an institution verified (--undo withdraws it).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var target: InstitutionArgument

    @Flag(help: "Withdraw the verification.")
    var undo = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let institution = try await target.resolve(environment.asOperator)
        _ = try await environment.asOperator.setInstitutionVerified(institution.id, verified: !undo)
        print("\(institution.name) is \(undo ? "no longer verified" : "verified").")
    }
}
