import Foundation
import RegimenCompile
import RegimenFormat

extension Handout {
    /// The handout for `plan` (whole, or narrowed by `Plan.selecting`). Images stay as the plan
    /// names them; the HTML exporter embeds them.
    public init(_ plan: Plan) {
        self.init(plan, resolution: HandoutLanguage.resolution(for: plan))
    }

    /// The handout for `plan` with its fixed words in the language `resolution` chose.
    public init(_ plan: Plan, resolution: HandoutLanguage.Resolution) {
        let words = MessageCatalogue.shipped[resolution.catalogue].map(Words.init) ?? .britishEnglish
        var builder = HandoutBuilder(plan: plan, language: PlainLanguage(words: words))
        self = builder.build()
    }
}

/// Builds a `Handout` from a plan: the only place that turns the plan's phases, weeks and
/// exercises into cards, schedule rows and log rows.
struct HandoutBuilder {
    let plan: Plan
    /// The fixed words' language.
    let language: PlainLanguage
    let safety: SafetyWording
    /// The phases' numbers in the whole programme, by id.
    let numbers: [String: Int]
    /// The number of phases in the whole programme.
    let phaseCount: Int

    /// Cards, by exercise id, in the order they were numbered.
    var cards: [Handout.Card] = []
    var cardNumbers: [String: Int] = [:]

    init(plan: Plan, language: PlainLanguage = .britishEnglish) {
        self.plan = plan
        self.language = language
        self.safety = SafetyWording(plan, language: language)
        let ids = plan.selection?.outline.map(\.id) ?? plan.phases.map(\.id)
        var numbers: [String: Int] = [:]
        for (index, id) in ids.enumerated() where numbers[id] == nil { numbers[id] = index + 1 }
        self.numbers = numbers
        self.phaseCount = ids.count
    }

    mutating func build() -> Handout {
        // Cards are numbered by first use in the schedule, then the versions only offered.
        for phase in plan.phases {
            // An item whose exercise the plan does not describe (a hand-edited plan) still gets a
            // card, which says to ask the physiotherapist: a prescribed item is never dropped.
            for item in phase.items where cardNumbers[item.exercise] == nil {
                cardNumbers[item.exercise] = cardNumbers.count + 1
            }
        }
        for id in offeredOnly() where cardNumbers[id] == nil { cardNumbers[id] = cardNumbers.count + 1 }

        let phases = plan.phases.map(schedule)
        let cards = cardNumbers.sorted { $0.value < $1.value }.map { card(id: $0.key, number: $0.value) }
        let delivery = plan.programme.delivery
        let clinician = plan.programme.clinician
        return Handout(
            title: Self.plain(plan.programme.title) ?? Self.plain(plan.programme.id) ?? words.text("handout.untitled"),
            summary: Self.sentence(plan.programme.summary),
            notes: Self.sentence(plan.programme.notes),
            supervision: Self.sentence(delivery?.supervision),
            programme: plan.programme.id,
            planDigest: String(plan.inputs.sha256.prefix(12)),
            language: language.words.language,
            clinician: clinician.map {
                Handout.Clinician(name: Self.plain($0.name), role: Self.plain($0.role), contact: Self.plain($0.contact))
            },
            patient: plan.patient.map { patient in
                Handout.Patient(
                    start: patient.start, startText: patient.start.map(language.dateWithWeekday),
                    side: patient.affectedSide.map { words.text("patient.side.\($0.rawValue)") }, notes: Self.sentence(patient.notes))
            },
            redFlags: safety.redFlags,
            ifWorse: Self.sentence(delivery?.adverseEvents),
            dailyLife: plan.restrictions.map { restriction in
                Handout.DailyLifeNote(
                    movement: safety.movement(restriction.movement), weeks: restriction.weeks.map(language.weeks),
                    note: safety.restriction(restriction))
            },
            coverage: coverage(),
            outline: outline(),
            phases: phases,
            cards: cards,
            log: plan.phases.compactMap(log),
            education: (delivery?.education ?? []).compactMap(Self.sentence),
            references: plan.programme.references.compactMap(Self.plain))
    }

    var words: Words { language.words }

    // MARK: Coverage and outline

    /// The weeks of the plan's schedule, first to last.
    var printedWeeks: Plan.WeekSpan {
        let numbers = plan.schedule.map(\.week)
        return Plan.WeekSpan(first: numbers.min() ?? 1, last: numbers.max() ?? 1)
    }

    var printedDates: Plan.DateSpan? {
        guard let first = plan.schedule.first?.dates?.first, let last = plan.schedule.last?.dates?.last else { return nil }
        return Plan.DateSpan(first: first, last: last)
    }

