import EdulinkCore
import EdulinkPostgres
import EdulinkSQLite
import Foundation

// search-bench generate DB LISTINGS VOCABULARY_DIR   -- make a database (prints elapsed seconds)
// search-bench search DB RUNS QUERY...               -- median and p99 of searchListings per query,
//                                                       beside its own statements run raw (SQLite), and
//                                                       of countListings (Browse's total)
// search-bench statements DB QUERY                   -- the first page's SQL, one statement a line,
//                                                       after a line with the FTS5 match (or empty)
// search-bench browse DB QUERY...                   -- each query typed a letter at a time, as
//                                                       Browse asks: per key, the first page (100
//                                                       rows) and its first listing, beside the count
//                                                       (both at once, as the app's two effects run;
//                                                       SERIAL=1 one after the other), each key once
//                                                       (nothing repeated: cold as typing finds it);
//                                                       INSTITUTION=ID searches as a student of it;
//                                                       PAUSE_MS=500 waits that long before each key;
//                                                       SERVICE=EMAIL:PASSWORD through the service as
//                                                       the app calls it, signed in as that account
// DB is a SQLite file, or for search and browse a postgres:// URL (an Edulink PostgreSQL database).
// search-bench tidy DB PAGES                         -- the scheduled jobs' search index upkeep
//                                                       (tidySearchIndex, PAGES a run, 10,000 as the
//                                                       jobs give) run after run until nothing merges:
//                                                       per run its time and the segments left

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: search-bench generate|search|statements|browse|tidy DB …\n".utf8))
    exit(2)
}
let path = arguments[2]
let clock = ContinuousClock()

/// The store at `path`: a PostgreSQL database for a `postgres://` URL, else a SQLite file; neither
/// is migrated.
func openStore(_ path: String) async throws -> any Store {
    if path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") {
        return try await PostgresStore(url: path, migrate: false)
    }
    return try SQLiteStore(path: path, migrate: false)
}
// One instant for every query, so the shell's statements and the store's see the same open listings.
let scope = ListingScope(now: Date(), openOnly: true)

