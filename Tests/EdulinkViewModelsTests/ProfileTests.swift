import EdulinkCore
import EdulinkViewModels
import Testing

@Suite("Profile", .timeLimit(.minutes(10)))
struct ProfileTests {
    @Test("what is typed before the profile has arrived is kept when it arrives, over the saved values")
    func editsBeforeLoadAreKept() async throws {
        try await withWorld { world in
            var profile = ProfileViewModel(repository: world.newcomer)
            let loading = profile.handle(.load)
            _ = profile.handle(.set(.phone, "+254 712 345 678"))
            await settle(&profile, loading)
            #expect(profile.state.detail != nil)
            #expect(profile.state.form.phone == "+254 712 345 678")
            #expect(profile.state.isDirty)
            // Fields not typed into come from the saved profile.
            #expect(profile.state.form.displayName == profile.state.detail?.user.displayName)
        }
    }

    @Test("completion shows what is missing, and save puts errors on their fields")
    func completionAndSave() async throws {
        try await withWorld { world in
            var profile = ProfileViewModel(repository: world.newcomer)
            await send(&profile, .load)
            #expect(profile.state.completionPercent == 10)
            #expect(profile.state.missing.contains("phone number"))
            #expect(!profile.state.allowsApplying)
            // The institution is not the student's to pick: Enter on it says who sets it.
            let explained = profile.handle(.explainInstitution)
            #expect(explained.compactMap(\.event) == [.toast(Toast(ProfileViewModel.institutionNote))])

            _ = profile.handle(.set(.yearOfStudy, "third"))
            await send(&profile, .save)
            #expect(profile.state.errors == [.yearOfStudy: "Year of study must be a number from 1 to 6."])
            #expect(world.newcomer.count(of: "updateProfile") == 0)

            _ = profile.handle(.set(.yearOfStudy, "9"))
            _ = profile.handle(.set(.githubURL, "not a link"))
            await send(&profile, .save)
            #expect(world.newcomer.count(of: "updateProfile") == 1)
            #expect(profile.state.errors[.yearOfStudy]?.contains("Year of study") == true)
            #expect(profile.state.errors[.githubURL] != nil)
            #expect(profile.state.message == "Fix the highlighted fields.")
            #expect(profile.state.isDirty)

            _ = profile.handle(.set(.yearOfStudy, "2"))
            _ = profile.handle(.set(.githubURL, "https://github.com/nuru"))
            _ = profile.handle(.set(.phone, "+254712000999"))
            _ = profile.handle(.set(.course, "Statistics"))
            _ = profile.handle(.set(.skills, "SQL, Python"))
            // An admin ties the newcomer to the institution; a reload keeps the edits not saved yet.
            try await world.service.acting(as: .localOperator()).setInstitution(
                try #require(await world.newcomer.currentUser()).id, to: world.institution.id)
            await send(&profile, .load)
            #expect(profile.state.detail?.institution?.id == world.institution.id)
            let events2 = await send(&profile, .save)
            #expect(profile.state.errors.isEmpty)
            #expect(profile.state.completionPercent == 70)
            #expect(profile.state.allowsApplying)
            #expect(profile.state.missing == ["registration number", "at least one interest", "résumé"])
            #expect(!profile.state.isDirty)
            #expect(events2.contains(.toast(Toast("Profile saved — 70 % complete."))))
        }
    }
}
