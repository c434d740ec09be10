import Foundation
import RegimenCompile

/// A plain-text handout: UTF-8, wrapped at 72 columns, red flags first, no markup.
///
/// The order is the order a patient needs: what the programme is and who wrote it, the signs
/// that mean stop and get help, the patient's details, then each stage with its exercises, and
/// general advice at the end. Every word about doses comes from `PlainLanguage`, and every word
/// about safety from `SafetyWording`, as in the HTML handout.
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
        var writer = HandoutWriter(plan: plan)
        writer.write()
        return writer.page.text
    }
}

/// Lays out one plan's handout.
private struct HandoutWriter {
    let plan: Plan
    let safety: SafetyWording
    var page = TextPage(width: TextExporter.width)

    /// Exercises offered only as easier or harder versions, in the order first offered.
    let alternativesOnly: [String]

    init(plan: Plan) {
        self.plan = plan
        let safety = SafetyWording(plan)
        self.safety = safety
        let prescribed = Set(plan.phases.flatMap { $0.items.map(\.exercise) })
        var seen = Set<String>()
        var ids: [String] = []
        for item in plan.phases.flatMap(\.items) {
            for id in [item.regressTo, item.progressTo].compactMap({ $0 })
            where !prescribed.contains(id) && safety.offers(id) && seen.insert(id).inserted {
                ids.append(id)
            }
        }
        self.alternativesOnly = ids
    }

    mutating func write() {
        title()
        redFlags()
        patient()
        restrictions()
        overview()
        for (index, phase) in plan.phases.enumerated() { self.phase(phase, number: index + 1) }
        alternatives()
        advice()
        references()
        closing()
    }

    // MARK: Sections

    mutating func title() {
        page.title(plain(plan.programme.title) ?? plain(plan.programme.id) ?? "Your exercises")
        if let summary = sentence(plan.programme.summary) { page.paragraph(summary) }
        if let clinician = plan.programme.clinician {
            let name = plain(clinician.name)
            let role = plain(clinician.role)
            var by: String?
            switch (name, role) {
            case (let name?, let role?) where name.lowercased().contains(role.lowercased()): by = name
            case (let name?, let role?): by = "\(name) (\(role))"
            case (let name?, nil): by = name
            case (nil, let role?): by = role
            case (nil, nil): by = nil
            }
            if let by { page.paragraph("Prepared by: \(by)") }
            if let contact = plain(clinician.contact) { page.line("Contact: \(contact)") }
        }
    }

    mutating func redFlags() {
        page.heading("STOP AND GET HELP", subtitle: "Read this first.")
        let flags = safety.redFlags
        if flags.isEmpty {
            page.paragraph("If anything new or worrying happens, stop the exercises and get medical advice.")
        } else {
            page.paragraph("Stop the exercises and get help if you notice any of these:")
            page.bullets(flags)
        }
        if let adverse = sentence(plan.programme.delivery?.adverseEvents) { page.paragraph(adverse) }
    }

    mutating func patient() {
        guard let patient = plan.patient else { return }
        var lines: [String] = []
        if let start = patient.start { lines.append("You start on \(PlainLanguage.dateWithWeekday(start)).") }
        if let side = plain(patient.affectedSide?.rawValue) { lines.append("Your affected side: \(side).") }
        if let notes = sentence(patient.notes) { lines.append("Notes: \(notes)") }
        guard !lines.isEmpty else { return }
        page.heading("ABOUT YOU")
        page.blank()
        for line in lines { page.line(line) }
    }

    mutating func restrictions() {
        guard !plan.restrictions.isEmpty else { return }
        page.heading("MOVEMENTS TO TAKE CARE WITH")
        page.bullets(safety.restrictions.map(\.text))
    }

    mutating func overview() {
        guard plan.phases.count > 1 else { return }
        page.heading("YOUR PROGRAMME")
        page.paragraph("The programme has \(plan.phases.count) stages. Each stage lists what to check before you move on to the next one.")
        page.blank()
        for (index, phase) in plan.phases.enumerated() {
            page.line("Stage \(index + 1): \(name(of: phase)). \(when(phase)).", hanging: "    ")
        }
    }

