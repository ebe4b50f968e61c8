public import Hummingbird
public import NIOCore

/// Hummingbird's request context plus the client's address, for logs, rate limits and security
/// events.
public struct ServerRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The client's IP address, or "unknown".
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
