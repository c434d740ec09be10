import Foundation
import RegimenCompile
import RegimenFormat

/// What a patient's handout says, decided once from a plan: the one model that the text and
/// HTML handouts and every exporter plugin (in its request) render. Every sentence in it is
/// already worded (doses by `PlainLanguage`, safety by `SafetyWording`), and everything the
/// compiler decided is carried, not worked out again: which card a schedule line points to,
/// which dose applies in which weeks, which precautions apply, which versions may be offered.
///
/// It holds the part of the programme the plan covers (`Plan.selecting`): `coverage` says
/// which, `outline` shows the whole programme, and only what is printed is described.
/// docs/handouts.md documents every field.
public struct Handout: Codable, Sendable, Equatable {
    /// The model's version: 2 (version 1 was the untyped view of Regimen 0.x templates).
    public var version = 2
    /// The programme's title.
    public var title: String
    /// Its summary, as a sentence.
    public var summary: String?
    /// The programme's general notes, as a sentence.
    public var notes: String?
    /// How the programme is delivered (supervision), as a sentence.
    public var supervision: String?
    /// The programme's id.
    public var programme: String
    /// The first 12 hex digits of the plan's input digest: which version this handout shows.
    public var planDigest: String
    /// The language of the handout's fixed words: the shipped catalogue the patient's language
    /// resolved to (`es` for `es-MX`, `en-GB` when none was asked for; `HandoutLanguage`).
    public var language: String
    /// Who prepared the programme.
    public var clinician: Clinician?
    /// The patient it was compiled for.
    public var patient: Patient?
    /// The signs that mean: stop and get help, as sentences. Printed first.
    public var redFlags: [String]
    /// What to do when an exercise makes things worse (the programme's adverse-events advice),
    /// under its own heading.
    public var ifWorse: String?
    /// Movements to avoid or take care with in daily life, in the weeks printed.
    public var dailyLife: [DailyLifeNote]
    /// Which part of the programme this handout covers, and what comes next.
    public var coverage: Coverage
    /// Every phase of the whole programme, in order, with the printed ones marked.
    public var outline: [OutlinePhase]
    /// The printed phases: each one's schedule of exercises.
    public var phases: [SchedulePhase]
    /// Each exercise once, numbered in the order the schedule first uses it, then the versions
    /// offered as easier or harder ones.
    public var cards: [Card]
    /// The tick-box log for the weeks printed.
    public var log: [LogTable]
    /// General advice, as sentences.
    public var education: [String]
    /// Where the programme comes from.
    public var references: [String]

    /// Who prepared the programme; absent parts are left for the clinician to write in.
    public struct Clinician: Codable, Sendable, Equatable {
        public var name: String?
        public var role: String?
        public var contact: String?
    }

    /// The patient's details a handout shows.
    public struct Patient: Codable, Sendable, Equatable {
        /// The first day, when known.
        public var start: CalendarDate?
        /// "Monday 7 December 2026".
        public var startText: String?
        /// "Left", "Right" or "Both".
        public var side: String?
        /// Notes for the patient, as a sentence.
        public var notes: String?
    }

    /// A restriction in daily life: its sentence (`note.text`), and whether it is a must-not.
    public struct DailyLifeNote: Codable, Sendable, Equatable {
        /// The movement, in the patient's words.
        public var movement: String
        /// The weeks it applies in ("Weeks 1 to 4"), when limited.
        public var weeks: String?
        /// The worded restriction.
        public var note: SafetyNote
    }

    /// Which part of the programme a handout covers.
    public struct Coverage: Codable, Sendable, Equatable {
        /// `whole`, `phase` or `week`.
        public var part: Part
        /// The weeks printed.
        public var weeks: Plan.WeekSpan
        /// The days printed, when the plan knows the start date.
        public var dates: Plan.DateSpan?
        /// "This handout covers phase 2 of 3, Get moving again: weeks 3 to 4 (21 December 2026
        /// to 3 January 2027)."
        public var text: String
        /// What comes after the part printed, without pointing at pages that were not printed:
        /// "Next: phase 3, Build strength and control, from week 5. You will get its exercises
        /// at your review." Absent for the whole programme.
        public var next: String?
    }

    /// What a handout covers.
    public enum Part: String, ClosedSet {
        case whole
        case phase
        case week
    }

    /// A phase of the whole programme, in brief.
    public struct OutlinePhase: Codable, Sendable, Equatable {
        /// 1 for the first phase of the whole programme.
        public var number: Int
        public var id: String
        /// "Phase 2: Get moving again".
        public var name: String
        /// "Weeks 3 to 4".
        public var weeks: String
        /// "21 December 2026 to 3 January 2027", when the start date is known.
        public var dates: String?
        /// "once a day", when the phase says.
        public var sessions: String?
        /// Whether this handout prints it (all of it, or the week chosen).
        public var printed: Bool
    }

