import Foundation
import Testing

@Suite("edulink --server", .timeLimit(.minutes(10)))
struct RemoteModeCommandTests {
    @Test("--db and --server together are a usage error (64) before anything is opened")
    func databaseAndServer() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        for arguments in [
            ["--db", "x.sqlite", "--server", "http://127.0.0.1:8080"], ["tui", "--server", "http://h", "--db", "x"],
        ] {
            let result = try await harness.run(arguments)
            #expect(result.status == 64)
            #expect(
                result.standardError
                    == "edulink: error: --db and --server cannot be used together: --db opens a file on this machine, --server an Edulink server\n"
            )
        }
        #expect(!FileManager.default.fileExists(atPath: harness.directory.appendingPathComponent("x.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: harness.databaseURL.path))
    }

    @Test("EDULINK_DB and EDULINK_SERVER both set are a usage error; an option settles it")
    func environmentBoth() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let both = try await harness.run([], environment: ["EDULINK_SERVER": "http://127.0.0.1:8080"])
        #expect(both.status == 64)
        #expect(both.standardError.hasPrefix("edulink: error: EDULINK_DB and EDULINK_SERVER cannot be used together"))
        // With --server chosen, the next check is the terminal's (standard input is not one here).
        let chosen = try await harness.run(["--server", "http://127.0.0.1:8080"], environment: ["EDULINK_SERVER": "x"])
        #expect(chosen.status == 64)
        #expect(chosen.standardError.contains("needs a terminal"))
    }

    @Test("config.toml naming both a database and a server is a usage error naming the file")
    func configBoth() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let folder = harness.directory.appendingPathComponent("config/edulink", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("config.toml")
        try Data("database = \"~/x.sqlite\"\nserver = \"https://edulink.example\"\n".utf8).write(to: file)
        let result = try await harness.run([], environment: ["EDULINK_DB": ""])
        #expect(result.status == 64)
        #expect(
            result.standardError
                == "edulink: error: database and server cannot be used together: \(file.path) sets both; keep one, or choose with --db or --server\n"
        )
    }

    @Test("a server that is not an http(s) URL is a usage error naming where it came from")
    func badAddress() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let option = try await harness.run(["--server", "ftp://campus"])
        #expect(option.status == 64)
        #expect(option.standardError == "edulink: error: --server: 'ftp://campus' is not an http:// or https:// URL\n")
        let variable = try await harness.run([], environment: ["EDULINK_DB": "", "EDULINK_SERVER": "campus"])
        #expect(variable.status == 64)
        #expect(
            variable.standardError == "edulink: error: EDULINK_SERVER: 'campus' is not an http:// or https:// URL\n")
    }
}
