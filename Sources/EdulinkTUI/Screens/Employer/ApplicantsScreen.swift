import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

/// Applicants: one listing's applicants with the stages as tabs (with counts), a table with rating,
/// days in stage and skill match, the selected applicant's detail, and triage mode (`t`), where one
/// key decides and the next applicant follows. `Space` marks; with marks, a decision key previews a
/// bulk action. `u` undoes, `e` exports the view to CSV. `/` searches the stage's applicants by
/// name as you type (the service searches: a listing may have 10,000 of them).
struct ApplicantsScreen {
    enum Intent: Hashable {
        case move(ListMove), open, stageNext, stagePrevious, listingNext, listingPrevious
        case triage, review, shortlist, interview, offer, reject, undo, mark, markAll, clearMarks
        case rate, notes, export, reload, back, search
    }

    static let stages: [ApplicationStatus?] = [nil] + ApplicationStatus.pipeline

    /// The moves reach past the loaded rows: the next page loads near the last one.
    static let keys = KeyTable<Intent>(
        ListMove.bindings("applicant", group: "Applicants") { .move($0) } + [
            KeyBinding(
                ["enter"], hint: "open", "Open the application (marks it reviewed)", group: "Applicants", action: .open),
            KeyBinding(["l", "right"], hint: "stage", "Next stage tab", group: "Applicants", action: .stageNext),
            KeyBinding(["h", "left"], "Previous stage tab", group: "Applicants", action: .stagePrevious),
            KeyBinding(["L"], hint: "listing", "Next listing", group: "Applicants", action: .listingNext),
            KeyBinding(["H"], "Previous listing", group: "Applicants", action: .listingPrevious),
            KeyBinding(["t"], hint: "triage", "Triage: one applicant at a time", group: "Applicants", action: .triage),
            KeyBinding(["v"], "Mark reviewed", group: "Decide", action: .review),
            KeyBinding(["s"], hint: "shortlist", "Shortlist", group: "Decide", action: .shortlist),
            KeyBinding(
                ["i"], hint: "interview", "Schedule an interview (time and place)", group: "Decide", action: .interview),
            KeyBinding(["o"], hint: "offer", "Make an offer (with expiry)", group: "Decide", action: .offer),
            KeyBinding(["x"], hint: "reject", "Reject, with a reason from the list", group: "Decide", action: .reject),
            KeyBinding(
                ["u"], hint: "undo", "Undo the last decision (\(EdulinkService.undoWindowMinutes) minutes)",
                group: "Decide", action: .undo),
            KeyBinding(["space"], hint: "mark", "Mark for a bulk action", group: "Bulk", action: .mark),
            KeyBinding(["a"], "Mark every loaded applicant", group: "Bulk", action: .markAll),
            KeyBinding(["esc"], "Leave triage, or clear the marks", group: "Applicants", action: .back),
            KeyBinding(["r"], hint: "rate", "Rate 1–5", group: "Notes", action: .rate),
            KeyBinding(
                ["N"], hint: "notes", "Private notes (never shown to the student)", group: "Notes", action: .notes),
            KeyBinding(["e"], hint: "export", "Export this view to CSV", group: "Applicants", action: .export),
            KeyBinding(["ctrl-r"], "Reload", group: "Applicants", action: .reload),
            KeyBinding(
                ["/"], hint: "search", "Search the stage's applicants by name (as you type)", group: "Applicants",
                action: .search),
        ])

    static let searchKeys = ListSearch.doneKeys(Intent.search, backTo: "the applicants")

    private(set) var model: ApplicantsViewModel
    /// The `/` line; the view-model holds the query the service searches with.
    private(set) var search = ListSearch()

    init(model: ApplicantsViewModel) { self.model = model }

    func toast(_ text: String) -> [Effect<AppMessage>] { [.post(.toast(Toast(text, kind: .error)))] }

    mutating func send(_ intent: ApplicantsViewModel.Intent) -> [Effect<AppMessage>] {
        model.handle(intent).map(keyPrefix: "employer.applicants.") { AppMessage.employerApplicants($0) }
    }

    mutating func receive(_ message: ApplicantsViewModel.Message) -> [Effect<AppMessage>] {
        let effects = model.handle(message)
        // The view-model sets the query itself when it shows one application (its student's name).
        search.replace(with: model.state.query)
        return effects.map(keyPrefix: "employer.applicants.") { AppMessage.employerApplicants($0) }
    }