switch arguments[1] {
case "generate":
    let listings = Int(arguments[3]) ?? 1_000_000
    let vocabulary =
        arguments.count > 4 ? try SyntheticVocabulary.load(from: URL(fileURLWithPath: arguments[4])) : .builtIn
    let store = try SQLiteStore(path: path)
    let start = clock.now
    let summary = try await SyntheticDataGenerator().generate(
        listings: listings, seed: 42, into: store, vocabulary: vocabulary)
    print("generated \(summary.listings) listings, \(summary.organizations) organizations in \(clock.now - start)")
case "statements":
    let store = try SQLiteStore(path: path, migrate: false)
    let filter = try ListingFilter(query: arguments[3])
    print(filter.ftsMatchExpression() ?? "")
    let request = ListingSearchRequest(filter: filter, scope: scope, limit: 50)
    for statement in try await store.searchStatements(request) {
        print(statement.split(whereSeparator: \.isNewline).joined(separator: " ") + ";")
    }
case "search":
    // For each query: searchListings, then the very statements it ran (searchStatements, first page)
    // executed raw on a reader connection of the same store (SQLite), each RUNS times after WARM_UP
    // warm-up runs (20 unless set).
    let runs = Int(arguments[3]) ?? 200
    let store = try await openStore(path)
    // The statements run raw only on SQLite (the column says – on PostgreSQL).
    let sqlite = store as? SQLiteStore
    // COUNT_RUNS: fewer runs (after 2 warm-up runs) for counts, which can take seconds each.
    // WARM_UP: fewer warm-up runs of the pages than 20 (a store where a query can take seconds).
    let warmUpRuns = ProcessInfo.processInfo.environment["WARM_UP"].flatMap { Int($0) } ?? 20
    let countRuns = ProcessInfo.processInfo.environment["COUNT_RUNS"].flatMap { Int($0) }
    func measure(runs: Int = runs, warmUp: Int = warmUpRuns, _ body: () async throws -> Void) async throws -> (
        median: Double, p99: Double
    ) {
        var samples: [Double] = []
        for run in 0..<(runs + warmUp) {
            let start = clock.now
            try await body()
            let elapsed = milliseconds(clock.now - start)
            if run >= warmUp { samples.append(elapsed) }  // the first runs warm the cache
        }
        samples.sort()
        return (percentile(samples, 0.5), percentile(samples, 0.99))
    }
    func format(_ value: Double) -> String { String(format: "%.2f", value) }
    print(
        "| query | matches | statements | store median | store p99 | raw median | raw p99 | ratio median | ratio p99 "
            + "| count median | count p99 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for query in arguments.dropFirst(4) {
        let filter = try ListingFilter(query: query)
        let request = ListingSearchRequest(filter: filter, scope: scope, limit: 50)
        let total = try await store.read { try $0.countListings(filter, scope: scope) }
        let statements = try await sqlite?.searchStatements(request)
        let searched = try await measure { _ = try await store.read { try $0.searchListings(request) } }
        var raw: (median: Double, p99: Double)?
        if let sqlite, let statements { raw = try await measure { _ = try await sqlite.executeRaw(statements) } }
        // Browse asks for the total beside every search, counted as the service counts it.
        let counted = try await measure(runs: countRuns ?? runs, warmUp: countRuns == nil ? warmUpRuns : 2) {
            _ = try await store.read { try $0.countListings(filter, scope: scope, upTo: ListingCount.limit + 1) }
        }
        let rawColumns =
            raw.map {
                "\(format($0.median)) | \(format($0.p99)) | \(format(searched.median / $0.median)) | "
                    + "\(format(searched.p99 / $0.p99))"
            } ?? "– | – | – | –"
        print(
            "| `\(query)` | \(total) | \(statements.map { String($0.count) } ?? "–") | \(format(searched.median)) | "
                + "\(format(searched.p99)) | \(rawColumns) | \(format(counted.median)) | \(format(counted.p99)) |")
    }
case "tidy":
    let store = try SQLiteStore(path: path, migrate: false)
    let pages =
        arguments.count > 3
        ? Int(arguments[3]) ?? EdulinkService.searchIndexPagesPerRun : EdulinkService.searchIndexPagesPerRun
    print("segments at the start: \(try await store.searchIndexSegments())")
    var times: [Double] = []
    let started = clock.now
    while true {
        let start = clock.now
        guard let tidy = try await store.tidySearchIndex(pages: pages) else { break }
        times.append(milliseconds(clock.now - start))
        if times.count % 10 == 1 || tidy.complete {
            print(
                "run \(times.count): \(tidy.segmentsBefore) → \(tidy.segmentsAfter) segments, "
                    + String(format: "%.0f ms", times.last ?? 0))
        }
        if tidy.complete { break }
    }
    let sorted = times.sorted()
    print(
        "runs \(times.count): median \(String(format: "%.0f", percentile(sorted, 0.5))) ms, max \(String(format: "%.0f", sorted.last ?? 0)) ms; "
            + "total \(clock.now - started); segments at the end: \(try await store.searchIndexSegments())")
case "browse":
    let store = try await openStore(path)
    let serial = ProcessInfo.processInfo.environment["SERIAL"] == "1"
    // As a person types: a pause before each key (the app's keys in bench-tui.sh come after the
    // screen has been quiet for 500 ms), so the machine is idle when each key's work starts.
    let pause = ProcessInfo.processInfo.environment["PAUSE_MS"].flatMap { Int($0) } ?? 0
    let institution = ProcessInfo.processInfo.environment["INSTITUTION"].flatMap { Int64($0) }.map {
        InstitutionID(rawValue: $0)
    }
    let browseScope = ListingScope(now: scope.now, viewer: .member(of: institution))
    // SERVICE=EMAIL:PASSWORD: through the service as the app calls it, signed in as that account
    // (its own scope; the session checked on every call, the detail as the app shows it).
    var signedIn: EdulinkService?
    if let account = ProcessInfo.processInfo.environment["SERVICE"], let colon = account.firstIndex(of: ":") {
        let environment = ServiceEnvironment(
            store: store, hasher: BcryptHasher(cost: 4), passwordPolicy: PasswordPolicy(commonPasswords: []))
        let session = EdulinkService(environment: environment).localSession(mode: .local(path: path))
        _ = try await session.login(
            email: String(account[..<colon]), password: String(account[account.index(after: colon)...]))
        signedIn = session
    }
    let service = signedIn
    func format(_ value: Duration) -> String { String(format: "%.2f", milliseconds(value)) }
    print("| typed | page + first listing | count | both |")
    print("|---|---:|---:|---:|")
    var pages: [Double] = []
    var counts: [Double] = []
    var both: [Double] = []
    for query in arguments.dropFirst(3) {
        var typed = ""
        for character in query {
            typed.append(character)
            guard let filter = try? ListingFilter(query: typed) else { continue }
            if pause > 0 { try await Task.sleep(for: .milliseconds(pause)) }
            let request = ListingSearchRequest(filter: filter, scope: browseScope, limit: 100)
            @Sendable func page() async throws -> Duration {
                let start = clock.now
                if let service {
                    _ = try await service.browse(filter, limit: 100)
                    return clock.now - start
                }
                let found = try await store.read { try $0.searchListings(request) }
                if let first = found.items.first { _ = try await store.read { try $0.listing(first.id) } }
                return clock.now - start
            }
            @Sendable func count() async throws -> Duration {
                let start = clock.now
                if let service {
                    _ = try await service.count(filter)
                    return clock.now - start
                }
                _ = try await store.read {
                    try $0.countListings(filter, scope: browseScope, upTo: ListingCount.limit + 1)
                }
                return clock.now - start
            }
            let start = clock.now
            let (paged, counted): (Duration, Duration)
            if serial {
                paged = try await page()
                counted = try await count()
            } else {
                async let pagedAsync = page()
                async let countedAsync = count()
                (paged, counted) = try await (pagedAsync, countedAsync)
            }
            let elapsed = clock.now - start
            pages.append(milliseconds(paged))
            counts.append(milliseconds(counted))
            both.append(milliseconds(elapsed))
            print("| `\(typed)` | \(format(paged)) | \(format(counted)) | \(format(elapsed)) |")
        }
    }
    func summary(_ values: [Double]) -> String {
        let sorted = values.sorted()
        return String(format: "%.2f / %.2f", percentile(sorted, 0.5), percentile(sorted, 0.99))
    }
    print("| **median / p99 of \(both.count) keys** | \(summary(pages)) | \(summary(counts)) | \(summary(both)) |")
default:
    FileHandle.standardError.write(Data("unknown command \(arguments[1])\n".utf8))
    exit(2)
}
