public import EdulinkCore
import Foundation

/// A student import on the Students tab: the CSV's path, its dry run (every row by line: new,
/// already imported, refused and why), and applying it. The codes of the new students are written
/// to a new file beside the CSV in the same step as the import, readable by its owner only; if that
/// file cannot be written they stay on screen, so a code is never lost. The service judges the rows.
public struct StudentImportViewModel: Sendable {
    public enum Phase: Sendable, Equatable {
        case idle, checking, reviewed, applying, applied
    }

    /// Which rows the report shows.
    public enum RowFilter: String, Sendable, CaseIterable {
        case all, refused, new, existing

        var outcome: StudentImportOutcome? {
            switch self {
            case .all: nil
            case .refused: .refused
            case .new: .create
            case .existing: .existing
            }
        }
    }

    public struct State: Sendable, Equatable {
        /// The CSV's path as typed.
        public var path = ""
        public var phase = Phase.idle
        /// The last report: the dry run, or the applied import.
        public var report: StudentImportReport?
        /// Why the file could not be read or the import failed, in words.
        public var problem: String?
        public var filter = RowFilter.all
        public var selected = 0
        /// Where the new students' codes were written.
        public var codesPath: String?
        /// Why they could not be (they are on screen instead).
        public var codesProblem: String?

        public var rows: [StudentImportRow] {
            guard let report else { return [] }
            guard let outcome = filter.outcome else { return report.rows }
            return report.rows.filter { $0.outcome == outcome }
        }

        public var selectedRow: StudentImportRow? { rows.indices.contains(selected) ? rows[selected] : nil }

        /// Whether `apply` would import: a dry run without a refused row, not yet applied.
        public var canApply: Bool { phase == .reviewed && report?.canApply == true && report?.count(.create) ?? 0 > 0 }

        public var busy: Bool { phase == .checking || phase == .applying }
    }

    public enum Intent: Sendable, Hashable {
        case setPath(String)
        /// Reads the file and runs the dry run.
        case check
        /// Imports the file (read again: it may have been fixed since the dry run).
        case apply
        case move(Int)
        case cycleFilter
        /// Back to an empty import.
        case reset
    }

    public enum Message: Sendable {
        case checked(Result<StudentImportReport, Failure>)
        case applied(Result<StudentImportReport, Failure>, codesPath: String?, codesProblem: String?)
    }

    public private(set) var state = State()
    private var events = AppEventQueue()
    private let repository: any EdulinkRepository

    public init(repository: any EdulinkRepository) { self.repository = repository }

    public mutating func handle(_ intent: Intent) -> [Effect<Message>] { events.drain(update(intent)) }
    public mutating func handle(_ message: Message) -> [Effect<Message>] { events.drain(update(message)) }

    mutating func update(_ intent: Intent) -> [Effect<Message>] {
        guard !state.busy else { return [] }
        let repository = repository
        switch intent {
        case .setPath(let path):
            guard path != state.path else { return [] }
            state.path = path
            state.problem = nil
            if state.phase == .reviewed { state.phase = .idle }  // a new file wants a new dry run
        case .check:
            let csv: String
            do {
                csv = try StudentImportFile.read(state.path)
            } catch {
                state.problem = error.description
                return []
            }
            state.phase = .checking
            state.problem = nil
            state.codesPath = nil
            state.codesProblem = nil
            return [
                Effect(key: "import") {
                    .checked(
                        await attempt {
                            try await repository.importStudents(StudentImportRequest(csv: csv, apply: false))
                        })
                }
            ]
        case .apply:
            guard state.canApply else { return [] }
            let csv: String
            let codesURL: URL
            do {
                csv = try StudentImportFile.read(state.path)
                codesURL = try StudentImportFile.newFile(StudentImportFile.codesPath(beside: state.path))
            } catch {
                state.problem = error.description
                return []
            }
            state.phase = .applying
            state.problem = nil
            return [
                Effect(key: "import") {
                    let result = await attempt {
                        try await repository.importStudents(StudentImportRequest(csv: csv, apply: true))
                    }
                    guard case .success(let report) = result, report.applied, report.count(.create) > 0 else {
                        return .applied(result, codesPath: nil, codesProblem: nil)
                    }
                    do {
                        try StudentImportFile.writeCodes(report.rows, to: codesURL)
                        return .applied(result, codesPath: codesURL.path, codesProblem: nil)
                    } catch {
                        return .applied(result, codesPath: nil, codesProblem: "\(error)")
                    }
                }
            ]
        case .move(let delta):
            guard !state.rows.isEmpty else { return [] }
            state.selected = min(max(state.selected + delta, 0), state.rows.count - 1)
        case .cycleFilter:
            let all = RowFilter.allCases
            state.filter = all[((all.firstIndex(of: state.filter) ?? 0) + 1) % all.count]
            state.selected = 0
        case .reset:
            state = State()
        }
        return []
    }

    mutating func update(_ message: Message) -> [Effect<Message>] {
        switch message {
        case .checked(.success(let report)):
            events.succeeded()
            state.phase = .reviewed
            state.report = report
            state.selected = 0
            // The refused rows first, when there are any: they are what to fix.
            state.filter = report.count(.refused) > 0 ? .refused : .all
        case .checked(.failure(let failure)), .applied(.failure(let failure), _, _):
            events.failed(failure)
            state.phase = state.report == nil ? .idle : .reviewed
            state.problem = failure.message
        case .applied(.success(let report), let codesPath, let codesProblem):
            events.succeeded()
            state.report = report
            state.selected = 0
            state.filter = report.count(.refused) > 0 ? .refused : .all
            guard report.applied else {
                // Something changed since the dry run (another import, a sign-up): judged again.
                state.phase = .reviewed
                state.problem = "Nothing imported: the file was judged again and a row is refused now."
                return []
            }
            state.phase = .applied
            state.codesPath = codesPath
            state.codesProblem = codesProblem
            let created = report.count(.create)
            if let codesPath {
                events.post(
                    .toast(Toast("Imported \(created) students; their one-time codes are in \(codesPath).")))
            } else if created > 0 {
                events.post(
                    .toast(
                        Toast(
                            "Imported \(created) students, but the codes file could not be written: copy the codes "
                                + "from the screen now.", kind: .error)))
            } else {
                events.post(.toast(Toast("Nothing new: every student in the file is already imported.")))
            }
        }
        return []
    }
}
