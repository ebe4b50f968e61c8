public import Foundation

/// The period a report covers: from `from` (included) to `to` (excluded).
public struct ReportPeriod: Sendable, Equatable, Hashable, Codable {
    public var from: Date
    public var to: Date

    public init(from: Date, to: Date) {
        self.from = from
        self.to = to
    }

    /// The longest period a report covers.
    public static let longest: TimeInterval = 10 * 366 * 86_400

    public func validate() throws(EdulinkError) {
        guard from < to else { throw .validation([FieldError("from", "The period must start before it ends.")]) }
        guard to.timeIntervalSince(from) <= Self.longest else {
            throw .validation([FieldError("to", "A report covers at most ten years.")])
        }
    }
}

/// An institution's placement figures for a period (PLACEMENTS.md, Institution admin, Reports):
/// placement rate by course and year, days from a student's first application to their placement,
/// applications per student, the organizations that placed most, logbook compliance, evaluation
/// averages by criterion and grades. A placement counts in the period it was made (the offer
/// accepted); an application in the period it was sent; a logbook week in the period it was due.
public struct PlacementReport: Sendable, Equatable, Hashable, Codable {
    public var institutionID: InstitutionID
    public var institutionName: String
    public var period: ReportPeriod
    public var generatedAt: Date
    /// The institution's students now.
    public var students: Int
    /// Students with a placement made in the period (terminated ones not counted).
    public var placedStudents: Int
    /// Placements made in the period and terminated since.
    public var terminated: Int
    /// By course and year of study (a student without one is under "—").
    public var rates: [PlacementRate]
    /// The median days from a placed student's first application to the placement.
    public var medianDaysToPlacement: Double?
    /// Applications the institution's students sent in the period, and how many students sent them.
    public var applications: Int
    public var applicants: Int
    public var topOrganizations: [OrganizationPlacements]
    public var logbook: LogbookCompliance
    /// The average score (1–5) of each criterion in the final and academic evaluations written in the period.
    public var criteria: [CriterionAverage]
    /// Grades of the academic assessments written in the period.
    public var grades: [GradeCount]

    public struct PlacementRate: Sendable, Equatable, Hashable, Codable {
        public var course: String
        public var yearOfStudy: Int?
        public var students: Int
        public var placed: Int
        public init(course: String, yearOfStudy: Int?, students: Int, placed: Int) {
            self.course = course
            self.yearOfStudy = yearOfStudy
            self.students = students
            self.placed = placed
        }
        /// 0–1.
        public var rate: Double { students > 0 ? Double(placed) / Double(students) : 0 }
    }

    public struct OrganizationPlacements: Sendable, Equatable, Hashable, Codable {
        public var organization: String
        public var placements: Int
        public init(organization: String, placements: Int) {
            self.organization = organization
            self.placements = placements
        }
    }

    public struct LogbookCompliance: Sendable, Equatable, Hashable, Codable {
        /// Weeks due in the period whose entry was submitted by its due date, after it, or not at all.
        public var onTime: Int
        public var late: Int
        public var missing: Int
        /// Weeks the academic supervisor excused.
        public var excused: Int
        public init(onTime: Int = 0, late: Int = 0, missing: Int = 0, excused: Int = 0) {
            self.onTime = onTime
            self.late = late
            self.missing = missing
            self.excused = excused
        }
        public var due: Int { onTime + late + missing }
    }

    public struct CriterionAverage: Sendable, Equatable, Hashable, Codable {
        public var criterion: String
        public var average: Double
        public var evaluations: Int
        public init(criterion: String, average: Double, evaluations: Int) {
            self.criterion = criterion
            self.average = average
            self.evaluations = evaluations
        }
    }

    public struct GradeCount: Sendable, Equatable, Hashable, Codable {
        public var grade: Grade
        public var count: Int
        public init(grade: Grade, count: Int) {
            self.grade = grade
            self.count = count
        }
    }

    public init(
        institutionID: InstitutionID, institutionName: String, period: ReportPeriod, generatedAt: Date, students: Int,
        placedStudents: Int, terminated: Int, rates: [PlacementRate], medianDaysToPlacement: Double?,
        applications: Int, applicants: Int, topOrganizations: [OrganizationPlacements], logbook: LogbookCompliance,
        criteria: [CriterionAverage], grades: [GradeCount]
    ) {
        self.institutionID = institutionID
        self.institutionName = institutionName
        self.period = period
        self.generatedAt = generatedAt
        self.students = students
        self.placedStudents = placedStudents
        self.terminated = terminated
        self.rates = rates
        self.medianDaysToPlacement = medianDaysToPlacement
        self.applications = applications
        self.applicants = applicants
        self.topOrganizations = topOrganizations
        self.logbook = logbook
        self.criteria = criteria
        self.grades = grades
    }

