import EdulinkCore
import Foundation
import Testing

@Suite("Contract: verifying organizations", .timeLimit(.minutes(10)))
struct OrganizationContractTests {
    @Test(
        "a verified organization that renames itself needs verifying again; other edits keep it verified",
        arguments: ContractBackend.all)
    func renameNeedsVerification(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var organization = try await w.employer.organization(w.organization.id)
            #expect(organization.verified)
            organization.description += " We also build savings products."
            #expect(try await w.employer.updateOrganization(organization).verified)
            organization.name = "Totally Different Holdings Ltd"
            let renamed = try await w.employer.updateOrganization(organization)
            #expect(!renamed.verified)
            #expect(try await w.admin.organization(w.organization.id).verified == false)
            // Nothing new is published until an admin verifies it again.
            let draft = try await w.employer.createListing(
                ContractFixture.draft("Junior Data Analyst Intern", at: w.now))
            let submit = await edulinkError { try await w.employer.changeListing(draft.id, .submit, reason: nil) }
            #expect(submit?.refusalCode == .organizationNotVerified)
        }
    }

    @Test(
        "an admin's edit leaves verification as it is: a screen loaded before a verify never withdraws it",
        arguments: ContractBackend.all)
    func editLeavesVerification(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            var loaded = try await w.admin.organization(w.organization.id)
            try await w.admin.setOrganizationVerified(w.organization.id, verified: false)
            try await w.admin.setOrganizationVerified(w.organization.id, verified: true)
            loaded.verified = false
            loaded.website = "https://kusi.example/about"
            let saved = try await w.admin.updateOrganization(loaded)
            #expect(saved.verified)
            #expect(saved.website == "https://kusi.example/about")
            #expect(try await w.employer.organization(w.organization.id).verified)
        }
    }

    @Test(
        "an admin verifies an organization, then its listings can be submitted and published",
        arguments: ContractBackend.all)
    func verifyUnblocksPublishing(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let rival = try await w.rivalEmployer(verified: false)
            let organizationID = try #require(await rival.currentUser()?.organizationID)
            let draft = try await rival.createListing(ContractFixture.draft("Backend Engineering Intern", at: w.now))
            #expect(
                await edulinkError { try await rival.changeListing(draft.id, .submit, reason: nil) }?.refusalCode
                    == .organizationNotVerified)

            try await w.admin.setOrganizationVerified(organizationID, verified: true)
            #expect(try await w.admin.organization(organizationID).verified)
            let submitted = try await rival.changeListing(draft.id, .submit, reason: nil)
            #expect(submitted.status == .pendingReview)
            #expect(try await w.admin.verificationQueue().contains { $0.id == draft.id })
            let published = try await w.admin.changeListing(draft.id, .verify, reason: nil)
            #expect(published.status == .published)

            let audited = try await w.admin.auditEvents(
                AuditQuery(action: "organization.verify", entityID: organizationID.rawValue))
            #expect(audited.count == 1)
        }
    }

    @Test("unverifying an organization stops its next listing from being published", arguments: ContractBackend.all)
    func unverify(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let draft = try await w.employer.createListing(ContractFixture.draft("Product Design Intern", at: w.now))
            _ = try await w.employer.changeListing(draft.id, .submit, reason: nil)
            try await w.admin.setOrganizationVerified(w.organization.id, verified: false)
            #expect(try await w.admin.organization(w.organization.id).verified == false)
            #expect(
                await edulinkError { try await w.admin.changeListing(draft.id, .verify, reason: nil) }?.refusalCode
                    == .organizationNotVerified)
            let audited = try await w.admin.auditEvents(AuditQuery(action: "organization.unverify"))
            #expect(audited.count == 1)
        }
    }

    @Test(
        "refused: an employer verifying their own organization, a student, an unknown organization",
        arguments: ContractBackend.all)
    func refused(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let rival = try await w.rivalEmployer(verified: false)
            let organizationID = try #require(await rival.currentUser()?.organizationID)
            #expect(
                await edulinkError { try await rival.setOrganizationVerified(organizationID, verified: true) }
                    .map(isForbidden) == true)
            #expect(
                await edulinkError { try await w.student.setOrganizationVerified(organizationID, verified: true) }
                    .map(isForbidden) == true)
            #expect(try await w.admin.organization(organizationID).verified == false)
            #expect(
                await edulinkError {
                    try await w.admin.setOrganizationVerified(OrganizationID(424_242), verified: true)
                }
                    == .notFound("Organization"))
            #expect(
                try await w.admin.auditEvents(
                    AuditQuery(action: "organization.verify", entityID: organizationID.rawValue)
                )
                .isEmpty)
        }
    }

    @Test(
        "an admin registers an organization and an institution, edits and verifies them; others may not",
        arguments: ContractBackend.all)
    func registerOrganizationsAndInstitutions(_ backend: ContractBackend) async throws {
        try await withWorld(backend) { w in
            let created = try await w.admin.createOrganization(
                Organization(
                    id: 777, name: "  Kilimo Data Ltd ", industry: "Agritech", size: .small, location: "Nakuru",
                    description: "Soil sensors and yield forecasts for smallholder farmers.", verified: true,
                    createdAt: .distantPast))
            // Trimmed; the id, the creation time and the verification are the service's, not the caller's.
            #expect(created.name == "Kilimo Data Ltd")
            #expect(created.id != 777)
            #expect(created.createdAt == w.now)
            #expect(created.verified == false)
            #expect(try await w.admin.allOrganizations().map(\.name) == ["Kilimo Data Ltd", "Kusi Payments"])
            let employer = try await w.admin.createUser(
                NewAccount(
                    email: "hr@kilimo.example", displayName: "Kilimo HR", role: .employer,
                    password: ContractFixture.password, organizationID: created.id))
            #expect(employer.organizationID == created.id)
            #expect(
                isValidation(
                    await edulinkError {
                        try await w.admin.createOrganization(
                            Organization(
                                name: "KILIMO DATA LTD", industry: "Agritech", size: .small, location: "Nakuru",
                                description: "The same organization under another spelling.", createdAt: w.now))
                    }, "name"))

            let egerton = try await w.admin.createInstitution(
                Institution(id: 99, name: "Egerton University", shortCode: "egu", type: .university, verified: false))
            #expect(egerton.shortCode == "EGU")
            #expect(egerton.id != 99)
            var renamed = egerton
            renamed.name = "Egerton University (Njoro)"
            renamed.verified = true  // ignored: verifying is its own operation
            let saved = try await w.admin.updateInstitution(renamed)
            #expect(saved.name == "Egerton University (Njoro)")
            #expect(saved.verified == false)
            #expect(try await w.admin.setInstitutionVerified(egerton.id, verified: true).verified)
            #expect(try await w.student.institutions().contains { $0.id == egerton.id && $0.verified })
            var taken = egerton
            taken.shortCode = "UON"
            #expect(isValidation(await edulinkError { try await w.admin.updateInstitution(taken) }, "short_code"))
            #expect(
                isValidation(
                    await edulinkError {
                        try await w.admin.createInstitution(
                            Institution(name: "Another", shortCode: "EG-U", type: .college, verified: false))
                    }, "short_code"))
            var missing = egerton
            missing.id = InstitutionID(424_242)
            #expect(await edulinkError { try await w.admin.updateInstitution(missing) } == .notFound("Institution"))
            #expect(
                try await w.admin.auditEvents(AuditQuery(action: "institution.verify", entityID: egerton.id.rawValue))
                    .count == 1)

            for outsider in [w.student, w.employer] {
                #expect(await edulinkError { try await outsider.allOrganizations() }.map(isForbidden) == true)
                #expect(
                    await edulinkError {
                        try await outsider.createInstitution(
                            Institution(name: "Outsider College", shortCode: "OUT", type: .college, verified: true))
                    }.map(isForbidden) == true)
                #expect(
                    await edulinkError { try await outsider.setInstitutionVerified(egerton.id, verified: false) }
                        .map(isForbidden) == true)
            }
            #expect(try await w.admin.allOrganizations().count == 2)
            #expect(try await w.student.institutions().count == 2)
        }
    }
}
