import Foundation

/// Local mode: the service is the repository. Its use cases already have `EdulinkRepository`'s
/// signatures (each reads its principal from the `Caller` it is bound to), so only the session's
/// own calls are written here: a service from `localSession(mode:origin:)` signs one person in
/// and out on this machine.
///
/// ```swift
/// let repository: any EdulinkRepository = service.localSession(mode: .local(path: path))
/// _ = try await repository.login(email: email, password: password)
/// ```
extension EdulinkService: EdulinkRepository {
    public var mode: RepositoryMode { binding.mode }

    public func login(email: String, password: String) async throws -> UserSummary {
        guard let session = localSession else {
            throw EdulinkError.unauthenticated("This service acts for a fixed caller; it has no sign-in of its own.")
        }
        let user = try await login(email: email, password: password, origin: session.origin, source: "local")
        await session.begin(user, at: user.lastLoginAt ?? now())
        return user.publicProfile
    }

    public func signUp(_ form: StudentSignUp) async throws -> UserSummary {
        guard let session = localSession else {
            throw EdulinkError.unauthenticated("This service acts for a fixed caller; it has no sign-in of its own.")
        }
        let user = try await signUp(form, origin: session.origin, source: "local")
        await session.begin(user, at: user.lastLoginAt ?? now())
        return user.publicProfile
    }

    public func logout() async { await localSession?.end() }

    public func currentUser() async -> UserSummary? { await localSession?.user?.publicProfile }

    /// The idle lock's check; a refusal that ends the account's sign-in (the fifth wrong password
    /// locks it) signs this session out too.
    public func reauthenticate(password: String) async throws {
        do {
            let user = try await reauthenticate(password: password, source: "local")
            await localSession?.update(user)
        } catch let error as EdulinkError {
            if case .unauthenticated = error { await localSession?.end() }
            throw error
        }
    }

    // The institution admin's own institution (the service's `in:` names another for admins).
    public func registrationCodes() async throws -> [RegistrationCode] { try await registrationCodes(in: nil) }
    public func institutionListings() async throws -> [InstitutionListingUse] { try await institutionListings(in: nil) }
    public func placementReport(_ period: ReportPeriod, institution: InstitutionID?) async throws -> PlacementReport {
        try await placementReport(period, in: institution)
    }

    public func createRegistrationCode(_ new: NewRegistrationCode) async throws -> RegistrationCode {
        try await createRegistrationCode(new, in: nil)
    }
}
