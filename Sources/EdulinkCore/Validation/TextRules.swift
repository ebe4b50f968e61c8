import Foundation

/// Checks shared by every text field: clean characters and a length range.
///
/// Lengths count characters as people see them (grapheme clusters), so `"Zoë"` is 3 and an emoji
/// flag is 1.
public enum TextRules {
    /// Characters that may reorder how text is displayed (the "Trojan Source" family).
    static let directionControls: Set<Unicode.Scalar> = Set(
        [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].compactMap(Unicode.Scalar.init))

    /// Characters that show nothing but make two names differ (zero-width space, word joiner, BOM,
    /// left-to-right and right-to-left marks, the Arabic letter mark, the Mongolian vowel separator).
    static let invisible: Set<Unicode.Scalar> = Set(
        [0x200B, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C, 0x180E].compactMap(Unicode.Scalar.init))

    /// Why a single-line identifier (a name, a title, an email) has an invisible character, or nil.
    /// The zero-width joiner and tag characters are kept inside an emoji they build (👩‍💻, a
    /// subdivision flag); the zero-width non-joiner is kept (scripts such as Persian need it).
    static func invisibleProblem(_ text: String) -> String? {
        for character in text {
            let isEmoji = character.unicodeScalars.first?.properties.isEmojiPresentation ?? false
            for scalar in character.unicodeScalars {
                let tag = (0xE0000...0xE007F).contains(scalar.value)
                if invisible.contains(scalar) || ((scalar.value == 0x200D || tag) && !isEmoji) {
                    return "contains invisible characters (zero-width, direction marks or similar)"
                }
            }
        }
        return nil
    }

    /// Why `text` has characters it must not have, or nil. `multiline` allows newline and tab;
    /// single-line text also refuses invisible characters (`invisibleProblem`).
    public static func characterProblem(_ text: String, multiline: Bool) -> String? {
        for scalar in text.unicodeScalars {
            if scalar == "\u{FFFD}" {
                return "contains invalid characters (text that is not valid UTF-8)"
            }
            if directionControls.contains(scalar) {
                return "contains invisible text-direction controls"
            }
            if scalar.properties.generalCategory == .control {
                if multiline && (scalar == "\n" || scalar == "\t" || scalar == "\r") { continue }
                return multiline
                    ? "contains control characters (only newlines and tabs are allowed)"
                    : "contains control characters"
            }
        }
        return multiline ? nil : invisibleProblem(text)
    }

    /// Trims spaces and newlines at both ends and normalizes to NFC.
    public static func clean(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
    }
}

/// Collects field errors for one form; throws them together.
public struct FieldValidator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field, message))
    }

    /// Checks a required text field: characters, then length in `range`.
    public mutating func text(
        _ field: String, _ value: String, label: String, range: ClosedRange<Int>, multiline: Bool = false
    ) {
        if let problem = TextRules.characterProblem(value, multiline: multiline) {
            add(field, "\(label) \(problem).")
            return
        }
        let count = value.count
        if count == 0 && range.lowerBound > 0 {
            add(field, "\(label) is required.")
        } else if count < range.lowerBound {
            add(field, "\(label) must be at least \(range.lowerBound) characters (it has \(count)).")
        } else if count > range.upperBound {
            add(field, "\(label) must be at most \(range.upperBound) characters (it has \(count)).")
        }
    }

    /// Checks an optional text field: nil or empty is fine; otherwise as `text`.
    public mutating func optionalText(
        _ field: String, _ value: String?, label: String, range: ClosedRange<Int>, multiline: Bool = false
    ) {
        guard let value, !value.isEmpty else { return }
        text(field, value, label: label, range: range, multiline: multiline)
    }

    /// Checks a whole number is within `range`.
    public mutating func number(_ field: String, _ value: Int, label: String, range: ClosedRange<Int>) {
        if !range.contains(value) {
            add(field, "\(label) must be between \(range.lowerBound) and \(range.upperBound) (it is \(value)).")
        }
    }

    /// Checks a list of short texts: at most `maximum` items, each within `itemRange`, no duplicates.
    public mutating func list(
        _ field: String, _ values: [String], label: String, maximum: Int, itemRange: ClosedRange<Int>
    ) {
        if values.count > maximum {
            add(field, "At most \(maximum) \(label) (there are \(values.count)).")
            return
        }
        var seen = Set<String>()
        for value in values {
            if let problem = TextRules.characterProblem(value, multiline: false) {
                add(field, "\"\(value.prefix(30))\" \(problem).")
                return
            }
            if !itemRange.contains(value.count) {
                add(
                    field,
                    "Each of the \(label) must be \(itemRange.lowerBound)–\(itemRange.upperBound) characters; "
                        + "\"\(value.prefix(60))\" has \(value.count).")
                return
            }
            if !seen.insert(value.lowercased()).inserted {
                add(field, "\"\(value)\" is listed twice.")
                return
            }
        }
    }

    /// Checks an optional web address: `http(s)://host…`, at most 300 characters.
    public mutating func url(_ field: String, _ value: String?, label: String) {
        guard let value, !value.isEmpty else { return }
        if TextRules.characterProblem(value, multiline: false) != nil || value.count > 300
            || value.contains(" ")
        {
            add(field, "\(label) must be a web address like https://example.com.")
            return
        }
        guard let components = URLComponents(string: value), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, host.contains(".")
        else {
            add(field, "\(label) must be a web address like https://example.com.")
            return
        }
    }

    /// Throws `EdulinkError.validation` when anything was added.
    public func check() throws(EdulinkError) {
        if !errors.isEmpty { throw .validation(errors) }
    }
}
