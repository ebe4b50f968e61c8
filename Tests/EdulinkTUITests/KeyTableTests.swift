import EdulinkCore
import TerminalKit
import Testing

@testable import EdulinkTUI

@Suite("Key tables")
struct KeyTableTests {
    @Test("no screen binds a key twice, in any of its tables")
    func noDuplicates() {
        func clean<A>(_ table: KeyTable<A>, _ name: String) {
            #expect(table.duplicateKeys.isEmpty, "\(name) binds \(table.duplicateKeys) twice")
        }
        clean(EdulinkApp.globalKeys, "the shell")
        clean(LoginScreen.keys, "Login")
        clean(LockScreen.keys, "Lock")
        clean(BrowseScreen.keys, "Browse")
        clean(BrowseScreen.readOnlyKeys, "read-only Browse")
        clean(BrowseScreen.searchKeys, "Browse search")
        clean(BrowseScreen.panelKeys, "Browse filters")
        clean(ListingDetailScreen.studentKeys, "Listing detail")
        clean(ListingDetailScreen.readOnlyKeys, "read-only listing detail")
        clean(ListingDetailScreen.scrollKeys, "Listing detail scrolling")
        clean(ApplyFormScreen.keys.merged(with: ApplyFormScreen.fieldKeys), "Apply form")
        clean(SavedScreen.keys, "Saved")
        clean(ApplicationsScreen.keys, "Applications")
        clean(NotificationsScreen.keys, "Notifications")
        clean(ProfileScreen.keys, "Profile")
        clean(ProfileScreen.editKeys, "Profile editing")
        clean(EmployerListingsScreen.keys, "Employer listings")
        clean(EmployerListingsScreen.searchKeys, "Employer listings search")
        clean(EmployerListingsScreen.formKeys, "Listing form")
        clean(PlacementsScreen.studentKeys, "Student placement")
        clean(PlacementsScreen.supervisorKeys, "Interns")
        clean(PlacementsScreen.employerKeys, "Employer placements")
        clean(PlacementsScreen.institutionKeys, "Institution placements")
        clean(PlacementsScreen.searchKeys, "Placements search")
        clean(ApplicantsScreen.keys, "Applicants")
        clean(ApplicantsScreen.searchKeys, "Applicants search")
        clean(EmployerDashboardScreen.keys, "Employer dashboard")
        clean(OrganizationScreen.keys, "Organization")
        clean(OrganizationScreen.formKeys, "Organization form")
        clean(HealthScreen.keys, "Health")
        clean(UsersScreen.keys, "Users")
        clean(UsersScreen.searchKeys, "Users search")
        clean(UsersScreen.passwordKeys, "New password")
        clean(VerificationScreen.keys, "Verification")
        clean(VerificationScreen.searchKeys, "Verification search")
        clean(SecurityScreen.keys, "Security")
        clean(AuditScreen.keys, "Audit")
        clean(AuditScreen.queryKeys, "Audit query")
        clean(DataScreen.keys, "Data")
        clean(OrganizationsScreen.keys, "Orgs")
        clean(OrganizationsScreen.institutionKeys, "Orgs: institutions")
        clean(OrganizationsScreen.searchKeys, "Orgs search")
        clean(OrganizationsScreen.formKeys, "Orgs form")
    }

