import EdulinkCore
import Foundation
import TerminalKit

/// Everything about a listing as text: what, where, money, dates, skills and how the student's
/// match, and whether they can apply and why not. Used by Browse's detail pane and the detail screen.
enum ListingDetailView {
    /// The detail's text; `readOnly` hides the apply and save hints (roles that cannot apply).
    static func text(_ detail: ListingDetail, context: DrawContext) -> StyledText {
        let listing = detail.listing
        let format = context.format
        var text = StyledText()
        text.add(listing.title, .title, .bold)
        text.add(
            "\(detail.organization.name) · \(DisplayFormat.place(listing.locationType, listing.location))"
                + " · \(listing.category.rawValue) · \(listing.level.rawValue)", .muted)
        text.gap()
        text.add(
            "Stipend   \(DisplayFormat.stipend(listing.stipend))\(listing.stipend == nil ? "" : " a month")"
                + " · \(listing.durationWeeks) weeks from \(format.day(listing.startDate))")
        let deadline = format.deadline(listing.deadline, now: context.now)
        text.add(
            "Deadline  \(format.day(listing.deadline)) (\(deadline == "closed" ? "closed" : "closes in " + deadline))"
                + " · \(DisplayFormat.count(detail.applicationCount)) applied · \(DisplayFormat.counted(listing.positions, "position"))"
        )
        if !listing.requiredSkills.isEmpty {
            text.add("Requires  \(listing.requiredSkills.joined(separator: ", "))")
        }
        if !listing.preferredSkills.isEmpty {
            text.add("Prefers   \(listing.preferredSkills.joined(separator: ", "))", .muted)
        }
        if let match = detail.skillMatch {
            text.add("Match     \(match.percent) % of the required skills", match.percent >= 70 ? .ok : .warning, .bold)
            if !match.matchedRequired.isEmpty {
                text.add("  you have  \(match.matchedRequired.joined(separator: ", "))", .ok)
            }
            if !match.missingRequired.isEmpty {
                text.add("  missing   \(match.missingRequired.joined(separator: ", "))", .warning)
            }
        }
        text.gap()
        if !context.readOnly {
            if detail.myApplicationStatus == .withdrawn {
                text.add("● You withdrew your application — it cannot be sent again · o opens it", .muted, .bold)
            } else if detail.myApplicationID != nil {
                text.add("● You applied to this listing — o opens your application", .accent, .bold)
            } else if let refusal = detail.applyRefusal {
                text.add("✗ You cannot apply: \(refusal.message)", EdulinkRoles.fieldError, .bold)
            } else {
                text.add("✓ You can apply — press a", .ok, .bold)
            }
            text.add(detail.isSaved ? "★ Saved — s removes it" : "☆ Not saved — s saves it", .muted)
            text.gap()
        }
        text.add(listing.description)
        if !listing.questions.isEmpty {
            text.gap()
            text.add("\(listing.questions.count) screening question\(listing.questions.count == 1 ? "" : "s")", .header)
            for (index, question) in listing.questions.enumerated() {
                text.add("\(index + 1). \(question.prompt)\(question.required ? "" : " (optional)")", .muted)
            }
        }
        return text
    }
}
