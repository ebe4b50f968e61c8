import EdulinkCore
import EdulinkViewModels
public import TerminalKit

extension EdulinkApp {
    /// The rows around the screens: tabs on top, then the banner or the role note, then the screen,
    /// then the status bar. `update` and `draw` both use it.
    struct Chrome {
        var tabs: Rect
        var banner: Rect?
        var content: Rect
        var status: Rect
    }

    func chrome(size: Size) -> Chrome {
        let area = Rect(size: size)
        let bannerRows = bannerLines(size: size).count
        let top = 1 + bannerRows
        return Chrome(
            tabs: area.row(0),
            banner: bannerRows > 0 ? Rect(x: 0, y: 1, width: size.width, height: bannerRows) : nil,
            content: Rect(x: 0, y: top, width: size.width, height: max(0, size.height - top - 1)),
            status: area.row(size.height - 1))
    }

    func contentArea(size: Size) -> Rect { chrome(size: size).content }

    /// The offline banner wrapped to the terminal's width: two rows at most (the reason after the
    /// server's address does not fit one row of 80 columns), one on a terminal too short to spare two.
    func bannerLines(size: Size) -> [String] {
        guard let offline = session.state.offlineBanner else { return [] }
        let lines = TextWrap.lines(" ⚠ " + offline, width: max(1, size.width)).map(\.text)
        return Array(lines.prefix(size.height < 12 ? 1 : 2))
    }

    func drawContext(tick: Duration) -> DrawContext {
        DrawContext(now: environment.time.now(), format: format, tick: tick, readOnly: readOnly)
    }

    public func draw(into frame: inout Frame) {
        defer { environment.frameLog?.record("frame") }
        let context = drawContext(tick: frame.now)
        let layout = chrome(size: frame.buffer.size)
        guard let user else {
            let area = Rect(x: 0, y: 0, width: frame.area.width, height: frame.area.height - 1)
            let warnings =
                environment.startupWarnings.isEmpty
                ? nil : "⚠ " + environment.startupWarnings.joined(separator: " · ")
            login.draw(into: &frame, area: area, notice: session.state.signedOutMessage ?? warnings, context: context)
            StatusBar(
                left: [StatusBar.Segment("Edulink")], hints: login.hints,
                right: [StatusBar.Segment(modeLabel(width: frame.area.width))]
            ).draw(into: &frame.buffer, area: layout.status)
            drawToasts(into: &frame.buffer, above: layout.status)
            return
        }
        // The name gives way when that is what keeps every tab title whole.
        let tabBar = Tabs(tabs.map(\.title), selected: tabs.firstIndex(of: tab) ?? 0)
        let natural = tabBar.naturalWidth
        let brand =
            natural + DisplayWidth.of(" edulink ") > layout.tabs.width && natural <= layout.tabs.width
            ? "" : " edulink "
        let tabArea = Rect(
            x: layout.tabs.x, y: layout.tabs.y, width: max(0, layout.tabs.width - DisplayWidth.of(brand)),
            height: layout.tabs.height)
        tabBar.draw(into: &frame.buffer, area: tabArea)
        if !brand.isEmpty {
            frame.buffer.write(
                brand, at: Point(x: layout.tabs.maxX - DisplayWidth.of(brand), y: 0),
                style: Style(.accent, adding: .bold))
        }
        if let banner = layout.banner {
            frame.buffer.fill(banner, with: .blank(Style(EdulinkRoles.banner, adding: .reverse)))
            for (offset, line) in bannerLines(size: frame.buffer.size).enumerated() {
                frame.buffer.write(
                    line, in: banner.row(offset), style: Style(EdulinkRoles.banner, adding: [.reverse, .bold]))
            }
        }
        if let lock = session.state.lock {
            self.lock.draw(
                into: &frame, area: layout.content, lock: lock, user: user.email, context: context)
        } else {
            drawScreen(into: &frame, area: layout.content, context: context)
            passwordForm.draw(into: &frame, area: layout.content)
        }
        drawStatus(into: &frame, area: layout.status, user: user)
        drawToasts(into: &frame.buffer, above: layout.status)
        if let dialog {
            let widget = Dialog(dialog.state)
            widget.draw(into: &frame.buffer, area: layout.content)
            frame.cursor = widget.cursorPosition(in: layout.content)
        }
        if let help {
            var overlay = HelpOverlay(keys: KeyTable<GlobalIntent>([]), filter: help.filter, scroll: help.scroll)
            overlay.sections = activeHelp.sections + Self.globalKeys.helpSections(filter: help.filter)
            overlay.draw(into: &frame.buffer, area: layout.content)
            frame.cursor = nil
        }
    }

