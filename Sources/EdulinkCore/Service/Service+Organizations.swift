import Foundation

extension EdulinkService {
    /// Registers an organization (admins and the local operator). Employers are attached to it with
    /// `createUser`.
    public func createOrganization(_ organization: Organization) async throws -> Organization {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            var cleaned = organization.cleaned()
            try cleaned.validate()
            cleaned.createdAt = now()
            let candidate = cleaned
            return try await store.write { session in
                if try session.organizations().contains(where: { $0.name.lowercased() == candidate.name.lowercased() })
                {
                    throw EdulinkError.validation([
                        FieldError("name", "An organization called \(candidate.name) exists.")
                    ])
                }
                let created = try session.insertOrganization(candidate)
                try self.audit(
                    session, principal, "organization.create", "organization", created.id.rawValue, created.name)
                return created
            }
        }
    }

    /// Marks an organization verified (or not); only verified organizations publish.
    public func setOrganizationVerified(_ id: OrganizationID, verified: Bool) async throws {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            try await store.write { session in
                guard var organization = try session.organization(id) else {
                    throw EdulinkError.notFound("Organization")
                }
                organization.verified = verified
                try session.updateOrganization(organization)
                try self.audit(
                    session, principal, verified ? "organization.verify" : "organization.unverify", "organization",
                    id.rawValue, organization.name)
                try self.securityEvent(
                    session, .adminAction, user: nil, source: principal.origin.rawValue,
                    "\(organization.name) \(verified ? "verified" : "unverified")")
            }
        }
    }

    /// Registers an institution (admins and the local operator).
    public func createInstitution(_ institution: Institution) async throws -> Institution {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            var v = FieldValidator()
            let name = TextRules.clean(institution.name)
            let code = TextRules.clean(institution.shortCode).uppercased()
            v.text("name", name, label: "Name", range: 2...200)
            v.text("short_code", code, label: "Short code", range: 2...12)
            try v.check()
            var candidate = institution
            candidate.name = name
            candidate.shortCode = code
            let final = candidate
            return try await store.write { session in
                if try session.institutions().contains(where: { $0.name.lowercased() == name.lowercased() }) {
                    throw EdulinkError.validation([FieldError("name", "An institution called \(name) exists.")])
                }
                let created = try session.insertInstitution(final)
                try self.audit(
                    session, principal, "institution.create", "institution", created.id.rawValue, created.name)
                return created
            }
        }
    }
}
