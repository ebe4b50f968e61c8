import TerminalKit
import Testing

@testable import EdulinkTUI

@Suite("Key tables")
struct KeyTableTests {
    @Test("no screen binds a key twice")
    func noDuplicates() {
        #expect(BrowseScreen.keys.duplicateKeys.isEmpty)
        #expect(BrowseScreen.panelKeys.duplicateKeys.isEmpty)
        #expect(BrowseScreen.searchKeys.duplicateKeys.isEmpty)
        #expect(ListingDetailScreen.studentKeys.duplicateKeys.isEmpty)
        #expect(ApplyFormScreen.keys.duplicateKeys.isEmpty)
        #expect(SavedScreen.keys.duplicateKeys.isEmpty)
        #expect(ApplicationsScreen.keys.duplicateKeys.isEmpty)
        #expect(NotificationsScreen.keys.duplicateKeys.isEmpty)
        #expect(ProfileScreen.keys.duplicateKeys.isEmpty)
        #expect(LoginScreen.keys.duplicateKeys.isEmpty)
        #expect(EdulinkApp.globalKeys.duplicateKeys.isEmpty)
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
