import Foundation

/// An institution's bulk import of students from a CSV file (name, email, registration number,
/// course, year): first a dry run with a report on every row, then the same file applied in one
/// transaction. A registration number already in the institution is left as it is, so a second run
/// changes nothing.
public struct StudentImportRequest: Sendable, Equatable, Hashable, Codable {
    /// The file as text (UTF-8; a byte-order mark is ignored).
    public var csv: String
    /// False: report only. True: create the students, unless a row is refused (then nothing is).
    public var apply: Bool
    /// The institution to import into: an institution admin's own when nil; an admin must name it.
    public var institutionID: InstitutionID?

    public init(csv: String, apply: Bool, institutionID: InstitutionID? = nil) {
        self.csv = csv
        self.apply = apply
        self.institutionID = institutionID
    }
}

/// What the import does with a row.
public enum StudentImportOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// A new student (created when applied).
    case create
    /// The institution already has a student with this registration number: left unchanged.
    case existing
    /// Something is wrong with the row; while any row is refused, nothing is imported.
    case refused
}

/// One row of the file and what the import does with it.
public struct StudentImportRow: Sendable, Equatable, Hashable, Codable {
    /// The file's line the record starts on (the header is line 1).
    public var line: Int
    public var name: String
    public var email: String
    public var registrationNumber: String
    public var course: String?
    public var yearOfStudy: Int?
    public var outcome: StudentImportOutcome
    /// Why the row is refused (empty otherwise).
    public var problems: [String]
    /// What the import changed or noticed without refusing the row (a course's spelling).
    public var notes: [String]
    /// The student's account: the existing one, or the one made when applied.
    public var userID: UserID?
    /// A new student's one-time sign-in code: in the applied report only, shown this once.
    public var oneTimeCode: String?

    public init(
        line: Int, name: String, email: String, registrationNumber: String, course: String? = nil,
        yearOfStudy: Int? = nil, outcome: StudentImportOutcome = .create, problems: [String] = [],
        notes: [String] = [], userID: UserID? = nil, oneTimeCode: String? = nil
    ) {
        self.line = line
        self.name = name
        self.email = email
        self.registrationNumber = registrationNumber
        self.course = course
        self.yearOfStudy = yearOfStudy
        self.outcome = outcome
        self.problems = problems
        self.notes = notes
        self.userID = userID
        self.oneTimeCode = oneTimeCode
    }
}

/// The report of an import: every row, what is wrong with the file as a whole, and whether it was
/// applied.
public struct StudentImportReport: Sendable, Equatable, Hashable, Codable {
    /// True when the students were created; false for a dry run or a refused file.
    public var applied: Bool
    public var rows: [StudentImportRow]
    /// Problems with the whole file (no header, a missing column, too many rows); none means the
    /// rows could be read.
    public var fileProblems: [String]
    /// Courses the file names that none of the institution's students has yet, with how many rows
    /// name each: a typo shows up here before it is imported.
    public var newCourses: [NewCourse]

    public struct NewCourse: Sendable, Equatable, Hashable, Codable {
        public var course: String
        public var rows: Int
        public init(course: String, rows: Int) {
            self.course = course
            self.rows = rows
        }
    }

    public init(applied: Bool, rows: [StudentImportRow], fileProblems: [String] = [], newCourses: [NewCourse] = []) {
        self.applied = applied
        self.rows = rows
        self.fileProblems = fileProblems
        self.newCourses = newCourses
    }

    public func count(_ outcome: StudentImportOutcome) -> Int { rows.count { $0.outcome == outcome } }

    /// Whether applying it would import: the file reads and no row is refused.
    public var canApply: Bool { fileProblems.isEmpty && count(.refused) == 0 }

    /// One line for people: what the run did or would do.
    public var summary: String {
        if !fileProblems.isEmpty { return fileProblems.joined(separator: " ") }
        let counts =
            "\(count(.create)) new, \(count(.existing)) already imported, \(count(.refused)) refused"
        if applied { return "Imported: \(counts)." }
        if count(.refused) > 0 {
            return "\(counts). Fix the refused rows (by line) and check again: while a row is refused, nothing "
                + "is imported."
        }
        return "Dry run: \(counts). Nothing is changed until you apply it."
    }
}