    /// A printed phase: what to do, week by week, pointing to the cards.
    public struct SchedulePhase: Codable, Sendable, Equatable {
        /// The phase's number in the whole programme.
        public var number: Int
        public var id: String
        /// "Phase 2: Get moving again".
        public var name: String
        /// The weeks printed of it ("Weeks 3 to 4", or "Week 3").
        public var weeks: String
        /// Their days, when the start date is known.
        public var dates: String?
        /// The goal, as a sentence.
        public var goal: String?
        /// "Do your exercises once a day.", when the phase says.
        public var sessions: String?
        /// The phase's notes, as a sentence.
        public var notes: String?
        /// One row per item.
        public var rows: [ScheduleRow]
        /// When to move on (or, for the last phase, when its goal is reached), as sentences.
        public var advanceWhen: [String]
        /// The heading for `advanceWhen`: "Move on to the next phase when" or "You have reached
        /// the goal of this phase when".
        public var advanceHeading: String
        /// What to do when the criteria are not met by the phase's end, when there is a next phase.
        public var notYet: String?
    }

    /// One item of a phase: which card, how much in which weeks.
    public struct ScheduleRow: Codable, Sendable, Equatable {
        /// The card's number.
        public var card: Int
        public var exercise: String
        public var name: String
        /// How much, with the weeks each amount applies in; one entry when it does not change.
        public var doses: [DoseStep]
        /// How the dose grows, when the weeks printed do not show it ("Each week, add 2
        /// repetitions, up to 15.").
        public var progression: String?
        /// The item's own notes, as a sentence.
        public var notes: String?
    }

    /// One dose, and the weeks (printed) it applies in.
    public struct DoseStep: Codable, Sendable, Equatable {
        public var weeks: Plan.WeekSpan
        /// "Weeks 3 to 4", "Week 5".
        public var weeksText: String
        /// The dose as the plan has it.
        public var dose: Plan.DoseInfo
        /// The sessions in force those weeks.
        public var sessions: Plan.FrequencyInfo?
        /// The dose in plain words.
        public var text: String
    }

    /// An exercise: what it is and how to do it. Printed once, whatever the number of phases
    /// that use it.
    public struct Card: Codable, Sendable, Equatable {
        /// 1, 2, 3… in the order the handout first uses it.
        public var number: Int
        public var id: String
        /// A fragment id for links: ASCII letters, digits and hyphens.
        public var anchor: String
        public var name: String
        /// What it is for (the item's own purpose when the programme gives one), as a sentence.
        public var purpose: String?
        /// The starting position, as a sentence.
        public var position: String?
        /// What is needed.
        public var equipment: [String]
        /// The steps, as sentences.
        public var steps: [String]
        /// Tips (the exercise's, then the programme's own for it), as sentences.
        public var cues: [String]
        /// Mistakes to avoid, as sentences.
        public var mistakes: [String]
        /// Pictures: `src` is a data: URI once an HTML handout has read them, else as the plan has it.
        public var images: [Plan.ImageInfo]
        /// What the card says about safety, in the weeks printed.
        public var precautions: [SafetyNote]
        /// The version to use instead when this one is too hard or too painful.
        public var easier: CardLink?
        /// The version to move on to when this one is easy.
        public var harder: CardLink?
        /// The harder version's name, when it has no card on this sheet (a sheet for part of the
        /// programme prints the easier versions only): the patient asks about it at review.
        public var harderToAsk: String?
        /// The printed phases that use it ("Phase 1 and 2"); empty for a version only offered.
        public var usedIn: [Int]
        /// "Used in phase 1 and 3.", or "Use this only when a card sends you here.".
        public var usedInText: String
    }

    /// A pointer from one card to another.
    public struct CardLink: Codable, Sendable, Equatable {
        public var card: Int
        public var exercise: String
        public var name: String
        public var anchor: String
    }

    /// The tick-box log of one printed phase: a row per item, a column per week printed, and in
    /// each cell one box per prescribed session of that item that week.
    public struct LogTable: Codable, Sendable, Equatable {
        /// The phase's number in the whole programme.
        public var phase: Int
        /// "Phase 2: Get moving again".
        public var name: String
        /// The weeks, as columns.
        public var weeks: [LogWeek]
        /// One row per item.
        public var rows: [LogRow]
    }

    /// A column of the log.
    public struct LogWeek: Codable, Sendable, Equatable {
        public var week: Int
        /// "Week 3".
        public var label: String
        /// "21 Dec to 27 Dec", when known.
        public var dates: String?
        /// The days' one-letter labels in order ("M", "T", …) from the week's first day when the
        /// start date is known, else "1" to "7" (or "M" to "S", Monday first, when sessions fall
        /// on named weekdays and the start date is not known).
        public var days: [String]
        /// The days' short names ("Mon", "Tue", …) in the same order, when the weekdays are known.
        public var dayNames: [String]?
    }

    /// An item's row in the log.
    public struct LogRow: Codable, Sendable, Equatable {
        public var card: Int
        public var name: String
        /// "2 times a day", "3 times a week".
        public var how: String
        /// One cell per week column.
        public var cells: [LogCell]
    }

    /// The boxes of one item in one week: either per day (`perDay[d]` boxes on day d, none on a
    /// day without a session), or for the week (`perWeek` boxes, done on any days).
    public struct LogCell: Codable, Sendable, Equatable {
        public var week: Int
        public var perDay: [Int]?
        public var perWeek: Int?
    }
}
