public import Foundation

/// What a placement report is computed from, as the store reads it for one institution and period
/// (`PlacementReport.build` turns it into figures).
public struct PlacementReportFacts: Sendable {
    public struct Group: Sendable {
        public var course: String?
        public var yearOfStudy: Int?
        public var students: Int
        public var placed: Int
    }

    public struct Made: Sendable {
        public var status: PlacementStatus
        public var createdAt: Date
        public var organization: String
        /// When the student sent their first application.
        public var firstApplied: Date?
    }

    public struct Weeks: Sendable {
        public var id: PlacementID
        public var status: PlacementStatus
        public var start: Date
        public var end: Date
        /// When a terminated placement stopped (its last change).
        public var stoppedAt: Date?
    }

    public struct Entry: Sendable {
        public var placementID: PlacementID
        public var week: Int
        public var status: LogbookStatus
        public var submittedAt: Date?
    }

    public struct Written: Sendable {
        public var kind: EvaluationKind
        public var scores: [CriterionScore]
        public var grade: Grade?
    }

    public var groups: [Group]
    public var made: [Made]
    public var applications: Int
    public var applicants: Int
    public var weeks: [Weeks]
    public var entries: [Entry]
    public var evaluations: [Written]
}

// The figures of an institution's placement report: statements both stores run alike.
extension SQLSession {
    public func placementReportFacts(institutionID: InstitutionID, period: ReportPeriod) throws -> PlacementReportFacts
    {
        let student = Role.student.rawValue
        let terminated = PlacementStatus.terminated.rawValue
        let groups = try select(
            """
            SELECT p.course, p.year_of_study, count(*) AS students,
                sum(CASE WHEN EXISTS (
                    SELECT 1 FROM placements pl WHERE pl.student_id = u.id AND pl.status <> ?
                    AND pl.created_at >= ? AND pl.created_at < ?) THEN 1 ELSE 0 END) AS placed
            FROM users u LEFT JOIN student_profiles p ON p.user_id = u.id
            WHERE u.role = ? AND u.institution_id = ?
            GROUP BY p.course, p.year_of_study
            """, [terminated, period.from, period.to, student, institutionID]
        ) { r in
            PlacementReportFacts.Group(
                course: try r.optionalString("course"), yearOfStudy: try r.optionalInt("year_of_study"),
                students: try r.int("students"), placed: try r.int("placed"))
        }
        let made = try select(
            """
            SELECT pl.status, pl.created_at, o.name AS organization_name,
                (SELECT min(a.submitted_at) FROM applications a WHERE a.student_id = pl.student_id) AS first_applied
            FROM placements pl JOIN organizations o ON o.id = pl.organization_id
            WHERE pl.institution_id = ? AND pl.created_at >= ? AND pl.created_at < ?
            """, [institutionID, period.from, period.to]
        ) { r in
            PlacementReportFacts.Made(
                status: try r.value(PlacementStatus.self, "status"), createdAt: try r.date("created_at"),
                organization: try r.string("organization_name"), firstApplied: try r.optionalDate("first_applied"))
        }
        let sent = try selectOne(
            """
            SELECT count(*) AS applications, count(DISTINCT a.student_id) AS applicants
            FROM applications a JOIN users u ON u.id = a.student_id
            WHERE u.role = ? AND u.institution_id = ? AND a.submitted_at >= ? AND a.submitted_at < ?
            """, [student, institutionID, period.from, period.to]
        ) { r in (applications: try r.int("applications"), applicants: try r.int("applicants")) }
        // Placements with a week that can fall due in the period (a week is due three days after it ends).
        let overlapping = "pl.institution_id = ? AND pl.start_date < ? AND pl.end_date >= ?"
        let overlapValues: [any ColumnValueConvertible] = [
            institutionID, period.to, period.from.addingTimeInterval(-14 * 86_400),
        ]
        let weeks = try select(
            "SELECT pl.id, pl.status, pl.start_date, pl.end_date, pl.updated_at FROM placements pl WHERE \(overlapping)",
            overlapValues
        ) { r in
            let status = try r.value(PlacementStatus.self, "status")
            return PlacementReportFacts.Weeks(
                id: try r.id("id"), status: status, start: try r.date("start_date"), end: try r.date("end_date"),
                stoppedAt: status == .terminated ? try r.date("updated_at") : nil)
        }
        let entries = try select(
            """
            SELECT e.placement_id, e.week, e.status, e.submitted_at
            FROM logbook_entries e JOIN placements pl ON pl.id = e.placement_id WHERE \(overlapping)
            """, overlapValues
        ) { r in
            PlacementReportFacts.Entry(
                placementID: try r.id("placement_id"), week: try r.int("week"),
                status: try r.value(LogbookStatus.self, "status"), submittedAt: try r.optionalDate("submitted_at"))
        }
        let written = try select(
            """
            SELECT e.kind, e.scores, e.grade FROM evaluations e JOIN placements pl ON pl.id = e.placement_id
            WHERE pl.institution_id = ? AND e.kind IN (?, ?) AND e.submitted_at >= ? AND e.submitted_at < ?
            AND e.version = (SELECT max(x.version) FROM evaluations x WHERE x.placement_id = e.placement_id
                AND x.kind = e.kind)
            """,
            [
                institutionID, EvaluationKind.final.rawValue, EvaluationKind.academic.rawValue, period.from,
                period.to,
            ]
        ) { r in
            (
                kind: try r.value(EvaluationKind.self, "kind"), scores: try r.string("scores"),
                grade: try r.optionalString("grade").flatMap(Grade.init(rawValue:))
            )
        }
        // Every evaluation's scores in one decoding (one JSON array of them), not one decoder per row.
        let scores: [[CriterionScore]]
        do {
            scores =
                written.isEmpty
                ? []
                : try JSONDecoder().decode(
                    [[CriterionScore]].self,
                    from: Data(("[" + written.map(\.scores).joined(separator: ",") + "]").utf8))
        } catch {
            throw EdulinkError.unavailable("The database holds unreadable data in column scores: \(error).")
        }
        let evaluations = zip(written, scores).map { row, scores in
            PlacementReportFacts.Written(kind: row.kind, scores: scores, grade: row.grade)
        }
        return PlacementReportFacts(
            groups: groups, made: made, applications: sent?.applications ?? 0, applicants: sent?.applicants ?? 0,
            weeks: weeks, entries: entries, evaluations: evaluations)
    }
}
