import EdulinkCore
import EdulinkViewModels
import TerminalKit

/// Users: a search line (`/`, searches as you type), a role filter (`f`), the accounts table, and the
/// account actions — `r` role, `l` lock, `u` unlock, `D` disable, `P` reset password, `V` verify the
/// selected employer's organization — each confirmed first. The line under the table says whether the
/// selected employer's organization is verified. A reset password is shown once in a box until Enter or Esc.
struct UsersScreen {
    enum Intent: Hashable { case move(ListMove), search, filter, role, lock, unlock, disable, reset, verify, reload }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("account", group: "Users") { .move($0) } + [
            KeyBinding(["/"], hint: "search", "Search by email or name (as you type)", group: "Users", action: .search),
            KeyBinding(
                ["f"], hint: "role filter", "Show one role only, then the next, then every role", group: "Users",
                action: .filter),
            KeyBinding(["r"], hint: "role", "Change the selected account's role", group: "Users", action: .role),
            KeyBinding(["l"], hint: "lock", "Lock the selected account", group: "Users", action: .lock),
            KeyBinding(["u"], hint: "unlock", "Unlock the selected account", group: "Users", action: .unlock),
            KeyBinding(["D"], hint: "disable", "Disable the selected account", group: "Users", action: .disable),
            KeyBinding(
                ["P"], hint: "reset pw", "Reset the password (the new one is shown once)", group: "Users",
                action: .reset),
            KeyBinding(
                ["V"], hint: "verify org", "Verify the selected employer's organization", group: "Users",
                action: .verify),
            KeyBinding(["ctrl-r"], "Reload", group: "Users", action: .reload),
        ])

    static let searchKeys = KeyTable<Intent>([
        KeyBinding(["enter", "esc", "down"], hint: "done", "Back to the table", group: "Search", action: .search)
    ])

    static let passwordKeys = KeyTable<Intent>([
        KeyBinding(
            ["enter", "esc"], hint: "I noted it", "Close; the password is not shown again", group: "New password",
            action: .reload)
    ])

    private(set) var model: UsersViewModel
    private(set) var search = LineEditor(maxLength: 200)
    private(set) var searching = false

    init(model: UsersViewModel) { self.model = model }

    var capturesText: Bool { searching || model.state.revealed != nil }

    var activeKeys: KeyTable<Intent> {
        if model.state.revealed != nil { return Self.passwordKeys }
        return searching ? Self.searchKeys : Self.keys
    }

    mutating func send(_ intent: UsersViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "adminUsers.") { .adminUsers($0) }
    }

    mutating func receive(_ message: UsersViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "adminUsers.") { .adminUsers($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> (KeyOutcome, AdminQuestion?) {
        if model.state.revealed != nil {
            guard key == "enter" || key == "esc" else { return (KeyOutcome(), nil) }
            return (KeyOutcome(effects: send(.dismissPassword)), nil)
        }
        if searching {
            if key == "enter" || key == "esc" || key == "down" {
                searching = false
                return (KeyOutcome(), nil)
            }
            guard search.handle(key) == .edited else { return (KeyOutcome(), nil) }
            return (KeyOutcome(effects: send(.setQuery(search.text))), nil)
        }
        guard let intent = Self.keys.action(for: key) else { return (.unhandled, nil) }
        let selected = model.state.selected
        switch intent {
        case .move(let move):
            return (
                KeyOutcome(
                    effects: send(.moveSelection(move.rows(table: Self.listArea(area), count: model.state.users.count)))
                ), nil
            )
        case .search:
            searching = true
            return (KeyOutcome(), nil)
        case .filter:
            let roles: [EdulinkCore.Role?] = [nil] + EdulinkCore.Role.allCases.map(Optional.some)
            let next = ((roles.firstIndex(of: model.state.role) ?? 0) + 1) % roles.count
            return (KeyOutcome(effects: send(.setRoleFilter(roles[next]))), nil)
        case .role:
            guard let selected else { return (KeyOutcome(), nil) }
            return (KeyOutcome(), .pickRole(for: selected))
        case .lock: return ask(.request(.lock))
        case .unlock: return ask(.request(.unlock))
        case .disable: return ask(.request(.disable))
        case .reset: return ask(.request(.resetPassword))
        case .verify: return ask(.requestVerifyOrganization)
        case .reload: return (KeyOutcome(effects: send(.load)), nil)
        }
    }

    /// Sends a request for a change and asks the question it holds, if any.
    private mutating func ask(_ request: UsersViewModel.Intent) -> (KeyOutcome, AdminQuestion?) {
        let effects = send(request)
        guard let pending = model.state.pending else { return (KeyOutcome(effects: effects), nil) }
        return (KeyOutcome(effects: effects), .userAction(pending.action, pending.user))
    }

    static func statusRole(_ user: UserSummary) -> TerminalKit.Role {
        switch user.status {
        case .active: .ok
        case .locked: .warning
        case .disabled: .critical
        }
    }

    /// The accounts' panel: between the search line and the organization's line.
    static func body(_ area: Rect) -> Rect {
        Rect(x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 2))
    }

    /// The table inside the panel (the page keys' page is its height).
    static func listArea(_ area: Rect) -> Rect { Panel(border: .rounded).inner(body(area)) }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let top = area.row(0).inset(horizontal: 1)
        let label = "Search "
        frame.buffer.write(label, in: top, style: Style(searching ? .accent : .muted, adding: searching ? .bold : []))
        let filterText = " Role: \(state.role.map { DisplayFormat.words($0.rawValue) } ?? "all") "
        let filterWidth = DisplayWidth.of(filterText)
        let field = Rect(
            x: top.x + label.count, y: top.y, width: max(0, top.width - label.count - filterWidth - 1), height: 1)
        let widget = TextField(editor: search, placeholder: "email or name — press /", focused: searching)
        widget.draw(into: &frame.buffer, area: field)
        if searching { frame.cursor = widget.cursorPosition(in: field) }
        frame.buffer.write(
            filterText, at: Point(x: top.maxX - filterWidth, y: top.y),
            style: Style(state.role == nil ? .muted : .accent, adding: .bold))

        let body = Self.body(area)
        let more = state.hasMore ? "+" : ""
        let panel = Panel(
            title: "Users", focused: !searching, border: .rounded,
            trailingTitle: state.loading ? "searching…" : state.loaded ? "\(state.users.count)\(more) shown" : nil)
        panel.draw(into: &frame.buffer, area: body)
        let inner = panel.inner(body)
        let wide = inner.width >= 110
        var table = TableState(selected: state.selectedIndex ?? 0)
        table.clamp(rowCount: state.users.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.users.map { user in
                var cells = [
                    TableCell(user.email), TableCell(user.displayName),
                    TableCell(DisplayFormat.words(user.role.rawValue)),
                    TableCell(user.status.rawValue, role: Self.statusRole(user)),
                ]
                let login = user.lastLoginAt.map { context.format.age($0, now: context.now) } ?? "never"
                cells.append(TableCell(login, role: .muted))
                if wide { cells.append(TableCell(context.format.dateTime(user.createdAt), role: .muted)) }
                return cells
            })
        var columns = [
            TableColumn("Email", width: .fill()), TableColumn("Name", width: .fixed(wide ? 28 : 16)),
            TableColumn("Role", width: .fixed(wide ? 17 : 8)), TableColumn("Status", width: .fixed(8)),
            TableColumn("Login", width: .fixed(5), alignment: .trailing),
        ]
        if wide { columns.append(TableColumn("Joined", width: .fixed(18))) }
        Table(
            columns: columns, source: rows, state: table, focused: !searching,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loaded, "No account matches.", loadingText: "searching…")
        ).draw(into: &frame.buffer, area: inner)
        drawOrganization(state, into: &frame, line: area.row(area.height - 1).inset(horizontal: 1))
        if let message = state.message {
            frame.buffer.write("✗ " + message, in: area.row(area.height - 1), style: Style(.critical))
        }
        if let revealed = state.revealed { drawPassword(revealed, into: &frame, area: area) }
    }

    /// Whether the selected employer's organization is verified, and how to verify it.
    private func drawOrganization(_ state: UsersViewModel.State, into frame: inout Frame, line: Rect) {
        guard let user = state.selected, user.role == .employer else { return }
        guard let organization = state.selectedOrganization else {
            let text = user.organizationID == nil ? "No organization" : "Organization…"
            frame.buffer.write(text, in: line, style: Style(.muted))
            return
        }
        frame.buffer.write(organization.name + "  ", in: line, style: Style(.text, adding: .bold))
        let x = line.x + DisplayWidth.of(organization.name + "  ")
        let rest = Rect(x: x, y: line.y, width: max(0, line.maxX - x), height: 1)
        if organization.verified {
            frame.buffer.write("✓ verified", in: rest, style: Style(.ok))
        } else {
            frame.buffer.write(
                "! not verified — its listings cannot be published; V verifies", in: rest, style: Style(.warning))
        }
    }

    /// The new password, in a box of its own; nothing else keeps it.
    private func drawPassword(_ revealed: UsersViewModel.Revealed, into frame: inout Frame, area: Rect) {
        let width = min(area.width - 4, 60)
        let box = Rect(
            x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - 8) / 2), width: width, height: 8)
        frame.buffer.fill(box, with: .blank(Style(.dialog)))
        let panel = Panel(title: "New password", focused: true, border: .rounded, fill: .dialog)
        panel.draw(into: &frame.buffer, area: box)
        let inner = panel.inner(box).inset(horizontal: 1)
        frame.buffer.write("For \(revealed.email):", in: inner.row(0), style: Style(.text))
        frame.buffer.write(revealed.password, in: inner.row(2), style: Style(.accent, adding: .bold))
        frame.buffer.write("Shown once: give it to the user now.", in: inner.row(4), style: Style(.warning))
        frame.buffer.write("Enter or Esc closes it.", in: inner.row(5), style: Style(.muted))
        frame.cursor = nil
    }
}
