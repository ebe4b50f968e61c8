import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink internships queue`: listings waiting for verification.
struct InternshipsQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "List the listings waiting for verification.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let queue = try await environment.asOperator.verificationQueue()
        if json { return try JSONOutput.print(queue) }
        if queue.isEmpty { return print("No listings wait for verification.") }
        for listing in queue {
            print("\(listing.id)\t\(Format.truncated(listing.organizationName, 24))\t\(listing.title)")
        }
    }
}

/// `edulink internships verify ID [--send-back REASON]`: publishes a submitted listing, or sends it
/// back to its employer with a reason, as the local operator through the service.
struct InternshipsVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify (publish) a listing waiting for review, or send it back with a reason.",
        discussion: """
              edulink internships verify 42
              edulink internships verify 42 --send-back "Say what the intern will work on."
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The listing's id (see `edulink internships queue`).", valueName: "id"))
    var id: Int64

    @Option(
        name: .customLong("send-back"), help: ArgumentHelp("Send it back instead, saying why.", valueName: "reason"))
    var sendBack: String?

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let event: ListingEvent = sendBack == nil ? .verify : .sendBack
        let listing = try await environment.asOperator.changeListing(
            ListingID(id), event, reason: sendBack)
        print("\(listing.id) \"\(listing.title)\" is now \(listing.status.rawValue).")
    }
}
