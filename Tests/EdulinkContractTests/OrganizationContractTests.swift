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
}
