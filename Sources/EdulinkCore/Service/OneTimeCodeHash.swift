import Crypto
import Foundation

/// The stored form of a one-time sign-in code that an import hands a new student.
///
/// Such a code is 16 characters drawn by the service from 55 (over 90 bits), never chosen by a
/// person, so a salted slow hash buys nothing against guessing and would make a 10,000-student
/// import take most of an hour at bcrypt's cost 12. It is kept as SHA-256 instead, marked so that
/// sign-in knows which check applies; a password the student sets replaces it with bcrypt.
enum OneTimeCodeHash {
    static let prefix = "otc-sha256$"

    static func hash(_ code: String) -> String {
        prefix + SHA256.hash(data: Data(code.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `code` matches `stored`, or nil when `stored` is not a one-time code's hash.
    static func matches(_ code: String, stored: String) -> Bool? {
        guard stored.hasPrefix(prefix) else { return nil }
        let expected = Array(hash(code).utf8)
        let actual = Array(stored.utf8)
        guard expected.count == actual.count else { return false }
        // Every byte is compared, whatever the first difference.
        return zip(expected, actual).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
