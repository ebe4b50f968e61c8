public import AsyncHTTPClient
import EdulinkAPI
public import EdulinkCore
public import Foundation
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// `EdulinkRepository` over HTTP: the same calls as local mode (`EdulinkService` bound to a local session), sent to an Edulink server
/// through the generated client. Errors come back as the same `EdulinkError`s a local session
/// throws; a server that cannot be reached is `.unavailable`, so the app can show it is offline
/// and keep drafts.
///
/// ```swift
/// let repository = RemoteRepository(server: URL(string: "https://edulink.example")!,
///                                   tokenFile: RemoteRepository.tokenFile(for: url, stateDirectory: state))
/// _ = try await repository.login(email: "student@uni.example", password: password)
/// ```
///
/// Tokens are renewed on 401 (once per request), reads and keyed writes are retried with backoff,
/// and every write carries an `Idempotency-Key`, so a retried write is applied once; `apply` sends
/// the draft's own key, so sending the same draft again after a lost answer is applied once too.
public actor RemoteRepository: EdulinkRepository {
    public nonisolated let mode: RepositoryMode
    let serverURL: URL
    let client: Client
    let keeper: SessionKeeper

    /// A session against `server`. `tokenFile` keeps the session between runs (0600); nil keeps
    /// it in memory only.
    public init(
        server: URL, tokenFile: URL? = nil, httpClient: HTTPClient = RemoteRepository.defaultHTTPClient,
        retry: RetryPolicy = .default, timeout: Duration = .seconds(30)
    ) {
        self.init(
            server: server, tokenFile: tokenFile, httpClient: httpClient, retry: retry, timeout: timeout, beside: [])
    }

    /// The same, with `beside` between the session's middleware and the network (tests stand in
    /// for another server's answers with them).
    init(
        server: URL, tokenFile: URL?, httpClient: HTTPClient, retry: RetryPolicy, timeout: Duration,
        beside: [any ClientMiddleware]
    ) {
        self.serverURL = server
        self.mode = .remote(url: server.absoluteString)
        let transport = AsyncHTTPClientTransport(configuration: .init(client: httpClient, timeout: .init(timeout)))
        let plain = Client(serverURL: server, configuration: APIConfiguration.openAPI, transport: transport)
        let keeper = SessionKeeper(file: tokenFile) { refreshToken in
            let output = try await plain.refresh(body: .json(.init(refreshToken: refreshToken)))
            if case .ok(let ok) = output { return try ok.body.json }
            return nil
        }
        self.keeper = keeper
        self.client = Client(
            serverURL: server, configuration: APIConfiguration.openAPI, transport: transport,
            middlewares: [SessionMiddleware(keeper: keeper, retry: retry)] + beside)
    }

    /// The HTTP client repositories use unless given one, on the shared event loops. A connection the
    /// server refuses fails the request at once, instead of the connection being tried again until
    /// the request's deadline: this type retries with its own backoff, and the app has to learn
    /// quickly that the server is gone (to show it is offline).
    public static let defaultHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// Where the session for `server` is kept: one file per server under
    /// `<stateDirectory>/sessions/`.
    public static func tokenFile(for server: URL, stateDirectory: URL) -> URL {
        stateDirectory.appendingPathComponent("sessions", isDirectory: true)
            .appendingPathComponent(fileName(for: server) + ".json")
    }

    /// `server` as a file name (letters and digits kept, the rest `_`), for files kept per server.
    public static func fileName(for server: URL) -> String {
        String(server.absoluteString.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }

    // MARK: Calling the server

    /// Runs one API call: adds the session and, for writes, an idempotency key (`idempotencyKey`
    /// when the caller keeps one across attempts, else a fresh one); maps what went wrong on the way
    /// to `EdulinkError`.
    func call<T: Sendable>(
        write: Bool, signedIn: Bool = true, renewOn401: Bool = true, idempotencyKey: String? = nil,
        _ body: @Sendable (Client) async throws -> T
    ) async throws -> T {
        if signedIn, await keeper.current == nil { throw EdulinkError.unauthenticated("Sign in first.") }
        let key = write ? (idempotencyKey ?? UUID().uuidString) : nil
        let options = CallOptions(idempotencyKey: key, renewOn401: renewOn401)
        let client = client
        do {
            return try await CallOptions.$current.withValue(options) { try await body(client) }
        } catch let error as EdulinkError {
            throw error
        } catch {
            throw Unreachable.error(error, server: serverURL)
        }
    }

    /// The `EdulinkError` of an error response.
    nonisolated func failure(_ status: Int, _ response: Components.Responses._Error) -> EdulinkError {
        APIToCore.error(status: status, body: try? response.body.json)
    }

    // MARK: Session

    public func login(email: String, password: String) async throws -> UserSummary {
        let output = try await call(write: false, signedIn: false, renewOn401: false) {
            try await $0.login(body: .json(.init(email: email, password: password)))
        }
        switch output {
        case .ok(let ok):
            let pair = try ok.body.json
            await keeper.store(pair)
            return pair.user
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func logout() async {
        _ = try? await call(write: true) { try await $0.logout(body: .json(.init())) }
        await keeper.clear()
    }

    public func currentUser() async -> UserSummary? {
        await keeper.current?.user
    }

    public func reauthenticate(password: String) async throws {
        let output = try await call(write: true, renewOn401: false) {
            try await $0.reauthenticate(body: .json(.init(password: password)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error):
            let failure = failure(status, error)
            if case .unauthenticated = failure { await keeper.clear() }
            throw failure
        }
    }

    public func changePassword(current: String, new: String) async throws {
        let output = try await call(write: true, renewOn401: false) {
            try await $0.changePassword(body: .json(.init(current: current, new: new)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
