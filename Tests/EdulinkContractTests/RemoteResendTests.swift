import EdulinkCore
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization
import Testing

@testable import EdulinkRemote

/// What only the remote client has to get right: an answer lost on the way back, and a server that
/// cannot be reached. (The contract suite covers what every backend shares.)
@Suite("Remote client: resending and an unreachable server", .timeLimit(.minutes(10)))
struct RemoteResendTests {
    @Test("a draft sent again under its key is applied once and gets the first answer")
    func resendUnderKey() async throws {
        try await withWorld(.remote) { w in
            var draft = ApplicationDraft(
                listingID: w.listing.id, coverLetter: ContractFixture.coverLetter, idempotencyKey: UUID().uuidString)
            let first = try await w.student.apply(draft)
            let again = try await w.student.apply(draft)
            #expect(again == first)
            #expect(try await w.student.myApplications().map(\.id) == [first.id])

            // Another text under the same key is another request: refused, nothing written.
            var edited = draft
            edited.coverLetter += " Edited."
            let conflict = await edulinkError { try await w.student.apply(edited) }
            #expect(conflict == .conflict("This Idempotency-Key was already used for a different request."))
            // A new key is a new request, which the service refuses as a second application.
            draft.idempotencyKey = UUID().uuidString
            #expect(await edulinkError { try await w.student.apply(draft) }?.refusalCode == .alreadyApplied)
            #expect(try await w.student.myApplications().count == 1)
        }
    }

    @Test("a server nobody answers on is .unavailable, after the retries, and the message says it refused")
    func unreachable() async throws {
        // Port 9 (discard) on loopback: nothing listens there on a test machine.
        let url = try #require(URL(string: "http://127.0.0.1:9"))
        let repository = RemoteRepository(server: url, retry: RetryPolicy(attempts: 2, initialDelay: .milliseconds(1)))
        #expect(
            await unavailableMessage(repository)
                == "The Edulink server at http://127.0.0.1:9 refused the connection (is edulink serve running there?).")
    }

    @Test("a server that takes the connection and never answers, or answers as something else, is said so")
    func silentOrForeign() async throws {
        let silent = try LoopbackListener()
        defer { silent.close() }
        silent.holdConnections()
        let quiet = RemoteRepository(
            server: silent.url, retry: RetryPolicy(attempts: 3, initialDelay: .milliseconds(1)),
            timeout: .milliseconds(500))
        #expect(
            await unavailableMessage(quiet)
                == "The Edulink server at \(silent.url.absoluteString) did not answer in time.")
        // A timeout is not tried again: the person already waited the whole timeout once. (The
        // listener's thread may take the connection late on a busy machine: wait for it, not for a time.)
        for _ in 0..<1_000 where silent.accepted == 0 { try await Task.sleep(for: .milliseconds(10)) }
        #expect(silent.accepted == 1)

        let foreign = try LoopbackListener()
        defer { foreign.close() }
        foreign.answerOnce("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>")
        let other = RemoteRepository(server: foreign.url, retry: RetryPolicy(attempts: 1), timeout: .seconds(30))
        let otherMessage = await unavailableMessage(other)
        #expect(
            otherMessage
                == "The Edulink server at \(foreign.url.absoluteString) answered in a way this version cannot read "
                + "(is it an Edulink server of the same version?).")
    }

    @Test("a server from before the browse operation (404 for its path) is asked for the page and the detail in turn")
    func olderServer() async throws {
        try await withWorld(.remote) { w in
            guard case .remote(let address) = w.student.mode, let url = URL(string: address) else {
                Issue.record("expected a remote session")
                return
            }
            let older = OlderServer()
            let repository = RemoteRepository(
                server: url, tokenFile: nil, httpClient: RemoteRepository.defaultHTTPClient,
                retry: RetryPolicy(attempts: 1), timeout: ContractFixture.requestBound, beside: [older])
            _ = try await repository.login(email: "student0@uon.example", password: ContractFixture.password)
            let filter = try ListingFilter(query: "data")
            let found = try await repository.browse(filter, limit: 5)
            #expect(found.page == (try await w.student.search(filter, cursor: nil, limit: 5)))
            #expect(found.firstDetail?.listing.id == w.listing.id)
            #expect(
                older.operations.entries == [
                    "browseListings", "searchListings", "getListing",
                ])
            // Any other refusal of browse is the caller's error, as for every operation.
            let refused = await edulinkError {
                try await repository.browse(ListingFilter(terms: [.word(String(repeating: "x", count: 300))]), limit: 5)
            }
            #expect(refused?.fieldErrors.first?.field == "filter.terms")
        }
    }

    private func unavailableMessage(_ repository: RemoteRepository) async -> String? {
        let error = await edulinkError { try await repository.login(email: "student@uon.example", password: "x") }
        guard case .unavailable(let message) = error else {
            Issue.record("expected .unavailable, got \(String(describing: error))")
            return nil
        }
        return message
    }
}

/// A TCP socket listening on a free loopback port: the kernel takes connections into its backlog,
/// so a client connects and then waits for an answer that only ``answerOnce(_:)`` sends.
private final class LoopbackListener: Sendable {
    let descriptor: Int32
    let url: URL

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard descriptor >= 0, bound, let url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))")
        else { throw POSIXError(.EADDRNOTAVAIL) }
        self.descriptor = descriptor
        self.url = url
    }

    /// Accepts one connection on a thread of its own, reads the request and answers `response`.
    func answerOnce(_ response: String) {
        let descriptor = descriptor
        Thread.detachNewThread {
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 4096)
            _ = read(connection, &buffer, buffer.count)
            let bytes = Array(response.utf8)
            _ = write(connection, bytes, bytes.count)
            Glibc.close(connection)
        }
    }

    /// Connections taken by ``holdConnections()`` and kept open, unanswered.
    private let held = Mutex<[Int32]>([])

    /// How many connections ``holdConnections()`` took.
    var accepted: Int { held.withLock { $0.count } }

    /// Accepts every connection on a thread of its own and never answers, until ``close()``.
    func holdConnections() {
        Thread.detachNewThread { [self] in
            while true {
                let connection = accept(descriptor, nil, nil)
                guard connection >= 0 else { return }
                held.withLock { $0.append(connection) }
            }
        }
    }

    func close() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
        for connection in held.withLock({ $0 }) { Glibc.close(connection) }
    }
}

/// Stands in for a server from before `POST /api/v1/listings/browse`: that path answers 404 as an
/// unknown route does (when the filter is one the server would accept); everything else goes
/// through. Records the operations sent.
private struct OlderServer: ClientMiddleware {
    let operations = Log()

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        if operationID == "login" { return try await next(request, body, baseURL) }
        operations.append(operationID)
        let sent = try await String(collecting: body ?? HTTPBody(), upTo: 1 << 20)
        guard operationID == "browseListings", !sent.contains("xxxx") else {
            return try await next(request, HTTPBody(sent), baseURL)
        }
        var response = HTTPResponse(status: .notFound)
        response.headerFields[.contentType] = "application/json"
        return (response, HTTPBody(#"{"error":{"code":"not_found","message":"Route not found."}}"#))
    }
}

/// Strings recorded from concurrent code.
private final class Log: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var entries: [String] { lines.withLock { $0 } }
}
