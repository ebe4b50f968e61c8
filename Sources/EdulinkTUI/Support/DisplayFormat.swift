import EdulinkCore
import Foundation

/// How dates, money and places read on screen. Time zone and "now" are injected so snapshots are
/// the same on every machine.
struct DisplayFormat: Sendable {
    /// The calendar dates are shown in.
    var calendar: Calendar

    init(timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `2026-09-21`.
    func day(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `Sep 21 14:05`.
    func dateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.month, .day, .hour, .minute], from: date)
        let month = Self.months[max(0, min(11, (parts.month ?? 1) - 1))]
        return String(format: "%@ %02d %02d:%02d", month, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// `Sep 21`.
    func shortDay(_ date: Date) -> String {
        let parts = calendar.dateComponents([.month, .day], from: date)
        let month = Self.months[max(0, min(11, (parts.month ?? 1) - 1))]
        return String(format: "%@ %02d", month, parts.day ?? 0)
    }

    /// A deadline relative to now: `today`, `3d`, `12d`, `closed`.
    func deadline(_ date: Date, now: Date) -> String {
        let seconds = date.timeIntervalSince(now)
        if seconds < 0 { return "closed" }
        let days = Int(seconds / 86_400)
        return days == 0 ? "today" : "\(days)d"
    }

    /// How long ago: `now`, `5m`, `3h`, `2d`.
    func age(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "now"
        case ..<3600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// `KES 25,000` or `unpaid`.
    static func stipend(_ stipend: Stipend?) -> String { stipend?.formatted ?? "unpaid" }

    /// `Remote`, `Nairobi` or `Nairobi · hybrid`.
    static func place(_ type: LocationType, _ location: String) -> String {
        switch type {
        case .remote: return location.isEmpty ? "Remote" : "Remote"
        case .onSite: return location
        case .hybrid: return location.isEmpty ? "Hybrid" : "\(location) · hybrid"
        }
    }

    /// `1,234`.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }

    /// `interview scheduled` for `interview_scheduled`.
    static func words(_ raw: String) -> String { raw.replacingOccurrences(of: "_", with: " ") }

    /// The name a narrow status bar shows: the first word that is not a title ("Dr. Jane Muthoni"
    /// is "Jane", not "Dr."), else the first word.
    static func shortName(_ displayName: String) -> String {
        let words = displayName.split(separator: " ").map(String.init)
        return words.first { !$0.hasSuffix(".") } ?? words.first ?? ""
    }

    /// `count` and the noun, singular for one: "1 position", "3 positions".
    static func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(Self.count(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
