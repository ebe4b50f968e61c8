import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

@Suite("Export my data")
struct MyDataExportTests {
    @Test("the person's data goes to a new 0600 file in the first folder that takes it; a toast says where")
    func export() async throws {
        try await withWorld { w in
            let folder = w.directory.appendingPathComponent("exports", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let missing = w.directory.appendingPathComponent("no-such-folder").path
            var export = MyDataExport()
            let name = MyDataExport.fileName(at: w.now, calendar: Fixture.calendar)
            #expect(name == "edulink-export-2026-09-21")
            let started = export.start(
                repository: w.student, folders: [missing, folder.path], at: w.now, calendar: Fixture.calendar)
            let effect = try #require(started)
            #expect(export.exporting)
            #expect(export.start(repository: w.student, folders: [folder.path], at: w.now) == nil)
            let result = try #require(await effect.operation?())
            var events = AppEventQueue()
            export.finish(result, events: &events)
            let path = folder.appendingPathComponent("\(name).json").path
            #expect(export.writtenTo == path && !export.exporting)
            #expect(events.take() == [.toast(Toast("Your data is in \(path) (readable by you only)."))])
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let document = try decoder.decode(
                PersonalDataExport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(document.account.id == w.studentID)
            #expect(w.student.calls.contains("exportMyData"))

            // A second export the same day never replaces the first.
            let restarted = export.start(repository: w.student, folders: [folder.path], at: w.now)
            let second = try #require(restarted)
            export.finish(try #require(await second.operation?()), events: &events)
            #expect(export.writtenTo == folder.appendingPathComponent("\(name)-2.json").path)
        }
    }
}