    func coverage() -> Handout.Coverage {
        let weeks = printedWeeks
        let dates = printedDates
        let inWeeks = language.weeksInSentence(weeks)
        let when = dates.map { words.text("coverage.when", ["weeks": inWeeks, "dates": language.dates($0)]) } ?? inWeeks
        guard let selection = plan.selection, let phase = plan.phases.first else {
            let text =
                phaseCount > 1
                ? words.text("coverage.wholePhases", ["phases": words.count("count.phases", phaseCount), "when": when])
                : words.text("coverage.whole", ["when": when])
            return Handout.Coverage(part: .whole, weeks: weeks, dates: dates, text: text, next: nil)
        }
        let number = numbers[phase.id] ?? 1
        let part: Handout.Part = selection.by == .week ? .week : .phase
        var reference =
            phaseCount > 1
            ? words.text("phase.refOf", ["number": String(number), "count": String(phaseCount)])
            : words.text("phase.ref", ["number": String(number)])
        if let title = Self.plain(phase.title) { reference = words.text("phase.refNamed", ["phase": reference, "title": title]) }
        let text =
            part == .week
            ? words.text("coverage.week", ["when": when, "phase": reference])
            : words.text("coverage.phase", ["phase": reference, "when": when])
        // What comes next: the next week of this phase, or the next phase; never a page not printed.
        var next: String
        if part == .week, weeks.last < phase.weeks.last {
            next = words.text("next.week", ["week": String(weeks.last + 1)])
        } else if let nextID = selection.next, let entry = selection.outline.first(where: { $0.id == nextID }) {
            var following = words.text("phase.ref", ["number": String(number + 1)])
            if let title = Self.plain(entry.title) { following = words.text("phase.refNamed", ["phase": following, "title": title]) }
            let week = String(entry.weeks.first)
            next =
                entry.dates.map { words.text("next.phaseDated", ["phase": following, "week": week, "date": language.date($0.first)]) }
                ?? words.text("next.phase", ["phase": following, "week": week])
        } else {
            next = words.text("next.last")
        }
        if let on = selection.on {
            next = words.text(
                "next.on", ["date": language.date(on), "weeks": language.weeksInSentence(weekContaining(on) ?? weeks), "next": next])
        }
        return Handout.Coverage(part: part, weeks: weeks, dates: dates, text: text, next: next)
    }

    func weekContaining(_ date: CalendarDate) -> Plan.WeekSpan? {
        plan.schedule.first { $0.dates.map { $0.first <= date && date <= $0.last } ?? false }.map {
            Plan.WeekSpan(first: $0.week, last: $0.week)
        }
    }

    func outline() -> [Handout.OutlinePhase] {
        let printed = Set(plan.phases.map(\.id))
        if let selection = plan.selection {
            return selection.outline.enumerated().map { index, entry in
                Handout.OutlinePhase(
                    number: index + 1, id: entry.id, name: name(entry.title, number: index + 1), weeks: language.weeks(entry.weeks),
                    dates: entry.dates.map(language.dates),
                    sessions: plan.phases.first { $0.id == entry.id }.flatMap { language.often($0.sessions, days: $0.days) },
                    printed: printed.contains(entry.id))
            }
        }
        return plan.phases.enumerated().map { index, phase in
            Handout.OutlinePhase(
                number: index + 1, id: phase.id, name: name(phase.title, number: index + 1), weeks: language.weeks(phase.weeks),
                dates: dates(of: phase).map(language.dates), sessions: language.often(phase.sessions, days: phase.days), printed: true)
        }
    }

    /// "Phase 2: Get moving again", or "Phase 2".
    func name(_ title: String?, number: Int) -> String {
        Self.plain(title).map { words.text("phase.nameTitled", ["number": String(number), "title": $0]) }
            ?? words.text("phase.name", ["number": String(number)])
    }

    /// The days of the weeks of `phase` the plan holds, when known.
    func dates(of phase: Plan.PhaseInfo) -> Plan.DateSpan? {
        let days = weeks(of: phase).compactMap(\.dates)
        guard let first = days.first?.first, let last = days.last?.last else { return nil }
        return Plan.DateSpan(first: first, last: last)
    }

    func weeks(of phase: Plan.PhaseInfo) -> [Plan.Week] {
        plan.schedule.filter { $0.phase == phase.id }
    }

    // MARK: Schedule

