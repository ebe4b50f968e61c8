public import Foundation

/// Rules for emails, names and phone numbers.
public enum AccountRules {
    /// Trims and lowercases an email so that lookups are case-insensitive.
    public static func normalizeEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The address a sign-in looks up and records: normalized, with every control character shown as
    /// U+FFFD. No account's address has either (`emailProblem` refuses both), so such a sign-in is an
    /// unknown account on every store — PostgreSQL's text cannot even hold U+0000 — and the security
    /// log never replays control characters typed by a stranger.
    public static func signInEmail(_ email: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in normalizeEmail(email).unicodeScalars {
            scalars.append(scalar.properties.generalCategory == .control ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }

    /// A plain check of `local@domain.tld`, at most 254 characters.
    public static func emailProblem(_ email: String) -> String? {
        if email.isEmpty { return "Email is required." }
        if email.count > 254 || TextRules.characterProblem(email, multiline: false) != nil {
            return "Email is not a valid address."
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !email.contains(" ")
        else { return "Email must look like name@example.com." }
        return nil
    }

    /// Validates the fields of a new or edited account.
    public static func validate(email: String, displayName: String, phone: String?) throws(EdulinkError) {
        var v = FieldValidator()
        if let problem = emailProblem(email) { v.add("email", problem) }
        v.text("display_name", displayName, label: "Name", range: 2...100)
        if let phone, !phone.isEmpty {
            let allowed = CharacterSet(charactersIn: "+0123456789 -()")
            let digits = phone.filter(\.isNumber).count
            if phone.unicodeScalars.contains(where: { !allowed.contains($0) }) || !(7...15).contains(digits) {
                v.add("phone", "Phone must be 7–15 digits, e.g. +254 712 345 678.")
            }
        }
        try v.check()
    }
}

/// The password rules of DOMAIN.md, with the common-password list from `data/`.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 10
    /// bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
    public static let maximumBytes = 72

    private let commonPasswords: Set<String>

    public init(commonPasswords: Set<String>) {
        self.commonPasswords = Set(commonPasswords.map { $0.lowercased() })
    }

    /// Loads one password a line; blank lines and `#` comments are skipped.
    public init(commonPasswordsFile url: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        self.init(commonPasswords: Set(lines.filter { !$0.isEmpty && !$0.hasPrefix("#") }))
    }

    /// Why `password` is not acceptable for `email`, or nil.
    public func problem(password: String, email: String) -> String? {
        if password.count < Self.minimumLength {
            return "Password must be at least \(Self.minimumLength) characters."
        }
        if password.utf8.count > Self.maximumBytes {
            return "Password must be at most \(Self.maximumBytes) bytes."
        }
        if TextRules.characterProblem(password, multiline: false) != nil {
            return "Password must not contain control characters."
        }
        let lowered = password.lowercased()
        let normalizedEmail = AccountRules.normalizeEmail(email)
        let localPart = normalizedEmail.split(separator: "@").first.map(String.init) ?? normalizedEmail
        if lowered == normalizedEmail || lowered == localPart {
            return "Password must not be your email address."
        }
        if commonPasswords.contains(lowered) {
            return "Password is too common; choose one that is harder to guess."
        }
        return nil
    }

    /// Throws a validation error on the `password` field when the password is not acceptable.
    public func check(password: String, email: String) throws(EdulinkError) {
        if let problem = problem(password: password, email: email) {
            throw .validation([FieldError("password", problem)])
        }
    }
}
