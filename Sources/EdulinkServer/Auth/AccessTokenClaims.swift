import JWTKit

/// The claims of an access token: who (`sub`), which sign-in session (`fam`), and until when.
///
/// Expiry is checked by `TokenService` against the service's clock (so tests can move time), not
/// here.
struct AccessTokenClaims: JWTPayload {
    var sub: SubjectClaim
    var fam: String
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var iss: IssuerClaim

    static let issuer = "edulink"

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
