import EdulinkAPI
import EdulinkCore
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization
import Testing

@testable import EdulinkServer

/// The search and browse operations' own path (`SearchPageBodiesMiddleware`): pages written by
/// hand as the encoder writes them, a page already sent is sent again byte for byte without
/// writing it, and every request it does not take on goes to the generated code, which answers as
/// it always did.
@Suite("Search page bodies: encoded once, answered as the generated code answers")
struct SearchPageBodiesTests {
    static let at = Date(timeIntervalSince1970: 1_790_000_000)

    static func page(_ titles: [String]) -> Page<ListingSummary> {
        Page(
            items: titles.enumerated().map { index, title in
                ListingSummary(
                    id: ListingID(Int64(index + 1)), title: title, organizationID: OrganizationID(7),
                    organizationName: "Kusi Payments", category: .technology, level: .entry, locationType: .remote,
                    location: "Nairobi", stipend: nil, deadline: at.addingTimeInterval(86_400 * 30), durationWeeks: 12,
                    applicationCount: index, status: .published, featured: false, publishedAt: at,
                    requiredSkills: ["SQL"], score: 1.5)
            }, nextCursor: nil)
    }

    /// A middleware whose search answers `pages[word]`, counting its calls, and a `next` that
    /// records what reached the generated path.
    struct Harness: Sendable {
        let middleware: SearchPageBodiesMiddleware
        let searches = Log()
        let forwarded = Log()

        init(
            pages: [String: Page<ListingSummary>], details: [String: ListingDetail] = [:],
            bodies: SearchPageBodies = SearchPageBodies()
        ) {
            let searches = self.searches
            middleware = SearchPageBodiesMiddleware(
                search: { input in
                    guard case .json(let request) = input.body else { throw EdulinkError.validation([]) }
                    let filter: ListingFilter = request.filter
                    let word = filter.terms.first?.text ?? ""
                    searches.append(word)
                    guard let page = pages[word] else {
                        throw EdulinkError.validation([FieldError("filter", "No such word.")])
                    }
                    return .ok(.init(body: .json(page)))
                },
                browse: { input in
                    guard case .json(let request) = input.body else { throw EdulinkError.validation([]) }
                    let filter: ListingFilter = request.filter
                    let word = filter.terms.first?.text ?? ""
                    searches.append("browse \(word)")
                    guard let page = pages[word] else {
                        throw EdulinkError.validation([FieldError("filter", "No such word.")])
                    }
                    return .ok(.init(body: .json(BrowsePage(page: page, firstDetail: details[word]))))
                }, bodies: bodies, maxBodyBytes: 64 * 1024)
        }

        /// The request through the middleware: its status and body, or what was thrown.
        func send(
            _ body: String, operationID: String = Operations.SearchListings.id,
            headers: HTTPFields = [.contentType: "application/json"]
        ) async throws -> (status: Int, body: [UInt8]) {
            let request = HTTPRequest(
                method: .post, scheme: "http", authority: "x", path: "/api/v1/listings/search", headerFields: headers)
            let forwarded = self.forwarded
            let (response, responseBody) = try await middleware.intercept(
                request, body: HTTPBody(body), metadata: ServerRequestMetadata(), operationID: operationID
            ) { _, body, _ in
                let text = try await String(collecting: body ?? HTTPBody(), upTo: 1 << 20)
                forwarded.append(text)
                return (HTTPResponse(status: .accepted), HTTPBody("generated"))
            }
            let bytes = try await [UInt8](collecting: responseBody ?? HTTPBody(), upTo: 1 << 20)
            return (response.status.code, bytes)
        }
    }

    static func request(_ word: String) -> String {
        #"{"filter":{"terms":[{"word":"\#(word)"}]},"limit":20}"#
    }

    @Test("a page already sent is sent again byte for byte without encoding; another page is encoded")
    func reused() async throws {
        let bodies = SearchPageBodies()
        let harness = Harness(
            pages: ["data": Self.page(["Data Analyst", "Data Engineer"]), "design": Self.page(["Designer"])],
            bodies: bodies)
        let first = try await harness.send(Self.request("data"))
        let again = try await harness.send(Self.request("data"))
        let other = try await harness.send(Self.request("design"))
        #expect(first.status == 200 && again.status == 200 && other.status == 200)
        #expect(first.body == again.body)
        #expect(first.body != other.body)
        #expect(bodies.statistics == .init(encoded: 2, reused: 1))
        #expect(harness.searches.entries == ["data", "data", "design"])
        #expect(harness.forwarded.entries.isEmpty)
        // Both requests were decoded once and kept by their bytes; the word says which was searched.
        for word in ["data", "design"] {
            let kept = harness.middleware.requests.value(for: RequestBytes(HTTPBody.ByteChunk(Self.request(word).utf8)))
            let filter: ListingFilter? = kept?.filter
            #expect(filter?.terms == [.word(word)])
        }
        // The body is the page, as the API's client reads it.
        let decoded = try JSONDecoder().decode(PageTitles.self, from: Data(first.body))
        #expect(decoded.titles == ["Data Analyst", "Data Engineer"])
    }