    /// 0–1: students placed in the period among the institution's students.
    public var placementRate: Double { students > 0 ? Double(placedStudents) / Double(students) : 0 }
    public var applicationsPerStudent: Double { students > 0 ? Double(applications) / Double(students) : 0 }
}

/// One table of a report, as every output shows it: the screen, the CSV export and the CLI.
public struct ReportTable: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Hashable {
        case summary, rates, organizations, logbook, criteria, grades
    }

    public var kind: Kind
    public var title: String
    public var header: [String]
    public var rows: [[String]]
    /// The number each row is drawn as a bar with (nil: no chart), and whether it is a share (0–100 %).
    public var values: [Double]?
    public var percent: Bool

    public init(
        kind: Kind, title: String, header: [String], rows: [[String]], values: [Double]? = nil, percent: Bool = false
    ) {
        self.kind = kind
        self.title = title
        self.header = header
        self.rows = rows
        self.values = values
        self.percent = percent
    }

    /// The header and the rows, for CSV.
    public var records: [[String]] { [header] + rows }
}

extension PlacementReport {
    /// A share as people read it: `45.5 %`.
    public static func percent(_ fraction: Double) -> String { String(format: "%.1f %%", fraction * 100) }
    static func decimal(_ value: Double) -> String { String(format: "%.2f", value) }

    /// The report's tables, in the order the screen shows them.
    public var tables: [ReportTable] { ReportTable.Kind.allCases.map(table) }

    public func table(_ kind: ReportTable.Kind) -> ReportTable {
        switch kind {
        case .summary:
            let median = medianDaysToPlacement.map { String(format: "%.1f", $0) } ?? "—"
            return ReportTable(
                kind: kind, title: "Summary", header: ["figure", "value"],
                rows: [
                    ["students", String(students)], ["placed in the period", String(placedStudents)],
                    ["placement rate", Self.percent(placementRate)],
                    ["median days from first application to placement", median],
                    ["applications in the period", String(applications)],
                    ["students who applied", String(applicants)],
                    ["applications per student", Self.decimal(applicationsPerStudent)],
                    ["placements terminated", String(terminated)],
                ])
        case .rates:
            return ReportTable(
                kind: kind, title: "Placement rate by course and year",
                header: ["course", "year", "students", "placed", "rate"],
                rows: rates.map {
                    [
                        $0.course, $0.yearOfStudy.map(String.init) ?? "—", String($0.students), String($0.placed),
                        Self.percent($0.rate),
                    ]
                }, values: rates.map { $0.rate * 100 }, percent: true)
        case .organizations:
            return ReportTable(
                kind: kind, title: "Organizations that placed most", header: ["organization", "placements"],
                rows: topOrganizations.map { [$0.organization, String($0.placements)] },
                values: topOrganizations.map { Double($0.placements) })
        case .logbook:
            let parts = [
                ("on time", logbook.onTime), ("late", logbook.late), ("missing", logbook.missing),
                ("excused", logbook.excused),
            ]
            let due = max(1, logbook.due)
            return ReportTable(
                kind: kind, title: "Logbook compliance (weeks due)", header: ["weeks", "count", "share of due"],
                rows: parts.map { name, count in
                    [name, String(count), name == "excused" ? "—" : Self.percent(Double(count) / Double(due))]
                }, values: parts.map { Double($0.1) })
        case .criteria:
            return ReportTable(
                kind: kind, title: "Evaluation averages by criterion (1–5)",
                header: ["criterion", "average", "evaluations"],
                rows: criteria.map { [$0.criterion, Self.decimal($0.average), String($0.evaluations)] },
                values: criteria.map(\.average))
        case .grades:
            return ReportTable(
                kind: kind, title: "Grades", header: ["grade", "count"],
                rows: grades.map { [$0.grade.label, String($0.count)] }, values: grades.map { Double($0.count) })
        }
    }

