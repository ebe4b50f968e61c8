import Foundation
import Testing

/// A fresh `edulink init` database onboards its first organization, employer, institution and
/// institution admin with the CLI alone.
@Suite("edulink org and institution", .timeLimit(.minutes(10)))
struct OnboardingCommandTests {
    let password = "a perfectly fine password\n"

    @Test("from init: an organization and its employer, an institution and its admin, each account in its place")
    func onboardFromInit() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let initialized = try await harness.run(["init", "--admin-email", "ops@campus.example"], input: password)
        #expect(initialized.succeeded, "\(initialized.standardError)")

        let org = try await harness.run([
            "org", "create", "--name", "Kilimo Data Ltd", "--industry", "Agritech", "--size", "11-50",
            "--location", "Nakuru", "--description", "Soil sensors and yield forecasts for smallholder farmers.",
        ])
        #expect(org.succeeded, "\(org.standardError)")
        #expect(org.standardOutput.contains("Created the organization Kilimo Data Ltd (id 1)"))
        let listed = try #require(try await harness.json(["org", "list", "--json"]) as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["Kilimo Data Ltd"])
        #expect(listed.first?["verified"] as? Bool == false)

        // By name, letter case aside; a part of a name is not enough and says what it could be.
        #expect(try await harness.run(["org", "verify", "kilimo data ltd"]).succeeded)
        let partial = try await harness.run(["org", "verify", "kilimo"])
        #expect(partial.status == 1)
        #expect(
            partial.standardError == "edulink: error: No organization \"kilimo\". Did you mean: Kilimo Data Ltd (1)?\n")
        let edited = try await harness.run(["org", "edit", "1", "--website", "https://kilimo.example"])
        #expect(edited.succeeded, "\(edited.standardError)")
        let after = try #require(try await harness.json(["org", "list", "--json"]) as? [[String: Any]])
        #expect(after.first?["verified"] as? Bool == true)
        #expect(after.first?["website"] as? String == "https://kilimo.example")

        let employer = try await harness.run(
            [
                "user", "create", "--email", "hr@kilimo.example", "--name", "Wanjiku Mwangi", "--role", "employer",
                "--organization", "1",
            ], input: password)
        #expect(employer.succeeded, "\(employer.standardError)")

        let institution = try await harness.run([
            "institution", "create", "--name", "Egerton University", "--short-code", "egu", "--type", "university",
        ])
        #expect(institution.succeeded, "\(institution.standardError)")
        #expect(institution.standardOutput.contains("(EGU, id 1)"))
        #expect(try await harness.run(["institution", "verify", "EGU"]).succeeded)
        let office = try await harness.run(
            [
                "user", "create", "--email", "office@egerton.example", "--name", "Career Office", "--role",
                "institution_admin", "--institution", "1",
            ], input: password)
        #expect(office.succeeded, "\(office.standardError)")
        let institutions = try #require(try await harness.json(["institution", "list", "--json"]) as? [[String: Any]])
        #expect(institutions.first?["short_code"] as? String == "EGU")
        #expect(institutions.first?["verified"] as? Bool == true)

        let accounts = try #require(try await harness.json(["user", "list", "--json"]) as? [String: Any])
        let users = try #require(accounts["users"] as? [[String: Any]])
        #expect(users.compactMap { $0["role"] as? String }.sorted() == ["admin", "employer", "institution_admin"])
        #expect(users.first { $0["email"] as? String == "hr@kilimo.example" }?["organization_id"] as? Int == 1)
        #expect(users.first { $0["email"] as? String == "office@egerton.example" }?["institution_id"] as? Int == 1)
    }

    @Test("bad or taken details are refused by field and change nothing")
    func refusals() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        #expect(try await harness.run(["init", "--admin-email", "ops@campus.example"], input: password).succeeded)
        let create = [
            "org", "create", "--name", "Kilimo Data Ltd", "--industry", "Agritech", "--size", "11-50", "--location",
            "Nakuru", "--description", "Soil sensors and yield forecasts for smallholder farmers.",
        ]
        #expect(try await harness.run(create).succeeded)
        let twice = try await harness.run(create.map { $0 == "Kilimo Data Ltd" ? "KILIMO DATA LTD" : $0 })
        #expect(twice.status == 1)
        #expect(twice.standardError == "edulink: error: name: An organization called KILIMO DATA LTD exists.\n")
        let size = try await harness.run(create.map { $0 == "11-50" ? "huge" : $0 })
        #expect(size.status == 64)

        let institution = ["institution", "create", "--name", "Egerton University", "--type", "university"]
        let symbols = try await harness.run(institution + ["--short-code", "EG-U"])
        #expect(symbols.status == 1)
        #expect(symbols.standardError.contains("short_code: Short code must be letters A–Z and digits only"))
        #expect(try await harness.run(institution + ["--short-code", "EGU"]).succeeded)
        let code = try await harness.run([
            "institution", "create", "--name", "Egerton Two", "--type", "college", "--short-code", "egu",
        ])
        #expect(code.standardError == "edulink: error: short_code: Egerton University has the short code EGU.\n")
        let nothing = try await harness.run(["institution", "edit", "EGU"])
        #expect(nothing.status == 64)
        let unknown = try await harness.run(["institution", "verify", "XYZ"])
        #expect(unknown.standardError == "edulink: error: No institution \"XYZ\". Institutions: EGU (1).\n")
        let institutions = try #require(try await harness.json(["institution", "list", "--json"]) as? [[String: Any]])
        #expect(institutions.count == 1)
        #expect(try #require(try await harness.json(["org", "list", "--json"]) as? [[String: Any]]).count == 1)
    }
}

@Suite("edulink passwd", .timeLimit(.minutes(10)))
struct PasswdCommandTests {
    @Test("passwd changes one's own password after the current one; a wrong current one changes nothing")
    func changeOwnPassword() async throws {
        let harness = try CommandLineHarness()
        defer { harness.remove() }
        let first = "a perfectly fine password"
        #expect(try await harness.run(["init", "--admin-email", "ops@campus.example"], input: first + "\n").succeeded)
        let wrong = try await harness.run(
            ["passwd", "--email", "ops@campus.example"], input: "not the password\nanother fine password\n")
        #expect(wrong.status == 1)
        #expect(
            wrong.standardError
                == "edulink: error: Email or password is incorrect, or the account is locked. Try again later or ask an admin.\n"
        )
        let weak = try await harness.run(["passwd", "--email", "ops@campus.example"], input: first + "\npassword123\n")
        #expect(weak.status == 1)
        #expect(weak.standardError.contains("Password is too common"))
        let changed = try await harness.run(
            ["passwd", "--email", "ops@campus.example"], input: first + "\nanother fine password\n")
        #expect(changed.succeeded, "\(changed.standardError)")
        #expect(changed.standardOutput == "Changed the password of ops@campus.example.\n")
        // The old one no longer signs in; the new one does.
        let old = try await harness.run(["passwd", "--email", "ops@campus.example"], input: first + "\nx\n")
        #expect(
            old.standardError
                == "edulink: error: Email or password is incorrect, or the account is locked. Try again later or ask an admin.\n"
        )
        let again = try await harness.run(
            ["passwd", "--email", "ops@campus.example"], input: "another fine password\n" + first + "\n")
        #expect(again.succeeded, "\(again.standardError)")
    }
}
