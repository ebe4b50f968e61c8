import EdulinkAPI
public import EdulinkCore
public import Foundation

// Administration over HTTP.
extension RemoteRepository {
    public func users(matching text: String?, role: Role?, after: UserID?, limit: Int) async throws -> [UserSummary] {
        let query = Operations.ListUsers.Input.Query(
            text: text, role: role.flatMap { Components.Schemas.Role(rawValue: $0.rawValue) },
            afterUser: after?.rawValue, limit: limit)
        switch try await call(write: false, { try await $0.listUsers(query: query) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func createUser(_ account: NewAccount) async throws -> UserSummary {
        switch try await call(write: true, { try await $0.createUser(body: .json(account)) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func setRole(_ id: UserID, to role: Role) async throws {
        let output = try await call(write: true) {
            try await $0.setRole(path: .init(userId: id.rawValue), body: .json(.init(role: role)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func lockUser(_ id: UserID, until: Date?) async throws {
        let output = try await call(write: true) {
            try await $0.lockUser(path: .init(userId: id.rawValue), body: .json(.init(until: until)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func unlockUser(_ id: UserID) async throws {
        switch try await call(write: true, { try await $0.unlockUser(path: .init(userId: id.rawValue)) }) {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func recordExport(_ export: DataExport) async throws {
        let body: Components.Schemas.ExportRecord
        switch export {
        case .applicants(let listing, let rows):
            body = .init(kind: .applicants, listingID: listing.rawValue, rows: rows)
        case .audit(let rows): body = .init(kind: .audit, rows: rows)
        }
        let output = try await call(write: true) { try await $0.recordExport(body: .json(body)) }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func allOrganizations() async throws -> [Organization] {
        switch try await call(write: false, { try await $0.listOrganizations() }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func createOrganization(_ organization: Organization) async throws -> Organization {
        switch try await call(write: true, { try await $0.createOrganization(body: .json(organization)) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func createInstitution(_ institution: Institution) async throws -> Institution {
        switch try await call(write: true, { try await $0.createInstitution(body: .json(institution)) }) {
        case .created(let created): return try created.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func updateInstitution(_ institution: Institution) async throws -> Institution {
        let output = try await call(write: true) {
            try await $0.updateInstitution(
                path: .init(institutionId: institution.id.rawValue), body: .json(institution))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func setInstitutionVerified(_ id: InstitutionID, verified: Bool) async throws -> Institution {
        let output = try await call(write: true) {
            try await $0.setInstitutionVerified(
                path: .init(institutionId: id.rawValue), body: .json(.init(verified: verified)))
        }
        switch output {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func setOrganizationVerified(_ id: OrganizationID, verified: Bool) async throws {
        let output = try await call(write: true) {
            try await $0.setOrganizationVerified(
                path: .init(organizationId: id.rawValue), body: .json(.init(verified: verified)))
        }
        switch output {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func disableUser(_ id: UserID) async throws {
        switch try await call(write: true, { try await $0.disableUser(path: .init(userId: id.rawValue)) }) {
        case .noContent: return
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func resetPassword(_ id: UserID) async throws -> String {
        switch try await call(write: true, { try await $0.resetPassword(path: .init(userId: id.rawValue)) }) {
        case .ok(let ok): return try ok.body.json.password
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func auditEvents(_ query: AuditQuery) async throws -> [AuditEvent] {
        let input = Operations.ListAuditEvents.Input.Query(
            actorId: query.actorID?.rawValue, action: query.action, entity: query.entity, entityId: query.entityID,
            since: query.since, until: query.until, before: query.before?.rawValue, limit: query.limit)
        switch try await call(write: false, { try await $0.listAuditEvents(query: input) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }

    public func securityEvents(kind: SecurityEventKind?, user: UserID?, since: Date?, limit: Int) async throws
        -> [SecurityEvent]
    {
        let input = Operations.ListSecurityEvents.Input.Query(
            kind: kind.flatMap { Components.Schemas.SecurityEventKind(rawValue: $0.rawValue) }, user: user?.rawValue,
            since: since, limit: limit)
        switch try await call(write: false, { try await $0.listSecurityEvents(query: input) }) {
        case .ok(let ok): return try ok.body.json
        case .default(let status, let error): throw failure(status, error)
        }
    }
}
