import EdulinkAPI
import EdulinkCore
import Foundation
import HTTPTypes
@_spi(Generated) import OpenAPIRuntime
import Synchronization

/// Answers `POST /api/v1/listings/search` and `POST /api/v1/listings/browse` as the generated
/// server code does, with three differences: a page is written by `ListingPageJSON` (byte for
/// byte the encoder's JSON, without `JSONEncoder`), a page already sent is not written again
/// (`SearchPageBodies`), and a search request body already read is not decoded again. Encoding
/// took most of what a search cost the server (about 0.4 ms for a 20-row page; two thirds of the
/// CPU for Browse's 100-row pages: BENCHMARKS.md), and the generated serializer encodes on every
/// request. So this middleware, the innermost, does the operations' decoding, calls the same
/// handlers and writes their pages itself.
///
/// It uses the generated code's own converter (the same content negotiation, decoding, and
/// encoding of everything but the pages), and whatever it does not take on goes to the generated
/// path unchanged: a body it cannot decode, a content type or `Accept` that is not JSON.
/// Authentication, idempotency and the mapping of errors run around it as around the generated
/// handlers.
struct SearchPageBodiesMiddleware: ServerMiddleware {
    typealias Search = @Sendable (Operations.SearchListings.Input) async throws -> Operations.SearchListings.Output
    typealias Browse = @Sendable (Operations.BrowseListings.Input) async throws -> Operations.BrowseListings.Output

    let search: Search
    let browse: Browse
    let bodies: SearchPageBodies
    let maxBodyBytes: Int
    /// Search request bodies already decoded, by their bytes (the same query asked again, by
    /// anyone): decoding a search request with `JSONDecoder` was 6.5 % of a request's cost when
    /// nothing matches (BENCHMARKS.md, "Server"). Bodies over `largestRequestKept` are decoded every
    /// time. Browse's requests (one per keystroke, rarely the same twice) are not kept.
    let requests = BoundedCache<RequestBytes, Components.Schemas.SearchRequest>(capacity: 256)
    static let largestRequestKept = 2048
    private let converter = Converter(configuration: APIConfiguration.openAPI)

    init(search: @escaping Search, browse: @escaping Browse, bodies: SearchPageBodies, maxBodyBytes: Int) {
        self.search = search
        self.browse = browse
        self.bodies = bodies
        self.maxBodyBytes = maxBodyBytes
    }

