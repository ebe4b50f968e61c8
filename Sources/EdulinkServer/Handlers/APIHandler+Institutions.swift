import EdulinkAPI
import EdulinkCore
import Foundation

// The institution admin's registration codes and students, and signing up with a code.
extension APIHandler {
    /// Counted by the sign-in rate limit: a refused code stays counted (guessing codes costs the
    /// same as guessing passwords); an account created, or details to fix, do not.
    func signUp(_ input: Operations.SignUp.Input) async throws -> Operations.SignUp.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let user = try await throttled(
            email: body.email, counts: { ($0 as? EdulinkError)?.refusalCode == .registrationCodeInvalid }
        ) { address in
            try await service.signUp(body, origin: .api, source: address)
        }
        let issued = try await tokens.startSession(for: user)
        return .created(.init(body: .json(try Self.pair(issued))))
    }

    func listRegistrationCodes(_ input: Operations.ListRegistrationCodes.Input) async throws
        -> Operations.ListRegistrationCodes.Output
    {
        .ok(.init(body: .json(try await acting().registrationCodes(in: nil))))
    }

    func createRegistrationCode(_ input: Operations.CreateRegistrationCode.Input) async throws
        -> Operations.CreateRegistrationCode.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        return .created(.init(body: .json(try await acting().createRegistrationCode(body, in: nil))))
    }

    func revokeRegistrationCode(_ input: Operations.RevokeRegistrationCode.Input) async throws
        -> Operations.RevokeRegistrationCode.Output
    {
        .ok(.init(body: .json(try await acting().revokeRegistrationCode(RegistrationCodeID(input.path.codeId)))))
    }

    func listRegistrationCodeUses(_ input: Operations.ListRegistrationCodeUses.Input) async throws
        -> Operations.ListRegistrationCodeUses.Output
    {
        .ok(.init(body: .json(try await acting().registrationCodeUses(RegistrationCodeID(input.path.codeId)))))
    }

    func listInstitutionStudents(_ input: Operations.ListInstitutionStudents.Input) async throws
        -> Operations.ListInstitutionStudents.Output
    {
        let q = input.query
        var after: StudentCursor?
        if let name = q.afterName, let id = q.afterId { after = StudentCursor(name: name, id: UserID(id)) }
        let query = StudentQuery(
            text: q.q, course: q.course, yearOfStudy: q.year, stage: q.stage, after: after, limit: q.limit ?? 100)
        return .ok(.init(body: .json(try await acting().institutionStudents(query))))
    }

    func getInstitutionStudent(_ input: Operations.GetInstitutionStudent.Input) async throws
        -> Operations.GetInstitutionStudent.Output
    {
        .ok(.init(body: .json(try await acting().institutionStudent(UserID(input.path.studentId)))))
    }

    func importStudents(_ input: Operations.ImportStudents.Input) async throws -> Operations.ImportStudents.Output {
        guard case .json(let request) = input.body else { throw EdulinkError.validation([]) }
        return .ok(.init(body: .json(try await acting().importStudents(request))))
    }

    func listInstitutionListings(_ input: Operations.ListInstitutionListings.Input) async throws
        -> Operations.ListInstitutionListings.Output
    {
        .ok(.init(body: .json(try await acting().institutionListings())))
    }

    func getPlacementReport(_ input: Operations.GetPlacementReport.Input) async throws
        -> Operations.GetPlacementReport.Output
    {
        let q = input.query
        let report = try await acting().placementReport(
            ReportPeriod(from: q.from, to: q.to), institution: q.institutionId.map { InstitutionID($0) })
        return .ok(.init(body: .json(report)))
    }
}
