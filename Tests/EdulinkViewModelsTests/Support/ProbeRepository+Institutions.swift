import EdulinkCore
import Foundation

// Signing up and the institution admin's codes and students, forwarded and recorded.
extension ProbeRepository {
    func signUp(_ form: StudentSignUp) async throws -> UserSummary {
        try record("signUp")
        return try await base.signUp(form)
    }

    func registrationCodes() async throws -> [RegistrationCode] {
        try record("registrationCodes")
        return try await base.registrationCodes()
    }

    func createRegistrationCode(_ new: NewRegistrationCode) async throws -> RegistrationCode {
        try record("createRegistrationCode")
        return try await base.createRegistrationCode(new)
    }

    func revokeRegistrationCode(_ id: RegistrationCodeID) async throws -> RegistrationCode {
        try record("revokeRegistrationCode")
        return try await base.revokeRegistrationCode(id)
    }

    func registrationCodeUses(_ id: RegistrationCodeID) async throws -> [RegistrationCodeUse] {
        try record("registrationCodeUses")
        return try await base.registrationCodeUses(id)
    }

    func institutionStudents(_ query: StudentQuery) async throws -> StudentPage {
        try record("institutionStudents")
        return try await base.institutionStudents(query)
    }

    func institutionStudent(_ id: UserID) async throws -> InstitutionStudentDetail {
        try record("institutionStudent")
        return try await base.institutionStudent(id)
    }

    func importStudents(_ request: StudentImportRequest) async throws -> StudentImportReport {
        try record("importStudents")
        return try await base.importStudents(request)
    }

    func institutionListings() async throws -> [InstitutionListingUse] {
        try record("institutionListings")
        return try await base.institutionListings()
    }

    func placementReport(_ period: ReportPeriod, institution: InstitutionID?) async throws -> PlacementReport {
        try record("placementReport")
        return try await base.placementReport(period, institution: institution)
    }
}
