public import EdulinkCore
public import Foundation

/// The institution admin's Students tab: the institution's students with search as you type,
/// filters (course, year, stage), pages by name and a read-only detail; and the registration codes
/// students sign up with (make, revoke, read who used one).
public struct StudentsViewModel: Sendable {
    public struct State: Sendable, Equatable {
        public var text = ""
        public var course: String?
        public var yearOfStudy: Int?
        public var stage: StudentStage?
        public var students: [InstitutionStudent] = []
        public var total = 0
        public var courses: [String] = []
        public var selected = 0
        /// A next page is on its way.
        public var loadingMore = false
        public var loading = false
        public var message: String?
        /// The open student, with what their detail shows.
        public var detail: InstitutionStudentDetail?
        public var codes: [RegistrationCode] = []
        public var selectedCode = 0
        /// The uses of the selected code, once asked for.
        public var uses: [RegistrationCodeUse]?
        /// The service's field errors for the new-code form.
        public var codeErrors: [FieldError] = []
        /// The code just made, to show until the next change.
        public var madeCode: RegistrationCode?

        /// Whether there are students past the ones loaded.
        public var hasMore: Bool { students.count < total }
        public var selectedStudent: InstitutionStudent? {
            students.indices.contains(selected) ? students[selected] : nil
        }
        public var selectedRegistrationCode: RegistrationCode? {
            codes.indices.contains(selectedCode) ? codes[selectedCode] : nil
        }
        /// Whether any filter narrows the list.
        public var filtered: Bool { !text.isEmpty || course != nil || yearOfStudy != nil || stage != nil }
    }

    public enum Intent: Sendable, Hashable {
        case load
        case setText(String)
        /// Next course (after the last: all courses).
        case cycleCourse
        case cycleYear
        case cycleStage
        case clearFilters
        case move(Int)
        case open
        case closeDetail
        case loadCodes
        case moveCode(Int)
        /// Makes a code: uses and days of validity as typed.
        case createCode(uses: String, days: String)
        case revokeCode
        case loadUses
        /// The CSV import (its own view-model; a finished import reloads the list).
        case importer(StudentImportViewModel.Intent)
    }

    public enum Message: Sendable {
        case page(Result<StudentPage, Failure>, appending: Bool)
        case detail(Result<InstitutionStudentDetail, Failure>)
        case codes(Result<[RegistrationCode], Failure>)
        case created(Result<RegistrationCode, Failure>)
        case revoked(Result<RegistrationCode, Failure>)
        case uses(Result<[RegistrationCodeUse], Failure>)
        case importer(StudentImportViewModel.Message)
    }

    public static let pageSize = 100
    public private(set) var state = State()
    /// The CSV import.
    public private(set) var importer: StudentImportViewModel
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository
    private let now: @Sendable () -> Date

    public init(repository: any EdulinkRepository, now: @escaping @Sendable () -> Date = { Date() }) {
        self.repository = repository
        self.now = now
        self.importer = StudentImportViewModel(repository: repository)
    }

    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    private func query(after: StudentCursor? = nil) -> StudentQuery {
        StudentQuery(
            text: state.text.isEmpty ? nil : state.text, course: state.course, yearOfStudy: state.yearOfStudy,
            stage: state.stage, after: after, limit: Self.pageSize)
    }