    var activeKeys: KeyTable<Intent> { Self.keys }

    func help(filter: String) -> (sections: [HelpSection], hints: [KeyHint]) {
        let state = model.state
        if search.active { return (Self.searchKeys.helpSections(filter: filter), Self.searchKeys.hints) }
        var hints: [KeyHint]
        if state.triage {
            hints = [
                KeyHint(key: "s", label: "shortlist"), KeyHint(key: "i", label: "interview"),
                KeyHint(key: "o", label: "offer"), KeyHint(key: "x", label: "reject"), KeyHint(key: "u", label: "undo"),
                KeyHint(key: "esc", label: "table"),
            ]
        } else if !state.marked.isEmpty {
            hints = [
                KeyHint(key: "s/i/o/x", label: "bulk \(state.marked.count)"), KeyHint(key: "space", label: "mark"),
                KeyHint(key: "esc", label: "clear"),
            ]
        } else {
            hints = Self.keys.hints.filter {
                ["open", "stage", "triage", "mark", "undo", "export", "listing", "search"].contains($0.label)
            }
        }
        return (Self.keys.helpSections(filter: filter), hints)
    }

    private var stageIndex: Int { Self.stages.firstIndex { $0 == model.state.stage } ?? 0 }

    mutating func handle(_ key: Key, now: Date, area: Rect) -> (KeyOutcome, EmployerQuestion?) {
        if search.active {
            guard let text = search.edit(key, done: Self.searchKeys) else { return (KeyOutcome(), nil) }
            return (KeyOutcome(effects: send(.setQuery(text))), nil)
        }
        guard let intent = Self.keys.action(for: key) else { return (.unhandled, nil) }
        let state = model.state
        let bulk = !state.marked.isEmpty && !state.triage
        func run(_ effects: [Effect<AppMessage>]) -> (KeyOutcome, EmployerQuestion?) {
            (KeyOutcome(effects: effects), nil)
        }
        switch intent {
        case .move(let move):
            let panel = Self.regions(area, state: state).table
            return run(send(.moveSelection(move.rows(panel: panel, search: search, count: state.rows.count))))
        case .open: return run(send(.open))
        case .stageNext, .stagePrevious:
            let next =
                intent == .stageNext
                ? Tabs.next(stageIndex, count: Self.stages.count) : Tabs.previous(stageIndex, count: Self.stages.count)
            return run(send(.setStage(Self.stages[next])))
        case .listingNext: return run(send(.nextListing(1)))
        case .listingPrevious: return run(send(.nextListing(-1)))
        case .triage: return run(send(.setTriage(!state.triage)))
        case .back:
            if state.triage { return run(send(.setTriage(false))) }
            if !state.marked.isEmpty { return run(send(.clearMarks)) }
            return (.unhandled, nil)
        case .mark: return run(send(.toggleMark))
        case .markAll: return run(send(.markAll))
        case .clearMarks: return run(send(.clearMarks))
        case .undo: return run(send(.undo))
        case .reload: return run(send(.load(state.listingID)))
        case .search:
            // Triage shows one applicant: the search belongs to the table.
            guard !state.triage else { return (KeyOutcome(), nil) }
            search.open()
            return (KeyOutcome(), nil)
        case .review, .shortlist:
            let move: ApplicationMove = intent == .review ? .review : .shortlist
            if bulk {
                let effects = send(.previewBulk(move))
                return (KeyOutcome(effects: effects), model.state.preview.map(EmployerQuestion.bulkConfirm))
            }
            return run(send(.decide(move)))
        case .interview:
            guard bulk || state.selected != nil else { return (KeyOutcome(), nil) }
            let suggestion = ListingFormDates.suggestion(now: now, timeZone: TimeZone.current)
            return (KeyOutcome(), .interviewWhen(bulk: bulk, suggestion: suggestion))
        case .offer:
            guard bulk || state.selected != nil else { return (KeyOutcome(), nil) }
            return (KeyOutcome(), .offerDays(bulk: bulk))
        case .reject:
            guard bulk || state.selected != nil else { return (KeyOutcome(), nil) }
            return (KeyOutcome(), .rejectReason(bulk: bulk))
        case .rate:
            guard state.selected != nil else { return (KeyOutcome(), nil) }
            let current = state.selected?.application.rating.map(String.init) ?? ""
            return (
                KeyOutcome(),
                EmployerQuestion(
                    .prompt("Rating", message: "1 to 5 (empty clears it)", initial: current, maxLength: 1), .rating)
            )
        case .notes:
            guard state.selected != nil else { return (KeyOutcome(), nil) }
            let current = state.detail?.application.notes ?? state.selected?.application.notes ?? ""
            return (
                KeyOutcome(),
                EmployerQuestion(
                    .prompt("Private notes", message: "Never shown to the student.", initial: current, maxLength: 5000),
                    .notes)
            )
        case .export:
            guard let listing = state.listingID else { return (KeyOutcome(), nil) }
            let stage = state.stage?.rawValue ?? "all"
            let path = FileManager.default.currentDirectoryPath + "/applicants-\(listing.rawValue)-\(stage).csv"
            return (
                KeyOutcome(),
                EmployerQuestion(
                    .prompt(
                        "Export CSV", message: "Write \(state.stageCount) applicants to:", initial: path,
                        maxLength: 1000),
                    .exportPath)
            )
        }
    }