    /// The median of `values` (nil when empty).
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

extension PlacementReport {
    /// The figures of `facts`, as of `now` (weeks not yet due are not counted).
    public static func build(
        _ facts: PlacementReportFacts, institution: Institution, period: ReportPeriod, now: Date, calendar: Calendar
    ) -> PlacementReport {
        let rates = facts.groups.map {
            PlacementRate(
                course: $0.course ?? "—", yearOfStudy: $0.yearOfStudy, students: $0.students, placed: $0.placed)
        }.sorted { ($0.course, $0.yearOfStudy ?? 0) < ($1.course, $1.yearOfStudy ?? 0) }
        let kept = facts.made.filter { $0.status != .terminated }
        let days = kept.compactMap { made in made.firstApplied.map { made.createdAt.timeIntervalSince($0) / 86_400 } }
        var byOrganization: [String: Int] = [:]
        for made in kept { byOrganization[made.organization, default: 0] += 1 }
        let organizations = byOrganization.map { OrganizationPlacements(organization: $0.key, placements: $0.value) }
            .sorted { ($1.placements, $0.organization) < ($0.placements, $1.organization) }
        return PlacementReport(
            institutionID: institution.id, institutionName: institution.name, period: period, generatedAt: now,
            students: rates.reduce(0) { $0 + $1.students }, placedStudents: rates.reduce(0) { $0 + $1.placed },
            terminated: facts.made.count { $0.status == .terminated }, rates: rates,
            medianDaysToPlacement: median(days), applications: facts.applications, applicants: facts.applicants,
            topOrganizations: Array(organizations.prefix(10)),
            logbook: compliance(facts, period: period, now: now, calendar: calendar),
            criteria: criteria(facts.evaluations), grades: grades(facts.evaluations))
    }

    /// Each week due in the period (and by `now`): on time, late, missing or excused.
    static func compliance(_ facts: PlacementReportFacts, period: ReportPeriod, now: Date, calendar: Calendar)
        -> LogbookCompliance
    {
        struct Week: Hashable {
            let placement: PlacementID
            let week: Int
        }
        var entries: [Week: PlacementReportFacts.Entry] = [:]
        entries.reserveCapacity(facts.entries.count)
        for entry in facts.entries { entries[Week(placement: entry.placementID, week: entry.week)] = entry }
        var result = LogbookCompliance()
        let until = min(period.to, now)
        for placement in facts.weeks where placement.status != .upcoming {
            let weeks = PlacementCalendar(start: placement.start, end: placement.end, calendar: calendar)
            for week in 1...weeks.weekCount {
                let due = weeks.due(week)
                guard due >= period.from, due < until else { continue }
                // A terminated placement owes nothing for the weeks after it stopped.
                if let stopped = placement.stoppedAt, weeks.weekStart(week) >= stopped { continue }
                let entry = entries[Week(placement: placement.id, week: week)]
                switch entry?.status {
                case .excused?: result.excused += 1
                case .submitted?, .approved?, .returned?:
                    if let sent = entry?.submittedAt, sent > due { result.late += 1 } else { result.onTime += 1 }
                case .draft?, nil: result.missing += 1
                }
            }
        }
        return result
    }

    static func criteria(_ evaluations: [PlacementReportFacts.Written]) -> [CriterionAverage] {
        let labels = Dictionary(
            Rubric.standard.criteria.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        var sums: [String: (total: Int, count: Int)] = [:]
        for evaluation in evaluations {
            for score in evaluation.scores {
                let current = sums[score.criterion] ?? (0, 0)
                sums[score.criterion] = (current.total + score.score, current.count + 1)
            }
        }
        let order = Rubric.standard.criteria.map(\.key)
        return sums.map { key, value in
            CriterionAverage(
                criterion: labels[key] ?? key.capitalized, average: Double(value.total) / Double(value.count),
                evaluations: value.count)
        }.sorted { lhs, rhs in
            let left = order.firstIndex(of: lhs.criterion) ?? order.count
            let right = order.firstIndex(of: rhs.criterion) ?? order.count
            return (left, lhs.criterion) < (right, rhs.criterion)
        }
    }

    static func grades(_ evaluations: [PlacementReportFacts.Written]) -> [GradeCount] {
        let graded = evaluations.compactMap { $0.kind == .academic ? $0.grade : nil }
        return Grade.allCases.map { grade in GradeCount(grade: grade, count: graded.count { $0 == grade }) }
    }
}
