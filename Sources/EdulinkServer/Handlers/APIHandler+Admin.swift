import EdulinkAPI
import EdulinkCore
import Foundation

// Administration: users, audit and security events, health.
extension APIHandler {
    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let users = try await acting().users(
            matching: input.query.text, role: input.query.role.flatMap { Role(rawValue: $0.rawValue) },
            after: input.query.afterUser.map { UserID($0) }, limit: input.query.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(users)))
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let user = try await acting().createUser(body)
        return .created(.init(body: .json(user)))
    }

    func setRole(_ input: Operations.SetRole.Input) async throws -> Operations.SetRole.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await acting().setRole(UserID(input.path.userId), to: body.role)
        return .noContent(.init())
    }

    func lockUser(_ input: Operations.LockUser.Input) async throws -> Operations.LockUser.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await acting().lockUser(UserID(input.path.userId), until: body.until)
        return .noContent(.init())
    }

    func unlockUser(_ input: Operations.UnlockUser.Input) async throws -> Operations.UnlockUser.Output {
        try await acting().unlockUser(UserID(input.path.userId))
        return .noContent(.init())
    }

    func recordExport(_ input: Operations.RecordExport.Input) async throws -> Operations.RecordExport.Output {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let export: DataExport
        switch body.kind {
        case .applicants:
            guard let listing = body.listingID else {
                throw EdulinkError.validation([FieldError("listingID", "An applicants export names its listing.")])
            }
            export = .applicants(ListingID(listing), rows: body.rows)
        case .audit:
            export = .audit(rows: body.rows)
        }
        try await acting().recordExport(export)
        return .noContent(.init())
    }

    func setOrganizationVerified(_ input: Operations.SetOrganizationVerified.Input) async throws
        -> Operations.SetOrganizationVerified.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        try await acting().setOrganizationVerified(OrganizationID(input.path.organizationId), verified: body.verified)
        return .noContent(.init())
    }

    func listOrganizations(_ input: Operations.ListOrganizations.Input) async throws
        -> Operations.ListOrganizations.Output
    {
        .ok(.init(body: .json(try await acting().allOrganizations())))
    }

    func createOrganization(_ input: Operations.CreateOrganization.Input) async throws
        -> Operations.CreateOrganization.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        return .created(.init(body: .json(try await acting().createOrganization(body))))
    }

    func createInstitution(_ input: Operations.CreateInstitution.Input) async throws
        -> Operations.CreateInstitution.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        return .created(.init(body: .json(try await acting().createInstitution(body))))
    }

    func updateInstitution(_ input: Operations.UpdateInstitution.Input) async throws
        -> Operations.UpdateInstitution.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        var institution = body
        institution.id = InstitutionID(input.path.institutionId)
        return .ok(.init(body: .json(try await acting().updateInstitution(institution))))
    }

    func setInstitutionVerified(_ input: Operations.SetInstitutionVerified.Input) async throws
        -> Operations.SetInstitutionVerified.Output
    {
        guard case .json(let body) = input.body else { throw EdulinkError.validation([]) }
        let institution = try await acting().setInstitutionVerified(
            InstitutionID(input.path.institutionId), verified: body.verified)
        return .ok(.init(body: .json(institution)))
    }

    func disableUser(_ input: Operations.DisableUser.Input) async throws -> Operations.DisableUser.Output {
        try await acting().disableUser(UserID(input.path.userId))
        return .noContent(.init())
    }

    func resetPassword(_ input: Operations.ResetPassword.Input) async throws -> Operations.ResetPassword.Output {
        let password = try await acting().resetPassword(UserID(input.path.userId))
        return .ok(.init(body: .json(.init(password: password))))
    }

    func listAuditEvents(_ input: Operations.ListAuditEvents.Input) async throws -> Operations.ListAuditEvents.Output {
        let q = input.query
        let query = AuditQuery(
            actorID: q.actorId.map { UserID($0) }, action: q.action, entity: q.entity, entityID: q.entityId,
            since: q.since, until: q.until, before: q.before.map { AuditEventID($0) },
            limit: q.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(try await acting().auditEvents(query))))
    }

    func listSecurityEvents(_ input: Operations.ListSecurityEvents.Input) async throws
        -> Operations.ListSecurityEvents.Output
    {
        let q = input.query
        let events = try await acting().securityEvents(
            kind: q.kind.flatMap { SecurityEventKind(rawValue: $0.rawValue) },
            user: q.user.map { UserID($0) }, since: q.since, limit: q.limit ?? Self.defaultLimit)
        return .ok(.init(body: .json(events)))
    }

    func adminHealth(_ input: Operations.AdminHealth.Input) async throws -> Operations.AdminHealth.Output {
        .ok(.init(body: .json(try await acting().healthReport())))
    }
}
