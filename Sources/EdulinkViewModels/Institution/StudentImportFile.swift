public import EdulinkCore
public import Foundation

/// The files of a student import, for the CLI and the Students screen alike: the CSV read with a
/// clear message for a wrong path, a folder, a huge or a binary file; and the new students'
/// one-time codes written to a new file only its owner can read.
public enum StudentImportFile {
    /// A problem with a path, in words for people.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    static func url(_ path: String) -> URL {
        URL(fileURLWithPath: (path.trimmingCharacters(in: .whitespaces) as NSString).expandingTildeInPath)
    }

    /// The text of the CSV at `path` (`~` is the home folder).
    public static func read(_ path: String) throws(Problem) -> String {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw Problem("Type the CSV file's path.") }
        let url = url(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw Problem("No file at \(path).")
        }
        guard !isDirectory.boolValue else { throw Problem("\(path) is a folder; give the CSV file.") }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= StudentImportRules.maxBytes else {
            throw Problem(
                "\(path) is larger than \(StudentImportRules.maxBytes / 1_000_000) MB; split it and import each part.")
        }
        guard let data = try? Data(contentsOf: url) else { throw Problem("\(path) cannot be read (permissions?).") }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
            throw Problem("\(path) is not UTF-8 text; save it as CSV (UTF-8) and try again.")
        }
        return text
    }

    /// A path for a new file: it must not exist yet, and its folder must.
    public static func newFile(_ path: String) throws(Problem) -> URL {
        let url = url(path)
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw Problem("\(path) exists; the codes go to a new file, so give another name.")
        }
        var isDirectory: ObjCBool = false
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw Problem("No folder \(folder.path) for \(path).") }
        return url
    }

    /// Where the codes of an import of `csvPath` go by default: beside it, `NAME-codes.csv`, or
    /// `NAME-codes-2.csv`… when that exists.
    public static func codesPath(beside csvPath: String) -> String {
        let url = url(csvPath)
        let base = url.deletingPathExtension().lastPathComponent
        let folder = url.deletingLastPathComponent()
        var candidate = folder.appendingPathComponent("\(base)-codes.csv")
        var number = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent("\(base)-codes-\(number).csv")
            number += 1
        }
        return candidate.path
    }

    /// The new students and their codes as CSV records, a header first.
    public static func codeRows(_ rows: [StudentImportRow]) -> [[String]] {
        [["name", "email", "registration number", "one-time code"]]
            + rows.compactMap { row in
                row.oneTimeCode.map { [row.name, row.email, row.registrationNumber, $0] }
            }
    }

    /// Writes the codes of `rows` to the new file `url`, readable by its owner only.
    public static func writeCodes(_ rows: [StudentImportRow], to url: URL) throws {
        let data = Data(try CSV.text(codeRows(rows)).utf8)
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw Problem("\(url.path) could not be created") }
    }
}
