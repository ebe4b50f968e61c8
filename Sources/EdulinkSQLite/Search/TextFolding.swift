import EdulinkCore
import GRDB

/// The SQLite function behind ``SchemaDialect/lower(_:)``: the text lowercased by Unicode's rules
/// (Swift's `lowercased()`, as the searches lowercase what is typed). SQLite's own `lower()` folds
/// ASCII only, so a name search for "élodie" would never find "Élodie", where PostgreSQL's `lower()`
/// in a UTF-8 database finds it: the name searches (accounts, students, a listing's applicants, the
/// erasure check) must find the same people on both stores.
enum TextFolding {
    static let name = SchemaDialect.lowerFunction

    static func register(_ db: Database) {
        db.add(
            function: DatabaseFunction(name, argumentCount: 1, pure: true) { values in
                String.fromDatabaseValue(values[0]).map { $0.lowercased() }
            })
    }
}
