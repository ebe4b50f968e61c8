import EdulinkCore
import Foundation
import Testing

@Suite("Contract: data exports are security events", .timeLimit(.minutes(10)))
struct ExportContractTests {
    @Test(
        "an employer's applicants export and an admin's audit export are recorded as data_export",
        arguments: ContractBackend.all)
    func recorded(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            try await w.employer.recordExport(.applicants(w.listing.id, rows: 12))
            try await w.admin.recordExport(.audit(rows: 3))
            let events = try await w.admin.securityEvents(kind: .dataExport, user: nil, since: nil, limit: 10)
            #expect(events.count == 2)
            #expect(events.contains { $0.detail.hasPrefix("12 applicants of listing #\(w.listing.id.rawValue)") })
            #expect(events.contains { $0.detail == "3 audit events exported to CSV" })
            let employerID = try #require(await w.employer.currentUser()?.id)
            #expect(events.contains { $0.userID == employerID })
        }
    }

    @Test(
        "refused: another employer's applicants, a student, an employer's audit export, a negative count",
        arguments: ContractBackend.all)
    func refused(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let rival = try await w.rivalEmployer()
            let other = await edulinkError { try await rival.recordExport(.applicants(w.listing.id, rows: 1)) }
            #expect(other == .notFound("Listing"))
            #expect(
                await edulinkError { try await w.student.recordExport(.applicants(w.listing.id, rows: 1)) } != nil)
            #expect(
                await edulinkError { try await w.employer.recordExport(.audit(rows: 1)) }.map(isForbidden) == true)
            let negative = await edulinkError { try await w.employer.recordExport(.applicants(w.listing.id, rows: -1)) }
            #expect(negative?.fieldErrors.map(\.field) == ["rows"])
            let events = try await w.admin.securityEvents(kind: .dataExport, user: nil, since: nil, limit: 10)
            #expect(events.isEmpty)
        }
    }
}