/// Reads an import file and judges its rows: pure, so the service, the CLI's messages and the tests
/// share it. The service supplies what the database knows (``Known``).
public enum StudentImportRules {
    /// The most rows one file may have, and its largest size.
    public static let maxRows = 20_000
    public static let maxBytes = 8_000_000

    /// What the database knows that the rows are checked against.
    public struct Known: Sendable {
        /// The institution's students by registration number: their account and email.
        public var registrationNumbers: [String: (id: UserID, email: String)]
        /// Emails of the file that an account already has, lowercased.
        public var takenEmails: Set<String>
        /// The courses the institution's students have.
        public var courses: [String]

        public init(
            registrationNumbers: [String: (id: UserID, email: String)], takenEmails: Set<String>, courses: [String]
        ) {
            self.registrationNumbers = registrationNumbers
            self.takenEmails = takenEmails
            self.courses = courses
        }
    }

    /// A record as read: its line and its cells by column.
    public struct Record: Sendable, Equatable {
        public var line: Int
        public var name: String
        public var email: String
        public var registrationNumber: String
        public var course: String
        public var year: String
    }

    /// The columns, by the names a header may give them (compared without case, spaces or
    /// punctuation).
    enum Column: CaseIterable {
        case name, email, registrationNumber, course, year

        var names: Set<String> {
            switch self {
            case .name: ["name", "fullname", "displayname", "studentname"]
            case .email: ["email", "emailaddress", "mail"]
            case .registrationNumber:
                ["registrationnumber", "registrationno", "regno", "regnumber", "admissionnumber", "studentnumber"]
            case .course: ["course", "programme", "program"]
            case .year: ["year", "yearofstudy", "studyyear"]
            }
        }

        var label: String {
            switch self {
            case .name: "name"
            case .email: "email"
            case .registrationNumber: "registration number"
            case .course: "course"
            case .year: "year"
            }
        }
    }