    static let jsonContentType = "application/json; charset=utf-8"

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let searching = operationID == Operations.SearchListings.id
        guard searching || operationID == Operations.BrowseListings.id, let body else {
            return try await next(request, body, metadata)
        }
        let bytes: HTTPBody.ByteChunk
        do {
            bytes = try await HTTPBody.ByteChunk(collecting: body, upTo: maxBodyBytes)
        } catch {
            // Unreachable behind BodyLimitMiddleware, which has read the body already; the generated
            // path reports it as it would have.
            return try await next(request, body, metadata)
        }
        if searching {
            guard let input = await searchInput(request, bytes) else {
                return try await next(request, HTTPBody(bytes), metadata)
            }
            switch try await search(input) {
            case .ok(let ok):
                switch ok.body {
                case .json(let page): return Self.ok(try await bodies.body(for: page) { try await encode(page) })
                }
            case .default(let statusCode, let error): return try refusal(statusCode, error)
            }
        }
        guard let input = await browseInput(request, bytes) else {
            return try await next(request, HTTPBody(bytes), metadata)
        }
        switch try await browse(input) {
        case .ok(let ok):
            switch ok.body {
            case .json(let found): return Self.ok(try await encode(found))
            }
        case .default(let statusCode, let error): return try refusal(statusCode, error)
        }
    }

    private static func ok(_ body: HTTPBody.ByteChunk) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: .ok)
        response.headerFields[.contentType] = jsonContentType
        return (response, HTTPBody(body))
    }

    /// The error the handler answered, as the generated serializer writes it.
    private func refusal(_ statusCode: Int, _ error: Components.Responses._Error) throws -> (HTTPResponse, HTTPBody?) {
        switch error.body {
        case .json(let value):
            var response = HTTPResponse(status: .init(code: statusCode))
            let body = try converter.setResponseBodyAsJSON(
                value, headerFields: &response.headerFields, contentType: Self.jsonContentType)
            return (response, body)
        }
    }

    /// The search operation's input, read as the generated deserializer reads it; nil for anything
    /// it would refuse (left to it, so that the refusal is the API's own).
    private func searchInput(_ request: HTTPRequest, _ bytes: HTTPBody.ByteChunk) async
        -> Operations.SearchListings.Input?
    {
        do {
            let accept: [AcceptHeaderContentType<Operations.SearchListings.AcceptableContentType>] =
                try negotiated(request)
            let body: Components.Schemas.SearchRequest
            if let kept = requests.value(for: RequestBytes(bytes)) {
                body = kept
            } else {
                body = try await converter.getRequiredRequestBodyAsJSON(
                    Components.Schemas.SearchRequest.self, from: HTTPBody(bytes), transforming: { $0 })
                if bytes.count <= Self.largestRequestKept { requests.insert(body, for: RequestBytes(bytes)) }
            }
            return Operations.SearchListings.Input(headers: .init(accept: accept), body: .json(body))
        } catch {
            return nil
        }
    }

    /// The browse operation's input, as `searchInput` reads the search's.
    private func browseInput(_ request: HTTPRequest, _ bytes: HTTPBody.ByteChunk) async
        -> Operations.BrowseListings.Input?
    {
        do {
            let accept: [AcceptHeaderContentType<Operations.BrowseListings.AcceptableContentType>] =
                try negotiated(request)
            let body = try await converter.getRequiredRequestBodyAsJSON(
                Components.Schemas.BrowseRequest.self, from: HTTPBody(bytes), transforming: { $0 })
            return Operations.BrowseListings.Input(headers: .init(accept: accept), body: .json(body))
        } catch {
            return nil
        }
    }

    /// The request's `Accept` header, after the checks the generated deserializer makes: a JSON
    /// response acceptable and a JSON body (or no content type). Throws otherwise.
    private func negotiated<Acceptable: AcceptableProtocol>(_ request: HTTPRequest) throws
        -> [AcceptHeaderContentType<Acceptable>]
    {
        try converter.validateAcceptIfPresent("application/json", in: request.headerFields)
        let accept: [AcceptHeaderContentType<Acceptable>] = try converter.extractAcceptHeaderIfPresent(
            in: request.headerFields)
        let chosen = try converter.bestContentType(
            received: converter.extractContentTypeIfPresent(in: request.headerFields), options: ["application/json"])
        guard chosen == "application/json" else { throw EdulinkError.validation([]) }
        return accept
    }

    /// `page` as the generated serializer encodes it: by `ListingPageJSON`, or by the converter
    /// when that cannot write it (then it refuses it as the generated path would).
    private func encode(_ page: Page<ListingSummary>) async throws -> HTTPBody.ByteChunk {
        if let bytes = ListingPageJSON.bytes(page) { return bytes[...] }
        var fields = HTTPFields()
        let body = try converter.setResponseBodyAsJSON(page, headerFields: &fields, contentType: Self.jsonContentType)
        return try await HTTPBody.ByteChunk(collecting: body, upTo: .max)
    }

    /// `found` as the generated serializer encodes it (keys sorted: `firstDetail`, then `page`),
    /// its detail by the converter, its page as `encode(_:)` writes pages.
    private func encode(_ found: BrowsePage) async throws -> HTTPBody.ByteChunk {
        var out: [UInt8] = Array("{".utf8)
        if let detail = found.firstDetail {
            var fields = HTTPFields()
            let body = try converter.setResponseBodyAsJSON(
                detail, headerFields: &fields, contentType: Self.jsonContentType)
            out.append(contentsOf: #""firstDetail":"#.utf8)
            out.append(contentsOf: try await HTTPBody.ByteChunk(collecting: body, upTo: .max))
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""page":"#.utf8)
        out.append(contentsOf: try await encode(found.page))
        out.append(UInt8(ascii: "}"))
        return out[...]
    }
}

/// Encoded search pages, kept by the page itself: equal pages encode to the same bytes (keys are
/// sorted), so a body can be reused for any request whose page is equal, whichever cache or read
/// it came from, and it can never say something its page does not. Finding a 20-row page (its ids
/// hashed, then the page compared, at once when it shares the kept page's storage) costs a few
/// microseconds, against about 400 µs for `JSONEncoder` to encode it (less written by hand, but still
/// more than finding it). Browse's pages (first pages through `browse`) are written every time.
final class SearchPageBodies: Sendable {
    /// Bodies larger than this are not kept (a page of up to 500 rows may be asked for; the API's
    /// clients ask for 20 to 50 rows, the terminal app's next pages for 100, about 50 KB).
    let largest: Int
    private let kept: BoundedCache<PageKey, HTTPBody.ByteChunk>
    private let counts = Mutex(Counts())

    struct Counts: Equatable {
        var encoded = 0
        var reused = 0
    }

    /// - Parameters:
    ///   - capacity: bodies per generation of the bounded cache (at most twice as many are kept).
    ///   - largest: the largest body kept, in bytes.
    init(capacity: Int = 256, largest: Int = 48 * 1024) {
        kept = BoundedCache(capacity: capacity)
        self.largest = largest
    }

    /// How many bodies were encoded and how many reused, for tests.
    var statistics: Counts { counts.withLock { $0 } }

    /// A page as a key, hashed by its listings' ids and its cursor and compared whole: cheaper
    /// than hashing every field (the cache is generic code in another module, not specialized),
    /// and an edited listing still makes an unequal page.
    struct PageKey: Hashable, Sendable {
        let page: Page<ListingSummary>

        func hash(into hasher: inout Hasher) {
            hasher.combine(page.items.count)
            for item in page.items { hasher.combine(item.id) }
            hasher.combine(page.nextCursor)
        }

        static func == (lhs: PageKey, rhs: PageKey) -> Bool { lhs.page == rhs.page }
    }

    /// The body of `page`: the kept one, or `encode`'s, kept if it is not too large.
    func body(for page: Page<ListingSummary>, encode: () async throws -> HTTPBody.ByteChunk) async rethrows
        -> HTTPBody.ByteChunk
    {
        if let body = kept.value(for: PageKey(page: page)) {
            counts.withLock { $0.reused += 1 }
            return body
        }
        let body = try await encode()
        counts.withLock { $0.encoded += 1 }
        if body.count <= largest { kept.insert(body, for: PageKey(page: page)) }
        return body
    }
}

/// A request body as a key, hashed and compared as raw memory: the cache's generic code compared
/// an `ArraySlice<UInt8>` byte by byte through the protocol's witness, half of its lookup.
struct RequestBytes: Hashable, Sendable {
    let bytes: HTTPBody.ByteChunk

    init(_ bytes: HTTPBody.ByteChunk) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: RequestBytes, rhs: RequestBytes) -> Bool {
        lhs.bytes.count == rhs.bytes.count
            && lhs.bytes.withUnsafeBytes { left in
                rhs.bytes.withUnsafeBytes { right in left.elementsEqual(right) }
            }
    }
}
