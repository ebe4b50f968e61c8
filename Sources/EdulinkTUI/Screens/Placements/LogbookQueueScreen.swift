import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// The supervisor's Logbooks tab: submitted entries oldest first, the selected one beside them.
/// `a` approves and the next follows; `r` returns with a comment; `n` keeps a private note;
/// `space` marks, and `A` approves every marked entry after a preview.
struct LogbookQueueScreen {
    enum Intent: Hashable {
        case send(LogbookQueueViewModel.Intent)
        case move(ListMove)
        case returnEntry, note, approveMarked, search
    }

    enum Purpose: Equatable {
        case returnComment, note, approveMarked
    }

    static let keys = KeyTable<Intent>(
        ListMove.bindings("entry", group: "Logbooks") { .move($0) } + [
            KeyBinding(
                ["a", "enter"], hint: "approve", "Approve the selected entry; the next follows", group: "Logbooks",
                action: .send(.approveSelected)),
            KeyBinding(["r"], hint: "return", "Return it with a comment", group: "Logbooks", action: .returnEntry),
            KeyBinding(["n"], "Private note (never shown to the student)", group: "Logbooks", action: .note),
            KeyBinding(["space"], hint: "mark", "Mark or unmark it", group: "Logbooks", action: .send(.toggleMark)),
            KeyBinding(
                ["A"], hint: "approve marked", "Approve every marked entry (shows them first)", group: "Logbooks",
                action: .approveMarked),
            KeyBinding(
                ["/"], hint: "search", "Narrow the queue by student, listing or week (as you type)", group: "Logbooks",
                action: .search),
            KeyBinding(["ctrl-r"], "Reload the queue", group: "Logbooks", action: .send(.load)),
        ])

    static let searchKeys = ListSearch.doneKeys(Intent.search, backTo: "the queue")

    private(set) var model: LogbookQueueViewModel
    /// The `/` line; the view-model narrows the queue with its text.
    private(set) var search = ListSearch()
    var question: ScreenQuestion<Purpose>?

    init(model: LogbookQueueViewModel) { self.model = model }