    func schedule(_ phase: Plan.PhaseInfo) -> Handout.SchedulePhase {
        let number = numbers[phase.id] ?? 1
        let weeks = weeks(of: phase)
        let span = Plan.WeekSpan(first: weeks.first?.week ?? phase.weeks.first, last: weeks.last?.week ?? phase.weeks.last)
        let isLast = number == phaseCount
        let criteria = phase.advanceWhen.compactMap(Self.sentence)
        var rows: [Handout.ScheduleRow] = []
        for (index, item) in phase.items.enumerated() {
            guard let card = cardNumbers[item.exercise] else { continue }
            // The dose each week, as the compiler worked it out; consecutive weeks with the same
            // dose and sessions are one step.
            var steps: [Handout.DoseStep] = []
            for week in weeks {
                guard let weekItem = Self.weekItem(week, index: index, of: item) else { continue }
                let sessions = week.sessions ?? phase.sessions
                if let last = steps.last, last.dose == weekItem.dose, last.sessions == sessions,
                    last.weeks.last.addingReportingOverflow(1) == (week.week, false)
                {
                    steps[steps.count - 1].weeks.last = week.week
                    steps[steps.count - 1].weeksText = language.weeks(steps[steps.count - 1].weeks)
                } else {
                    let weekSpan = Plan.WeekSpan(first: week.week, last: week.week)
                    steps.append(
                        Handout.DoseStep(
                            weeks: weekSpan, weeksText: language.weeks(weekSpan), dose: weekItem.dose, sessions: sessions,
                            text: language.dose(weekItem.dose, sessions: sessions, days: phase.days)))
                }
            }
            if steps.isEmpty {
                steps.append(
                    Handout.DoseStep(
                        weeks: span, weeksText: language.weeks(span), dose: item.dose, sessions: phase.sessions,
                        text: language.dose(item.dose, sessions: phase.sessions, days: phase.days)))
            }
            // A steady progression is said as the starting dose and how it grows (as the
            // compiler's rule says it), not as a line for every week.
            var progression: String?
            if let progress = item.progress, let grows = language.progress(progress, from: item.dose, weeks: phase.weeks) {
                if steps.count > 2, let first = steps.first, let last = steps.last {
                    steps = [first]
                    steps[0].weeks.last = last.weeks.last
                    steps[0].weeksText = words.text("weeks.from", ["weeks": language.weeksInSentence(first.weeks)])
                    progression = grows
                } else if steps.count == 1, span.last < phase.weeks.last {
                    progression = grows
                }
            }
            rows.append(
                Handout.ScheduleRow(
                    card: card, exercise: item.exercise, name: name(ofExercise: item.exercise), doses: steps,
                    progression: progression, notes: Self.sentence(item.notes)))
        }
        let nextPrinted = plan.phases.contains { (numbers[$0.id] ?? 0) == number + 1 }
        let notYet: String? =
            isLast || criteria.isEmpty
            ? nil
            : words.text("advance.notYet", ["week": String(phase.weeks.last)])
        return Handout.SchedulePhase(
            number: number, id: phase.id, name: name(phase.title, number: number), weeks: language.weeks(span),
            dates: dates(of: phase).map(language.dates), goal: Self.sentence(phase.goal),
            sessions: language.sessions(phase.sessions, days: phase.days), notes: Self.sentence(phase.notes), rows: rows,
            advanceWhen: criteria,
            advanceHeading: words.text(isLast ? "advance.goal" : nextPrinted ? "advance.next" : "advance.ask"),
            notYet: notYet)
    }

    /// The week's entry for the phase's item at `index`: the compiler lists a week's items in the
    /// order of the phase's items (docs/plan.md), so by position; by exercise for a hand-edited plan.
    static func weekItem(_ week: Plan.Week, index: Int, of item: Plan.PhaseItem) -> Plan.WeekItem? {
        if week.items.indices.contains(index), week.items[index].exercise == item.exercise { return week.items[index] }
        return week.items.first { $0.exercise == item.exercise }
    }

    // MARK: Cards

    /// Exercises offered only as easier or harder versions of the items, in the order first
    /// offered; never one the compiler withheld from the patient. A version's own versions get
    /// no card of their own (its card links only to cards that are printed).
    ///
    /// A sheet for part of the programme (a review visit's) prints the easier versions only: a
    /// patient whose exercise is too hard or too sore must be able to switch at home that day,
    /// while moving on to a harder one waits for the physiotherapist's agreement, and the card
    /// names it to ask about (`Card.harderToAsk`). A sheet for part of the programme stays short.
    func offeredOnly() -> [String] {
        let used = Set(plan.phases.flatMap { $0.items.map(\.exercise) })
        var seen = Set<String>()
        var ids: [String] = []
        func offer(_ id: String?) {
            guard let id, !used.contains(id), safety.offers(id), seen.insert(id).inserted else { return }
            ids.append(id)
        }
        for phase in plan.phases {
            for (index, item) in phase.items.enumerated() {
                let links = links(of: item, index: index, in: phase)
                offer(links.easier)
                if plan.selection == nil { offer(links.harder) }
            }
        }
        return ids
    }

