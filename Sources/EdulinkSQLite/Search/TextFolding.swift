import GRDB

/// `edulink_lower(text)`: the text lowercased by Unicode's rules (Swift's `lowercased()`). SQLite's
/// own `lower()` folds ASCII only, so a name search for "élodie" (or "ÉLODIE", lowercased by the
/// caller) would never find "Élodie"; PostgreSQL's `lower()` in a UTF-8 database folds every
/// letter, and the name searches (accounts, a listing's applicants) must find the same people on
/// both stores.
enum TextFolding {
    static let name = "edulink_lower"

    static func register(_ db: Database) {
        db.add(
            function: DatabaseFunction(name, argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map { $0.lowercased() }
            })
    }
}
