import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

extension PlacementsScreen {
    /// How a week looks in the grid: a symbol (so it reads without colour) and a role.
    static func mark(_ week: LogbookWeek, current: Int) -> (String, TerminalKit.Role) {
        if let status = week.entry?.status {
            switch status {
            case .approved: return ("✓", .ok)
            case .submitted: return ("●", .info)
            case .returned: return ("↩", .warning)
            case .draft: return (week.overdue ? "!" : "✎", week.overdue ? .critical : .muted)
            case .excused: return ("~", .muted)
            }
        }
        if week.overdue { return ("!", .critical) }
        return (week.week <= current ? "○" : "·", .muted)
    }

    func draw(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let wide = area.width >= 110
        let searchLine = search.active || !state.query.isEmpty ? 1 : 0
        let listHeight = min(max(state.items.count + 3 + searchLine, 5), max(5, area.height / 3))
        let parts =
            (wide ? Layout.horizontal([.percent(42), .fill()]) : Layout.vertical([.fixed(listHeight), .fill()]))
            .split(area)
        drawList(tab, into: &frame, area: parts[0], context: context, wide: wide)
        let detailArea = parts[1]
        if let form = entryForm {
            drawForm(
                form, title: "Week \(state.editor?.week ?? 0) entry",
                hint: "ctrl-s submit · ctrl-d save draft · esc close",
                into: &frame, area: detailArea)
        } else if let form = evaluationForm {
            drawForm(
                form, title: evaluationKind.label.capitalized, hint: "←→ score · ctrl-s submit · esc close",
                into: &frame, area: detailArea)
        } else if let form = supervisorForm {
            drawForm(
                form, title: "New \(side.assigns.label) supervisor", hint: "enter or ctrl-s create · esc cancel",
                into: &frame,
                area: detailArea)
        } else {
            drawDetail(tab, into: &frame, area: detailArea, context: context)
        }
        if let account = state.createdAccount { drawAccount(account, into: &frame, area: area) }
        question?.draw(into: &frame, area: area)
    }

    private func drawList(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext, wide: Bool) {
        let state = model.state
        let title =
            switch side {
            case .student: "Your placements"
            case .supervisor: tab == .evaluations ? "Evaluations" : "Interns"
            case .employer, .institution: "Placements"
            }
        let panel = Panel(
            title: title, focused: entryForm == nil && evaluationForm == nil, border: .rounded,
            trailingTitle: !state.narrowed
                ? DisplayFormat.counted(state.items.count, "placement")
                : "\(state.items.count) of \(state.allItems.count)"
                    + (state.filter == .all ? "" : " · \(state.filter.rawValue)"))
        panel.draw(into: &frame.buffer, area: area)
        let inner = search.draw(
            into: &frame, area: panel.inner(area), placeholder: "student, listing, organization, supervisor or status")
        var table = TableState(selected: state.selectedIndex ?? 0)
        table.clamp(rowCount: state.items.count, visibleRows: Table<TableRows>.visibleRows(in: inner))
        let rows = TableRows(
            state.items.map { item in
                let progress = item.progress
                let who =
                    switch side {
                    case .student: item.organizationName
                    case .institution: "\(item.studentName) · \(item.organizationName)"
                    case .supervisor, .employer: item.studentName
                    }
                var cells = [
                    TableCell(who),
                    TableCell(item.placement.status.label, role: Self.role(item.placement.status)),
                    TableCell(
                        item.placement.status == .upcoming || item.placement.status == .terminated
                            ? "—" : "\(progress.currentWeek)/\(progress.weekCount)",
                        role: .muted),
                ]
                if tab == .evaluations {
                    cells.append(
                        TableCell(progress.evaluationDue.map { "\($0.rawValue) due" } ?? "", role: .warning))
                } else {
                    cells.append(
                        TableCell(
                            "✓\(progress.approved) ●\(progress.submitted)"
                                + (progress.overdue > 0 ? " !\(progress.overdue)" : ""),
                            role: progress.overdue > 0 ? .critical : .muted))
                }
                return cells
            })
        Table(
            columns: [
                TableColumn(
                    side == .student ? "Organization" : side == .institution ? "Student · organization" : "Student",
                    width: .fill()),
                TableColumn("Status", width: .fixed(10)), TableColumn("Week", width: .fixed(5)),
                TableColumn(tab == .evaluations ? "Due" : "Logbook", width: .fixed(wide ? 14 : 12)),
            ], source: rows, state: table, focused: !search.active,
            emptyText: EmptyText.list(loading: state.loading, loaded: state.loaded, emptyText)
        ).draw(into: &frame.buffer, area: inner)
    }

    private var emptyText: String {
        if !model.state.allItems.isEmpty, !ListQuery.isBlank(model.state.query) {
            return "No placement matches the search."
        }
        switch model.state.filter {
        case .overdue: return "No placement has an overdue week (f: the next filter)."
        case .unassigned: return "Every placement has both supervisors (f: the next filter)."
        case .all: break
        }
        return switch side {
        case .student: "No placement yet: it starts when you accept an offer."
        case .supervisor: "No intern is assigned to you yet."
        case .employer: "No placement yet: one starts when a student accepts an offer."
        case .institution: "None of your students is placed yet."
        }
    }