    @Test("a page that changed is encoded anew: bodies are kept by the page, not by the request")
    func changedPage() async throws {
        let bodies = SearchPageBodies()
        let before = try await Harness(pages: ["data": Self.page(["Data Analyst"])], bodies: bodies)
            .send(Self.request("data"))
        var changed = Self.page(["Data Analyst"])
        changed.items[0].applicationCount = 9
        let after = try await Harness(pages: ["data": changed], bodies: bodies).send(Self.request("data"))
        #expect(before.body != after.body)
        #expect(bodies.statistics == .init(encoded: 2, reused: 0))
    }

    @Test("request bodies are the same key when their bytes are, wherever the slices start")
    func requestKeys() {
        let body = Array(Self.request("data").utf8)
        let padded = [UInt8](repeating: 32, count: 5) + body
        let same = RequestBytes(padded[5...])
        #expect(RequestBytes(body[...]) == same)
        #expect(RequestBytes(body[...]).hashValue == same.hashValue)
        #expect(RequestBytes(body[...]) != RequestBytes(Array(Self.request("date").utf8)[...]))
        #expect(RequestBytes(body[...]) != RequestBytes(body.dropLast()))
        #expect(RequestBytes([]) == RequestBytes(padded[0..<0]))
    }

    @Test("a body larger than the largest kept is encoded every time")
    func largeNotKept() async throws {
        let bodies = SearchPageBodies(largest: 64)
        let harness = Harness(pages: ["data": Self.page(["Data Analyst"])], bodies: bodies)
        let first = try await harness.send(Self.request("data"))
        let again = try await harness.send(Self.request("data"))
        #expect(first.body == again.body && first.body.count > 64)
        #expect(bodies.statistics == .init(encoded: 2, reused: 0))
    }

