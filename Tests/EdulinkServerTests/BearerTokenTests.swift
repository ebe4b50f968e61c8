import Testing

@testable import EdulinkServer

@Suite("The bearer token of an Authorization header")
struct BearerTokenTests {
    @Test("any spelling of the scheme and any spaces around the token; anything else is no token")
    func parsing() {
        #expect(TokenService.bearerToken("Bearer abc.def") == "abc.def")
        #expect(TokenService.bearerToken("  bearer \t abc.def  ") == "abc.def")
        #expect(TokenService.bearerToken("BEARER x") == "x")
        #expect(TokenService.bearerToken(nil) == nil)
        #expect(TokenService.bearerToken("") == nil)
        #expect(TokenService.bearerToken("Bearer") == nil)
        #expect(TokenService.bearerToken("Bearer   ") == nil)
        #expect(TokenService.bearerToken("Basic abc") == nil)
        #expect(TokenService.bearerToken("Bearerabc") == nil)
        #expect(TokenService.bearerToken("Bearer2 abc") == nil)
    }
}