    mutating func phase(_ phase: Plan.PhaseInfo, number: Int) {
        let stage = plan.phases.count > 1 ? "Stage \(number): \(name(of: phase))" : name(of: phase)
        page.heading(stage, subtitle: when(phase))
        if let goal = sentence(phase.goal) { page.paragraph("Goal: \(goal)") }
        if let sessions = phase.sessions { page.paragraph("How often: \(PlainLanguage.sessions(sessions))") }
        if let notes = sentence(phase.notes) { page.paragraph(notes) }
        for (index, item) in phase.items.enumerated() {
            exercise(item, number: index + 1, in: phase)
        }
        let criteria = sentences(phase.advanceWhen)
        if !criteria.isEmpty {
            let isLast = number == plan.phases.count
            page.blank()
            page.paragraph(isLast ? "You have reached the goal of this stage when:" : "Move on to the next stage when:")
            page.bullets(criteria)
            if !isLast {
                page.paragraph(
                    "If you are not there by the end of week \(phase.weeks.last), carry on with this stage and tell your physiotherapist.")
            }
        }
    }

    mutating func exercise(_ item: Plan.PhaseItem, number: Int, in phase: Plan.PhaseInfo) {
        let info = plan.exercises[item.exercise]
        page.subheading("\(number). \(info.map { name(of: $0, id: item.exercise) } ?? plain(item.exercise) ?? "Exercise")")
        guard let info else {
            page.paragraph("Ask your physiotherapist how to do this exercise.")
            page.paragraph("How much: \(PlainLanguage.dose(item.dose, sessions: phase.sessions))")
            return
        }
        describe(info)
        var amount = PlainLanguage.dose(item.dose, sessions: phase.sessions)
        if let progress = item.progress, let grows = PlainLanguage.progress(progress, from: item.dose, weeks: phase.weeks) {
            amount += " \(grows)"
        }
        page.paragraph("How much: \(amount)")
        remarks(info)
        safetyNotes(item.exercise, weeks: phase.weeks)
        if let id = item.regressTo, let easier = offered(id, from: phase) {
            page.paragraph("Easier version: \(easier.name). Use it instead if this one is too hard or too painful.\(easier.where)")
        }
        if let id = item.progressTo, let harder = offered(id, from: phase) {
            page.paragraph(
                "Harder version: \(harder.name). Move on to it when this one feels easy and your physiotherapist agrees.\(harder.where)")
        }
        if let notes = sentence(item.notes) { page.paragraph("Note: \(notes)") }
    }

    mutating func alternatives() {
        guard !alternativesOnly.isEmpty else { return }
        page.heading("EASIER AND HARDER VERSIONS")
        page.paragraph("Some exercises above name an easier or a harder version. Here is how to do them.")
        for (index, id) in alternativesOnly.enumerated() {
            guard let info = plan.exercises[id] else { continue }
            page.subheading("\(index + 1). \(name(of: info, id: id))")
            describe(info)
            page.paragraph("How much: Your physiotherapist will tell you how much to do.")
            remarks(info)
            safetyNotes(id, weeks: nil)
        }
    }

    mutating func advice() {
        let notes = sentence(plan.programme.notes)
        let education = sentences(plan.programme.delivery?.education ?? [])
        guard notes != nil || !education.isEmpty else { return }
        page.heading("GENERAL ADVICE")
        if let notes { page.paragraph(notes) }
        page.bullets(education)
    }

    mutating func references() {
        let references = plan.programme.references.compactMap(plain)
        guard !references.isEmpty else { return }
        page.heading("REFERENCES")
        page.bullets(references)
    }

    mutating func closing() {
        page.rule()
        let contact = plain(plan.programme.clinician?.contact).map { " (\($0))" } ?? ""
        page.paragraph(
            "If you notice any of the signs under STOP AND GET HELP, stop and get help as it says there. "
                + "For any other worry about your exercises, contact your physiotherapist\(contact).")
    }

