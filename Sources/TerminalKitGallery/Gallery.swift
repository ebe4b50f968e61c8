import TerminalKit

/// The gallery's intents: what its keys mean.
enum GalleryIntent: Hashable, Sendable {
    case quit, help, command, nextTab, previousTab, tab(Int), cycleTheme, toast, confirm, prompt, work, edit, redraw
}

/// What async work delivers back.
enum GalleryResult: Sendable {
    case workFinished(Int)
}

/// An application that shows every TerminalKit widget, for trying the toolkit by hand and for the
/// end-to-end test.
struct Gallery: Application {
    typealias Action = GalleryResult

    static let tabs = ["Data", "Input", "Charts", "Text", "Themes"]
    static let spinnerTimer: TimerID = "spinner"

    var library: ThemeLibrary
    var theme: Theme
    var tab = 0
    var table = TableState()
    var list: SelectListState
    var form = FormState(fields: [
        FormField(id: "name", label: "Name", input: .text(LineEditor(), placeholder: "Full name"), required: true),
        FormField(
            id: "email", label: "E-mail", input: .text(LineEditor(), placeholder: "name@example.org"), required: true),
        FormField(
            id: "start", label: "Starts",
            input: .dateTime(DateTimeFieldState(DateTime(year: 2026, month: 9, day: 1, hour: 9)))),
        FormField(id: "kind", label: "Kind", input: .choice(["Full-time", "Part-time", "Remote"], selected: 0)),
        FormField(id: "note", label: "Cover note", input: .multiline(TextAreaState(), height: 3)),
    ])
    var editingForm = false
    var scroll = ScrollState()
    var toasts = Toasts()
    var dialog: DialogState?
    var commandLine: CommandLineState?
    var helpFilter: String?
    var busySince: Duration?
    var completedWork = 0
    var samples: [Double] = (0..<80).map { Double(($0 * 37) % 23) + Double($0 % 7) }

    let keys = KeyTable<GalleryIntent>([
        KeyBinding(["q", "ctrl-c"], hint: "quit", "Quit the gallery", group: "General", action: .quit),
        KeyBinding(["?"], hint: "help", "Show these keys (type to filter)", group: "General", action: .help),
        KeyBinding(
            [":"], hint: "command", "Command line (:theme NAME, :tab N, :toast TEXT, :quit)", group: "General",
            action: .command),
        KeyBinding(["t"], hint: "theme", "Next theme", group: "General", action: .cycleTheme),
        KeyBinding(["ctrl-l"], "Repaint the screen", group: "General", action: .redraw),
        KeyBinding(["]", "tab"], hint: "next tab", "Next tab", group: "Tabs", action: .nextTab),
        KeyBinding(["[", "shift-tab"], "Previous tab", group: "Tabs", action: .previousTab),
        KeyBinding(["1"], "Data tab", group: "Tabs", action: .tab(0)),
        KeyBinding(["2"], "Input tab", group: "Tabs", action: .tab(1)),
        KeyBinding(["3"], "Charts tab", group: "Tabs", action: .tab(2)),
        KeyBinding(["4"], "Text tab", group: "Tabs", action: .tab(3)),
        KeyBinding(["5"], "Themes tab", group: "Tabs", action: .tab(4)),
        KeyBinding(["e"], hint: "edit form", "Edit the form (Input tab; esc leaves)", group: "Demo", action: .edit),
        KeyBinding(["n"], "Post a toast", group: "Demo", action: .toast),
        KeyBinding(["d"], "Open a confirmation dialog", group: "Demo", action: .confirm),
        KeyBinding(["p"], "Open a prompt dialog", group: "Demo", action: .prompt),
        KeyBinding(["w"], "Start background work (spinner, then a toast)", group: "Demo", action: .work),
    ])

    init(library: ThemeLibrary, theme: Theme) {
        self.library = library
        self.theme = theme
        self.list = SelectListState(items: library.availableNames())
        if let index = list.items.firstIndex(of: theme.name) { list.selected = index }
    }

    /// Every key the screen handles, for the help overlay: the gallery's own, then the widgets'.
    var helpKeys: KeyTable<String> {
        keys.map { "\($0)" }.merged(with: TableState.keys.map { "\($0)" }).merged(with: FormState.keys)
    }

    /// Commands the command line completes.
    var commands: [String] {
        ["quit", "toast ", "tab 1", "tab 2", "tab 3", "tab 4", "tab 5"] + library.availableNames().map { "theme " + $0 }
    }
}
