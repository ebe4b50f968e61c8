import ArgumentParser

/// `edulink [tui] [--db PATH | --server URL] [--theme NAME]`: the terminal app, the default subcommand.
///
/// A subcommand rather than options of the root, so that `--db` after another subcommand
/// (`edulink internships search data --db X`) belongs to that subcommand.
struct TerminalAppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract:
            "Open the terminal app on the local database or an Edulink server (the default without a subcommand).")

    @OptionGroup var terminal: TerminalOptions

    func run() async throws {
        try await TerminalAppLauncher(options: terminal).run()
    }
}
