public import Foundation

public typealias EvaluationID = EntityID<Evaluation>

/// The three evaluations of a placement (PLACEMENTS.md, "Evaluations").
public enum EvaluationKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// The workplace supervisor's, from the middle week.
    case midpoint
    /// The workplace supervisor's, from the last week until 30 days after the end.
    case final
    /// The academic supervisor's assessment with a grade, once the final evaluation is in.
    case academic

    public var label: String {
        switch self {
        case .midpoint: "midpoint evaluation"
        case .final: "final evaluation"
        case .academic: "academic assessment"
        }
    }

    /// Which supervisor writes it.
    public var author: SupervisorKind { self == .academic ? .academic : .workplace }
}

/// An academic grade.
public enum Grade: String, Sendable, Codable, CaseIterable, Hashable {
    case distinction
    case merit
    case pass
    case fail

    public var label: String { rawValue }

    /// The grade of a final score (0–100).
    public static func of(score: Double) -> Grade {
        switch score {
        case 70...: .distinction
        case 60..<70: .merit
        case 50..<60: .pass
        default: .fail
        }
    }

    /// What an academic grade counts for in the final score.
    public var points: Double {
        switch self {
        case .distinction: 85
        case .merit: 70
        case .pass: 55
        case .fail: 25
        }
    }
}

/// One criterion of a rubric: scored 1–5 by one side, weighted among its side's criteria.
public struct RubricCriterion: Sendable, Equatable, Hashable, Codable {
    public var key: String
    public var label: String
    public var weight: Int
    public var scorer: SupervisorKind

    public init(key: String, label: String, weight: Int, scorer: SupervisorKind) {
        self.key = key
        self.label = label
        self.weight = weight
        self.scorer = scorer
    }
}

/// An institution's rubric and the weights of the final result. Versioned: an evaluation keeps the
/// criteria it was written against, so a change never rewrites it.
public struct Rubric: Sendable, Equatable, Hashable, Codable {
    public var version: Int
    public var criteria: [RubricCriterion]
    /// The final score's parts, in percent (they add up to 100).
    public var logbookWeight: Int
    public var workplaceWeight: Int
    public var academicWeight: Int

    public init(
        version: Int, criteria: [RubricCriterion], logbookWeight: Int, workplaceWeight: Int, academicWeight: Int
    ) {
        self.version = version
        self.criteria = criteria
        self.logbookWeight = logbookWeight
        self.workplaceWeight = workplaceWeight
        self.academicWeight = academicWeight
    }

    /// PLACEMENTS.md's default: five criteria the workplace supervisor scores 1–5; the final score is
    /// 20 % logbook compliance, 50 % workplace evaluations, 30 % academic assessment.
    public static let standard = Rubric(
        version: 1,
        criteria: [
            RubricCriterion(key: "technical", label: "Technical skills", weight: 1, scorer: .workplace),
            RubricCriterion(key: "communication", label: "Communication", weight: 1, scorer: .workplace),
            RubricCriterion(key: "initiative", label: "Initiative", weight: 1, scorer: .workplace),
            RubricCriterion(key: "professionalism", label: "Professionalism", weight: 1, scorer: .workplace),
            RubricCriterion(key: "learning", label: "Learning", weight: 1, scorer: .workplace),
        ], logbookWeight: 20, workplaceWeight: 50, academicWeight: 30)

    /// The criteria an evaluation of `kind` scores.
    public func criteria(for kind: EvaluationKind) -> [RubricCriterion] {
        criteria.filter { $0.scorer == kind.author }
    }
}

/// One criterion's score.
public struct CriterionScore: Sendable, Equatable, Hashable, Codable {
    public var criterion: String
    public var score: Int

    public init(criterion: String, score: Int) {
        self.criterion = criterion
        self.score = score
    }
}

/// What a supervisor fills in; a correction of a submitted evaluation carries its reason.
public struct EvaluationDraft: Sendable, Equatable, Hashable, Codable {
    public var scores: [CriterionScore]
    /// 1–5; the workplace evaluations need it.
    public var overall: Int?
    /// The academic assessment needs it.
    public var grade: Grade?
    public var comment: String
    /// Why a submitted evaluation is corrected (a correction is a new version).
    public var correctionReason: String?

