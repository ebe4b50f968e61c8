import TerminalKit

/// Sample content for the gallery: mixed scripts and emoji, so alignment problems show at a glance.
enum GalleryData {
    static let columns = [
        TableColumn("Company", width: .percent(30)),
        TableColumn("Role", width: .fill()),
        TableColumn("City", width: .fixed(10)),
        TableColumn("Stage", width: .fixed(10)),
        TableColumn("Pay", width: .fixed(6), alignment: .trailing),
    ]

    static let rows: [[TableCell]] = {
        let companies = [
            "Acme Robotics", "株式会社テスト", "Café Zürich", "Nordlicht GmbH", "🚀 Rocket Labs", "Ølstue Aps",
            "北京数据科技", "Señor Código", "Δέλτα Systems", "Nguyễn & Co", "Blue Whale 🐳", "Kraków Dev",
        ]
        let roles = [
            "Backend intern", "デザイナー", "Data analyst", "Support engineer", "iOS developer", "QA tester",
            "研究助理", "Product intern", "DevOps intern", "Marketing", "ML intern", "Frontend intern",
        ]
        let cities = [
            "Berlin", "東京", "Zürich", "Oslo", "Austin", "København", "北京", "Madrid", "Αθήνα", "Hà Nội", "Lisbon",
            "Kraków",
        ]
        let stages: [(String, Role)] = [
            ("applied", "state.applied"), ("interview", "state.interview"), ("offered", "state.offered"),
            ("rejected", "state.rejected"),
        ]
        return (0..<240).map { index in
            let stage = stages[index % stages.count]
            return [
                TableCell(companies[index % companies.count]),
                TableCell(roles[(index * 7) % roles.count]),
                TableCell(cities[(index * 5) % cities.count]),
                TableCell(stage.0, role: stage.1),
                TableCell("\(900 + (index * 37) % 700)"),
            ]
        }
    }()

    static let timeline: [Timeline.Event] = [
        Timeline.Event(
            time: "09:02", title: "Application submitted", detail: "Backend intern at Acme Robotics", role: .info),
        Timeline.Event(time: "10:15", title: "Reviewed by 山田 太郎", role: .accent),
        Timeline.Event(
            time: "13:40", title: "Interview scheduled", detail: "Thursday 14:00, room 2.14", role: .warning),
        Timeline.Event(time: "16:05", title: "Offer sent 📨", role: .ok),
        Timeline.Event(time: "16:30", title: "Reference check failed", role: .critical),
    ]

    static let article = """
        TerminalKit draws every frame in full into a cell buffer and sends only the cells that changed, so \
        a screen is a function of its state. Widgets are plain values: a table, a form, a gauge. Keys come from \
        one table per screen, which also writes the help overlay and the hints in the status bar.

        Wide characters are measured with wcwidth: 漢字 and かな take two columns, café's é takes one, and \
        emoji such as 🎉 take two, so columns line up.

        Resize the window: the layout is recomputed on every frame, and below the minimum size the screen \
        says what it needs.
        """
}