    // MARK: Exercise parts

    mutating func describe(_ info: Plan.ExerciseInfo) {
        if let purpose = sentence(info.purpose) { page.paragraph(purpose) }
        let equipment = info.equipment.compactMap(plain)
        if !equipment.isEmpty { page.paragraph("You will need: \(equipment.joined(separator: ", ")).") }
        if let position = sentence(info.position) { page.paragraph("Starting position: \(position)") }
        let steps = sentences(info.steps)
        if steps.isEmpty {
            page.paragraph("Ask your physiotherapist to show you how to do this exercise.")
        } else {
            page.paragraph("What to do:")
            page.numbered(steps)
        }
    }

    mutating func remarks(_ info: Plan.ExerciseInfo) {
        let cues = sentences(info.cues)
        if !cues.isEmpty {
            page.paragraph("Tips:")
            page.bullets(cues, indent: 2, after: true)
        }
        let mistakes = sentences(info.mistakes)
        if !mistakes.isEmpty {
            page.paragraph("Mistakes to avoid:")
            page.bullets(mistakes, indent: 2, after: true)
        }
    }

    /// The card's safety notes: what `SafetyWording` says for the exercise in these weeks.
    mutating func safetyNotes(_ id: String, weeks: Plan.WeekSpan?) {
        let lines = safety.precautions(for: id, weeks: weeks).map(\.text)
        guard !lines.isEmpty else { return }
        page.paragraph("Safety:")
        page.bullets(lines, indent: 2, after: true)
    }

    /// The name of an easier or harder version to offer, and a sentence on where its
    /// instructions are (with a leading space, or empty), or nil when it must not be offered
    /// (unknown, or contraindicated for the screened patient).
    func offered(_ id: String, from phase: Plan.PhaseInfo) -> (name: String, where: String)? {
        guard safety.offers(id), let info = plan.exercises[id] else { return nil }
        let name = name(of: info, id: id)
        let here = plan.phases.firstIndex { $0.id == phase.id } ?? 0
        // The stage that describes it nearest to this one (the earlier on a tie).
        let stages = plan.phases.indices.filter { plan.phases[$0].items.contains { $0.exercise == id } }
        if let stage = stages.min(by: { (abs($0 - here), $0) < (abs($1 - here), $1) }),
            let number = plan.phases[stage].items.firstIndex(where: { $0.exercise == id })
        {
            if stage == here { return (name, " It is exercise \(number + 1) in this stage.") }
            return (name, plan.phases.count > 1 ? " You will find it in Stage \(stage + 1), exercise \(number + 1)." : "")
        }
        return (name, alternativesOnly.contains(id) ? " You will find it under EASIER AND HARDER VERSIONS, near the end." : "")
    }

    // MARK: Names

    func name(of phase: Plan.PhaseInfo) -> String {
        plain(phase.title) ?? plain(phase.id) ?? "Your exercises"
    }

    func name(of info: Plan.ExerciseInfo, id: String) -> String {
        plain(info.name) ?? plain(id) ?? "Exercise"
    }

    // MARK: Text

    /// `text` on one line, or nil when nothing is left.
    func plain(_ text: String?) -> String? {
        text.map(PlainLanguage.clean).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `text` as a sentence, or nil when nothing is left.
    func sentence(_ text: String?) -> String? {
        text.map(PlainLanguage.sentence).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The sentences of a list, leaving out the empty ones.
    func sentences(_ texts: [String]) -> [String] {
        texts.compactMap(sentence)
    }

    /// "Weeks 1 to 2, 7 to 20 December 2026".
    func when(_ phase: Plan.PhaseInfo) -> String {
        let weeks = PlainLanguage.weeks(phase.weeks)
        let days = plan.schedule.filter { $0.phase == phase.id }.compactMap(\.dates)
        guard let first = days.first?.first, let last = days.last?.last else { return weeks }
        return "\(weeks), \(PlainLanguage.dates(from: first, to: last))"
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