    @Test(
        "what the generated code refuses goes to it, body intact; other operations pass untouched",
        arguments: [
            (#"{"filter":"#, ["content-type": "application/json"], Operations.SearchListings.id),
            (#"{"limit":20}"#, ["content-type": "application/json"], Operations.SearchListings.id),
            (Self.request("data"), ["content-type": "text/plain"], Operations.SearchListings.id),
            (
                Self.request("data"), ["content-type": "application/json", "accept": "text/html"],
                Operations.SearchListings.id
            ),
            (Self.request("data"), ["content-type": "application/json"], Operations.CountListings.id),
        ])
    func forwarded(body: String, headers: [String: String], operationID: String) async throws {
        let harness = Harness(pages: ["data": Self.page(["Data Analyst"])])
        var fields = HTTPFields()
        for (name, value) in headers { fields[try #require(HTTPField.Name(name))] = value }
        let reply = try await harness.send(body, operationID: operationID, headers: fields)
        #expect(reply.status == 202)
        #expect(String(decoding: reply.body, as: UTF8.self) == "generated")
        #expect(harness.forwarded.entries == [body])
        #expect(harness.searches.entries.isEmpty)
    }

    @Test("browse: the page and its first detail in one body, as the generated code writes them")
    func browse() async throws {
        let page = Self.page(["Data Analyst", "Data Engineer"])
        let listing = Listing(
            id: ListingID(1), organizationID: OrganizationID(7), createdBy: UserID(3),
            terms: SecurityServer.draft("Data Analyst / Rows", at: Self.at), status: .published, createdAt: Self.at,
            publishedAt: Self.at)
        let organization = Organization(
            id: OrganizationID(7), name: #"Kusi "Payments""#, industry: "Fintech", size: .small,
            website: "https://kusi.example/", location: "Nairobi", description: "Payments.", verified: true,
            createdAt: Self.at)
        let detail = ListingDetail(
            listing: listing, organization: organization, applicationCounts: [.pending: 2], applyRefusal: nil,
            skillMatch: nil, isSaved: true, myApplicationID: nil)
        let harness = Harness(
            pages: ["data": page, "none": Page(items: [], nextCursor: nil)], details: ["data": detail])
        let found = try await harness.send(Self.request("data"), operationID: Operations.BrowseListings.id)
        let empty = try await harness.send(Self.request("none"), operationID: Operations.BrowseListings.id)
        #expect(found.status == 200 && empty.status == 200)
        #expect(
            String(decoding: found.body, as: UTF8.self)
                == String(
                    decoding: try await ListingPageJSONTests.encoded(BrowsePage(page: page, firstDetail: detail)),
                    as: UTF8.self))
        #expect(
            String(decoding: empty.body, as: UTF8.self)
                == String(
                    decoding: try await ListingPageJSONTests.encoded(
                        BrowsePage(page: Page(items: [], nextCursor: nil), firstDetail: nil)), as: UTF8.self))
        #expect(harness.searches.entries == ["browse data", "browse none"])
        #expect(harness.forwarded.entries.isEmpty)
        // What it cannot read goes to the generated path, body intact.
        let refused = try await harness.send(#"{"limit":20}"#, operationID: Operations.BrowseListings.id)
        #expect(refused.status == 202 && harness.forwarded.entries == [#"{"limit":20}"#])
    }

    @Test("the handler's error is thrown to the middlewares around, once, and nothing is forwarded")
    func handlerError() async throws {
        let harness = Harness(pages: [:])
        await #expect(throws: EdulinkError.self) { try await harness.send(Self.request("nothing")) }
        #expect(harness.searches.entries == ["nothing"])
        #expect(harness.forwarded.entries.isEmpty)
    }

    /// The same requests to a server with the middleware and to one without it (`caching` off: the
    /// generated path only) get the same status and the same bytes.
    @Test("through the server: the same answers, byte for byte, as the generated code's")
    func sameAsGenerated() async throws {
        let cases: [(body: String, headers: [(String, String)])] = [
            (#"{"filter":{"terms":[{"word":"analyst"}]},"limit":20}"#, []),
            (#"{"filter":{"terms":[{"word":"analyst"}]},"limit":20}"#, []),
            (#"{"filter":{},"limit":5}"#, []),
            (#"{"filter":{"terms":[{"word":"nothing-matches"}]}}"#, []),
            (#"{"filter":"#, []),
            (#"{"filter":{"terms":[{"word":"analyst"}]}}"#, [("Content-Type", "text/plain")]),
            (#"{"filter":{"terms":[{"word":"analyst"}]}}"#, [("Accept", "text/html")]),
            (#"{"filter":{"terms":[{"word":"analyst"}]},"limit":0}"#, []),
            (#"{"filter":{"terms":[{"word":"analyst"}]},"cursor":{"id":-4}}"#, []),
        ]
        var answers: [[String]] = []
        for caching in [false, true] {
            var replies: [String] = []
            try await SecurityServer.run(on: .sqlite, configure: { $0.caching = caching }) { server in
                let student = try await server.login("student1@uon.example")
                for path in ["/api/v1/listings/search", "/api/v1/listings/browse"] {
                    for (body, headers) in cases {
                        let reply = try await server.send(
                            .POST, path, token: student.access, body: body, headers: headers)
                        replies.append("\(reply.status) \(reply.headers["Content-Type"]) \(reply.body)")
                    }
                }
            }
            answers.append(replies)
        }
        #expect(answers[0] == answers[1])
        #expect(answers[1][0].hasPrefix("200 ") && answers[1][0].contains("Data Analyst Intern"))
        #expect(answers[1][0] == answers[1][1])
        #expect(answers[1][4].hasPrefix("400 "))
        // Browse: the same page with the first listing's detail.
        let browsed = answers[1][cases.count]
        #expect(
            browsed.hasPrefix("200 ") && browsed.contains(#""firstDetail":{"#)
                && browsed.contains("Data Analyst Intern"))
        #expect(answers[1][cases.count + 3].hasPrefix("200 ") && !answers[1][cases.count + 3].contains("firstDetail"))
        #expect(answers[1][cases.count + 4].hasPrefix("400 "))
    }
}

/// Strings recorded from concurrent code.
final class Log: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var entries: [String] { lines.withLock { $0 } }
}

/// Just enough of a JSON body to read a page's titles.
private struct PageTitles: Decodable {
    struct Item: Decodable { var title: String }
    var items: [Item]
    var titles: [String] { items.map(\.title) }
}
