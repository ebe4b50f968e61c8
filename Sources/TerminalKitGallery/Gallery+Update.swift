import TerminalKit

extension Gallery {
    mutating func update(_ message: Message<GalleryResult>, context: UpdateContext) -> Command<GalleryResult> {
        switch message {
        case .key(let key):
            return handle(key, context: context)
        case .timer(Toasts.timer):
            return toasts.expire(now: context.now)
        case .timer(Self.spinnerTimer):
            samples.append(Double(Int(context.now / .milliseconds(80)) % 19))
            if samples.count > 200 { samples.removeFirst(samples.count - 200) }
            return .none
        case .result(.workFinished(let number)):
            busySince = nil
            completedWork = number
            return Command.stopTimer(Self.spinnerTimer).and(
                toasts.post("Background job \(number) finished", kind: .success, now: context.now))
        case .resize, .mouse, .timer:
            return .none
        }
    }

    private mutating func handle(_ key: Key, context: UpdateContext) -> Command<GalleryResult> {
        if var current = dialog {
            let outcome = current.handle(key)
            dialog = current
            switch outcome {
            case .pending: return .none
            case .cancelled:
                dialog = nil
                return toasts.post("Cancelled", kind: .warning, now: context.now)
            case .confirmed(let answer):
                dialog = nil
                return toasts.post(
                    current.kind == .confirm ? "Confirmed" : "You typed “\(answer)”", kind: .success, now: context.now)
            }
        }
        if var line = commandLine {
            let outcome = line.handle(key, commands: commands)
            commandLine = line
            switch outcome {
            case .edited: return .none
            case .cancelled:
                commandLine = nil
                return .none
            case .submitted(let text):
                commandLine = nil
                return run(command: text, context: context)
            }
        }
        if var filter = helpFilter {
            if key == "esc" || key == "?" || key == "q" && filter.isEmpty {
                helpFilter = nil
            } else if HelpOverlay.editFilter(&filter, with: key) {
                helpFilter = filter
            }
            return .none
        }
        if editingForm {
            if key == "esc" {
                editingForm = false
                return .none
            }
            if form.handle(key) == .submitted {
                if form.validate() {
                    editingForm = false
                    return toasts.post("Saved \(form.value("name") ?? "")", kind: .success, now: context.now)
                }
                return toasts.post("Please fix the marked fields", kind: .error, now: context.now)
            }
            return .none
        }
        if let intent = keys.action(for: key) {
            return perform(intent, context: context)
        }
        return handlePageKey(key, context: context)
    }

    private mutating func handlePageKey(_ key: Key, context: UpdateContext) -> Command<GalleryResult> {
        switch tab {
        case 0:
            let visible = Table<TableRows>.visibleRows(
                in: Rect(x: 0, y: 0, width: context.size.width, height: context.size.height - 5))
            _ = table.handle(
                key, rowCount: GalleryData.rows.count, columnCount: GalleryData.columns.count, visibleRows: visible)
        case 3:
            _ = scroll.handle(key, contentHeight: 40, viewportHeight: max(1, context.size.height - 6))
        case 4:
            if list.handle(key, visibleRows: 10) == .submitted, let name = list.selectedItem {
                return applyTheme(named: name, context: context)
            }
        default:
            break
        }
        return .none
    }

    private mutating func perform(_ intent: GalleryIntent, context: UpdateContext) -> Command<GalleryResult> {
        switch intent {
        case .quit: return .quit
        case .help: helpFilter = ""
        case .command: commandLine = CommandLineState(history: commandLine?.history ?? [])
        case .nextTab: tab = Tabs.next(tab, count: Self.tabs.count)
        case .previousTab: tab = Tabs.previous(tab, count: Self.tabs.count)
        case .tab(let index): tab = index
        case .redraw: return .redraw
        case .cycleTheme:
            let names = library.availableNames()
            let next = names.firstIndex(of: theme.name).map { (($0 + 1) % names.count) } ?? 0
            return applyTheme(named: names[next], context: context)
        case .toast:
            let kinds: [Toasts.Kind] = [.info, .success, .warning, .error]
            let kind = kinds[toasts.items.count % kinds.count]
            return toasts.post("A \(kind) toast at \(Int(context.now / .seconds(1)))s", kind: kind, now: context.now)
        case .confirm:
            dialog = .confirm(
                "Withdraw application?", message: "The employer will be told. This cannot be undone.",
                defaultYes: false, dangerous: true)
        case .prompt:
            dialog = .prompt("Rename", message: "A new name for this search:", initial: "Berlin interns")
        case .work:
            guard busySince == nil else { return .none }
            busySince = context.now
            let number = completedWork + 1
            return Command.startTimer(Self.spinnerTimer, every: Spinner.interval)
                .and(
                    .run(key: "work") {
                        try? await Task.sleep(for: .milliseconds(1500))
                        return .workFinished(number)
                    })
        case .edit:
            tab = 1
            editingForm = true
        }
        return .none
    }

    private mutating func run(command text: String, context: UpdateContext) -> Command<GalleryResult> {
        let words = text.split(separator: " ", maxSplits: 1).map(String.init)
        switch (words.first, words.count > 1 ? words[1] : nil) {
        case ("quit", _), ("q", _): return .quit
        case ("theme", let name?): return applyTheme(named: name, context: context)
        case ("tab", let number?):
            if let index = Int(number), (1...Self.tabs.count).contains(index) { tab = index - 1 }
            return .none
        case ("toast", let message?): return toasts.post(message, now: context.now)
        default: return toasts.post("Unknown command: \(text)", kind: .error, now: context.now)
        }
    }

    private mutating func applyTheme(named name: String, context: UpdateContext) -> Command<GalleryResult> {
        let outcome = library.loadOrDefault(named: name)
        theme = outcome.theme
        if let index = list.items.firstIndex(of: theme.name) { list.selected = index }
        let notice: Command<GalleryResult> =
            outcome.error.map { toasts.post($0.description, kind: .error, now: context.now, lifetime: .seconds(8)) }
            ?? toasts.post("Theme: \(theme.name)", kind: .info, now: context.now)
        return Command.setTheme(theme).and(notice)
    }
}
