import Foundation
import RegimenCompile

/// A plain-text handout: UTF-8, wrapped at 72 columns, red flags first, no markup.
///
/// It prints the same `Handout` as the HTML handout, in the order a patient needs: what the
/// programme is and what part of it this is, the signs that mean stop and get help, what to do
/// when an exercise makes things worse, the patient's details, each phase's schedule pointing
/// to the cards, each exercise's card once, the log, and general advice at the end.
public struct TextExporter: Exporter {
    public init() {}
    public let identifier = "text"
    public let fileExtension = "txt"
    public let mediaType = "text/plain; charset=utf-8"
    public let summary = "a plain-text handout for the patient, wrapped at 72 columns"

    /// The widest line, in characters.
    public static let width = 72

    public func export(_ plan: Plan, options: ExportOptions) throws(ExportError) -> Data {
        Data(Self.handout(plan).utf8)
    }

    /// The handout's text, ending in a newline.
    public static func handout(_ plan: Plan) -> String {
        handout(Handout(plan))
    }

    /// The text of `handout`, ending in a newline.
    public static func handout(_ handout: Handout) -> String {
        var writer = HandoutWriter(handout: handout)
        writer.write()
        return writer.page.text
    }

    /// The exercise cards of `handout` alone, as the handout prints them but without the
    /// section's heading, ending in a newline: `regimen library show` prints an exercise's card.
    public static func cards(of handout: Handout) -> String {
        var writer = HandoutWriter(handout: handout)
        writer.cards(heading: false)
        return writer.page.text
    }
}

/// Lays out one handout as text.
private struct HandoutWriter {
    let handout: Handout
    /// The handout's fixed words.
    let words: Words
    var page = TextPage(width: TextExporter.width)

    init(handout: Handout) {
        self.handout = handout
        self.words = MessageCatalogue.shipped[handout.language].map(Words.init) ?? .britishEnglish
    }

    mutating func write() {
        title()
        redFlags()
        ifWorse()
        patient()
        dailyLife()
        overview()
        for phase in handout.phases { self.phase(phase) }
        cards()
        log()
        advice()
        references()
        closing()
    }

    // MARK: Sections

    mutating func title() {
        page.title(handout.title)
        if let summary = handout.summary { page.paragraph(summary) }
        page.paragraph(handout.coverage.text)
        if let clinician = handout.clinician {
            var by: String?
            switch (clinician.name, clinician.role) {
            case (let name?, let role?) where name.lowercased().contains(role.lowercased()): by = name
            case (let name?, let role?): by = words.text("text.nameRole", ["name": name, "role": role])
            case (let name?, nil): by = name
            case (nil, let role?): by = role
            case (nil, nil): by = nil
            }
            if let by { page.paragraph(words.text("text.preparedBy", ["name": by])) }
            if let contact = clinician.contact { page.line(words.text("text.contact", ["contact": contact])) }
        }
    }

    mutating func redFlags() {
        page.heading(words.text("text.redFlags.heading"), subtitle: words.text("text.redFlags.subtitle"))
        if handout.redFlags.isEmpty {
            page.paragraph(words.text("text.redFlags.none"))
        } else {
            page.paragraph(words.text("text.redFlags.intro"))
            page.bullets(handout.redFlags)
        }
    }

    mutating func ifWorse() {
        guard let advice = handout.ifWorse else { return }
        page.heading(words.text("text.ifWorse.heading"))
        page.paragraph(advice)
    }

    mutating func patient() {
        guard let patient = handout.patient else { return }
        var lines: [String] = []
        if let start = patient.startText { lines.append(words.text("text.patient.start", ["date": start])) }
        if let side = patient.side { lines.append(words.text("text.patient.side", ["side": side.lowercased(with: words.locale)])) }
        if let notes = patient.notes { lines.append(words.text("text.patient.notes", ["notes": notes])) }
        guard !lines.isEmpty else { return }
        page.heading(words.text("text.patient.heading"))
        page.blank()
        for line in lines { page.line(line) }
    }

    mutating func dailyLife() {
        guard !handout.dailyLife.isEmpty else { return }
        page.heading(words.text("text.dailyLife.heading"))
        page.bullets(handout.dailyLife.map(\.note.text))
    }

    mutating func overview() {
        var notes: [String] = []
        if let supervision = handout.supervision { notes.append(supervision) }
        if let general = handout.notes { notes.append(general) }
        guard handout.outline.count > 1 || !notes.isEmpty else { return }
        page.heading(words.text("text.programme.heading"))
        for note in notes { page.paragraph(note) }
        if handout.outline.count > 1 {
            page.paragraph(words.count("text.programme.phases", handout.outline.count))
            page.blank()
            for phase in handout.outline {
                let when = phase.dates.map { words.text("join.comma", ["first": phase.weeks, "second": $0]) } ?? phase.weeks
                let here = phase.printed && handout.coverage.part != .whole
                page.line(
                    words.text(here ? "text.outline.lineHere" : "text.outline.line", ["name": phase.name, "when": when]), hanging: "    ")
            }
        }
        if let next = handout.coverage.next { page.paragraph(next) }
    }