    mutating func send(_ intent: LogbookQueueViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "logbooks.") { .logbookQueue($0) }
    }

    mutating func receive(_ message: LogbookQueueViewModel.Message) -> [Effect<AppMessage>] {
        model.handle(message).map(keyPrefix: "logbooks.") { .logbookQueue($0) }
    }

    mutating func handle(_ key: Key, area: Rect) -> KeyOutcome {
        if var current = question {
            switch current.handle(key) {
            case .pending: question = current
            case .cancelled: question = nil
            case .confirmed(let text):
                question = nil
                switch current.purpose {
                case .returnComment: return KeyOutcome(effects: send(.returnSelected(text)))
                case .note: return KeyOutcome(effects: send(.noteSelected(text)))
                case .approveMarked: return KeyOutcome(effects: send(.approveMarked))
                }
            }
            return KeyOutcome()
        }
        if search.active {
            guard let text = search.edit(key, done: Self.searchKeys) else { return KeyOutcome() }
            return KeyOutcome(effects: send(.setQuery(text)))
        }
        guard let intent = Self.keys.action(for: key) else { return .unhandled }
        switch intent {
        case .send(let intent):
            return KeyOutcome(effects: send(intent))
        case .move(let move):
            let rows = move.rows(panel: Self.parts(area)[0], search: search, count: model.state.list.shown.count)
            return KeyOutcome(effects: send(.moveSelection(rows)))
        case .search:
            search.open()
        case .returnEntry:
            guard let item = model.state.selected else { return KeyOutcome() }
            question = ScreenQuestion(
                .prompt(
                    "Return \(item.studentName), week \(item.entry.week)",
                    message: "What should the student change? (10–1,000 characters)", maxLength: 1000), .returnComment)
        case .note:
            guard let item = model.state.selected else { return KeyOutcome() }
            question = ScreenQuestion(
                .prompt(
                    "Private note, week \(item.entry.week)", message: "Seen by supervisors and the institution only.",
                    initial: item.entry.privateNote ?? "", maxLength: 2000), .note)
        case .approveMarked:
            let marked = model.state.markedItems
            guard !marked.isEmpty else { return KeyOutcome(effects: send(.approveSelected)) }
            let names = marked.prefix(6).map { "\($0.studentName) w\($0.entry.week)" }.joined(separator: ", ")
            let more = marked.count > 6 ? " and \(marked.count - 6) more" : ""
            question = ScreenQuestion(
                .confirm(
                    "Approve \(DisplayFormat.counted(marked.count, "entry", "entries"))?", message: names + more + ".",
                    defaultYes: true), .approveMarked)
        }
        return KeyOutcome()
    }

    /// The queue and the entry: side by side from 110 columns, else one above the other.
    static func parts(_ area: Rect) -> [Rect] {
        (area.width >= 110 ? Layout.horizontal([.percent(45), .fill()]) : Layout.vertical([.percent(45), .fill()]))
            .split(area)
    }

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let parts = Self.parts(area)
        let trailing = state.marked.isEmpty ? "\(state.list.countLabel) waiting" : "\(state.marked.count) marked"
        let panel = Panel(
            title: "Waiting for review", focused: !search.active, border: .rounded, trailingTitle: trailing)
        panel.draw(into: &frame.buffer, area: parts[0])
        let inner = search.draw(into: &frame, area: panel.inner(parts[0]), placeholder: "student, listing, week")
        var table = TableState(selected: state.list.selectedIndex ?? 0)
        table.clamp(rowCount: state.list.shown.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.list.shown.map { item in
                let late = (item.entry.submittedAt ?? item.due) > item.due
                return [
                    TableCell(state.marked.contains(item.id) ? "■" : " ", role: .mark),
                    TableCell(item.studentName), TableCell("w\(item.entry.week)", role: .muted),
                    TableCell(
                        item.entry.submittedAt.map { context.format.age($0, now: context.now) } ?? "",
                        role: late ? .warning : .muted),
                ]
            })
        Table(
            columns: [
                TableColumn("", width: .fixed(1)), TableColumn("Student", width: .fill()),
                TableColumn("Week", width: .fixed(4)), TableColumn("Sent", width: .fixed(5), alignment: .trailing),
            ], source: rows, state: table, focused: !search.active,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loaded,
                state.items.isEmpty
                    ? "Nothing waiting: every submitted entry is reviewed." : "No waiting entry matches the search.")
        ).draw(into: &frame.buffer, area: inner)

        let detail = Panel(title: "Entry", focused: false, border: .rounded)
        detail.draw(into: &frame.buffer, area: parts[1])
        let body = detail.inner(parts[1]).inset(horizontal: 1)
        if let item = state.selected {
            let entry = item.entry
            var text = StyledText()
            text.add("\(item.studentName) · week \(entry.week) · \(item.listingTitle)", .title, .bold)
            text.add(
                "\(context.format.day(item.weekStart)) · due \(context.format.day(item.due)) · "
                    + "\(entry.content.hours.formatted()) h"
                    + (entry.content.skills.isEmpty ? "" : " · " + entry.content.skills.joined(separator: ", ")),
                .muted)
            text.gap()
            text.add(entry.content.activities)
            if let learned = entry.content.learned { text.add("Learned: \(learned)", .muted) }
            if let challenges = entry.content.challenges { text.add("Challenges: \(challenges)", .muted) }
            if let note = entry.privateNote { text.add("Private note: \(note)", .info) }
            text.draw(into: &frame.buffer, area: body, scroll: 0)
        } else if let message = state.message {
            frame.buffer.write("✗ " + message, in: body.row(0), style: Style(.critical))
        }
        question?.draw(into: &frame, area: area)
    }
}

extension LogbookQueueScreen: TabScreen {
    static var tab: ShellTab { .logbooks }
    static func own(_ message: AppMessage) -> LogbookQueueViewModel.Message? {
        if case .logbookQueue(let message) = message { return message }
        return nil
    }
    var activeKeys: KeyTable<Intent> { search.active ? Self.searchKeys : Self.keys }
    mutating func load() -> [Effect<AppMessage>] { send(.load) }
    func capturesText(on tab: ShellTab) -> Bool { question != nil || search.active }
    var isBusy: Bool { model.state.loading || model.state.working }
}
