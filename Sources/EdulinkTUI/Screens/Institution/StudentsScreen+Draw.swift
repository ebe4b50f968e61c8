import EdulinkCore
import EdulinkViewModels
import Foundation
import TerminalKit

extension StudentsScreen {
    /// Wide enough to show an open student beside the list.
    static let sideBySide = 120

    func draw(into frame: inout Frame, area: Rect, context: DrawContext) {
        switch mode {
        case .students: drawStudents(into: &frame, area: area, context: context)
        case .codes: drawCodes(into: &frame, area: area, context: context)
        case .importing: drawImport(into: &frame, area: area, context: context)
        }
    }

    // MARK: Students

    /// The students' panel: the whole area, or its left half beside an open student from 120 columns.
    static func studentsPanel(_ area: Rect, detailOpen: Bool) -> Rect {
        detailOpen && area.width >= sideBySide
            ? Rect(x: area.x, y: area.y, width: area.width / 2, height: area.height) : area
    }

    /// The table below the search and filter lines (the page keys' page is its height).
    static func studentsTable(_ area: Rect, detailOpen: Bool) -> Rect {
        let inner = Panel(border: .rounded).inner(studentsPanel(area, detailOpen: detailOpen))
        return Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: max(0, inner.height - 2))
    }

    private func drawStudents(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let detailOpen = state.detail != nil
        let split = detailOpen && area.width >= Self.sideBySide
        let listArea = Self.studentsPanel(area, detailOpen: detailOpen)
        if detailOpen && !split {
            drawDetail(into: &frame, area: area, context: context)
            return
        }
        let panel = Panel(
            title: "Students · \(DisplayFormat.count(state.total))\(state.filtered ? " match" : "")",
            focused: !split, border: .rounded)
        panel.draw(into: &frame.buffer, area: listArea)
        let inner = panel.inner(listArea)
        guard inner.height > 3 else { return }
        // The search line and the filters.
        let label = "Search "
        frame.buffer.write(
            label, in: Rect(x: inner.x + 1, y: inner.y, width: label.count, height: 1),
            style: Style(searching ? .accent : .muted, adding: searching ? .bold : []))
        let fieldRect = Rect(
            x: inner.x + 1 + label.count, y: inner.y, width: max(0, min(40, inner.width - label.count - 2)), height: 1)
        let field = TextField(
            editor: search, placeholder: "/ name, email or reg. no.", focused: searching, masked: false)
        field.draw(into: &frame.buffer, area: fieldRect)
        if searching { frame.cursor = field.cursorPosition(in: fieldRect) }
        let filters = [
            "stage: \(state.stage?.label ?? "any")", "course: \(state.course ?? "any")",
            "year: \(state.yearOfStudy.map(String.init) ?? "any")",
        ].joined(separator: " · ")
        frame.buffer.write(
            filters, in: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: 1),
            style: Style(state.filtered ? .accent : .muted))
        let tableArea = Self.studentsTable(area, detailOpen: detailOpen)
        let wide = tableArea.width >= 90
        var columns = [
            TableColumn("Name", width: .fill(2)), TableColumn("Reg. no.", width: .fixed(15)),
            TableColumn("Stage", width: .fixed(12)),
        ]
        if wide {
            columns.insert(TableColumn("Course", width: .fill(2)), at: 2)
            columns.insert(TableColumn("Yr", width: .fixed(2), alignment: .trailing), at: 3)
            columns.append(TableColumn("Apps", width: .fixed(4), alignment: .trailing))
        }
        let rows = state.students.map { student -> [TableCell] in
            var cells = [
                TableCell(student.displayName, role: student.status == .active ? nil : .muted),
                TableCell(student.registrationNumber ?? "—", role: .muted),
                TableCell(student.stage.label, role: Self.role(of: student.stage)),
            ]
            if wide {
                cells.insert(TableCell(student.course ?? "—"), at: 2)
                cells.insert(TableCell(student.yearOfStudy.map(String.init) ?? "—"), at: 3)
                cells.append(TableCell(String(student.applications)))
            }
            return cells
        }
        let empty =
            state.loading
            ? "loading…"
            : state.message
                ?? (state.filtered
                    ? "No student matches; x clears the search and filters."
                    : "No students yet: r makes a registration code they sign up with.")
        Table(
            columns: columns, source: TableRows(rows), state: TableState(selected: state.selected),
            focused: !searching && !split, emptyText: empty
        ).draw(into: &frame.buffer, area: tableArea)
        if split {
            drawDetail(
                into: &frame,
                area: Rect(x: listArea.maxX, y: area.y, width: area.width - listArea.width, height: area.height),
                context: context)
        }
    }

    static func role(of stage: StudentStage) -> TerminalKit.Role {
        switch stage {
        case .notApplied: .muted
        case .applied, .interviewing: .text
        case .offered: .accent
        case .placed, .completed: .ok
        }
    }

    private func drawDetail(into frame: inout Frame, area: Rect, context: DrawContext) {
        guard let detail = model.state.detail else { return }
        let student = detail.student
        let panel = Panel(title: student.displayName, focused: true, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        var text = StyledText()
        text.add("\(student.email) · \(student.stage.label)", .muted)
        if student.status != .active { text.add("Account \(student.status.rawValue)", .warning) }
        text.gap()
        text.add("Reg. no.  \(detail.profile.registrationNumber ?? "—")")
        text.add("Course    \(detail.profile.course ?? "—")")
        text.add("Year      \(detail.profile.yearOfStudy.map(String.init) ?? "—")")
        if !detail.profile.skills.isEmpty { text.add("Skills    \(detail.profile.skills.joined(separator: ", "))") }
        text.add("Joined    \(context.format.day(student.createdAt))", .muted)
        text.add(
            "Last seen \(student.lastLoginAt.map { context.format.dateTime($0) } ?? "never signed in")", .muted)
        text.gap()
        text.add("Applications (\(detail.applications.count))", .header)
        if detail.applications.isEmpty { text.add("none yet", .muted) }
        for summary in detail.applications {
            text.add(
                "\(DisplayFormat.words(summary.application.status.rawValue).padding(toLength: 20, withPad: " ", startingAt: 0))"
                    + "\(summary.listingTitle) — \(summary.organizationName)")
        }
        text.gap()
        text.add("Placements (\(detail.placements.count))", .header)
        if detail.placements.isEmpty { text.add("none", .muted) }
        for summary in detail.placements {
            let placement = summary.placement
            text.add(
                "\(placement.status.rawValue) · \(summary.organizationName) · "
                    + "\(context.format.day(placement.startDate)) – \(context.format.day(placement.endDate))")
        }
        text.gap()
        text.add("esc closes · read-only: the student and the employer change these", .muted)
        text.draw(into: &frame.buffer, area: inner, scroll: 0)
    }

    // MARK: Codes

    /// The codes' panel, above the form for a new code and the uses of the selected one when open.
    func codesPanel(_ area: Rect) -> (list: Rect, usesHeight: Int, formHeight: Int) {
        let formHeight = form == nil ? 0 : min(8, area.height / 2)
        let usesHeight = model.state.uses == nil ? 0 : min(10, (area.height - formHeight) / 2)
        let list = Rect(x: area.x, y: area.y, width: area.width, height: area.height - formHeight - usesHeight)
        return (list, usesHeight, formHeight)
    }

    /// The line above the codes: the code just made, or the one `v` asks about.
    var codesNotice: (text: String, role: TerminalKit.Role)? {
        let state = model.state
        if let made = state.madeCode {
            return (
                "Hand out \(made.code): students sign up with it (edulink signup --code \(made.code), or the API).", .ok
            )
        }
        if let revoking, let code = state.codes.first(where: { $0.id == revoking }) {
            return ("Press v again to revoke \(code.code); esc keeps it.", .warning)
        }
        return nil
    }

    /// The codes' table (the page keys' page is its height).
    func codesTable(_ area: Rect) -> Rect {
        let inner = Panel(border: .rounded).inner(codesPanel(area).list)
        let top = inner.y + (codesNotice == nil ? 0 : 1)
        return Rect(x: inner.x, y: top, width: inner.width, height: max(0, inner.maxY - top))
    }

    private func drawCodes(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.state
        let (listArea, usesHeight, formHeight) = codesPanel(area)
        let panel = Panel(title: "Registration codes", focused: form == nil, border: .rounded)
        panel.draw(into: &frame.buffer, area: listArea)
        let inner = panel.inner(listArea)
        if let notice = codesNotice {
            frame.buffer.write(
                notice.text, in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 1),
                style: Style(notice.role))
        }
        let columns = [
            TableColumn("Code", width: .fill(2)), TableColumn("Uses", width: .fixed(11), alignment: .trailing),
            TableColumn("Expires", width: .fixed(12)), TableColumn("State", width: .fixed(9)),
        ]
        let rows = state.codes.map { code -> [TableCell] in
            let now = context.now
            let codeState = code.state(at: now)
            return [
                TableCell(code.code), TableCell("\(code.uses) of \(code.maxUses)"),
                TableCell(context.format.day(code.expiresAt), role: .muted),
                TableCell(codeState.label, role: codeState == .open ? .ok : .muted),
            ]
        }
        Table(
            columns: columns, source: TableRows(rows), state: TableState(selected: state.selectedCode),
            focused: form == nil, emptyText: "No codes yet: n makes one."
        ).draw(into: &frame.buffer, area: codesTable(area))
        if let uses = state.uses, usesHeight > 2 {
            let box = Rect(x: area.x, y: listArea.maxY, width: area.width, height: usesHeight)
            let usesPanel = Panel(title: "Uses of \(state.selectedRegistrationCode?.code ?? "")", border: .rounded)
            usesPanel.draw(into: &frame.buffer, area: box)
            var text = StyledText()
            if uses.isEmpty { text.add("Nobody has used it yet.", .muted) }
            for use in uses {
                text.add(
                    "\(context.format.dateTime(use.at))  \(use.outcome.label.padding(toLength: 16, withPad: " ", startingAt: 0))"
                        + "\(use.email)\(use.detail.map { " — \($0)" } ?? "")",
                    use.outcome == .success ? .text : .warning)
            }
            text.draw(into: &frame.buffer, area: usesPanel.inner(box).inset(horizontal: 1), scroll: 0)
        }
        guard let form, formHeight > 2 else { return }
        let box = Rect(x: area.x, y: area.maxY - formHeight, width: area.width, height: formHeight)
        form.drawPanel("New registration code", into: &frame, box: box)
    }
}