    mutating func phase(_ phase: Handout.SchedulePhase) {
        page.heading(
            phase.name, subtitle: phase.dates.map { words.text("join.comma", ["first": phase.weeks, "second": $0]) } ?? phase.weeks)
        if let goal = phase.goal { page.paragraph(words.text("text.phase.goal", ["goal": goal])) }
        if let sessions = phase.sessions { page.paragraph(words.text("text.phase.sessions", ["sessions": sessions])) }
        if let notes = phase.notes { page.paragraph(notes) }
        for row in phase.rows {
            page.subheading(words.text("text.card.heading", ["card": String(row.card), "name": row.name]))
            if row.doses.count == 1 && row.progression == nil {
                page.line(row.doses[0].text)
            } else {
                for dose in row.doses {
                    page.line(words.text("text.dose.weeks", ["weeks": dose.weeksText, "dose": dose.text]), hanging: "  ")
                }
            }
            if let progression = row.progression { page.line(progression) }
            if let notes = row.notes { page.line(words.text("text.note", ["note": notes])) }
        }
        if !phase.advanceWhen.isEmpty {
            page.blank()
            page.paragraph(words.text("text.advance", ["heading": phase.advanceHeading]))
            page.bullets(phase.advanceWhen)
            if let notYet = phase.notYet { page.paragraph(notYet) }
        }
    }

    mutating func cards(heading: Bool = true) {
        guard !handout.cards.isEmpty else { return }
        if heading { page.heading(words.text("text.cards.heading"), subtitle: words.text("text.cards.subtitle")) }
        for card in handout.cards {
            page.subheading(words.text("text.card.heading", ["card": String(card.number), "name": card.name]))
            page.line(card.usedInText)
            if let purpose = card.purpose { page.paragraph(purpose) }
            if !card.equipment.isEmpty {
                let equipment = card.equipment.dropFirst().reduce(card.equipment[0]) {
                    words.text("join.comma", ["first": $0, "second": $1])
                }
                page.paragraph(words.text("text.card.equipment", ["equipment": equipment]))
            }
            if let position = card.position { page.paragraph(words.text("text.card.position", ["position": position])) }
            if card.steps.isEmpty {
                page.paragraph(words.text("text.card.noSteps"))
            } else {
                page.paragraph(words.text("text.card.steps"))
                page.numbered(card.steps)
            }
            if !card.cues.isEmpty {
                page.paragraph(words.text("text.card.tips"))
                page.bullets(card.cues, indent: 2, after: true)
            }
            if !card.mistakes.isEmpty {
                page.paragraph(words.text("text.card.mistakes"))
                page.bullets(card.mistakes, indent: 2, after: true)
            }
            if !card.precautions.isEmpty {
                page.paragraph(words.text("text.card.safety"))
                page.bullets(card.precautions.map(\.text), indent: 2, after: true)
            }
            if let easier = card.easier {
                page.paragraph(words.text("text.card.easier", ["card": String(easier.card), "name": easier.name]))
            }
            if let harder = card.harder {
                page.paragraph(words.text("text.card.harder", ["card": String(harder.card), "name": harder.name]))
            }
            if let harder = card.harderToAsk {
                page.paragraph(words.text("text.card.harderToAsk", ["name": harder]))
            }
        }
    }

    /// A line per exercise and week: "[ ]" for each session, grouped by day.
    mutating func log() {
        guard !handout.log.isEmpty else { return }
        page.heading(words.text("text.log.heading"), subtitle: words.text("text.log.subtitle"))
        for table in handout.log {
            page.paragraph(table.name)
            for row in table.rows {
                page.blank()
                page.line(words.text("text.log.row", ["card": String(row.card), "name": row.name, "how": row.how]))
                for (cell, week) in zip(row.cells, table.weeks) {
                    let boxes: String
                    if let perDay = cell.perDay, perDay.contains(0) {
                        // Sessions on some days only: each day with boxes is named ("Mon [ ]").
                        let names = week.dayNames ?? week.days
                        boxes = perDay.enumerated().filter { $0.element > 0 }.map { day, count in
                            (names.indices.contains(day) ? names[day] + " " : "") + String(repeating: "[ ]", count: count)
                        }.joined(separator: "  ")
                    } else if let perDay = cell.perDay {
                        boxes = perDay.map { String(repeating: "[ ]", count: $0) }.joined(separator: " ")
                    } else {
                        boxes = String(repeating: "[ ]", count: cell.perWeek ?? 0)
                    }
                    page.line("  " + words.text("text.log.week", ["week": week.label, "boxes": boxes]), hanging: "           ")
                }
            }
        }
    }

    mutating func advice() {
        guard !handout.education.isEmpty else { return }
        page.heading(words.text("text.goodToKnow.heading"))
        page.bullets(handout.education)
    }

