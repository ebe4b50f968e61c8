import Foundation
import Testing

@testable import EdulinkCore

@Suite("InstalledResources: a shipped file looked up without stopping the process")
struct InstalledResourcesTests {
    @Test("beside the executable first, the checkout last, each place once; the first that exists")
    func locations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("edulink-res-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkout = folder.appendingPathComponent("openapi.yaml")
        let places = InstalledResources.locations(
            of: "openapi.yaml", in: "Missing_Bundle.resources", checkout: checkout)
        #expect(places.last == checkout)
        #expect(places.dropLast().allSatisfy { $0.path.hasSuffix("/Missing_Bundle.resources/openapi.yaml") })
        #expect(Set(places.map(\.standardizedFileURL.path)).count == places.count)
        let executableFolder = URL(
            fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(
                atPath: "/proc/self/exe")
        ).deletingLastPathComponent()
        #expect(places.first == executableFolder.appendingPathComponent("Missing_Bundle.resources/openapi.yaml"))
        #expect(InstalledResources.first(places) == nil, "nothing there: no place, and no crash")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("openapi: 3.1.0\n".utf8).write(to: checkout)
        #expect(InstalledResources.first(places) == checkout)
    }
}
