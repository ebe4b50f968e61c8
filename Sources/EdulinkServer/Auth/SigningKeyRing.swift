import EdulinkCore
import Foundation
import JWTKit
import Logging

/// The keys that sign and verify access tokens, read from the key file. An unknown `kid` makes it
/// read the file again (at most every few seconds), so a key added by `edulink keys rotate` on a
/// running server verifies without a restart.
actor SigningKeyRing {
    private let url: URL
    private var collection = JWTKeyCollection()
    private var kids: Set<String> = []
    private var currentKid = ""
    private var lastReload = Date.distantPast
    private let logger: Logger

    init(url: URL, now: Date, logger: Logger) async throws {
        self.url = url
        self.logger = logger
        try await install(SigningKeyFile.loadOrCreate(url, now: now))
    }

    /// Signs `claims` with the current key.
    func sign(_ claims: AccessTokenClaims) async throws -> String {
        try await collection.sign(claims, kid: JWKIdentifier(string: currentKid))
    }

    /// Verifies the signature of `token` with the key its header names. The header must name
    /// HS256 and a known `kid`; `alg: none` and any other algorithm are refused before verifying.
    func verify(_ token: String) async throws -> AccessTokenClaims {
        let header = try Self.header(of: token)
        guard header.alg == "HS256", let kid = header.kid else { throw TokenRejection.malformed }
        if !kids.contains(kid) { await reloadIfStale() }
        guard kids.contains(kid) else { throw TokenRejection.unknownKey }
        do {
            return try await collection.verify(token, as: AccessTokenClaims.self)
        } catch {
            throw TokenRejection.badSignature
        }
    }

    private func reloadIfStale() async {
        let now = Date()
        guard now.timeIntervalSince(lastReload) > 5 else { return }
        lastReload = now
        do {
            try await install(SigningKeyFile.load(url))
        } catch {
            logger.error("cannot reload the signing keys", metadata: ["error": "\(error)"])
        }
    }

    private func install(_ file: SigningKeyFile) async throws {
        let collection = JWTKeyCollection()
        for key in file.keys {
            guard let secret = Data(base64Encoded: key.secret), secret.count >= 32 else {
                throw EdulinkError.unavailable("The signing key \(key.kid) in \(url.path) is not a 32-byte secret.")
            }
            await collection.add(
                hmac: HMACKey(from: secret), digestAlgorithm: .sha256, kid: JWKIdentifier(string: key.kid))
        }
        guard let current = file.current else {
            throw EdulinkError.unavailable("The signing key file \(url.path) holds no keys.")
        }
        self.collection = collection
        self.kids = Set(file.keys.map(\.kid))
        self.currentKid = current.kid
    }

    private struct Header: Decodable {
        var alg: String
        var kid: String?
    }

    private static func header(of token: String) throws -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Data(base64URL: String(parts[0])) else { throw TokenRejection.malformed }
        do {
            return try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw TokenRejection.malformed
        }
    }
}

/// Why an access token was not accepted; all of them read as 401 to the client.
enum TokenRejection: Error {
    case malformed, unknownKey, badSignature, expired, revoked
}

extension Data {
    /// Decodes unpadded base64url.
    init?(base64URL text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        self.init(base64Encoded: base64)
    }

    /// Unpadded base64url.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