    mutating func references() {
        guard !handout.references.isEmpty else { return }
        page.heading(words.text("text.references.heading"))
        page.bullets(handout.references)
    }

    mutating func closing() {
        page.rule()
        let heading = words.text("text.redFlags.heading")
        page.paragraph(
            handout.clinician?.contact.map { words.text("text.closingContact", ["heading": heading, "contact": $0]) }
                ?? words.text("text.closing", ["heading": heading]))
    }
}

/// Text laid out in lines of at most `width` characters: headings, paragraphs and lists,
/// with one blank line between blocks.
struct TextPage {
    let width: Int
    private(set) var lines: [String] = []

    init(width: Int) { self.width = max(8, width) }

    /// The page, ending in one newline.
    var text: String {
        var all = lines
        while all.last == "" { all.removeLast() }
        return all.joined(separator: "\n") + "\n"
    }

    /// A blank line, unless the page is empty or already ends in one.
    mutating func blank() {
        if let last = lines.last, !last.isEmpty { lines.append("") }
    }

    /// The document's title, underlined with `=`.
    mutating func title(_ text: String) {
        let wrapped = TextExporter.wrap(PlainLanguage.clean(text), width: width)
        lines += wrapped
        lines.append(String(repeating: "=", count: wrapped.map(\.count).max() ?? 0))
    }

    /// A section heading after a blank line and a rule, with an optional second line.
    mutating func heading(_ text: String, subtitle: String? = nil) {
        blank()
        lines.append(String(repeating: "=", count: width))
        lines += TextExporter.wrap(PlainLanguage.clean(text), width: width)
        if let subtitle { lines += TextExporter.wrap(subtitle, width: width) }
        lines.append(String(repeating: "=", count: width))
    }

    /// An exercise's heading, underlined with `-`.
    mutating func subheading(_ text: String) {
        blank()
        let wrapped = TextExporter.wrap(text, width: width, hanging: "   ")
        lines += wrapped
        lines.append(String(repeating: "-", count: wrapped.map(\.count).max() ?? 0))
    }

    /// A full-width rule after a blank line.
    mutating func rule() {
        blank()
        lines.append(String(repeating: "-", count: width))
    }

    /// A paragraph after a blank line; continuation lines start with `hanging`.
    mutating func paragraph(_ text: String, hanging: String = "") {
        blank()
        line(text, hanging: hanging)
    }

    /// Text wrapped straight after the previous line.
    mutating func line(_ text: String, hanging: String = "") {
        lines += TextExporter.wrap(text, width: width, hanging: hanging)
    }

    /// A list of "- " items, indented by `indent` spaces; straight `after` a label line, or
    /// after a blank line.
    mutating func bullets(_ items: [String], indent: Int = 0, after: Bool = false) {
        let pad = String(repeating: " ", count: indent)
        if !after { blank() }
        for item in items where !item.isEmpty {
            lines += TextExporter.wrap(item, width: width, indent: pad + "- ", hanging: pad + "  ")
        }
    }

    /// A numbered list ("  1. ") straight after its label line, continuation lines under the
    /// text.
    mutating func numbered(_ items: [String]) {
        let items = items.filter { !$0.isEmpty }
        let digits = String(items.count).count
        for (index, item) in items.enumerated() {
            let number = String(index + 1)
            let marker = "  " + String(repeating: " ", count: digits - number.count) + number + ". "
            lines += TextExporter.wrap(item, width: width, indent: marker, hanging: String(repeating: " ", count: marker.count))
        }
    }
}

extension TextExporter {
    /// `text` wrapped into lines of at most `width` characters: broken at spaces, a word
    /// longer than a line broken where it must. The first line starts with `indent`, the
    /// others with `hanging`. Control characters and runs of white space are cleaned first.
    public static func wrap(_ text: String, width: Int = TextExporter.width, indent: String = "", hanging: String = "") -> [String] {
        let width = max(1, width)
        // An indent as wide as the line would leave no room: shorten it.
        let indent = String(indent.prefix(width / 2))
        let hanging = String(hanging.prefix(width / 2))
        let words = PlainLanguage.clean(text).split(separator: " ")
        // Counts are kept alongside the strings: counting characters again for every word
        // would make a long hostile text quadratic.
        var lines: [String] = []
        var current = indent
        var count = indent.count
        var empty = true
        for word in words {
            let length = word.count
            if !empty, count + 1 + length <= width {
                current += " " + word
                count += 1 + length
                continue
            }
            if !empty {
                lines.append(current)
                (current, count) = (hanging, hanging.count)
            }
            var rest = word
            var left = length
            while count + left > width {
                let cut = rest.index(rest.startIndex, offsetBy: width - count)
                lines.append(current + rest[..<cut])
                rest = rest[cut...]
                left -= width - count
                (current, count) = (hanging, hanging.count)
            }
            current += rest
            count += left
            empty = left == 0
        }
        if !empty || lines.isEmpty { lines.append(empty ? indent : current) }
        return lines.map(\.trimmingTrailingSpaces)
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
