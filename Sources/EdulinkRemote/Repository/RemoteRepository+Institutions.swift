import EdulinkAPI
public import EdulinkCore
import Foundation

// Signing up with a registration code, and the institution admin's codes and students, over HTTP.
extension RemoteRepository {
    public func signUp(_ form: StudentSignUp) async throws -> UserSummary {
        let output = try await call(write: false, signedIn: false, renewOn401: false) {
            try await $0.signUp(body: .json(form))
        }
        switch output {
        case .created(let created):
            let pair = try created.body.json
            await keeper.store(pair)
            return pair.user
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func registrationCodes() async throws -> [RegistrationCode] {
        switch try await call(write: false, { try await $0.listRegistrationCodes() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func createRegistrationCode(_ new: NewRegistrationCode) async throws -> RegistrationCode {
        switch try await call(write: true, { try await $0.createRegistrationCode(body: .json(new)) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func revokeRegistrationCode(_ id: RegistrationCodeID) async throws -> RegistrationCode {
        switch try await call(write: true, { try await $0.revokeRegistrationCode(path: .init(codeId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func registrationCodeUses(_ id: RegistrationCodeID) async throws -> [RegistrationCodeUse] {
        let output = try await call(write: false) {
            try await $0.listRegistrationCodeUses(path: .init(codeId: id.rawValue))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func institutionStudents(_ query: StudentQuery) async throws -> StudentPage {
        let output = try await call(write: false) {
            try await $0.listInstitutionStudents(
                query: .init(
                    q: query.text, course: query.course, year: query.yearOfStudy, stage: query.stage,
                    afterName: query.after?.name, afterId: query.after?.id.rawValue, limit: query.limit))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func institutionStudent(_ id: UserID) async throws -> InstitutionStudentDetail {
        let output = try await call(write: false) {
            try await $0.getInstitutionStudent(path: .init(studentId: id.rawValue))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func importStudents(_ request: StudentImportRequest) async throws -> StudentImportReport {
        switch try await call(write: true, { try await $0.importStudents(body: .json(request)) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func institutionListings() async throws -> [InstitutionListingUse] {
        switch try await call(write: false, { try await $0.listInstitutionListings() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func placementReport(_ period: ReportPeriod, institution: InstitutionID?) async throws -> PlacementReport {
        let output = try await call(write: false) {
            try await $0.getPlacementReport(
                query: .init(from: period.from, to: period.to, institutionId: institution?.rawValue))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
