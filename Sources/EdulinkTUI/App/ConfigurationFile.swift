public import EdulinkCore
public import Foundation
import TOMLKit

/// `$XDG_CONFIG_HOME/edulink/config.toml`: the settings a person keeps between runs.
///
/// ```toml
/// theme = "solarized-dark"
/// database = "~/internships/edulink.sqlite"   # or, for a campus server:
/// # server = "https://edulink.example.ac.ke"
/// idle_lock_minutes = 30
/// time_zone = "Africa/Nairobi"
///
/// [retention]                     # what `jobs run` and the server's scheduler delete, and when
/// read_notifications_days = 180
/// security_events_days = 365
/// delivered_messages_days = 30
/// idempotency_hours = 24
/// ```
///
/// A broken file or a bad value never stops the app: each problem becomes one line naming the file,
/// the key and the value, and that setting falls back to its default.
public struct ConfigurationFile: Sendable, Equatable {
    /// The theme's name.
    public var theme: String?
    /// The database: a file (a leading `~` is expanded), `sqlite:PATH` or a `postgres://` URL.
    public var database: String?
    /// The Edulink server to use instead of a database file.
    public var server: URL?
    /// Minutes without a key before the app locks (1…1440).
    public var idleLockMinutes: Int?
    /// The time zone dates are shown in (an IANA name).
    public var timeZone: TimeZone?
    /// The sendmail-compatible command the outbox delivers through (`/usr/sbin/sendmail -t -i`);
    /// unset, messages are written as files into the outbox folder (development).
    public var sendmail: String?
    /// The From address of the messages sent (`Edulink <noreply@campus.example>`).
    public var mailFrom: String?
    /// How long the scheduled jobs keep what they prune; each key left out keeps its default.
    public var retention: Retention?
    /// One line per problem found.
    public var problems: [String] = []

    /// The keys the file may hold.
    public static let keys = [
        "theme", "database", "server", "idle_lock_minutes", "time_zone", "sendmail", "mail_from", "retention",
    ]

    /// The keys of `[retention]`, with the range each accepts.
    static let retentionKeys: [(key: String, range: ClosedRange<Int>, unit: String)] = [
        ("read_notifications_days", 1...36_500, "days"), ("security_events_days", 1...36_500, "days"),
        ("delivered_messages_days", 1...36_500, "days"), ("idempotency_hours", 1...8_760, "hours"),
    ]

    /// No settings.
    public init() {}

    /// `$XDG_CONFIG_HOME/edulink/config.toml` (XDG_CONFIG_HOME defaults to `~/.config`).
    public static func defaultPath(environment: [String: String]) -> String {
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/edulink/config.toml"
    }

    /// Reads `path`; a missing file is no settings and no problem.
    public static func load(path: String) -> ConfigurationFile {
        guard FileManager.default.fileExists(atPath: path) else { return ConfigurationFile() }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            var file = ConfigurationFile()
            file.problems = ["\(path): cannot be read as UTF-8 text; using the defaults"]
            return file
        }
        return parse(text, path: path)
    }

    /// Parses the text of a configuration file; `path` names it in problems.
    public static func parse(_ text: String, path: String) -> ConfigurationFile {
        var file = ConfigurationFile()
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            file.problems = ["\(path): not valid TOML (\(String(describing: error))); using the defaults"]
            return file
        }
        for key in table.keys {
            guard let value = table[key]?.tomlValue else { continue }
            func bad(_ expected: String) {
                file.problems.append("\(path): \(key) = \(value.debugDescription) is not \(expected); ignored")
            }
            switch key {
            case "theme":
                if let text = value.string, !text.isEmpty, !text.contains("/") {
                    file.theme = text
                } else {
                    bad("a theme name")
                }
            case "database":
                if let text = value.string, !text.isEmpty {
                    file.database = (text as NSString).expandingTildeInPath
                } else {
                    bad("a file path or a postgres:// URL")
                }
            case "server":
                if let text = value.string, let url = ServerAddress.parse(text) {
                    file.server = url
                } else {
                    bad("an http:// or https:// URL")
                }
            case "idle_lock_minutes":
                if let minutes = value.int, (1...1440).contains(minutes) {
                    file.idleLockMinutes = minutes
                } else {
                    bad("a number of minutes from 1 to 1440")
                }
            case "time_zone":
                if let name = value.string, let zone = TimeZone(identifier: name) {
                    file.timeZone = zone
                } else {
                    bad("a time zone name such as \"Africa/Nairobi\"")
                }
            case "sendmail":
                if let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    file.sendmail = text
                } else {
                    bad("a command such as \"/usr/sbin/sendmail -t -i\"")
                }
            case "mail_from":
                if let text = value.string, text.contains("@"), !text.contains(where: \.isNewline) {
                    file.mailFrom = text
                } else {
                    bad("an address such as \"Edulink <noreply@campus.example>\"")
                }
            case "retention":
                if let section = table[key]?.table {
                    file.retention = parseRetention(section, path: path, problems: &file.problems)
                } else {
                    bad("a table ([retention] with read_notifications_days and the like)")
                }
            default:
                file.problems.append(
                    "\(path): unknown key \(key); known keys: \(keys.joined(separator: ", "))")
            }
        }
        return file
    }

    /// `[retention]`: the standard retention with the keys given; a bad value keeps its default.
    static func parseRetention(_ section: TOMLTable, path: String, problems: inout [String]) -> Retention {
        var retention = Retention.standard
        for key in section.keys {
            guard let rule = retentionKeys.first(where: { $0.key == key }) else {
                problems.append(
                    "\(path): unknown key retention.\(key); known keys: "
                        + retentionKeys.map { "retention.\($0.key)" }.joined(separator: ", "))
                continue
            }
            guard let value = section[key]?.int, rule.range.contains(value) else {
                let shown = section[key]?.tomlValue.debugDescription ?? "?"
                problems.append(
                    "\(path): retention.\(key) = \(shown) is not a number of \(rule.unit) from "
                        + "\(rule.range.lowerBound) to \(rule.range.upperBound); ignored")
                continue
            }
            switch key {
            case "read_notifications_days": retention.readNotificationDays = value
            case "security_events_days": retention.securityEventDays = value
            case "delivered_messages_days": retention.deliveredMessageDays = value
            default: retention.idempotencyRecordHours = value
            }
        }
        return retention
    }
}
