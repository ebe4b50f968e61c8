public import Foundation

/// How an Edulink server listens and what it allows; every limit in one place.
public struct ServerConfiguration: Sendable {
    /// The address to bind; 127.0.0.1 unless the server sits behind a proxy on another host.
    public var host: String
    /// The port; 0 picks a free one (tests).
    public var port: Int
    /// Where the signing-key file lives (mode 0700 folder, 0600 file).
    public var stateDirectory: URL
    /// Larger request bodies are refused with 413.
    public var maxBodyBytes: Int
    /// Requests per client (access token, else address) per `requestWindow`, per instance.
    public var requestsPerWindow: Int
    public var requestWindow: TimeInterval
    /// Failed sign-ins per address and per account within `loginWindow` before 429.
    public var loginFailuresPerWindow: Int
    public var loginWindow: TimeInterval
    public var accessTokenLifetime: TimeInterval
    public var refreshTokenLifetime: TimeInterval
    /// How long a write's response is kept for replay under its `Idempotency-Key`.
    public var idempotencyRetention: TimeInterval
    /// A request's head must arrive whole within this many seconds of the connection being ready
    /// for it (opened, or the last response sent), and its body within `requestBodyTimeout` of the
    /// head; else the connection is closed (slow clients cannot hold connections).
    public var requestHeadTimeout: TimeInterval = 30
    public var requestBodyTimeout: TimeInterval = 60
    /// Where `/metrics` is served to anyone who can reach it (a scraper on a private address);
    /// nil serves it on the API's address to admins only.
    public var metricsListen: (host: String, port: Int)?
    /// Whether access tokens' sessions and search pages are kept in memory between requests
    /// (`TokenService.authenticate`, `SearchCache`), kept right by the store's `ChangeSignal`, and
    /// search pages' JSON, written by hand (`SearchPageBodiesMiddleware`); off, every request reads
    /// them from the database and every page goes through the generated code's encoder (for
    /// comparison).
    public var caching = true
    /// The longest a search page is kept (`SearchCache.lifetime`): how late a listing may enter a
    /// "deadline within N days" search as time passes; nothing else a search shows can be stale.
    public var searchCacheLifetime: TimeInterval = 10
    /// The longest any search page is kept (`SearchCache.longest`), a backstop: nothing else a
    /// search shows depends on time, and every change drops the pages it affects.
    public var searchCacheLongest: TimeInterval = 600
    /// After SIGTERM or SIGINT, how long requests in flight may take to finish before they are
    /// cancelled: a stuck request or client never keeps the server from stopping.
    public var shutdownGrace: Duration = .seconds(10)

    public init(
        host: String = "127.0.0.1", port: Int = 8080, stateDirectory: URL, maxBodyBytes: Int = 256 * 1024,
        requestsPerWindow: Int = 600, requestWindow: TimeInterval = 60, loginFailuresPerWindow: Int = 10,
        loginWindow: TimeInterval = 15 * 60, accessTokenLifetime: TimeInterval = 15 * 60,
        refreshTokenLifetime: TimeInterval = 7 * 86_400, idempotencyRetention: TimeInterval = 24 * 3600
    ) {
        self.host = host
        self.port = port
        self.stateDirectory = stateDirectory
        self.maxBodyBytes = maxBodyBytes
        self.requestsPerWindow = requestsPerWindow
        self.requestWindow = requestWindow
        self.loginFailuresPerWindow = loginFailuresPerWindow
        self.loginWindow = loginWindow
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.idempotencyRetention = idempotencyRetention
    }

    /// The signing-key file inside `stateDirectory`.
    public var keyFile: URL { stateDirectory.appendingPathComponent("signing-keys.json") }
}