    // MARK: Drawing

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        guard area.height > 4 else { return }
        let title =
            state.listing.map { "\($0.title) · \($0.status.label)" } ?? (state.loading ? "loading…" : "No listings yet")
        let listingHint =
            state.listings.count > 1
            ? "  H/L listing \((state.listings.firstIndex { $0.id == state.listingID } ?? 0) + 1)/\(state.listings.count)"
            : ""
        let x =
            area.x
            + frame.buffer.write(" " + title, at: Point(x: area.x, y: area.y), style: Style(.title, adding: .bold))
        frame.buffer.write(
            listingHint, in: Rect(x: x, y: area.y, width: max(0, area.maxX - x), height: 1), style: Style(.muted))
        let short = area.width < 110
        let titles = Self.stages.map { stage -> String in
            let count = stage.map { state.counts[$0] ?? 0 } ?? state.total
            let label = stage.map { short ? Self.shortLabel($0) : $0.label } ?? "all"
            return "\(label) \(count)"
        }
        drawStages(titles, into: &frame.buffer, area: area.row(1))
        let regions = Self.regions(area, state: state)
        if let warning = state.offerWarning, let row = regions.warning {
            frame.buffer.write(" ⚠ " + warning, in: row, style: Style(.warning, adding: .bold))
        }
        if let export = state.export, let row = regions.export {
            drawExport(export, into: &frame.buffer, area: row)
        }
        if state.triage {
            drawTriage(into: &frame.buffer, area: regions.body, context: context)
            return
        }
        drawTable(into: &frame, area: regions.table, context: context, compact: area.width < 110)
        drawDetail(into: &frame.buffer, area: regions.detail, context: context, full: false)
    }

    /// Where the parts below the stage tabs go: the offer warning's row, the export's row, and the
    /// body (triage's card, or the table beside or above the selected applicant's detail). One
    /// computation for drawing and for the page keys, whose page is the rows the table shows.
    struct Regions {
        var warning: Rect?
        var export: Rect?
        var body: Rect
        var table: Rect
        var detail: Rect
    }

    static func regions(_ area: Rect, state: ApplicantsViewModel.State) -> Regions {
        var body = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 2))
        func takeRow() -> Rect {
            defer { body = Rect(x: body.x, y: body.y + 1, width: body.width, height: max(0, body.height - 1)) }
            return body.row(0)
        }
        let warning = state.offerWarning != nil && body.height > 4 ? takeRow() : nil
        let export = state.export != nil ? takeRow() : nil
        let parts =
            (area.width >= 110
            ? Layout.horizontal([.percent(55), .fill()]) : Layout.vertical([.percent(55), .fill()]))
            .split(body)
        return Regions(warning: warning, export: export, body: body, table: parts[0], detail: parts[1])
    }

    /// The stage tabs on one row: the chosen one reversed, empty ones muted.
    private func drawStages(_ titles: [String], into buffer: inout Buffer, area: Rect) {
        var x = area.x + 1
        for (index, title) in titles.enumerated() {
            let text = " \(title) "
            guard x + DisplayWidth.of(text) <= area.maxX else {
                buffer.write("…", at: Point(x: min(x, area.maxX - 1), y: area.y), style: Style(.muted))
                break
            }
            let empty = title.hasSuffix(" 0")
            let style =
                index == stageIndex
                ? Style(.accent, adding: [.reverse, .bold]) : Style(empty ? .muted : .text)
            x += buffer.write(text, at: Point(x: x, y: area.y), style: style)
            x += 1
        }
    }

    static func shortLabel(_ status: ApplicationStatus) -> String {
        switch status {
        case .pending: "pend"
        case .reviewed: "rev"
        case .shortlisted: "short"
        case .interviewScheduled: "intv"
        case .offered: "offer"
        case .accepted: "acc"
        case .declined: "decl"
        case .rejected: "rej"
        case .withdrawn: "wdr"
        }
    }

    private func drawExport(_ export: ApplicantsViewModel.Export, into buffer: inout Buffer, area: Rect) {
        let label = "exporting \(export.written)/\(export.total)…"
        ProgressBar(fraction: export.fraction, label: label, role: .accent).draw(
            into: &buffer, area: area)
    }

    static func stars(_ rating: Int?) -> String {
        guard let rating else { return "·" }
        return String(repeating: "★", count: rating) + String(repeating: "☆", count: max(0, 5 - rating))
    }

    static func days(_ since: Date?, now: Date) -> String {
        guard let since else { return "0d" }
        return "\(max(0, Int(now.timeIntervalSince(since) / 86_400)))d"
    }

    private func drawTable(into frame: inout Frame, area: Rect, context: DrawContext, compact: Bool) {
        let state = model.state
        let marks = state.marked.isEmpty ? "" : " · \(state.marked.count) marked"
        let panel = Panel(
            title: "Applicants", focused: !search.active, border: .rounded,
            trailingTitle: "\(state.rows.count)\(state.hasMore ? "+" : "")/\(state.stageCount)\(marks)")
        panel.draw(into: &frame.buffer, area: area)
        let inner = search.draw(into: &frame, area: panel.inner(area), placeholder: "name")
        let selected = state.rows.firstIndex { $0.id == state.selectedID } ?? 0
        var table = TableState(selected: selected)
        table.marks = Set(state.rows.indices.filter { state.marked.contains(state.rows[$0].id) })
        table.clamp(rowCount: state.rows.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.rows.map { row in
                let status = row.application.status
                var cells = [
                    TableCell(row.studentName),
                    TableCell(compact ? Self.shortLabel(status) : status.label, role: EdulinkRoles.state(status)),
                    TableCell(Self.days(row.stageSince, now: context.now), role: .muted),
                    TableCell(
                        compact ? row.application.rating.map { "\($0)★" } ?? "·" : Self.stars(row.application.rating),
                        role: .accent),
                    TableCell(row.skillMatch.map { "\($0)%" } ?? "–"),
                ]
                if !compact {
                    cells.append(TableCell(context.format.shortDay(row.application.submittedAt), role: .muted))
                }
                return cells
            })
        var columns = [
            TableColumn("Applicant", width: .fill()), TableColumn("Stage", width: .fixed(compact ? 5 : 11)),
            TableColumn("In", width: .fixed(4), alignment: .trailing),
            TableColumn("Rate", width: .fixed(compact ? 4 : 5)),
            TableColumn("Skill", width: .fixed(5), alignment: .trailing),
        ]
        if !compact { columns.append(TableColumn("Sent", width: .fixed(6))) }
        Table(
            columns: columns, source: rows, state: table, focused: !search.active,
            emptyText: EmptyText.list(
                loading: state.loading, loaded: state.loaded,
                ListQuery.isBlank(state.query)
                    ? "No applicants in this stage." : "No applicant in this stage has that name.")
        ).draw(into: &frame.buffer, area: inner)
    }

    private func drawTriage(into buffer: inout Buffer, area: Rect, context: DrawContext) {
        let state = model.state
        let position = (state.rows.firstIndex { $0.id == state.selectedID } ?? 0) + 1
        // Of the applicants still to decide in this view (opening one marks it reviewed, which moves
        // the stage counts, but it stays in the queue until decided).
        let remaining = "\(state.rows.count)\(state.hasMore ? "+" : "")"
        let panel = Panel(
            title: state.rows.isEmpty ? "Triage" : "Triage \(position) of \(remaining)", focused: true,
            border: .rounded,
            trailingTitle: "s shortlist · i interview · o offer · x reject · u undo · esc table")
        panel.draw(into: &buffer, area: area)
        drawDetailBody(into: &buffer, area: panel.inner(area).inset(horizontal: 1), context: context)
    }

    private func drawDetail(into buffer: inout Buffer, area: Rect, context: DrawContext, full: Bool) {
        let panel = Panel(title: "Application", focused: false, border: .rounded)
        panel.draw(into: &buffer, area: area)
        drawDetailBody(into: &buffer, area: panel.inner(area).inset(horizontal: 1), context: context)
    }

    /// The selected applicant: stage, rating, skills, cover letter, answers, notes, timeline.
    private func drawDetailBody(into buffer: inout Buffer, area: Rect, context: DrawContext) {
        let state = model.state
        guard area.height > 0 else { return }
        var lines: [(String, Style)] = []
        if let preview = state.preview { lines.append(("Bulk: " + preview.summary, Style(.warning, adding: .bold))) }
        if let undo = state.undo { lines.append(("u undoes: " + undo.label, Style(.muted))) }
        if let message = state.message { lines.append(("✗ " + message, Style(.critical))) }
        guard let row = state.selected else {
            lines.append((state.loading ? "loading…" : "Nobody here.", Style(.muted)))
            write(lines, into: &buffer, area: area)
            return
        }
        let application = state.detail?.application ?? row.application
        lines.append(
            (
                "\(row.studentName) · \(application.status.label) · \(Self.stars(application.rating))",
                Style(EdulinkRoles.state(application.status), adding: .bold)
            ))
        guard let detail = state.detail, detail.application.id == row.id else {
            lines.append(("Enter opens it (and marks it reviewed).", Style(.muted)))
            write(lines, into: &buffer, area: area)
            return
        }
        if let profile = detail.profile {
            let facts = [
                profile.course, profile.yearOfStudy.map { "year \($0)" },
                profile.skills.isEmpty ? nil : profile.skills.joined(separator: ", "),
            ].compactMap { $0 }
            lines.append((facts.joined(separator: " · "), Style(.text)))
        }
        if let match = detail.skillMatch {
            let missing =
                match.missingRequired.isEmpty ? "" : " · missing \(match.missingRequired.joined(separator: ", "))"
            lines.append(("skills \(match.percent)%\(missing)", Style(match.percent >= 75 ? .ok : .warning)))
        }
        if let interview = application.interview {
            lines.append(("interview \(context.format.dateTime(interview.at)) at \(interview.place)", Style(.info)))
        }
        if let expiry = application.offerExpiresAt {
            lines.append(("offer open until \(context.format.dateTime(expiry))", Style(.info)))
        }
        if let notes = application.notes { lines.append(("notes: " + notes, Style(.accent))) }
        let moves = state.allowedMoves.map(\.label)
        lines.append((moves.isEmpty ? "no further moves" : "next: " + moves.joined(separator: ", "), Style(.muted)))
        lines.append(("", Style(.text)))
        for (index, question) in detail.questions.enumerated() {
            let answer = application.answers.indices.contains(index) ? application.answers[index] : ""
            lines.append(("Q: \(question.prompt) — \(answer.isEmpty ? "(no answer)" : answer)", Style(.text)))
        }
        let wrapped = TextWrap.lines(application.coverLetter, width: max(1, area.width))
        lines += wrapped.prefix(8).map { ($0.text, Style(.text)) }
        lines.append(("", Style(.text)))
        for event in detail.timeline.suffix(6) {
            let from = event.from.map { $0.label + " → " } ?? ""
            lines.append(
                (
                    "\(context.format.dateTime(event.at))  \(from)\(event.to.label)\(event.undoes != nil ? " (undo)" : "")",
                    Style(EdulinkRoles.state(event.to))
                ))
        }
        write(lines, into: &buffer, area: area)
    }

    private func write(_ lines: [(String, Style)], into buffer: inout Buffer, area: Rect) {
        for (index, line) in lines.prefix(area.height).enumerated() {
            buffer.write(line.0, in: area.row(index), style: line.1)
        }
    }
}

/// A sensible default interview time: tomorrow at 10:00 in the user's time zone.
enum ListingFormDates {
    static func suggestion(now: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: now) ?? now
        let day = calendar.dateComponents([.year, .month, .day], from: tomorrow)
        return String(format: "%04d-%02d-%02d 10:00", day.year ?? 2026, day.month ?? 1, day.day ?? 1)
    }
}