    /// The easier and harder versions of an item, as the compiler decided them for its first week.
    func links(of item: Plan.PhaseItem, index: Int, in phase: Plan.PhaseInfo) -> (easier: String?, harder: String?) {
        let weekItem = weeks(of: phase).first.flatMap { Self.weekItem($0, index: index, of: item) }
        let exercise = plan.exercises[item.exercise]
        return (
            item.regressTo ?? weekItem?.regressTo ?? exercise?.regressTo, item.progressTo ?? weekItem?.progressTo ?? exercise?.progressTo
        )
    }

    /// The exercise's name; its id for one the plan does not describe.
    func name(ofExercise id: String) -> String {
        plan.exercises[id].map { name($0, id: id) } ?? Self.plain(id) ?? words.text("exercise.unnamed")
    }

    func card(id: String, number: Int) -> Handout.Card {
        let exercise = plan.exercises[id]
        // Where it is used in what is printed, and the first such item.
        var uses: [(phase: Plan.PhaseInfo, item: Plan.PhaseItem, index: Int)] = []
        for phase in plan.phases {
            for (index, item) in phase.items.enumerated() where item.exercise == id { uses.append((phase, item, index)) }
        }
        let usedIn = uses.compactMap { numbers[$0.phase.id] }.reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        var easier = exercise?.regressTo
        var harder = exercise?.progressTo
        if let first = uses.first {
            let links = links(of: first.item, index: first.index, in: first.phase)
            easier = links.easier
            harder = links.harder
        }
        // Safety in the weeks printed of every phase that uses it; for a version only offered,
        // in any week.
        var precautions: [SafetyNote] = []
        if uses.isEmpty {
            precautions = safety.precautions(for: id, weeks: nil)
        } else {
            for use in uses {
                let weeks = weeks(of: use.phase).map(\.week)
                let span = Plan.WeekSpan(first: weeks.min() ?? use.phase.weeks.first, last: weeks.max() ?? use.phase.weeks.last)
                for note in safety.precautions(for: id, weeks: span) where !precautions.contains(note) { precautions.append(note) }
            }
        }
        let purpose = uses.lazy.compactMap { Self.sentence(Self.purposeOverride($0.item)) }.first ?? Self.sentence(exercise?.purpose)
        var cues = (exercise?.cues ?? []).compactMap(Self.sentence)
        for use in uses {
            for cue in Self.extraCues(use.item).compactMap(Self.sentence) where !cues.contains(cue) { cues.append(cue) }
        }
        return Handout.Card(
            number: number, id: id, anchor: Self.anchor(card: number), name: name(ofExercise: id), purpose: purpose,
            position: Self.sentence(exercise?.position), equipment: (exercise?.equipment ?? []).compactMap(Self.plain),
            steps: (exercise?.steps ?? []).compactMap(Self.sentence), cues: cues,
            mistakes: (exercise?.mistakes ?? []).compactMap(Self.sentence), images: exercise?.images ?? [], precautions: precautions,
            easier: link(easier), harder: link(harder),
            harderToAsk: link(harder) == nil && !uses.isEmpty
                ? harder.flatMap { id in safety.offers(id) ? name(ofExercise: id) : nil } : nil, usedIn: usedIn,
            usedInText: usedIn.isEmpty
                ? words.text("card.offeredOnly")
                : words.text(usedIn.count == 1 ? "card.usedInOne" : "card.usedInMany", ["phases": words.list(usedIn.map(String.init))])
        )
    }

    /// The item's own purpose for this programme, when it gives one.
    static func purposeOverride(_ item: Plan.PhaseItem) -> String? { item.purpose }

    /// The item's own cues, added after the exercise's.
    static func extraCues(_ item: Plan.PhaseItem) -> [String] { item.cues ?? [] }

    func link(_ id: String?) -> Handout.CardLink? {
        guard let id, safety.offers(id), let exercise = plan.exercises[id], let card = cardNumbers[id] else { return nil }
        return Handout.CardLink(card: card, exercise: id, name: name(exercise, id: id), anchor: Self.anchor(card: card))
    }

    // MARK: The log

