public import EdulinkCore
import Foundation

/// A logbook entry as the student types it: every field as text, kept on this machine so that it
/// survives leaving the editor and a crash (see `DraftStore`).
public struct LogbookDraft: Sendable, Equatable, Hashable, Codable {
    public var placementID: PlacementID
    public var week: Int
    public var activities: String
    public var hours: String
    /// Comma-separated.
    public var skills: String
    public var learned: String
    public var challenges: String

    public init(
        placementID: PlacementID, week: Int, activities: String = "", hours: String = "", skills: String = "",
        learned: String = "", challenges: String = ""
    ) {
        self.placementID = placementID
        self.week = week
        self.activities = activities
        self.hours = hours
        self.skills = skills
        self.learned = learned
        self.challenges = challenges
    }

    /// The draft of an entry already saved (or an empty one for a week without an entry).
    public init(placementID: PlacementID, week: Int, entry: LogbookEntry?) {
        self.init(placementID: placementID, week: week)
        guard let entry, entry.status != .excused else { return }
        activities = entry.content.activities
        hours = entry.content.hours.formatted(.number.precision(.fractionLength(0...1)).grouping(.never))
        skills = entry.content.skills.joined(separator: ", ")
        learned = entry.content.learned ?? ""
        challenges = entry.content.challenges ?? ""
    }

    /// The content to send, or the field errors of what cannot be read (hours that are not a number).
    /// The service checks everything else.
    public var content: Result<LogbookContent, EdulinkError> {
        let typed = hours.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard let value = Double(typed), value.isFinite else {
            return .failure(.validation([FieldError("hours", "Hours must be a number like 37.5.")]))
        }
        let list = skills.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return .success(
            LogbookContent(
                activities: activities, hours: value, skills: list, learned: learned.isEmpty ? nil : learned,
                challenges: challenges.isEmpty ? nil : challenges))
    }
}
