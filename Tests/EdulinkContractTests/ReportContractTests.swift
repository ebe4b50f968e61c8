import EdulinkCore
import Foundation
import Testing

/// An institution's placement report on every backend: each figure from real placements, logbooks
/// and evaluations, for its period only, and for its own institution only.
@Suite("Contract: placement reports", .timeLimit(.minutes(10)))
struct ReportContractTests {
    @Test(
        "the report counts placements, applications, logbook weeks, criteria and grades of its period",
        arguments: ContractBackend.all)
    func figures(_ backend: ContractBackend) async throws {
        try await withWorld(backend, students: 2) { w in
            let started = w.now
            let early = try await PlacementWorld.make(w, weeks: 2)
            let p = try await early.advance(toDay: 1)
            let id = p.placement.id
            // Week 1 on time; week 2 never written.
            let week1 = try await p.student.saveLogbookEntry(id, week: 1, PlacementWorld.content, submit: true)
            _ = try await p.workplace.reviewLogbookEntry(week1.id, .approve)
            let q = try await p.advance(toDay: 18)
            _ = try await q.workplace.submitEvaluation(id, .final, PlacementWorld.evaluation())
            _ = try await q.academic.submitEvaluation(
                id, .academic, EvaluationDraft(grade: .merit, comment: String(repeating: "Good placement. ", count: 5)))

            let period = ReportPeriod(from: started.addingTimeInterval(-86_400), to: q.w.now.addingTimeInterval(60))
            let report = try await q.institutionAdmin.placementReport(period, institution: nil)
            #expect(report.institutionName == w.institution.name)
            #expect(report.students == 2 && report.placedStudents == 1 && report.terminated == 0)
            #expect(report.rates.map(\.placed) == [1] && report.rates.first?.course == "Computer Science")
            #expect(report.placementRate == 0.5)
            // Student 0 applied once (the placement's listing), student 1 never: one application.
            #expect(report.applications == 1 && report.applicants == 1)
            #expect(report.medianDaysToPlacement.map { $0 >= 0 && $0 < 1 } == true)
            #expect(report.topOrganizations.map(\.organization) == [w.organization.name])
            #expect(report.logbook == PlacementReport.LogbookCompliance(onTime: 1, late: 0, missing: 1, excused: 0))
            #expect(report.criteria.count == Rubric.standard.criteria(for: .final).count)
            #expect(report.criteria.allSatisfy { $0.average == 4 && $0.evaluations == 1 })
            #expect(report.grades.first { $0.grade == .merit }?.count == 1)
            // The same figures as tables for the screen, the CSV and the CLI.
            #expect(report.table(.rates).rows == [["Computer Science", "3", "2", "1", "50.0 %"]])
            #expect(report.table(.logbook).rows.first == ["on time", "1", "50.0 %"])

            // A period before anything happened is empty but for the students.
            let before = try await q.institutionAdmin.placementReport(
                ReportPeriod(from: started.addingTimeInterval(-90 * 86_400), to: started.addingTimeInterval(-86_400)),
                institution: nil)
            #expect(before.students == 2 && before.placedStudents == 0 && before.applications == 0)
            #expect(before.logbook.due == 0 && before.criteria.isEmpty && before.medianDaysToPlacement == nil)
        }
    }

    @Test(
        "only the institution's admin (or an admin naming it) reads its report; a bad period says why",
        arguments: ContractBackend.all)
    func access(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let office = try await InstitutionContractTests.institutionAdmin(
                w, "office@uon.example", of: w.institution.id)
            let period = ReportPeriod(from: w.now.addingTimeInterval(-30 * 86_400), to: w.now)
            #expect(try await office.placementReport(period, institution: nil).students == 3)
            #expect(try await w.admin.placementReport(period, institution: w.institution.id).students == 3)
            let other = try await w.world.setup.acting(as: .localOperator()).createInstitution(
                Institution(name: "Kenyatta University", shortCode: "KU", type: .university, verified: true))
            #expect(isNotFound(await edulinkError { try await office.placementReport(period, institution: other.id) }))
            #expect(
                isValidation(
                    await edulinkError { try await w.admin.placementReport(period, institution: nil) }, "institution"))
            for outsider in [w.student, w.employer] {
                let error = await edulinkError { try await outsider.placementReport(period, institution: nil) }
                #expect(error != nil)
            }
            #expect(
                isValidation(
                    await edulinkError {
                        try await office.placementReport(ReportPeriod(from: w.now, to: w.now), institution: nil)
                    }, "from"))
        }
    }
}
