import EdulinkAPI
import Foundation

/// The tokens of a signed-in remote session, as kept between runs.
struct StoredSession: Sendable, Codable, Equatable {
    var accessToken: String
    var refreshToken: String
    var user: Components.Schemas.UserSummary
}