    private func drawScreen(into frame: inout Frame, area: Rect, context: DrawContext) {
        if let apply {
            apply.draw(into: &frame, area: area, context: context)
            return
        }
        if let detail {
            detail.draw(into: &frame, area: area, context: context)
            return
        }
        if let index = hostIndex(for: tab) { hosted[index].draw(tab, into: &frame, area: area, context: context) }
    }

    /// `local /path/to/edulink.sqlite`, shortened to the file name on narrow terminals, or
    /// `server host:port`.
    func modeLabel(width: Int) -> String {
        if case .remote(let address) = environment.repository.mode { return "server " + ServerAddress.label(address) }
        let label = session.state.modeLabel
        guard width < 160, let slash = label.lastIndex(of: "/") else { return label }
        let prefix = label.split(separator: " ").first.map(String.init) ?? ""
        return "\(prefix) \(label[label.index(after: slash)...])"
    }

    /// A wait for another process's lock shorter than this is not worth a word.
    static let lockWaitShownAfter = Duration.milliseconds(300)

    private func drawStatus(into frame: inout Frame, area: Rect, user: UserSummary) {
        if let commandLine {
            let above = Rect(x: area.x, y: area.y - 1, width: area.width, height: 2)
            let widget = CommandLineView(state: commandLine)
            widget.draw(into: &frame.buffer, area: above)
            frame.cursor = widget.cursorPosition(in: above)
            return
        }
        let unread = session.state.unreadCount
        let role = DisplayFormat.words(user.role.rawValue)
        var hints = [KeyHint(key: "?", label: "help")] + activeHelp.hints
        hints.append(KeyHint(key: ":", label: "cmd"))
        if apply == nil && detail == nil && !capturesText { hints.append(KeyHint(key: "q", label: "quit")) }
        let name =
            area.width >= 120 ? user.displayName : DisplayFormat.shortName(user.displayName)
        var right = [
            StatusBar.Segment("✉ \(unread)", role: unread > 0 ? EdulinkRoles.unread : .statusBar),
            StatusBar.Segment(modeLabel(width: area.width)),
        ]
        if let waited = environment.lockWait?.waited(), waited >= Self.lockWaitShownAfter {
            let seconds = Int(waited.components.seconds)
            right.insert(StatusBar.Segment("⧗ database busy (another program) \(seconds) s", role: .warning), at: 0)
        }
        StatusBar(left: [StatusBar.Segment("\(name) · \(role)")], hints: hints, right: right).draw(
            into: &frame.buffer, area: area)
    }

    private func drawToasts(into buffer: inout Buffer, above status: Rect) {
        let items = session.state.toasts
        guard !items.isEmpty else { return }
        var toasts = Toasts()
        for item in items {
            let kind: Toasts.Kind = item.toast.kind == .error ? .error : .success
            let _: Command<AppMessage> = toasts.post(item.toast.text, kind: kind, now: .zero)
        }
        let area = Rect(x: 0, y: max(0, status.y - 4), width: status.width, height: min(4, status.y))
        ToastStack(toasts).draw(into: &buffer, area: area)
    }
}
