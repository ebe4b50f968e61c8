import ArgumentParser
import EdulinkServer
import Foundation

/// `edulink keys …`: the server's token-signing keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Manage the server's token-signing keys.", subcommands: [Rotate.self])

    /// `edulink keys rotate`: a new key signs from now on; the old one verifies until its tokens expire.
    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a signing key and retire the current one.",
            discussion: """
                Running servers pick the new key up when they first see a token signed with it; \
                tokens signed with the old key keep working until they expire (15 minutes).
                """)

        @OptionGroup var options: ServerOptions

        func run() async throws {
            let url = ServerConfiguration(stateDirectory: options.stateURL).keyFile
            let now = Date()
            var file = try SigningKeyFile.loadOrCreate(url, now: now)
            let key = try file.rotate(
                now: now, tokenLifetime: ServerConfiguration(stateDirectory: options.stateURL).accessTokenLifetime)
            try file.save(to: url)
            print("New signing key \(key.kid) in \(url.path) (\(file.keys.count) keys kept)")
        }
    }
}
