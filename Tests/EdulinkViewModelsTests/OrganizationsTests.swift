import EdulinkCore
import EdulinkViewModels
import Foundation
import Testing

/// The toasts among `events`, error ones marked with a leading "✗ ".
private func toasts(_ events: [AppEvent]) -> [String] {
    events.compactMap { event in
        guard case .toast(let toast) = event else { return nil }
        return toast.kind == .error ? "✗ " + toast.text : toast.text
    }
}

private let description = "Water pumps and irrigation for smallholder farms across the Rift Valley."

@Suite("Admin Orgs tab", .timeLimit(.minutes(10)))
struct AdminOrganizationsTests {
    @Test("each list is loading until its own answer, and not loaded when that answer is a failure")
    func eachListItsOwnLoad() async throws {
        try await withWorld { world in
            var model = OrganizationsViewModel(repository: world.admin, now: { world.now })
            let effects = model.handle(.load)
            #expect(model.state.organizationsLoad == .loading && model.state.institutionsLoad == .loading)
            _ = model.handle(try #require(await run("organizations", in: effects)))
            // The organizations' answer says nothing about the institutions, still on their way.
            #expect(model.state.organizationsLoad == .loaded && model.state.institutionsLoad == .loading)
            _ = model.handle(.institutionsLoaded(.failure(Failure(EdulinkError.unavailable("Gone.")))))
            #expect(model.state.institutionsLoad == .failed && model.state.organizationsLoad == .loaded)
            #expect(model.state.institutions.isEmpty)
            await send(&model, .load)
            #expect(model.state.organizationsLoad == .loaded && model.state.institutionsLoad == .loaded)
            #expect(!model.state.institutions.isEmpty)
        }
    }

    @Test("lists organizations and institutions by name, narrows them as you type, and keeps the selection")
    func listsAndNarrows() async throws {
        try await withWorld { world in
            let op = world.service.acting(as: .localOperator())
            for (name, industry, location) in [
                ("Zawadi Foods", "Agriculture", "Eldoret"), ("Amani Labs", "Health", "Kisumu"),
            ] {
                _ = try await op.createOrganization(
                    Organization(
                        name: name, industry: industry, size: .small, location: location, description: description,
                        createdAt: world.now))
            }
            _ = try await op.createInstitution(
                Institution(name: "Egerton University", shortCode: "EGU", type: .university, verified: false))
            let probe = ProbeRepository(world.admin)
            var model = OrganizationsViewModel(repository: probe, now: { world.now })
            await send(&model, .load)
            #expect(model.state.shownOrganizations.map(\.name) == ["Amani Labs", "Kusi Payments", "Zawadi Foods"])
            #expect(model.state.shownInstitutions.map(\.name) == ["Egerton University", "University of Nairobi"])
            #expect(model.state.selectedOrganization?.name == "Amani Labs")

            await send(&model, .moveSelection(1))
            #expect(model.state.selectedOrganization?.name == "Kusi Payments")
            await send(&model, .moveToEnd(last: true))
            #expect(model.state.selectedOrganization?.name == "Zawadi Foods")
            await send(&model, .moveSelection(5))  // stays on the last
            #expect(model.state.selectedIndex == 2)

            // Words match the name, industry or location; the selection stays when it still shows.
            await send(&model, .setQuery("eldoret"))
            #expect(model.state.shownOrganizations.map(\.name) == ["Zawadi Foods"])
            #expect(model.state.counts == (1, 3))
            await send(&model, .setQuery("a"))
            #expect(model.state.selectedOrganization?.name == "Zawadi Foods")
            await send(&model, .setQuery("nothing like it"))
            #expect(model.state.selectedOrganization == nil)
            #expect(model.handle(.edit).isEmpty)
            #expect(model.state.editing == nil)

            // The other list clears the search; short codes match there.
            await send(&model, .toggleKind)
            #expect(model.state.kind == .institutions)
            #expect(model.state.query.isEmpty)
            await send(&model, .setQuery("uon"))
            #expect(model.state.shownInstitutions.map(\.shortCode) == ["UON"])
            #expect(probe.count(of: "allOrganizations") == 1)
            #expect(probe.count(of: "institutions") == 1)
        }
    }

    @Test("a new organization: the service's errors land under their fields, then it is created, not verified")
    func createsAnOrganization() async throws {
        try await withWorld { world in
            let probe = ProbeRepository(world.admin)
            var model = OrganizationsViewModel(repository: probe, now: { world.now })
            await send(&model, .load)
            await send(&model, .new)
            #expect(model.state.editing?.record.isNew == true)
            #expect(model.state.editing?.record.kind == .organizations)

            let bad = await send(
                &model,
                .saveOrganization(
                    name: "Mvua Pumps", industry: "Agriculture", size: .tiny, website: "mvua dot example",
                    location: "Nakuru", description: "Too short", verify: false))
            #expect(model.state.editing?.saving == false)
            #expect(model.state.editing?.errors["website"] == "Website must be a web address like https://example.com.")
            #expect(model.state.editing?.errors["description"] != nil)
            #expect(model.state.editing?.errors["name"] == nil)
            #expect(toasts(bad).isEmpty)  // said under the fields, not in a toast
            #expect(probe.count(of: "createOrganization") == 1)
            #expect(try await world.admin.allOrganizations().count == 1)

            let good = await send(
                &model,
                .saveOrganization(
                    name: "Mvua Pumps", industry: "Agriculture", size: .tiny, website: "https://mvua.example",
                    location: "Nakuru", description: description, verify: false))
            #expect(model.state.editing == nil)
            #expect(toasts(good) == ["Created Mvua Pumps (not verified yet: v verifies it)."])
            let created = try #require(model.state.selectedOrganization)
            #expect(created.name == "Mvua Pumps")
            #expect(created.website == "https://mvua.example")
            #expect(!created.verified)
            #expect(try await world.admin.allOrganizations().map(\.name) == ["Kusi Payments", "Mvua Pumps"])

            // The same name again is the service's error, under the name.
            await send(&model, .new)
            await send(
                &model,
                .saveOrganization(
                    name: "mvua pumps", industry: "Agriculture", size: .tiny, website: "", location: "Nakuru",
                    description: description, verify: true))
            #expect(model.state.editing?.errors["name"] == "An organization called mvua pumps exists.")
            await send(&model, .cancelEdit)
            #expect(model.state.editing == nil)
        }
    }

    @Test("editing an organization saves every field and leaves its verification alone")
    func editsAnOrganization() async throws {
        try await withWorld { world in
            var model = OrganizationsViewModel(repository: world.admin, now: { world.now })
            await send(&model, .load)
            let kusi = try #require(model.state.selectedOrganization)
            #expect(kusi.verified)
            await send(&model, .edit)
            #expect(model.state.editing?.record == .organization(kusi))
            let events = await send(
                &model,
                .saveOrganization(
                    name: "Kusi Pay", industry: "Payments", size: .large, website: " ", location: "Mombasa",
                    description: description, verify: true))
            #expect(toasts(events) == ["Saved Kusi Pay."])
            let saved = try await world.admin.organization(kusi.id)
            #expect(saved.name == "Kusi Pay")
            #expect(saved.industry == "Payments")
            #expect(saved.size == .large)
            #expect(saved.website == nil)
            #expect(saved.location == "Mombasa")
            #expect(saved.verified)  // `verify` is a new one's only
            #expect(model.state.selectedOrganization == saved)
        }
    }

    @Test("v verifies or withdraws at once with a toast; u puts it back once")
    func verifyAndUndo() async throws {
        try await withWorld { world in
            let probe = ProbeRepository(world.admin)
            var model = OrganizationsViewModel(repository: probe, now: { world.now })
            await send(&model, .load)
            let kusi = try #require(model.state.selectedOrganization)

            let withdrawn = await send(&model, .toggleVerified)
            #expect(toasts(withdrawn) == ["Kusi Payments is no longer verified · u undoes"])
            #expect(model.state.selectedOrganization?.verified == false)
            #expect(try await world.admin.organization(kusi.id).verified == false)
            #expect(model.state.undo?.verified == false)

            let undone = await send(&model, .undo)
            #expect(toasts(undone) == ["Undone: Kusi Payments verified"])
            #expect(try await world.admin.organization(kusi.id).verified)
            #expect(model.state.selectedOrganization?.verified == true)
            #expect(model.state.undo == nil)
            let again = await send(&model, .undo)
            #expect(toasts(again) == ["Nothing to undo."])
            #expect(probe.count(of: "setOrganizationVerified") == 2)

            // The service audits each change.
            let audit = try await world.admin.auditEvents(AuditQuery(action: "organization."))
            #expect(audit.filter { $0.action == "organization.unverify" }.count == 1)
            #expect(audit.filter { $0.action == "organization.verify" }.count >= 2)  // set up, then the undo

            // A failed change keeps nothing to undo and says why.
            probe.setOffline(true)
            let failed = await send(&model, .toggleVerified)
            #expect(model.state.working == false)
            #expect(model.state.undo == nil)
            #expect(failed.contains { if case .offline = $0 { return true } else { return false } })
            probe.setOffline(false)
            #expect(try await world.admin.organization(kusi.id).verified)
        }
    }

    @Test("institutions: a taken short code is said under it; a new one may start verified; v and u work there too")
    func institutions() async throws {
        try await withWorld { world in
            var model = OrganizationsViewModel(repository: world.admin, now: { world.now })
            await send(&model, .load)
            await send(&model, .toggleKind)
            await send(&model, .new)
            #expect(model.state.editing?.record.kind == .institutions)
            await send(&model, .saveInstitution(name: "Uon Annex", shortCode: "uon", type: .college, verified: true))
            #expect(model.state.editing?.errors["short_code"] == "University of Nairobi has the short code UON.")
            await send(&model, .saveInstitution(name: "Kabarak", shortCode: "KAB-1", type: .college, verified: true))
            #expect(model.state.editing?.errors["short_code"]?.contains("letters A–Z and digits only") == true)

            let created = await send(
                &model,
                .saveInstitution(name: "Kabarak University", shortCode: "kab", type: .university, verified: true))
            #expect(toasts(created) == ["Created Kabarak University (KAB)."])
            let kabarak = try #require(model.state.selectedInstitution)
            #expect(kabarak.shortCode == "KAB")
            #expect(kabarak.verified)

            await send(&model, .edit)
            await send(
                &model, .saveInstitution(name: "Kabarak University", shortCode: "KABU", type: .college, verified: false)
            )
            #expect(model.state.editing == nil)
            let edited = try #require(try await world.admin.institutions().first { $0.id == kabarak.id })
            #expect(edited.shortCode == "KABU")
            #expect(edited.type == .college)
            #expect(edited.verified)  // an edit keeps the verification

            let withdrawn = await send(&model, .toggleVerified)
            #expect(toasts(withdrawn) == ["Kabarak University is no longer verified · u undoes"])
            #expect(model.state.selectedInstitution?.verified == false)
            await send(&model, .undo)
            #expect(try await world.admin.institutions().first { $0.id == kabarak.id }?.verified == true)
        }
    }

    @Test("a new organization created verified is verified once created, in one toast")
    func createdVerified() async throws {
        try await withWorld { world in
            let probe = ProbeRepository(world.admin)
            var model = OrganizationsViewModel(repository: probe, now: { world.now })
            await send(&model, .load)
            await send(&model, .new)
            let events = await send(
                &model,
                .saveOrganization(
                    name: "Mvua Pumps", industry: "Agriculture", size: .tiny, website: "", location: "Nakuru",
                    description: description, verify: true))
            #expect(toasts(events) == ["Created and verified Mvua Pumps."])
            #expect(model.state.selectedOrganization?.verified == true)
            #expect(model.state.undo == nil)
            #expect(probe.calls.suffix(3) == ["createOrganization", "setOrganizationVerified", "allOrganizations"])
        }
    }

    @Test("an employer gets the service's refusal, not the organizations, and cannot verify an institution")
    func onlyAdmins() async throws {
        try await withWorld { world in
            var model = OrganizationsViewModel(repository: world.employer, now: { world.now })
            await send(&model, .load)
            #expect(model.state.organizations.isEmpty)
            #expect(model.state.message?.isEmpty == false)
            await send(&model, .toggleKind)
            let uon = try #require(model.state.selectedInstitution)
            let events = await send(&model, .toggleVerified)
            #expect(toasts(events).contains { $0.hasPrefix("✗ ") })
            #expect(model.state.undo == nil)
            #expect(try await world.admin.institutions().first { $0.id == uon.id }?.verified == true)
        }
    }
}