    public init(
        scores: [CriterionScore] = [], overall: Int? = nil, grade: Grade? = nil, comment: String,
        correctionReason: String? = nil
    ) {
        self.scores = scores
        self.overall = overall
        self.grade = grade
        self.comment = comment
        self.correctionReason = correctionReason
    }
}

/// A submitted evaluation; immutable. A correction is a new version, the old ones kept.
public struct Evaluation: Sendable, Equatable, Hashable, Codable, Identifiable {
    public var id: EvaluationID
    public var placementID: PlacementID
    public var kind: EvaluationKind
    /// 1 for the first; each correction adds one.
    public var version: Int
    public var authorID: UserID?
    public var rubricVersion: Int
    /// The criteria it was written against.
    public var criteria: [RubricCriterion]
    public var scores: [CriterionScore]
    public var overall: Int?
    public var grade: Grade?
    public var comment: String
    public var correctionReason: String?
    public var submittedAt: Date

    public init(
        id: EvaluationID = 0, placementID: PlacementID, kind: EvaluationKind, version: Int, authorID: UserID?,
        rubricVersion: Int, criteria: [RubricCriterion], scores: [CriterionScore], overall: Int?, grade: Grade?,
        comment: String, correctionReason: String?, submittedAt: Date
    ) {
        self.id = id
        self.placementID = placementID
        self.kind = kind
        self.version = version
        self.authorID = authorID
        self.rubricVersion = rubricVersion
        self.criteria = criteria
        self.scores = scores
        self.overall = overall
        self.grade = grade
        self.comment = comment
        self.correctionReason = correctionReason
        self.submittedAt = submittedAt
    }

    /// 0–100: the weighted mean of the criteria scores over 5 (the overall score when it has none).
    public var percent: Double? {
        let weights = Dictionary(criteria.map { ($0.key, $0.weight) }, uniquingKeysWith: { first, _ in first })
        let weighted = scores.compactMap { score in weights[score.criterion].map { (Double($0), Double(score.score)) } }
        let total = weighted.reduce(0) { $0 + $1.0 }
        if total > 0 { return weighted.reduce(0) { $0 + $1.0 * $1.1 } / total / 5 * 100 }
        return overall.map { Double($0) / 5 * 100 }
    }
}

/// The final score and grade of a completed placement, with its parts (each 0–100).
public struct FinalResult: Sendable, Equatable, Hashable, Codable {
    public var score: Double
    public var grade: Grade
    /// Weeks approved on time or excused, of all weeks.
    public var logbook: Double
    public var workplace: Double
    public var academic: Double
    public var rubricVersion: Int

    public init(score: Double, grade: Grade, logbook: Double, workplace: Double, academic: Double, rubricVersion: Int) {
        self.score = score
        self.grade = grade
        self.logbook = logbook
        self.workplace = workplace
        self.academic = academic
        self.rubricVersion = rubricVersion
    }

    /// `72.4 (distinction): logbook 90, workplace 75, academic 70`, as the timeline notes it.
    public var summary: String {
        "\(score.formatted(.number.precision(.fractionLength(1)))) (\(grade.label)): logbook "
            + "\(Int(logbook.rounded())), workplace \(Int(workplace.rounded())), academic \(Int(academic.rounded()))"
    }

    /// Combines the parts by the rubric's weights; nil until the final evaluation and the academic
    /// assessment are both in. The final evaluation counts twice the midpoint; an academic fail
    /// fails the placement whatever the score.
    public static func compute(
        rubric: Rubric, weeksOnTime: Int, weeks: Int, midpoint: Evaluation?, final: Evaluation?,
        academic: Evaluation?
    ) -> FinalResult? {
        guard let finalPercent = final?.percent, let academicGrade = academic?.grade else { return nil }
        let logbook = weeks > 0 ? Double(min(weeksOnTime, weeks)) / Double(weeks) * 100 : 100
        let workplace = midpoint?.percent.map { ($0 + 2 * finalPercent) / 3 } ?? finalPercent
        let academicPart = academic?.percent.map { ($0 + academicGrade.points) / 2 } ?? academicGrade.points
        let total = Double(rubric.logbookWeight + rubric.workplaceWeight + rubric.academicWeight)
        let raw =
            (logbook * Double(rubric.logbookWeight) + workplace * Double(rubric.workplaceWeight) + academicPart
                * Double(rubric.academicWeight)) / max(total, 1)
        let score = (raw * 10).rounded() / 10
        return FinalResult(
            score: score, grade: academicGrade == .fail ? .fail : Grade.of(score: score),
            logbook: (logbook * 10).rounded() / 10, workplace: (workplace * 10).rounded() / 10,
            academic: (academicPart * 10).rounded() / 10, rubricVersion: rubric.version)
    }
}

