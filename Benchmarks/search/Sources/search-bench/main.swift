import EdulinkCore
import EdulinkSQLite
import Foundation

// search-bench generate DB LISTINGS VOCABULARY_DIR   -- make a database (prints elapsed seconds)
// search-bench search DB RUNS QUERY...               -- median and p99 of searchListings per query
// search-bench statements DB QUERY                   -- the first page's SQL, one statement a line,
//                                                       after a line with the FTS5 match (or empty)

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(Data("usage: search-bench generate|search|statements DB …\n".utf8))
    exit(2)
}
let path = arguments[2]
let clock = ContinuousClock()
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
    let runs = Int(arguments[3]) ?? 200
    let store = try SQLiteStore(path: path, migrate: false)
    print("| query | matches | first page | median ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for query in arguments.dropFirst(4) {
        let filter = try ListingFilter(query: query)
        let request = ListingSearchRequest(filter: filter, scope: scope, limit: 50)
        let total = try await store.read { try $0.countListings(filter, scope: scope) }
        var samples: [Double] = []
        var shown = 0
        for run in 0..<(runs + 20) {
            let start = clock.now
            let page = try await store.read { try $0.searchListings(request) }
            let elapsed = milliseconds(clock.now - start)
            if run >= 20 { samples.append(elapsed) }  // the first 20 warm the cache
            shown = page.items.count
        }
        samples.sort()
        let median = String(format: "%.2f", percentile(samples, 0.5))
        let p99 = String(format: "%.2f", percentile(samples, 0.99))
        print("| `\(query)` | \(total) | \(shown) | \(median) | \(p99) |")
    }
default:
    FileHandle.standardError.write(Data("unknown command \(arguments[1])\n".utf8))
    exit(2)
}
