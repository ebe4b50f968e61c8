import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink jobs`: background work, for cron or a systemd timer.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Run the scheduled jobs.",
        subcommands: [JobsRunCommand.self])
}

/// `edulink jobs run`.
struct JobsRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run every scheduled job once (for cron).",
        discussion: """
            Closes listings whose deadline passed, declines offers past their expiry, reminds \
            students of saved listings that close soon, tells students of new listings matching \
            their saved searches (one message per search, at most once a day), starts and completes \
            placements and sends logbook and evaluation reminders, and delivers due notifications: \
            through the sendmail-compatible command of EDULINK_SENDMAIL or config.toml's sendmail \
            (From: EDULINK_MAIL_FROM or mail_from), else as files in the outbox folder beside the \
            database (<database folder>/outbox/; for PostgreSQL in the server state folder). Then deletes what the retention no longer keeps \
            (delivered messages after 30 days, read notifications after 180, security events after a \
            year, idempotency records after 24 hours) and evaluates the health checks: alerts are \
            raised and cleared, and every admin is told of a new one, once (request figures are left \
            to the processes that serve them). Last, on SQLite, merges the search index's segments a \
            bounded step. Safe to run often, and from several processes.
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() async throws {
        let environment = try await LocalEnvironment.open(database)
        let transport = try MailTransport.make(outbox: DatabaseOptions.outboxDirectory(for: environment.location))
        let report = try await environment.service.runScheduledJobs(transport: transport)
        if json {
            try JSONOutput.print(report)
            return
        }
        var table = TextTable(["job", "count"], rightAligned: [1])
        table.append(["listings closed", String(report.listingsClosed)])
        table.append(["offers expired", String(report.offersExpired)])
        table.append(["deadline reminders", String(report.remindersSent)])
        table.append(["saved-search alerts", String(report.savedSearchAlerts)])
        table.append(["messages delivered", String(report.messagesDelivered)])
        table.append(["messages failed", String(report.messagesFailed)])
        table.append(["placements started", String(report.placementsStarted)])
        table.append(["placements completed", String(report.placementsCompleted)])
        table.append(["placement reminders", String(report.placementReminders)])
        table.append(["old rows deleted", String(report.rowsPruned)])
        table.append(["search index segments merged", String(report.searchIndexSegmentsMerged)])
        table.append(["health alerts raised", String(report.alertsRaised)])
        table.append(["open health alerts", String(report.alertsOpen)])
        print(table.render())
        if report.messagesDelivered > 0, let spool = transport as? SpoolDirectoryTransport {
            print(
                "Messages are in \(spool.directory.path) (set sendmail in config.toml, or EDULINK_SENDMAIL, to send them)"
            )
        }
    }
}