    /// A row per item, a column per week printed, a box per prescribed session: on the days the
    /// plan's schedule gives (the item's own, else the week's: every day, every other day, named
    /// weekdays), else the item's own frequency, else the week's sessions, else the phase's; once
    /// a day when none is given.
    func log(_ phase: Plan.PhaseInfo) -> Handout.LogTable? {
        let weeks = weeks(of: phase)
        guard !weeks.isEmpty else { return nil }
        let letters = words.dayLetters
        // Without a start date, days named by weekday put the columns in week order, Monday
        // first; otherwise the columns are the week's days from its first.
        let named = weeks.contains { week in
            (week.days ?? []).contains { $0.day == nil } || week.items.contains { ($0.days ?? []).contains { $0.day == nil } }
        }
        let columns = weeks.map { week in
            let start = week.dates.map { $0.first.weekday.index } ?? (named ? 0 : nil)
            return Handout.LogWeek(
                week: week.week, label: language.weeks(Plan.WeekSpan(first: week.week, last: week.week)),
                dates: week.dates.map {
                    words.text("log.dates", ["first": language.shortDate($0.first), "last": language.shortDate($0.last)])
                },
                days: (0..<7).map { day in start.map { letters[($0 + day) % 7] } ?? String(day + 1) },
                dayNames: start.map { first in (0..<7).map { words.shortWeekdayName(Weekday(index: first + $0)) } })
        }
        var rows: [Handout.LogRow] = []
        for (index, item) in phase.items.enumerated() {
            guard let card = cardNumbers[item.exercise] else { continue }
            let once = words.text("frequency.perDay", ["times": language.times(1)])
            var how = once
            let cells = weeks.map { week -> Handout.LogCell in
                let weekItem = Self.weekItem(week, index: index, of: item)
                let dose = weekItem?.dose ?? item.dose
                let own = Self.usable(dose.frequency) != nil || !(dose.days ?? []).isEmpty
                let often = Self.usable(dose.frequency) ?? Self.usable(week.sessions) ?? Self.usable(phase.sessions)
                how =
                    (own ? language.often(dose.frequency, days: dose.days) : language.often(week.sessions ?? phase.sessions, days: phase.days))
                    ?? once
                if let days = own ? weekItem?.days : week.days {
                    var boxes = Array(repeating: 0, count: 7)
                    let first = week.dates.map { $0.first.weekday.index } ?? 0
                    for day in days {
                        let position = day.day.map { $0 - 1 } ?? day.weekday.map { ($0.index - first + 7) % 7 }
                        guard let position, boxes.indices.contains(position) else { continue }
                        boxes[position] = min(max(day.sessions, 0), Self.maxBoxes)
                    }
                    return Handout.LogCell(week: week.week, perDay: boxes, perWeek: nil)
                }
                guard let often else { return Handout.LogCell(week: week.week, perDay: Array(repeating: 1, count: 7), perWeek: nil) }
                let count = min(often.count, Self.maxBoxes)
                return Self.isPerDay(often)
                    ? Handout.LogCell(week: week.week, perDay: Array(repeating: count, count: 7), perWeek: nil)
                    : Handout.LogCell(week: week.week, perDay: nil, perWeek: min(often.count, 7 * Self.maxBoxes))
            }
            rows.append(Handout.LogRow(card: card, name: name(ofExercise: item.exercise), how: how, cells: cells))
        }
        return Handout.LogTable(
            phase: numbers[phase.id] ?? 1, name: name(phase.title, number: numbers[phase.id] ?? 1), weeks: columns, rows: rows)
    }

    /// The most boxes a day in the log (an item done hourly gets 12).
    static let maxBoxes = 12

    static func isPerDay(_ frequency: Plan.FrequencyInfo) -> Bool { frequency.per == .day }

    static func usable(_ frequency: Plan.FrequencyInfo?) -> Plan.FrequencyInfo? {
        guard let frequency, frequency.count > 0 else { return nil }
        return frequency
    }

    // MARK: Words

    func name(_ exercise: Plan.ExerciseInfo, id: String) -> String {
        Self.plain(exercise.name) ?? Self.plain(id) ?? words.text("exercise.unnamed")
    }

    /// `text` on one line, or nil when nothing is left.
    static func plain(_ text: String?) -> String? {
        text.map(PlainLanguage.clean).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `text` as a sentence, or nil when nothing is left.
    static func sentence(_ text: String?) -> String? {
        text.map(PlainLanguage.sentence).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The card's fragment id: by number, so that ids that differ only in characters a fragment
    /// cannot hold never share one.
    static func anchor(card: Int) -> String { "card-\(card)" }
}
