public import EdulinkCore
public import Foundation

/// "Export my data" (PLACEMENTS.md, Privacy), for every role: everything stored about the
/// signed-in person, written as JSON to `edulink-export-<date>.json` (readable by the owner only,
/// never over another file) in the first folder that takes it — the current one, else the home
/// folder. The shell keeps one and says where the file went.
public struct MyDataExport: Sendable, Equatable {
    public var exporting = false
    /// Where the last export went.
    public var writtenTo: String?

    public init() {}

    /// The file name for an export made on `date` (the day in `calendar`'s time zone).
    public static func fileName(at date: Date, calendar: Calendar = .current) -> String {
        let day = calendar.dateComponents([.year, .month, .day], from: date)
        let text = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
        return "edulink-export-\(text)"
    }

    /// Starts an export into the first of `folders` that can be written; none while one is on its way.
    public mutating func start(
        repository: any EdulinkRepository, folders: [String], at date: Date, calendar: Calendar = .current
    ) -> Effect<Result<String, Failure>>? {
        guard !exporting else { return nil }
        exporting = true
        let name = Self.fileName(at: date, calendar: calendar)
        return Effect(key: "export-my-data") {
            await attempt {
                let data = try await repository.exportMyData().jsonData() + Data("\n".utf8)
                var reasons: [String] = []
                for folder in folders {
                    let path = PrivateFile.unusedPath(in: folder, name: name, extension: "json")
                    do {
                        try PrivateFile.create(path, contents: data)
                        return path
                    } catch let failure as PrivateFile.Failure {
                        reasons.append(failure.description)
                    }
                }
                throw Failure(message: "Your data was not saved: " + reasons.joined(separator: "; ") + ".")
            }
        }
    }

    /// Takes the outcome: a toast says where the file is, or what went wrong.
    public mutating func finish(_ result: Result<String, Failure>, events: inout AppEventQueue) {
        exporting = false
        switch result {
        case .success(let path):
            events.succeeded()
            writtenTo = path
            events.post(.toast(Toast("Your data is in \(path) (readable by you only).")))
        case .failure(let failure):
            events.failed(failure, toast: true)
        }
    }
}
