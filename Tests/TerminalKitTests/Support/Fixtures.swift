import TerminalKit

/// Shared sample data with wide characters, so alignment is exercised everywhere.
enum Fixtures {
    static let columns = [
        TableColumn("Company", width: .percent(40)),
        TableColumn("City", width: .fill()),
        TableColumn("Stage", width: .fixed(9)),
        TableColumn("Pay", width: .fixed(5), alignment: .trailing),
    ]

    static let rows: [[TableCell]] = [
        ["Acme Robotics", "Berlin", TableCell("applied", role: "state.applied"), "900"],
        ["株式会社テスト", "東京", TableCell("offered", role: "state.offered"), "1200"],
        ["🚀 Rocket Labs", "Austin", TableCell("rejected", role: "state.rejected"), "1100"],
        ["Café Zürich", "Zürich", TableCell("interview", role: "state.interview"), "950"],
        ["北京数据科技有限公司研究院", "北京", "applied", "1000"],
        ["Nguyễn & Co", "Hà Nội", "offered", "870"],
        ["Blue Whale 🐳", "Lisbon", "applied", "990"],
        ["Señor Código", "Madrid", "rejected", "1010"],
    ]

    static let keys = KeyTable<String>([
        KeyBinding(["q"], hint: "quit", "Quit", group: "General", action: "quit"),
        KeyBinding(["?"], hint: "help", "Show the keys", group: "General", action: "help"),
        KeyBinding(["j", "down"], "Move down", group: "Navigation", action: "down"),
        KeyBinding(["k", "up"], "Move up", group: "Navigation", action: "up"),
        KeyBinding(["/"], hint: "filter", "Filter the rows", group: "Search", action: "filter"),
        KeyBinding(["ctrl-r"], "Reload from the server", group: "Search", action: "reload"),
    ])
}