/// The evaluation rules of PLACEMENTS.md that need no database.
public enum EvaluationRules {
    public static let comment = 50...2000
    /// An overall of 1 or 2 needs a longer comment.
    public static let lowOverallComment = 100
    public static let score = 1...5
    public static let correctionReason = 10...500
    /// Days after the end the final evaluation stays open.
    public static let finalOpenDays = 30

    /// Why an evaluation of `kind` cannot be written at `date`, or nil. `finalSubmitted` tells
    /// whether the final evaluation is in (the academic assessment follows it).
    public static func window(
        _ kind: EvaluationKind, placement status: PlacementStatus, calendar: PlacementCalendar, finalSubmitted: Bool,
        at date: Date
    ) -> Refusal? {
        guard status == .active || status == .completed else {
            return Refusal(.evaluationNotOpen, "Evaluations are written for an active or completed placement.")
        }
        switch kind {
        case .midpoint:
            let opens = calendar.weekStart(calendar.midpointWeek)
            if date < opens {
                return Refusal(
                    .evaluationNotOpen,
                    "The midpoint evaluation opens in week \(calendar.midpointWeek) "
                        + "(\(opens.formatted(date: .abbreviated, time: .omitted))).")
            }
        case .final:
            let opens = calendar.weekStart(calendar.weekCount)
            let closes = closing(calendar)
            if date < opens {
                return Refusal(
                    .evaluationNotOpen,
                    "The final evaluation opens in the last week "
                        + "(\(opens.formatted(date: .abbreviated, time: .omitted))).")
            }
            if date > closes {
                return Refusal(
                    .evaluationNotOpen,
                    "The final evaluation closed on \(closes.formatted(date: .abbreviated, time: .omitted)).")
            }
        case .academic:
            if !finalSubmitted {
                return Refusal(.evaluationNotOpen, "The academic assessment follows the final evaluation.")
            }
        }
        return nil
    }

    /// When the final evaluation closes.
    public static func closing(_ calendar: PlacementCalendar) -> Date {
        calendar.end.addingTimeInterval(Double(finalOpenDays) * 86_400)
    }

    /// Every field rule for an evaluation of `kind` against `criteria` (the rubric's for its side);
    /// `correcting` says whether it replaces a submitted one (then a reason is required).
    public static func validate(
        _ draft: EvaluationDraft, kind: EvaluationKind, criteria: [RubricCriterion], correcting: Bool
    ) throws(EdulinkError) {
        var v = FieldValidator()
        let keys = Set(criteria.map(\.key))
        let given = draft.scores.map(\.criterion)
        if Set(given) != keys || given.count != keys.count {
            let missing = criteria.filter { !given.contains($0.key) }.map(\.label)
            v.add(
                "scores",
                missing.isEmpty
                    ? "Score each criterion of the rubric once."
                    : "Score every criterion: \(missing.joined(separator: ", ")) missing.")
        }
        if draft.scores.contains(where: { !score.contains($0.score) }) {
            v.add("scores", "Each score is 1 to 5.")
        }
        if kind == .academic {
            if draft.grade == nil { v.add("grade", "Choose a grade.") }
        } else {
            if let overall = draft.overall {
                if !score.contains(overall) { v.add("overall", "The overall score is 1 to 5.") }
            } else {
                v.add("overall", "Give an overall score from 1 to 5.")
            }
        }
        v.text("comment", draft.comment, label: "Comment", range: comment, multiline: true)
        if let overall = draft.overall, overall <= 2, score.contains(overall),
            TextRules.clean(draft.comment).count < lowOverallComment
        {
            v.add(
                "comment", "An overall score of \(overall) needs a comment of at least \(lowOverallComment) characters."
            )
        }
        if correcting {
            v.text(
                "correction_reason", draft.correctionReason ?? "", label: "Reason for the correction",
                range: correctionReason, multiline: true)
        }
        try v.check()
    }
}
