public import Foundation

/// What a move on an application must carry: an interview in the future and within
/// `interviewHorizonDays`, with a place; an offer that expires within `offerHorizonDays` (the
/// default when none is given); a reason, and a note for "other"; notes within their length. One
/// value that the service checks before a move and the employer's forms ask before sending it, so
/// the answer is the same on both sides of the round trip.
public enum MoveValidation {
    public static let interviewHorizonDays = 180
    public static let offerHorizonDays = 90
    public static let defaultOfferDays = 14
    public static let note = 0...1000
    public static let place = 2...200

    /// The move as it will be kept (text cleaned, the default offer expiry filled in), or
    /// `EdulinkError.validation` with every field that is wrong.
    public static func checked(_ move: ApplicationMove, at now: Date) throws -> ApplicationMove {
        var v = FieldValidator()
        let checked: ApplicationMove
        switch move {
        case .review, .shortlist, .accept, .decline:
            checked = move
        case .scheduleInterview(let interview):
            let place = TextRules.clean(interview.place)
            if interview.at <= now {
                v.add("interview_at", "The interview must be in the future.")
            } else if interview.at > now.addingTimeInterval(days(interviewHorizonDays)) {
                v.add("interview_at", "The interview must be within \(interviewHorizonDays) days.")
            }
            v.text("interview_place", place, label: "Place", range: Self.place)
            checked = .scheduleInterview(Interview(at: interview.at, place: place))
        case .offer(let expiresAt):
            let expiry = expiresAt ?? now.addingTimeInterval(days(defaultOfferDays))
            if expiry <= now || expiry > now.addingTimeInterval(days(offerHorizonDays)) {
                v.add("offer_expires_at", "The offer must expire within the next \(offerHorizonDays) days.")
            }
            checked = .offer(expiresAt: expiry)
        case .reject(let rejection):
            let note = cleanedNote(rejection.note)
            if rejection.reason == .other && note == nil {
                v.add("reason", "Say why when the reason is \"other\".")
            }
            v.optionalText("note", note, label: "Note", range: Self.note)
            checked = .reject(Rejection(reason: rejection.reason, note: note))
        case .withdraw(let note):
            let cleaned = cleanedNote(note)
            v.optionalText("note", cleaned, label: "Note", range: Self.note)
            checked = .withdraw(note: cleaned)
        }
        try v.check()
        return checked
    }

    private static func cleanedNote(_ note: String?) -> String? {
        note.map(TextRules.clean).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func days(_ count: Int) -> TimeInterval { Double(count) * 86_400 }
}