extension StudentsScreen {
    // MARK: Import

    static func label(_ outcome: StudentImportOutcome) -> (String, TerminalKit.Role) {
        switch outcome {
        case .create: ("new", .ok)
        case .existing: ("already in", .muted)
        case .refused: ("refused", .critical)
        }
    }

    fileprivate func drawImport(into frame: inout Frame, area: Rect, context: DrawContext) {
        let state = model.importer.state
        let panel = Panel(title: "Import students from CSV", focused: true, border: .rounded)
        panel.draw(into: &frame.buffer, area: area)
        let inner = panel.inner(area).inset(horizontal: 1)
        guard inner.height > 3 else { return }
        var y = inner.y
        let label = "File "
        frame.buffer.write(
            label, at: Point(x: inner.x, y: y), style: Style(editingPath ? .accent : .text, adding: .bold))
        let pathRow = Rect(x: inner.x + 5, y: y, width: inner.width - 5, height: 1)
        let field = TextField(
            editor: importPath, placeholder: "~/students.csv — name, email, registration number, course, year",
            focused: editingPath)
        field.draw(into: &frame.buffer, area: pathRow)
        if editingPath { frame.cursor = field.cursorPosition(in: pathRow) }
        y += 1
        let status: (String, TerminalKit.Role)
        if let problem = state.problem {
            status = (problem, EdulinkRoles.fieldError)
        } else if confirmingImport, let report = state.report {
            status = (
                "Press a again to create \(report.count(.create)) students (one transaction); any other key keeps "
                    + "it a dry run.", .warning
            )
        } else if state.phase == .checking {
            status = ("Reading the file and checking every row…", .muted)
        } else if state.phase == .applying {
            status = ("Importing…", .muted)
        } else if let report = state.report {
            var text = report.summary
            if state.phase == .applied, let codes = state.codesPath {
                text += " One-time codes: \(codes) (shown once; hand each student theirs)."
            } else if let problem = state.codesProblem {
                text += " The codes file could not be written (\(problem)): copy the codes below now."
            } else if state.canApply {
                text += " a imports."
            }
            let role: TerminalKit.Role =
                report.applied ? .ok : report.canApply ? .text : .warning
            status = (text, role)
        } else {
            status = (
                "Type the CSV's path and press enter: a dry run reports on every row before anything changes.",
                .muted
            )
        }
        Paragraph(status.0, style: Style(status.1)).draw(
            into: &frame.buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: 2))
        y += 2
        guard let report = state.report else { return }
        if !report.newCourses.isEmpty, y < inner.maxY {
            let courses = report.newCourses.prefix(6).map { "\($0.course) (\($0.rows))" }.joined(separator: ", ")
            frame.buffer.write(
                "New courses: \(courses)\(report.newCourses.count > 6 ? ", …" : "") — check the spelling",
                in: Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.warning))
            y += 1
        }
        let shown = state.filter == .all ? "all rows" : "\(state.filter.rawValue) rows"
        frame.buffer.write(
            "Showing \(shown): \(state.rows.count) · f shows others",
            in: Rect(x: inner.x, y: y, width: inner.width, height: 1),
            style: Style(.muted))
        y += 1
        let showCodes = report.applied && state.codesPath == nil
        let wide = inner.width >= 90
        var columns = [
            TableColumn("Line", width: .fixed(5), alignment: .trailing), TableColumn("Result", width: .fixed(10)),
            TableColumn("Name", width: .fill(2)), TableColumn("Email", width: .fill(2)),
            TableColumn("Reg. no", width: .fixed(14)),
        ]
        if wide { columns += [TableColumn("Course", width: .fill(2)), TableColumn("Yr", width: .fixed(2))] }
        if showCodes { columns.append(TableColumn("One-time code", width: .fixed(16))) }
        let rows = state.rows.map { row -> [TableCell] in
            let (text, role) = Self.label(row.outcome)
            var cells = [
                TableCell(String(row.line), role: .muted), TableCell(text, role: role), TableCell(row.name),
                TableCell(row.email), TableCell(row.registrationNumber),
            ]
            if wide {
                cells += [TableCell(row.course ?? "", role: .muted), TableCell(row.yearOfStudy.map(String.init) ?? "")]
            }
            if showCodes { cells.append(TableCell(row.oneTimeCode ?? "", role: .accent)) }
            return cells
        }
        let detailHeight = 2
        let tableArea = Rect(x: inner.x, y: y, width: inner.width, height: max(0, inner.maxY - y - detailHeight))
        Table(
            columns: columns, source: TableRows(rows), state: TableState(selected: state.selected),
            focused: !editingPath,
            emptyText: "No \(state.filter.rawValue) rows."
        ).draw(into: &frame.buffer, area: tableArea)
        guard let row = state.selectedRow else { return }
        let why = row.problems.isEmpty ? row.notes : row.problems
        let text =
            why.isEmpty
            ? "Line \(row.line): "
                + (row.outcome == .existing
                    ? "already a student here; left as it is."
                    : report.applied ? "created." : "a new student; created when you apply.")
            : "Line \(row.line): " + why.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: "; ")
                + "."
        Paragraph(text, style: Style(row.problems.isEmpty ? .muted : EdulinkRoles.fieldError)).draw(
            into: &frame.buffer, area: Rect(x: inner.x, y: tableArea.maxY, width: inner.width, height: detailHeight))
    }
}