    /// The file's records, or what stops it from being read.
    public static func records(_ csv: String) -> (records: [Record], problems: [String]) {
        guard csv.utf8.count <= maxBytes else {
            return ([], ["The file is larger than \(maxBytes / 1_000_000) MB; split it and import each part."])
        }
        let lines = CSVRecords.parse(csv)
        guard let header = lines.first(where: { !$0.cells.allSatisfy(\.isEmpty) }) else {
            return ([], ["The file is empty. It needs a header line: name,email,registration number,course,year."])
        }
        let keys = header.cells.map { cell in
            String(cell.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
        }
        var index: [Column: Int] = [:]
        for column in Column.allCases {
            if let at = keys.firstIndex(where: column.names.contains) { index[column] = at }
        }
        let missing = [Column.name, .email, .registrationNumber].filter { index[$0] == nil }
        guard missing.isEmpty else {
            return (
                [],
                [
                    "Line \(header.line) is not a header with the columns name, email and registration number "
                        + "(course and year are optional); missing: \(missing.map(\.label).joined(separator: ", "))."
                ]
            )
        }
        func cell(_ record: CSVRecords.Line, _ column: Column) -> String {
            guard let at = index[column], record.cells.indices.contains(at) else { return "" }
            return record.cells[at].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let body = lines.drop { $0.line <= header.line }.filter { !$0.cells.allSatisfy(\.isEmpty) }
        guard body.count <= maxRows else {
            return ([], ["The file has \(body.count) rows; import at most \(maxRows) at a time."])
        }
        guard !body.isEmpty else { return ([], ["The file has a header and no students."]) }
        let records = body.map { line in
            Record(
                line: line.line, name: cell(line, .name), email: cell(line, .email),
                registrationNumber: cell(line, .registrationNumber), course: cell(line, .course),
                year: cell(line, .year))
        }
        return (records, [])
    }

    /// Judges every record against the rules of accounts and profiles, against each other
    /// (the same email or registration number twice) and against what the database knows.
    public static func review(_ records: [Record], known: Known) -> (
        rows: [StudentImportRow], newCourses: [StudentImportReport.NewCourse]
    ) {
        var firstLineOfNumber: [String: Int] = [:]
        var firstLineOfEmail: [String: Int] = [:]
        var coursesByKey: [String: String] = [:]
        for course in known.courses { coursesByKey[course.lowercased()] = course }
        var newCourseRows: [String: Int] = [:]
        let rows = records.map { record -> StudentImportRow in
            let email = AccountRules.normalizeEmail(record.email)
            let name = TextRules.clean(record.name)
            var problems: [String] = []
            var notes: [String] = []
            let year: Int? = record.year.isEmpty ? nil : Int(record.year)
            if !record.year.isEmpty && year == nil { problems.append("year \"\(record.year)\" is not a number") }
            var course: String? = record.course.isEmpty ? nil : TextRules.clean(record.course)
            if let typed = course {
                if let known = coursesByKey[typed.lowercased()] {
                    if known != typed { notes.append("course written as \"\(known)\", as your other students have it") }
                    course = known
                } else {
                    newCourseRows[typed, default: 0] += 1
                }
            }
            let content = ProfileContent(
                registrationNumber: record.registrationNumber.isEmpty ? nil : record.registrationNumber,
                yearOfStudy: year, course: course
            ).cleaned()
            do throws(EdulinkError) {
                try AccountRules.validate(email: email, displayName: name, phone: nil)
                try content.validate()
            } catch {
                problems += error.fieldErrors.map(\.message)
            }
            let number = content.registrationNumber ?? ""
            var outcome = StudentImportOutcome.create
            var userID: UserID?
            if number.isEmpty {
                problems.append("no registration number: an import tells students apart by it")
            } else if let line = firstLineOfNumber[number] {
                problems.append("registration number \(number) is on line \(line) too")
            } else {
                firstLineOfNumber[number] = record.line
                if let existing = known.registrationNumbers[number] {
                    outcome = .existing
                    userID = existing.id
                    if existing.email != email {
                        notes.append("already imported with the email \(existing.email); left as it is")
                    }
                }
            }
            if !email.isEmpty {
                if let line = firstLineOfEmail[email] {
                    problems.append("email \(email) is on line \(line) too")
                } else {
                    firstLineOfEmail[email] = record.line
                    if outcome == .create && known.takenEmails.contains(email.lowercased()) {
                        problems.append("an account with the email \(email) already exists")
                    }
                }
            }
            return StudentImportRow(
                line: record.line, name: name, email: email, registrationNumber: number, course: course,
                yearOfStudy: year, outcome: problems.isEmpty ? outcome : .refused, problems: problems, notes: notes,
                userID: problems.isEmpty ? userID : nil)
        }
        let newCourses = newCourseRows.map { StudentImportReport.NewCourse(course: $0.key, rows: $0.value) }
            .sorted { ($0.rows, $1.course) > ($1.rows, $0.course) }
        return (rows, newCourses)
    }
}

/// RFC 4180 records with the line each starts on: fields quoted with `"` may hold commas, quotes
/// (doubled) and line breaks; records end at LF or CRLF; a leading byte-order mark is skipped.
enum CSVRecords {
    struct Line: Equatable {
        var line: Int
        var cells: [String]
    }

    static func parse(_ text: String) -> [Line] {
        var lines: [Line] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var lineNumber = 1
        var recordStart = 1
        var characters = text.unicodeScalars.makeIterator()
        var pending = characters.next()
        if pending == "\u{FEFF}" { pending = characters.next() }
        func endRecord() {
            cells.append(cell)
            lines.append(Line(line: recordStart, cells: cells))
            cells = []
            cell = ""
        }
        var atRecordStart = true
        while let scalar = pending {
            pending = characters.next()
            if atRecordStart {
                recordStart = lineNumber
                atRecordStart = false
            }
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        cell.unicodeScalars.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { lineNumber += 1 }
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where cell.isEmpty: quoted = true
            case ",":
                cells.append(cell)
                cell = ""
            case "\r" where pending == "\n": continue
            case "\n", "\r":
                endRecord()
                lineNumber += 1
                atRecordStart = true
            default: cell.unicodeScalars.append(scalar)
            }
        }
        if !atRecordStart { endRecord() }
        return lines
    }
}
