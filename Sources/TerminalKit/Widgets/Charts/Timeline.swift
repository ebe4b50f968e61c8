/// A vertical list of events: time, a marker on a connecting line, and the text; the marker's role
/// carries the event's kind.
public struct Timeline: Widget, Sendable {
    public struct Event: Hashable, Sendable {
        public var time: String
        public var title: String
        public var detail: String?
        public var role: Role
        public init(time: String, title: String, detail: String? = nil, role: Role = .accent) {
            self.time = time
            self.title = title
            self.detail = detail
            self.role = role
        }
    }

    public var events: [Event]
    /// The first row to show (events with details take two rows).
    public var scroll: Int

    public init(_ events: [Event], scroll: Int = 0) {
        self.events = events
        self.scroll = scroll
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        guard area.width > 8 else { return }
        let timeWidth = min(events.map { DisplayWidth.of($0.time) }.max() ?? 0, area.width / 3)
        var rows: [(time: String, marker: String, text: String, role: Role, textRole: Role)] = []
        for (index, event) in events.enumerated() {
            rows.append((event.time, "●", event.title, event.role, .text))
            let connector = index == events.count - 1 ? " " : "│"
            if let detail = event.detail { rows.append(("", connector, detail, .border, .muted)) }
        }
        for row in 0..<area.height {
            let index = scroll + row
            guard index < rows.count else { break }
            let entry = rows[index]
            let y = area.y + row
            buffer.write(
                entry.time, in: Rect(x: area.x, y: y, width: timeWidth, height: 1), style: Style(.muted),
                alignment: .trailing)
            buffer.write(entry.marker, at: Point(x: area.x + timeWidth + 1, y: y), style: Style(entry.role))
            buffer.write(
                entry.text, in: Rect(x: area.x + timeWidth + 3, y: y, width: area.width - timeWidth - 3, height: 1),
                style: Style(entry.textRole))
        }
    }
}