    @Test("a tab's own keys never take the shell's tab switching, help or command line")
    func screensLeaveTheShellKeys() {
        let shell: [Key] = ["1", "2", "3", "4", "5", "6", "7", "?", ":", "[", "]", "ctrl-c", "ctrl-l"]
        func leaves<A>(_ table: KeyTable<A>, _ name: String) {
            for key in shell { #expect(table.action(for: key) == nil, "\(name) takes \(key)") }
        }
        leaves(BrowseScreen.keys, "Browse")
        leaves(SavedScreen.keys, "Saved")
        leaves(ApplicationsScreen.keys, "Applications")
        leaves(NotificationsScreen.keys, "Notifications")
        leaves(ProfileScreen.keys, "Profile")
        leaves(EmployerListingsScreen.keys, "Employer listings")
        leaves(ApplicantsScreen.keys, "Applicants")
        leaves(EmployerDashboardScreen.keys, "Employer dashboard")
        leaves(OrganizationScreen.keys, "Organization")
        leaves(HealthScreen.keys, "Health")
        leaves(UsersScreen.keys, "Users")
        leaves(VerificationScreen.keys, "Verification")
        leaves(SecurityScreen.keys, "Security")
        leaves(AuditScreen.keys, "Audit")
        leaves(DataScreen.keys, "Data")
        leaves(OrganizationsScreen.keys, "Orgs")
        leaves(OrganizationsScreen.institutionKeys, "Orgs: institutions")
    }

    @Test("read-only Browse has no save, apply or eligible keys")
    func readOnly() {
        for key: Key in ["s", "a", "e", "S"] { #expect(BrowseScreen.readOnlyKeys.action(for: key) == nil) }
    }
}

@Suite("Configuration file")
struct ConfigurationFileTests {
    @Test("good values are read")
    func good() {
        let file = ConfigurationFile.parse(
            "theme = \"light\"\ndatabase = \"/tmp/x.sqlite\"\nidle_lock_minutes = 5\ntime_zone = \"Africa/Nairobi\"\n",
            path: "config.toml")
        #expect(file.problems.isEmpty)
        #expect(file.theme == "light")
        #expect(file.database == "/tmp/x.sqlite")
        #expect(file.idleLockMinutes == 5)
    }

    @Test("a bad value names the file, key and value and is ignored")
    func bad() {
        let file = ConfigurationFile.parse("theme = 3\nidle_lock_minutes = 0\ncolour = \"x\"\n", path: "config.toml")
        #expect(file.theme == nil)
        #expect(file.idleLockMinutes == nil)
        #expect(file.problems.contains("config.toml: theme = 3 is not a theme name; ignored"))
        #expect(file.problems.contains { $0.hasPrefix("config.toml: idle_lock_minutes = 0") })
        #expect(file.problems.contains { $0.contains("unknown key colour") })
    }

    @Test("[retention] sets what the jobs keep; a key left out keeps its default, a bad one is named and ignored")
    func retention() {
        let good = ConfigurationFile.parse(
            "[retention]\nread_notifications_days = 90\nidempotency_hours = 48\n", path: "config.toml")
        #expect(good.problems.isEmpty)
        #expect(
            good.retention
                == Retention(
                    readNotificationDays: 90, securityEventDays: 365, deliveredMessageDays: 30,
                    idempotencyRecordHours: 48))
        let bad = ConfigurationFile.parse(
            "[retention]\nsecurity_events_days = 0\ndelivered_messages_days = \"a month\"\nforever = true\n",
            path: "config.toml")
        #expect(bad.retention == .standard)
        #expect(
            bad.problems.contains(
                "config.toml: retention.security_events_days = 0 is not a number of days from 1 to 36500; ignored"))
        #expect(bad.problems.contains { $0.hasPrefix("config.toml: retention.delivered_messages_days = ") })
        #expect(bad.problems.contains { $0.hasPrefix("config.toml: unknown key retention.forever") })
        #expect(ConfigurationFile.parse("retention = 30\n", path: "c").problems.count == 1)
    }

    @Test("server is an http(s) URL, kept without its trailing slash; anything else is ignored with a line")
    func server() {
        let good = ConfigurationFile.parse("server = \"https://edulink.example.ac.ke/\"\n", path: "config.toml")
        #expect(good.problems.isEmpty)
        #expect(good.server?.absoluteString == "https://edulink.example.ac.ke")
        let bad = ConfigurationFile.parse("server = \"edulink.example\"\n", path: "config.toml")
        #expect(bad.server == nil)
        #expect(
            bad.problems == ["config.toml: server = \"edulink.example\" is not an http:// or https:// URL; ignored"])
        #expect(ServerAddress.parse("http://user@host") == nil)
        #expect(ServerAddress.label("http://127.0.0.1:8080") == "127.0.0.1:8080")
        #expect(ServerAddress.label("https://edulink.example.ac.ke/campus") == "edulink.example.ac.ke")
    }

    @Test("broken TOML falls back to the defaults with one line")
    func broken() {
        let file = ConfigurationFile.parse("theme = ", path: "config.toml")
        #expect(file.problems.count == 1)
        #expect(file.problems[0].hasPrefix("config.toml: not valid TOML"))
    }
}
