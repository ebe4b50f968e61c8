import ArgumentParser
import EdulinkCore
import Foundation

/// `edulink internships`: listings, for scripts.
struct InternshipsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "internships",
        abstract: "Search internship listings; verify submitted ones.",
        subcommands: [InternshipsSearchCommand.self, InternshipsQueueCommand.self, InternshipsVerifyCommand.self])
}

/// `edulink internships search [QUERY ...]`.
struct InternshipsSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search open listings with the query language of the terminal UI.",
        discussion: """
            The words of QUERY are joined by spaces, so quoting is only needed for the shell:

              edulink internships search data remote:yes 'stipend>=20000' deadline:14d -sales
              edulink internships search '"machine learning"' category:technology --json

            Filters: category: remote: type: location: level: stipend>= paid: deadline< \
            duration>= skill: org: featured: sort:relevance|deadline|newest|stipend. A word \
            starting with - excludes it. Results are ranked by relevance when there are words.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Results per page (1–500).", valueName: "n"))
    var limit = 20

    @Option(help: ArgumentHelp("Continue after a previous page (its next_cursor).", valueName: "token"))
    var cursor: String?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Words and filters, e.g. data remote:yes stipend>=20000 -sales.", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be between 1 and 500.") }
        if let cursor, PageCursor(token: cursor) == nil {
            throw ValidationError("--cursor \(cursor) is not a cursor from an earlier page.")
        }
    }

    func run() async throws {
        let text = query.filter { $0 != "--" }.joined(separator: " ")
        let filter: ListingFilter
        do {
            filter = try ListingFilter(query: text)
        } catch {
            Terminal.writeError(QueryErrorReport(query: text, error: error).rendered + "\n")
            throw ExitCode(CommandFailure.usageExitCode)
        }
        let environment = try await LocalEnvironment.open(database)
        let page = try await environment.asOperator.search(
            filter, cursor: cursor.flatMap(PageCursor.init(token:)), limit: limit)
        if json {
            try JSONOutput.print(SearchResults(query: filter.queryString, page: page))
            return
        }
        guard !page.items.isEmpty else {
            print(cursor == nil ? "No open listings match." : "No more results.")
            return
        }
        var table = TextTable(["#", "title", "organization", "location", "stipend", "deadline"], rightAligned: [0])
        for (index, listing) in page.items.enumerated() {
            table.append([
                String(index + 1), Format.truncated(listing.title, 48), Format.truncated(listing.organizationName, 28),
                Format.truncated(Self.place(listing), 30), listing.stipend?.formatted ?? "unpaid",
                Format.day(listing.deadline),
            ])
        }
        print(table.render())
        if let next = page.nextCursor {
            print("More: add --cursor \(next.token)")
        }
    }

    static func place(_ listing: ListingSummary) -> String {
        switch listing.locationType {
        case .remote: "Remote"
        case .hybrid: "\(listing.location) (hybrid)"
        case .onSite: listing.location
        }
    }

    /// The JSON of a search: the normalized query, the page's summaries and the next cursor (null
    /// at the end).
    struct SearchResults: Encodable {
        var query: String
        var page: Page<ListingSummary>

        enum CodingKeys: String, CodingKey {
            case query, results, nextCursor
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(query, forKey: .query)
            try container.encode(page.items, forKey: .results)
            try container.encode(page.nextCursor?.token, forKey: .nextCursor)
        }
    }
}

/// A query error the way a compiler shows one: the message, the query, and carets under the term.
struct QueryErrorReport {
    var query: String
    var error: SearchQueryError

    var rendered: String {
        let characters = Array(query)
        let start = min(max(error.range.lowerBound, 0), characters.count)
        let end = min(max(error.range.upperBound, start), characters.count)
        let indent = String(repeating: " ", count: start)
        let carets = String(repeating: "^", count: max(end - start, 1))
        return """
            edulink: error: \(error.message)
              \(query)
              \(indent)\(carets)
            """
    }
}
