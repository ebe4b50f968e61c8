import Foundation

extension EdulinkService {
    /// Registers an organization, not yet verified (admins and the local operator). Employers are
    /// attached to it with `createUser`.
    public func createOrganization(_ organization: Organization) async throws -> Organization {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            var cleaned = organization.cleaned()
            try cleaned.validate()
            cleaned.id = 0
            cleaned.createdAt = now()
            // Verifying is its own audited act (`setOrganizationVerified`), never a field of the request.
            cleaned.verified = false
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

    /// Every organization, by name (admins and the local operator).
    public func allOrganizations() async throws -> [Organization] {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            return try await store.read { try $0.organizations() }
                .sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
        }
    }

    /// Registers an institution (admins and the local operator).
    public func createInstitution(_ institution: Institution) async throws -> Institution {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            var candidate = institution.cleaned()
            try candidate.validate()
            candidate.id = 0
            let final = candidate
            return try await store.write { session in
                try Self.refuseTaken(final, session)
                let created = try session.insertInstitution(final)
                try self.audit(
                    session, principal, "institution.create", "institution", created.id.rawValue, created.name)
                return created
            }
        }
    }

    /// Changes an institution's name, short code and type (admins and the local operator). Codes
    /// already issued keep the short code they were made with.
    public func updateInstitution(_ institution: Institution) async throws -> Institution {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            let candidate = institution.cleaned()
            try candidate.validate()
            return try await store.write { session in
                guard var current = try session.institution(candidate.id) else {
                    throw EdulinkError.notFound("Institution")
                }
                try Self.refuseTaken(candidate, session)
                current.name = candidate.name
                current.shortCode = candidate.shortCode
                current.type = candidate.type
                try session.updateInstitution(current)
                try self.audit(
                    session, principal, "institution.update", "institution", current.id.rawValue, current.name)
                return current
            }
        }
    }

    /// Marks an institution verified (or not).
    public func setInstitutionVerified(_ id: InstitutionID, verified: Bool) async throws -> Institution {
        let principal = try await caller()
        return try await guarded(principal) {
            try authorize(principal, .manageUsers)
            return try await store.write { session in
                guard var institution = try session.institution(id) else { throw EdulinkError.notFound("Institution") }
                institution.verified = verified
                try session.updateInstitution(institution)
                try self.audit(
                    session, principal, verified ? "institution.verify" : "institution.unverify", "institution",
                    id.rawValue, institution.name)
                return institution
            }
        }
    }

    /// Another institution with the same name or short code (letter case aside) refuses `candidate`.
    private static func refuseTaken(_ candidate: Institution, _ session: any StoreReader) throws {
        var errors: [FieldError] = []
        for other in try session.institutions() where other.id != candidate.id {
            if other.name.lowercased() == candidate.name.lowercased() {
                errors.append(FieldError("name", "An institution called \(candidate.name) exists."))
            }
            if other.shortCode.uppercased() == candidate.shortCode {
                errors.append(FieldError("short_code", "\(other.name) has the short code \(candidate.shortCode)."))
            }
        }
        if !errors.isEmpty { throw EdulinkError.validation(errors) }
    }
}
