import EdulinkCore
import Foundation

/// PostgreSQL's client programs (`pg_dump`, `pg_restore`), found on `PATH` or under
/// `/usr/lib/postgresql/<version>/bin` (Debian's layout, newest version first), and run with the
/// store's connection settings. The password goes in `PGPASSWORD`, never on the command line, and
/// the TLS mode in `PGSSLMODE` (with `PGSSLROOTCERT`), so they connect as the store does.
struct PostgresTools {
    let location: PostgresLocation

    /// The full path of `name`, or `.unavailable` saying how to install it.
    static func find(_ name: String) throws -> String {
        let manager = FileManager.default
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        let versions = (try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let candidate = "/usr/lib/postgresql/\(version)/bin/\(name)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw EdulinkError.unavailable(
            "\(name) was not found on PATH or under /usr/lib/postgresql/*/bin; install PostgreSQL's client "
                + "programs (Debian: apt-get install postgresql-client).")
    }

    /// The arguments naming the server, user and database.
    var connectionArguments: [String] {
        [
            "--host", location.host, "--port", String(location.port), "--username", location.username,
            "--no-password", "--dbname", location.database,
        ]
    }

    /// Runs `program` with `arguments`, waits, and returns its exit status and output (standard
    /// output and error together). Blocks: call it off the event loops and Swift's concurrency threads.
    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let environment = ProcessInfo.processInfo.environment.merging(location.libpqEnvironment) { $1 }
        let pipe = try ChildProcess.pipe()
        let child: ChildProcess
        do {
            child = try ChildProcess.launch(
                try Self.find(program), arguments, environment: environment, standardOutput: pipe.write,
                standardError: pipe.write)
        } catch {
            close(pipe.read)
            close(pipe.write)
            throw error
        }
        close(pipe.write)
        let data = FileHandle(fileDescriptor: pipe.read, closeOnDealloc: true).readDataToEndOfFile()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
