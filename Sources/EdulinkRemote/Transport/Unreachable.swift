import AsyncHTTPClient
import EdulinkCore
import Foundation
import NIOCore
import NIOPosix
import OpenAPIRuntime

/// What a person is told when a call to the server fails before an answer the app can read: one
/// sentence naming the server and what went wrong, as far as the transport tells it, with what to
/// check. All are `.unavailable`: the app shows its offline banner and keeps what is on screen.
enum Unreachable {
    static func error(_ error: any Error, server: URL) -> EdulinkError {
        .unavailable("The Edulink server at \(server.absoluteString) \(reason(error)).")
    }

    /// The part after "The Edulink server at URL".
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as ClientError:
            // The generated client gave up: after an answer it could not read (another content
            // type), or before any answer, for the transport's reason.
            return error.response != nil ? foreignAnswer : reason(error.underlyingError)
        case is DecodingError:
            return foreignAnswer
        case _ where isTimeout(error):
            return "did not answer in time"
        case let error as IOError where error.errnoCode == ECONNREFUSED:
            return "refused the connection (is edulink serve running there?)"
        case let error as NIOConnectionError:
            // Every address tried, or the host name looked up in vain.
            if let last = error.connectionErrors.last { return reason(last.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "cannot be found (check the host name)" }
            return "cannot be reached"
        default:
            return "cannot be reached"
        }
    }

    static let foreignAnswer =
        "answered in a way this version cannot read (is it an Edulink server of the same version?)"

    /// Whether the transport gave up waiting: for a connection, or for the answer.
    static func isTimeout(_ error: any Error) -> Bool {
        switch error {
        case let error as ClientError:
            // What a middleware sees: the transport's error, wrapped by the generated client.
            return isTimeout(error.underlyingError)
        case let error as HTTPClientError:
            return error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        case let error as ChannelError:
            if case .connectTimeout = error { return true }
            return false
        default:
            return false
        }
    }
}