    static func role(_ status: PlacementStatus) -> TerminalKit.Role {
        switch status {
        case .upcoming: .info
        case .active: .ok
        case .completed: .muted
        case .terminated: .critical
        }
    }

    private func drawDetail(_ tab: ShellTab, into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let panel = Panel(title: state.selected?.listingTitle ?? "Placement", focused: false, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 0 else { return }
        guard let detail = state.detail, detail.placement.id == state.selected?.id else {
            let text = state.message ?? (state.selected == nil ? "" : "loading…")
            frame.buffer.write(text, in: inner.row(0), style: Style(state.message == nil ? .muted : .critical))
            return
        }
        let placement = detail.placement
        let summary = detail.summary
        var text = StyledText()
        text.add(
            "\(summary.studentName) at \(summary.organizationName) · \(placement.status.label)",
            Self.role(placement.status), .bold)
        text.add(
            "\(context.format.day(placement.startDate)) – \(context.format.day(placement.endDate)) · "
                + "\(summary.progress.weekCount) weeks · \(summary.progress.hoursApproved.formatted()) h approved",
            .muted)
        text.add(
            "Workplace: \(summary.workplaceSupervisorName ?? "not assigned") · Academic: "
                + "\(summary.academicSupervisorName ?? "not assigned")", .muted)
        if let reason = placement.statusReason, placement.status == .terminated {
            text.add("Terminated: \(reason)", .critical)
        }
        if let blocker = detail.completionBlocker, placement.endDate <= context.now {
            text.add("Not complete yet: \(blocker)", .warning)
        }
        if let result = placement.result {
            text.add(
                "Final: \(result.score.formatted()) (\(result.grade.label)) · logbook \(Int(result.logbook)) · "
                    + "workplace \(Int(result.workplace)) · academic \(Int(result.academic))", .ok, .bold)
        }
        if let code = placement.completionCode { text.add("Completion record code \(code)", .muted) }
        let written = EvaluationKind.allCases.compactMap { kind in
            detail.latest(kind).map { evaluation in
                "\(kind.rawValue) v\(evaluation.version) "
                    + (evaluation.grade?.label ?? evaluation.overall.map { "\($0)/5" } ?? "")
            }
        }
        if !written.isEmpty { text.add("Evaluations: " + written.joined(separator: " · "), .info) }
        let header = text.lines(width: inner.width - 1).count
        text.draw(
            into: &frame.buffer,
            area: Rect(x: inner.x, y: inner.y, width: inner.width, height: min(header, inner.height)), scroll: 0)
        var y = inner.y + header
        y = drawGrid(detail, into: &frame, x: inner.x, y: y + 1, width: inner.width, maxY: inner.maxY)
        guard y < inner.maxY else { return }
        var body = StyledText()
        if tab == .evaluations {
            addEvaluations(detail, into: &body, context: context, full: true)
        } else {
            addWeek(detail, into: &body, context: context)
            if !detail.evaluations.isEmpty {
                body.gap()
                addEvaluations(detail, into: &body, context: context, full: false)
            }
        }
        let hint = actionHint(detail)
        let bodyHeight = inner.maxY - y - (hint.isEmpty ? 0 : 1)
        if bodyHeight > 1 {
            body.draw(
                into: &frame.buffer, area: Rect(x: inner.x, y: y + 1, width: inner.width, height: bodyHeight - 1),
                scroll: bodyScroll)
        }
        if !hint.isEmpty {
            frame.buffer.write(hint, in: inner.row(inner.height - 1), style: Style(.muted))
        }
    }

    /// The week grid: one cell per week, `NN` and its mark; the selected week bracketed.
    private func drawGrid(_ detail: PlacementDetail, into frame: inout Frame, x: Int, y: Int, width: Int, maxY: Int)
        -> Int
    {
        let cell = 5
        let perRow = max(1, width / cell)
        var row = y
        for (index, week) in detail.weeks.enumerated() {
            let column = index % perRow
            if column == 0 && index > 0 { row += 1 }
            guard row < maxY else { return row }
            let (symbol, role) = Self.mark(week, current: detail.summary.progress.currentWeek)
            let selected = week.week == model.state.week
            let label = (selected ? "[" : " ") + String(format: "%2d", week.week) + symbol + (selected ? "]" : " ")
            frame.buffer.write(
                label, at: Point(x: x + column * cell, y: row),
                style: Style(selected ? .selection : role, adding: selected ? .bold : []), maxWidth: cell)
        }
        return row + 1
    }

    private func addWeek(_ detail: PlacementDetail, into text: inout StyledText, context: DrawContext) {
        guard let week = model.state.selectedWeek else { return }
        let status = week.entry.map { $0.status.rawValue } ?? (week.overdue ? "missing" : "not written")
        text.add(
            "Week \(week.week) · \(context.format.day(week.startsOn)) · due \(context.format.day(week.due)) · \(status)"
                + (week.overdue ? " · overdue" : ""), week.overdue ? .critical : .title, .bold)
        guard let entry = week.entry else {
            if detail.permissions.writableWeeks.contains(week.week) {
                text.add("Press e to write it.", .muted)
            } else if detail.placement.status == .upcoming {
                text.add(
                    "The placement starts \(context.format.day(detail.placement.startDate)); the logbook opens then.",
                    .muted)
            }
            return
        }
        if entry.status == .excused {
            text.add(
                "Excused (\(entry.excuse?.label ?? "other"))" + (entry.supervisorComment.map { ": \($0)" } ?? ""),
                .muted)
            return
        }
        text.add(
            "\(entry.content.hours.formatted()) h"
                + (entry.content.skills.isEmpty ? "" : " · " + entry.content.skills.joined(separator: ", ")),
            .muted)
        text.add(entry.content.activities)
        if let learned = entry.content.learned { text.add("Learned: \(learned)", .muted) }
        if let challenges = entry.content.challenges { text.add("Challenges: \(challenges)", .muted) }
        if let comment = entry.supervisorComment {
            text.add("Supervisor: \(comment)", entry.status == .returned ? .warning : .text)
        }
        if let note = entry.privateNote { text.add("Private note: \(note)", .info) }
        if let last = week.history.last {
            let age = context.format.age(last.at, now: context.now)
            text.add(
                "\(last.to.rawValue) by \(last.actorRole.map { DisplayFormat.words($0.rawValue) } ?? "the system"), "
                    + (age == "now" ? "just now" : "\(age) ago"), .muted)
        }
    }

    private func addEvaluations(
        _ detail: PlacementDetail, into text: inout StyledText, context: DrawContext, full: Bool
    ) {
        let open = detail.permissions.evaluations
        if full && !open.isEmpty {
            text.add("Open for you: " + open.map(\.label).joined(separator: ", ") + " (v to write)", .warning, .bold)
            text.gap()
        }
        for kind in EvaluationKind.allCases {
            guard let evaluation = detail.latest(kind) else {
                if full { text.add("\(kind.label.capitalized): not written", .muted) }
                continue
            }
            let score =
                evaluation.grade.map { "grade \($0.label)" } ?? evaluation.overall.map { "overall \($0)/5" } ?? ""
            text.add(
                "\(kind.label.capitalized) v\(evaluation.version) · \(score) · \(context.format.day(evaluation.submittedAt))",
                .title, .bold)
            if full {
                for score in evaluation.scores {
                    let label = evaluation.criteria.first { $0.key == score.criterion }?.label ?? score.criterion
                    text.add("  \(label): \(score.score)/5", .muted)
                }
            }
            text.add(evaluation.comment)
            if let reason = evaluation.correctionReason { text.add("Corrected: \(reason)", .muted) }
        }
    }

    private func actionHint(_ detail: PlacementDetail) -> String {
        let permissions = detail.permissions
        var hints: [String] = []
        if !permissions.writableWeeks.isEmpty { hints.append("e write week") }
        if permissions.canReview && model.state.selectedWeek?.entry?.status == .submitted {
            hints.append("a approve · r return")
        }
        if permissions.canExcuse { hints.append("x excuse") }
        if !permissions.evaluations.isEmpty { hints.append("v evaluate") }
        if permissions.assigns != nil { hints.append("s supervisor") }
        if permissions.canMoveDates { hints.append("m move dates") }
        if permissions.canTerminate { hints.append("t terminate") }
        return hints.joined(separator: " · ")
    }

    private func drawForm(_ form: FormState, title: String, hint: String, into frame: inout Frame, area: Rect) {
        let panel = Panel(title: title, focused: true, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 1 else { return }
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1)
        let widget = Form(state: form, focused: question == nil)
        widget.draw(into: &frame.buffer, area: body)
        if question == nil { frame.cursor = widget.cursorPosition(in: body) }
        frame.buffer.write(hint, in: inner.row(inner.height - 1), style: Style(.muted))
    }

    private func drawAccount(_ account: SupervisorAccount, into frame: inout Frame, area: Rect) {
        let width = min(area.width - 4, 60)
        let box = Rect(
            x: area.x + (area.width - width) / 2, y: area.y + max(0, area.height / 2 - 4), width: width, height: 8)
        frame.buffer.fill(box, with: .blank(Style(.dialog)))
        let panel = Panel(title: "Supervisor account created", focused: true, border: .rounded, fill: .dialog)
        panel.draw(into: &frame.buffer, area: box)
        let inner = panel.inner(box).inset(horizontal: 1)
        var text = StyledText()
        text.add("\(account.supervisor.user.displayName) <\(account.supervisor.user.email)>")
        text.add("One-time sign-in code: \(account.oneTimePassword)", .accent, .bold)
        text.add("Shown once: give it to them now. Any key closes.", .muted)
        text.draw(into: &frame.buffer, area: inner, scroll: 0)
        frame.cursor = nil
    }
}
