import Crypto
import Foundation
import Testing

/// The server's and the client's code is generated from openapi.yaml by scripts/generate-openapi.sh
/// and committed (Sources/EdulinkAPI/Generated). Its GeneratedFrom.swift records the digest of the
/// document, of the generator's configuration and of every file the generator wrote; these tests
/// fail when one of them changed since, with what to run.
@Suite("Generated API sources match openapi.yaml")
struct GeneratedSourcesTests {
    static let api = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EdulinkAPI")
    static let record = "Generated/GeneratedFrom.swift"
    static let regenerate = "run scripts/generate-openapi.sh"

    /// The record's `// sha256 PATH HEX` lines, by path (relative to Sources/EdulinkAPI).
    static func recorded() throws -> [String: String] {
        let text = try String(contentsOf: api.appendingPathComponent(record), encoding: .utf8)
        var digests: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("// sha256 ") {
            let parts = line.split(separator: " ")
            guard parts.count == 4 else { continue }
            digests[String(parts[2])] = String(parts[3])
        }
        return digests
    }

    static func digest(of path: String) throws -> String {
        let data = try Data(contentsOf: api.appendingPathComponent(path))
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    @Test("the document and the configuration are those the sources were generated from")
    func inputsUnchanged() throws {
        let recorded = try Self.recorded()
        for input in ["openapi.yaml", "openapi-generator-config.yaml"] {
            let digest = try #require(recorded[input], "\(Self.record) records no digest of \(input)")
            #expect(
                try Self.digest(of: input) == digest,
                "\(input) changed since the API sources were generated: \(Self.regenerate)")
        }
    }

    @Test("every generated file is as the generator wrote it, and none is missing or extra")
    func outputsUnchanged() throws {
        let recorded = try Self.recorded().filter { $0.key.hasPrefix("Generated/") }
        let present = try FileManager.default.contentsOfDirectory(
            atPath: Self.api.appendingPathComponent("Generated").path
        )
        .filter { $0.hasSuffix(".swift") }.map { "Generated/" + $0 }.filter { $0 != Self.record }
        #expect(!recorded.isEmpty, "\(Self.record) records no generated file")
        #expect(Set(present) == Set(recorded.keys), "the generated files are not those recorded: \(Self.regenerate)")
        for (path, digest) in recorded.sorted(by: { $0.key < $1.key }) where present.contains(path) {
            #expect(try Self.digest(of: path) == digest, "\(path) was edited by hand: \(Self.regenerate)")
        }
    }
}