    /// The first page for the current filters; a newer one replaces one on its way.
    private mutating func reload() -> [Effect<Message>] {
        state.loading = true
        state.loadingMore = false
        let repository = repository
        let query = query()
        return [
            Effect(key: "students") {
                .page(await attempt { try await repository.institutionStudents(query) }, appending: false)
            }
        ]
    }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        let repository = repository
        switch intent {
        case .load:
            return reload()
        case .setText(let text):
            guard text != state.text else { return [] }
            state.text = text
            return reload()
        case .cycleCourse:
            state.course = Self.next(after: state.course, in: state.courses)
            return reload()
        case .cycleYear:
            state.yearOfStudy = Self.next(after: state.yearOfStudy, in: Array(StudentProfile.Limits.years))
            return reload()
        case .cycleStage:
            state.stage = Self.next(after: state.stage, in: StudentStage.allCases)
            return reload()
        case .clearFilters:
            guard state.filtered else { return [] }
            state.text = ""
            state.course = nil
            state.yearOfStudy = nil
            state.stage = nil
            return reload()
        case .move(let delta):
            guard !state.students.isEmpty else { return [] }
            state.selected = min(max(state.selected + delta, 0), state.students.count - 1)
            // Near the end of what is loaded, the next page comes.
            if state.selected >= state.students.count - 5, state.hasMore, !state.loadingMore, !state.loading,
                let last = state.students.last
            {
                state.loadingMore = true
                let query = query(after: last.cursor)
                return [
                    Effect(key: "students") {
                        .page(await attempt { try await repository.institutionStudents(query) }, appending: true)
                    }
                ]
            }
            return []
        case .open:
            guard let student = state.selectedStudent else { return [] }
            return [
                Effect(key: "student") {
                    .detail(await attempt { try await repository.institutionStudent(student.id) })
                }
            ]
        case .closeDetail:
            state.detail = nil
            return [.cancel("student")]
        case .importer(let intent):
            return importer.handle(intent).map(keyPrefix: "import.") { .importer($0) }
        case .loadCodes:
            return [Effect(key: "codes") { .codes(await attempt { try await repository.registrationCodes() }) }]
        case .moveCode(let delta):
            guard !state.codes.isEmpty else { return [] }
            state.selectedCode = min(max(state.selectedCode + delta, 0), state.codes.count - 1)
            state.uses = nil
            return []
        case .createCode(let usesText, let daysText):
            var problems: [FieldError] = []
            let uses = Int(usesText.trimmingCharacters(in: .whitespaces))
            let days = Int(daysText.trimmingCharacters(in: .whitespaces))
            if uses == nil { problems.append(FieldError("max_uses", "Type how many students may use it (1–1,000).")) }
            if days == nil { problems.append(FieldError("expires_at", "Type for how many days it stays open.")) }
            guard let uses, let days, problems.isEmpty else {
                state.codeErrors = problems
                return []
            }
            state.codeErrors = []
            let new = NewRegistrationCode(maxUses: uses, expiresAt: now().addingTimeInterval(Double(days) * 86_400))
            return [
                Effect(key: "code-create") {
                    .created(await attempt { try await repository.createRegistrationCode(new) })
                }
            ]
        case .revokeCode:
            guard let code = state.selectedRegistrationCode, code.revokedAt == nil else { return [] }
            return [
                Effect(key: "code-revoke") {
                    .revoked(await attempt { try await repository.revokeRegistrationCode(code.id) })
                }
            ]
        case .loadUses:
            guard let code = state.selectedRegistrationCode else { return [] }
            return [
                Effect(key: "code-uses") { .uses(await attempt { try await repository.registrationCodeUses(code.id) }) }
            ]
        }
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .importer(let message):
            let effects = importer.handle(message).map(keyPrefix: "import.") { Message.importer($0) }
            if case .applied(.success(let report), _, _) = message, report.applied, report.count(.create) > 0 {
                return effects + reload()
            }
            return effects
        case .page(.success(let page), let appending):
            events.succeeded()
            state.loading = false
            state.loadingMore = false
            state.message = nil
            state.total = page.total
            state.courses = page.courses
            if appending {
                let known = Set(state.students.map(\.id))
                state.students += page.students.filter { !known.contains($0.id) }
            } else {
                state.students = page.students
                state.selected = min(state.selected, max(0, page.students.count - 1))
            }
        case .page(.failure(let failure), _):
            events.failed(failure)
            state.loading = false
            state.loadingMore = false
            state.message = failure.message
        case .detail(.success(let detail)):
            events.succeeded()
            state.detail = detail
        case .detail(.failure(let failure)):
            events.failed(failure, toast: true)
        case .codes(.success(let codes)):
            events.succeeded()
            state.codes = codes
            state.selectedCode = min(state.selectedCode, max(0, codes.count - 1))
        case .codes(.failure(let failure)):
            events.failed(failure, toast: true)
        case .created(.success(let code)):
            events.succeeded()
            state.madeCode = code
            state.codes.insert(code, at: 0)
            state.selectedCode = 0
            state.uses = nil
            events.post(.toast(Toast("Made \(code.code): \(code.maxUses) uses.")))
        case .created(.failure(let failure)):
            if case .validation(let fields)? = failure.error {
                state.codeErrors = fields
            } else {
                events.failed(failure, toast: true)
            }
        case .revoked(.success(let code)):
            events.succeeded()
            if let index = state.codes.firstIndex(where: { $0.id == code.id }) { state.codes[index] = code }
            events.post(.toast(Toast("Revoked \(code.code): nobody signs up with it any more.")))
        case .revoked(.failure(let failure)):
            events.failed(failure, toast: true)
        case .uses(.success(let uses)):
            events.succeeded()
            state.uses = uses
        case .uses(.failure(let failure)):
            events.failed(failure, toast: true)
        }
        return []
    }

    /// The value after `current` in `values`; after the last (or an unknown one), nil (no filter);
    /// after nil, the first.
    static func next<Value: Equatable>(after current: Value?, in values: [Value]) -> Value? {
        guard let current else { return values.first }
        guard let index = values.firstIndex(of: current), index + 1 < values.count else { return nil }
        return values[index + 1]
    }
}

extension StudentsViewModel: ViewModel {}
