import Foundation
import RegimenDiagnostics
import RegimenFormat

/// The part of a programme a document is for: what a clinic prints at a review visit
/// (`regimen export … --phase ID`, `--week N` or `--on DATE`).
public enum PlanSelection: Sendable, Equatable {
    /// One phase, by its id.
    case phase(String)
    /// One week, by its number (the first week of the programme is 1).
    case week(Int)
    /// The phase in force on a day; needs the patient's start date.
    case on(CalendarDate)
}

extension Plan {
    /// What part of the programme a plan narrowed by `selecting(_:)` covers, and what the whole
    /// programme looks like, so that a handout can say where this part sits and what comes next.
    public struct SelectionInfo: Codable, Sendable, Equatable {
        /// How the part was chosen.
        public var by: SelectedBy
        /// The phase the part belongs to.
        public var phase: String
        /// The weeks covered (the whole phase, or the one week).
        public var weeks: WeekSpan
        /// The day asked for with `--on`.
        public var on: CalendarDate?
        /// Every phase of the whole programme, in order.
        public var outline: [OutlineEntry]
        /// The phase after the one covered, when there is one.
        public var next: String?
    }

    /// How a selection was asked for.
    public enum SelectedBy: String, ClosedSet {
        case phase
        case week
        case on
    }

    /// One phase of the whole programme, in brief.
    public struct OutlineEntry: Codable, Sendable, Equatable {
        public var id: String
        public var title: String?
        public var weeks: WeekSpan
        public var dates: DateSpan?
    }

    /// The plan narrowed to `selection`: only the chosen phase, only the weeks covered, only the
    /// exercises those use or offer (as easier or harder versions), only the
    /// restrictions and precautions that apply in those weeks. Red flags, exclusions and
    /// screening warnings are kept whole: safety text is never narrowed away. Selecting from a
    /// plan that is already narrowed chooses among what it still holds.
    public func selecting(_ selection: PlanSelection) throws(SelectionError) -> Plan {
        let (phase, weeks) = try resolve(selection)
        var narrowed = self
        let outline =
            self.selection?.outline
            ?? phases.map { phase in
                let days = schedule.filter { $0.phase == phase.id }.compactMap(\.dates)
                return OutlineEntry(
                    id: phase.id, title: phase.title, weeks: phase.weeks,
                    dates: days.first.flatMap { first in days.last.map { DateSpan(first: first.first, last: $0.last) } })
            }
        let position = outline.firstIndex { $0.id == phase.id }
        let next = position.flatMap { outline.indices.contains($0 + 1) ? outline[$0 + 1].id : nil }
        let on: CalendarDate? = if case .on(let date) = selection { date } else { nil }
        let by: SelectedBy =
            switch selection {
            case .phase: .phase
            case .week: .week
            case .on: .on
            }
        narrowed.selection = SelectionInfo(by: by, phase: phase.id, weeks: weeks, on: on, outline: outline, next: next)
        narrowed.phases = [phase]
        narrowed.schedule = schedule.filter { $0.phase == phase.id && weeks.first <= $0.week && $0.week <= weeks.last }

        // The exercises the part uses, and the versions they offer (one step, not the versions'
        // own versions: a card links only to a card that is printed).
        var kept = Set<String>()
        func keep(_ id: String?) {
            if let id, exercises[id] != nil { kept.insert(id) }
        }
        for item in phase.items {
            keep(item.exercise)
            keep(item.progressTo)
            keep(item.regressTo)
            keep(exercises[item.exercise]?.progressTo)
            keep(exercises[item.exercise]?.regressTo)
        }
        for week in narrowed.schedule {
            for item in week.items {
                keep(item.exercise)
                keep(item.progressTo)
                keep(item.regressTo)
            }
        }
        narrowed.exercises = exercises.filter { kept.contains($0.key) }

        func overlaps(_ span: WeekSpan?) -> Bool { span.map { $0.first <= weeks.last && weeks.first <= $0.last } ?? true }
        narrowed.restrictions = restrictions.filter { overlaps($0.weeks) }
        narrowed.screening.precautions = screening.precautions.filter { kept.contains($0.exercise) && overlaps($0.weeks) }
        return narrowed
    }

    /// The phase and the weeks `selection` chooses, or why it chooses nothing.
    ///
    /// A plan that is already narrowed holds one part of the programme; asking it for another
    /// part that the programme has (its `selection.outline` says so) is told apart from asking
    /// for what the programme never had, and the help says where to get it.
    func resolve(_ selection: PlanSelection) throws(SelectionError) -> (PhaseInfo, WeekSpan) {
        switch selection {
        case .phase(let id):
            guard let phase = phases.first(where: { $0.id == id }) else {
                if let outline = self.selection?.outline, outline.contains(where: { $0.id == id }) {
                    throw SelectionError(
                        "phase `\(id)` is not in this plan, which holds only \(phaseList)",
                        help: "export it from the programme, or from a plan of the whole programme (`regimen compile`), with --phase \(id)")
                }
                // A slip may be for any phase of the programme; asking for it then says where it is.
                let suggestion = Self.suggestion(for: id, in: self.selection?.outline.map(\.id) ?? phases.map(\.id))
                let hint = suggestion.map { "; did you mean `\($0)`?" } ?? ""
                throw SelectionError("no phase is called `\(id)`\(hint)", help: phasesHeld)
            }
            return (phase, coveredWeeks(of: phase))
        case .week(let number):
            guard let week = schedule.first(where: { $0.week == number }),
                let phase = phases.first(where: { $0.id == week.phase })
            else {
                if let outline = self.selection?.outline,
                    let entry = outline.first(where: { $0.weeks.first <= number && number <= $0.weeks.last })
                {
                    throw SelectionError(
                        "week \(number) (in phase `\(entry.id)`) is not in this plan, which holds only \(phaseList)",
                        help:
                            "\(weekChoice); or export week \(number) from the programme, or from a plan of the whole programme (`regimen compile`)"
                    )
                }
                throw SelectionError("week \(number) is not in this programme", help: weekHelp)
            }
            return (phase, WeekSpan(first: number, last: number))
        case .on(let date):
            let days = schedule.compactMap(\.dates)
            guard let first = days.first?.first, let last = days.last?.last else {
                throw SelectionError(
                    "--on needs the patient's start date, and this plan has none",
                    help:
                        "export the programme with --patient PROFILE (or compile it with one), where the profile gives `start: YYYY-MM-DD`; "
                        + "or choose with --phase or --week (the phases are: \(phaseList))")
            }
            guard let week = schedule.first(where: { $0.dates.map { $0.first <= date && date <= $0.last } ?? false }),
                let phase = phases.first(where: { $0.id == week.phase })
            else {
                // The whole programme's days: the outline's, for a plan that is already narrowed.
                let outlineDays = (self.selection?.outline ?? []).compactMap(\.dates)
                let start = outlineDays.first?.first ?? first
                let end = outlineDays.last?.last ?? last
                if self.selection != nil, start <= date, date <= end {
                    let entry = self.selection?.outline.first { $0.dates.map { $0.first <= date && date <= $0.last } ?? false }
                    let firstWeek = self.selection?.outline.first?.weeks.first ?? 1
                    let number = (date.dayNumber - start.dayNumber) / 7 + firstWeek
                    throw SelectionError(
                        "\(date) is in week \(number)\(entry.map { " (phase `\($0.id)`)" } ?? ""), which is not in this plan: it holds only \(phaseList)",
                        help:
                            "choose a day from \(first) to \(last); or export \(date) from the programme, or from a plan of the whole programme (`regimen compile`)"
                    )
                }
                let when = date < start ? "before the programme starts" : "after the programme ends"
                throw SelectionError("\(date) is \(when)", help: "it runs from \(start) to \(end); \(phasesHeld)")
            }
            return (phase, coveredWeeks(of: phase))
        }
    }

    /// The phase id `id` was likely meant to be: the nearest by edit distance, or else the one
    /// id whose start `id` is a slip of ("strenght" for `strengthen`), as a clinician shortens
    /// a long id while typing it.
    static func suggestion(for id: String, in ids: [String]) -> String? {
        if let closest = Suggestions.closest(to: id, in: ids) { return closest }
        guard id.count >= 4 else { return nil }
        let starting = ids.filter { $0.count > id.count && Suggestions.closest(to: id, in: [String($0.prefix(id.count))]) != nil }
        return starting.count == 1 ? starting[0] : nil
    }

    /// The weeks of `phase` this plan holds.
    func coveredWeeks(of phase: PhaseInfo) -> WeekSpan {
        let numbers = schedule.filter { $0.phase == phase.id }.map(\.week)
        guard let first = numbers.min(), let last = numbers.max() else { return phase.weeks }
        return WeekSpan(first: first, last: last)
    }

    /// "`settle` (weeks 1 to 2), `strengthen` (weeks 3 to 8)".
    var phaseList: String {
        phases.map { phase in
            let weeks = coveredWeeks(of: phase)
            let span = weeks.first == weeks.last ? "week \(weeks.first)" : "weeks \(weeks.first) to \(weeks.last)"
            let dates = schedule.filter { $0.phase == phase.id }.compactMap(\.dates)
            let on = dates.first.flatMap { first in dates.last.map { ", \(first.first) to \($0.last)" } } ?? ""
            return "`\(phase.id)` (\(span)\(on))"
        }.joined(separator: ", ")
    }

    var weekHelp: String {
        "\(weekChoice); \(phasesHeld)"
    }

    /// "the phases are: `settle` (…)", or for a plan already narrowed "this plan holds only `restore-movement` (…)".
    var phasesHeld: String {
        (selection == nil ? "the phases are: " : "this plan holds only ") + phaseList
    }

    /// "choose a week from 1 to 8".
    var weekChoice: String {
        let numbers = schedule.map(\.week)
        guard let first = numbers.min(), let last = numbers.max() else { return "the plan has no weeks" }
        return first == last ? "choose week \(first)" : "choose a week from \(first) to \(last)"
    }
}

/// Why a selection chooses nothing: the message names what was asked for, the help what there is.
public struct SelectionError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var help: String

    public init(_ message: String, help: String) {
        self.message = message
        self.help = help
    }

    public var description: String { message }
}
