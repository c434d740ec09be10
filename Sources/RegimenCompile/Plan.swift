import Foundation
import RegimenFormat

/// A compiled programme: self-contained, versioned JSON that any exporter, app or records
/// system can read without the YAML or the library. The same inputs give the same bytes.
/// `docs/plan.schema.json` describes it; keys are camelCase.
public struct Plan: Codable, Sendable, Equatable {
    /// The plan format's version.
    public var plan: Int = 1
    /// What the plan was made from.
    public var inputs: Inputs
    /// The programme's metadata.
    public var programme: ProgrammeInfo
    /// The patient it was compiled for, when one was given.
    public var patient: PatientInfo?
    /// Signs that mean: stop and seek care.
    public var redFlags: [String]
    /// Conditions for which the programme must not be issued.
    public var exclusions: [ExclusionInfo]
    /// Movements to avoid or take care with.
    public var restrictions: [RestrictionInfo]
    /// Every exercise the plan uses or offers (as progress-to or regress-to), by id.
    public var exercises: [String: ExerciseInfo]
    /// The phases, in order, with their starting doses and progression rules.
    public var phases: [PhaseInfo]
    /// Week by week: the phase, the sessions, and each item's dose that week.
    public var schedule: [Week]
    /// What screening found: the precautions that apply, and warnings.
    public var screening: ScreeningInfo
    /// Every condition and movement the plan mentions, by canonical id, with its labels and
    /// codes (absent from plans made before the vocabulary).
    public var vocabulary: VocabularyInfo?
    /// The part of the programme this plan covers, when it was narrowed to one phase or week
    /// (`selecting(_:)`); absent for the whole programme.
    public var selection: SelectionInfo?
    /// Which language the plan's texts are in, when a language was asked for (`--language`,
    /// or the patient's `language:`); absent otherwise, and in plans made before translations.
    public var language: LanguageInfo?

    /// The language of a plan's texts: every text of the programme and its exercises is in
    /// `used` (or a less specific language of its chain: `es` for `es-MX`), except those
    /// listed in `untranslated`, which are in `source`.
    public struct LanguageInfo: Codable, Sendable, Equatable {
        /// The language asked for, such as `es-MX`.
        public var requested: String
        /// The most specific language that gave translations; `source` when none did.
        public var used: String
        /// The language the programme is written in (its `language:`, else en-GB).
        public var source: String
        /// The texts left in `source`, by path (`red-flags[0]`, `exercises.bridge.steps[1]`), as
        /// docs/languages.md defines paths.
        public var untranslated: [String]

        /// A language record with these fields.
        public init(requested: String, used: String, source: String, untranslated: [String]) {
            self.requested = requested
            self.used = used
            self.source = source
            self.untranslated = untranslated
        }
    }

    /// The conditions and movements a plan mentions.
    public struct VocabularyInfo: Codable, Sendable, Equatable {
        public var conditions: [TermInfo]
        public var movements: [TermInfo]

        /// The entry for the canonical `id` of `kind`, if the plan mentions it.
        public func term(_ id: String, _ kind: TermKind) -> TermInfo? {
            (kind == .condition ? conditions : movements).first { $0.id == id }
        }
    }

    /// A condition or movement: the canonical id, labels, codes, and the other words the inputs
    /// used for it.
    public struct TermInfo: Codable, Sendable, Equatable {
        public var id: String
        public var label: String
        public var patientLabel: String
        public var icd10cm: String?
        public var snomedCT: String?
        /// The words the programme, library or profile wrote for it, when other than `id`.
        public var writtenAs: [String]?
    }

    /// The files the plan was made from, and one digest over all of them.
    public struct Inputs: Codable, Sendable, Equatable {
        /// SHA-256 over every input file's path and digest, in path order.
        public var sha256: String
        /// Each input file.
        public var files: [InputFile]
    }

    /// One input file: its path relative to the repository root (the patient profile by its
    /// file name only), its role, and its digest.
    public struct InputFile: Codable, Sendable, Equatable {
        public var path: String
        public var role: InputRole
        public var sha256: String
    }

    /// What an input file was to the plan.
    public enum InputRole: String, ClosedSet {
        case programme, library, patient
        /// A translation file (`NAME.LANG.po`) whose texts the plan uses.
        case translation
    }

    public struct ProgrammeInfo: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var summary: String?
        public var conditions: [String]
        public var clinician: ClinicianInfo?
        public var references: [String]
        public var delivery: DeliveryInfo?
        public var notes: String?
    }

    public struct ClinicianInfo: Codable, Sendable, Equatable {
        public var name: String?
        public var role: String?
        public var contact: String?
    }

    public struct DeliveryInfo: Codable, Sendable, Equatable {
        public var setting: String?
        public var supervision: String?
        public var format: String?
        public var tailoring: String?
        public var startingLevel: String?
        public var adherence: String?
        public var motivation: String?
        public var education: [String]
        public var adverseEvents: String?
    }

    public struct PatientInfo: Codable, Sendable, Equatable {
        public var conditions: [String]
        public var affectedSide: AffectedSide?
        public var start: CalendarDate?
        public var language: String?
        public var notes: String?
    }

    public struct ExclusionInfo: Codable, Sendable, Equatable {
        public var condition: String
        public var why: String?
    }

    public struct RestrictionInfo: Codable, Sendable, Equatable {
        public var movement: String
        public var level: PrecautionLevel
        public var weeks: WeekSpan?
        public var why: String
    }

    /// An inclusive range of weeks.
    public struct WeekSpan: Codable, Sendable, Equatable {
        public var first: Int
        public var last: Int

        /// Weeks `first` to `last`, inclusive.
        public init(first: Int, last: Int) {
            self.first = first
            self.last = last
        }
    }

    public struct ExerciseInfo: Codable, Sendable, Equatable {
        public var name: String
        public var kind: ExerciseKind?
        public var regions: [Region]
        public var movements: [String]
        public var equipment: [String]
        public var level: Level?
        public var purpose: String?
        public var position: String?
        public var steps: [String]
        public var cues: [String]
        public var mistakes: [String]
        public var images: [ImageInfo]
        public var precautions: [PrecautionInfo]
        public var progressTo: String?
        public var regressTo: String?
    }

    /// A picture: `src` is a path relative to the plan, or a `data:` URI when embedded.
    public struct ImageInfo: Codable, Sendable, Equatable {
        public var src: String
        public var alt: String
        public var credit: String?

        /// A picture at `src`, described by `alt`.
        public init(src: String, alt: String, credit: String?) {
            self.src = src
            self.alt = alt
            self.credit = credit
        }
    }

    public struct PrecautionInfo: Codable, Sendable, Equatable {
        public var conditions: [String]
        public var level: PrecautionLevel
        public var why: String
        public var advice: String?
    }

    public struct PhaseInfo: Codable, Sendable, Equatable {
        public var id: String
        public var title: String?
        public var goal: String?
        public var weeks: WeekSpan
        public var sessions: FrequencyInfo?
        /// The days of the week the sessions fall on, when the phase names them.
        public var days: [Weekday]?
        public var advanceWhen: [String]
        public var notes: String?
        public var items: [PhaseItem]
    }

    /// An item as the phase prescribes it: the starting dose and how it grows.
    public struct PhaseItem: Codable, Sendable, Equatable {
        public var exercise: String
        public var dose: DoseInfo
        public var progress: ProgressInfo?
        public var progressTo: String?
        public var regressTo: String?
        public var notes: String?
        /// What the exercise is for in this programme, in place of the exercise's `purpose`.
        public var purpose: String?
        /// Reminders for this programme, after the exercise's own `cues`.
        public var cues: [String]?
    }

    /// `count` times a `per`; with `interval` (2 to 7, days only), once every so many days:
    /// `{count: 1, per: day, interval: 2}` is every other day. The schedule's `days` say which.
    public struct FrequencyInfo: Codable, Sendable, Equatable {
        public var count: Int
        public var per: Frequency.Period
        /// How many days apart, when more than 1; absent otherwise.
        public var interval: Int?

        /// `count` a `per`, every `interval` periods (nil or 1: every one).
        public init(count: Int, per: Frequency.Period, interval: Int? = nil) {
            self.count = count
            self.per = per
            self.interval = interval.flatMap { $0 > 1 ? $0 : nil }
        }
    }

    /// A dose; times in whole seconds. A range is its least value in the field a reader made
    /// before ranges reads (`reps`) and its most in the `…Max` field beside it (`repsMax`),
    /// present only for a range.
    public struct DoseInfo: Codable, Sendable, Equatable {
        public var sets: Int?
        public var setsMax: Int?
        public var reps: Int?
        public var repsMax: Int?
        public var holdSeconds: Int?
        public var holdSecondsMax: Int?
        public var restSeconds: Int?
        public var restSecondsMax: Int?
        public var durationSeconds: Int?
        public var durationSecondsMax: Int?
        public var frequency: FrequencyInfo?
        /// The days of the week, when the item names its own.
        public var days: [Weekday]?
        public var load: LoadInfo?
        /// `left`, `right`, `both`, `each`, `alternating`; `affected`/`unaffected` only when no
        /// patient side was given.
        public var side: Side?
        public var tempo: String?
        /// The tempo's parts in the order they are done, as written (`tempo` is the same tempo
        /// in the bare form, lower first, for readers made before this).
        public var tempoParts: [TempoPart]?
        public var intensity: IntensityInfo?
    }

    /// A load: `kind` is `mass` (with `value` and `unit`), `bodyweight`, `band` (with `band`),
    /// `repetitionMaximum` (with `value`, the repetitions: 10 for 10RM), `percentOfMaximum` (with
    /// `value`, per cent of the one-repetition maximum) or `perceivedExertion` (with `low` and
    /// `high`, 0 to 10).
    public struct LoadInfo: Codable, Sendable, Equatable {
        public var kind: LoadKind
        public var value: Double?
        public var unit: Load.Unit?
        public var band: Load.Band?
        public var low: Int?
        public var high: Int?
    }

    /// What a load is.
    public enum LoadKind: String, ClosedSet {
        case mass, bodyweight, band
        case repetitionMaximum, percentOfMaximum, perceivedExertion
    }

    /// An intensity: `kind` is `rpe` (with `low` and `high`), `pain` (with `max`, out of 10),
    /// or `effort` (with `effort`).
    public struct IntensityInfo: Codable, Sendable, Equatable {
        public var kind: IntensityKind
        public var low: Int?
        public var high: Int?
        public var max: Int?
        public var effort: Intensity.Effort?
    }

    /// What an intensity is: a rating of perceived exertion, a pain limit, or a word for effort.
    public enum IntensityKind: String, ClosedSet {
        case rpe, pain, effort
    }

    /// A parametric progression: every `everyWeeks` weeks add the increments, up to `until`.
    public struct ProgressInfo: Codable, Sendable, Equatable {
        public var everyWeeks: Int
        public var sets: Int?
        public var reps: Int?
        public var holdSeconds: Int?
        public var durationSeconds: Int?
        public var restSeconds: Int?
        public var load: LoadInfo?
        public var until: DoseInfo
    }

    public struct Week: Codable, Sendable, Equatable {
        public var week: Int
        public var phase: String
        public var dates: DateSpan?
        public var sessions: FrequencyInfo?
        /// The days of this week that have sessions, when the sessions are tied to days (every
        /// day, every other day, or days of the week); absent for "n times a week", any days.
        public var days: [SessionDay]?
        public var items: [WeekItem]
    }

    /// A day with sessions: which day of the programme's week (1 to 7, absent when the days are
    /// named but the start date is not known), its weekday (when named or known from the start
    /// date), its date (when known), and how many sessions.
    public struct SessionDay: Codable, Sendable, Equatable {
        public var day: Int?
        public var weekday: Weekday?
        public var date: CalendarDate?
        public var sessions: Int

        /// A day with `sessions` sessions.
        public init(day: Int?, weekday: Weekday?, date: CalendarDate?, sessions: Int) {
            self.day = day
            self.weekday = weekday
            self.date = date
            self.sessions = sessions
        }
    }

    /// The calendar days of a week, when the patient's start date is known.
    public struct DateSpan: Codable, Sendable, Equatable {
        public var first: CalendarDate
        public var last: CalendarDate

        /// The days `first` to `last`, inclusive.
        public init(first: CalendarDate, last: CalendarDate) {
            self.first = first
            self.last = last
        }

        /// The seven days of week `week` of a programme that starts on `start` (week 1 starts
        /// on it); nil when they fall outside years 1 to 9999.
        public static func week(_ week: Int, from start: CalendarDate) -> DateSpan? {
            let (offset, overflow) = (week - 1).multipliedReportingOverflow(by: 7)
            guard !overflow, let first = start.adding(days: offset), let last = first.adding(days: 6) else { return nil }
            return DateSpan(first: first, last: last)
        }
    }

    /// An item in one week: the dose after that week's increments, capped at the ceiling.
    public struct WeekItem: Codable, Sendable, Equatable {
        public var exercise: String
        public var dose: DoseInfo
        /// The days this item is done, when its dose gives its own frequency or days tied to
        /// days (every day, every other day, named days); absent when it follows the week's.
        public var days: [SessionDay]?
        public var progressTo: String?
        public var regressTo: String?
    }

    public struct ScreeningInfo: Codable, Sendable, Equatable {
        /// Whether a patient profile was screened against.
        public var screened: Bool
        /// Precautions that apply to this plan, with their text, for the handout.
        public var precautions: [AppliedPrecaution]
        /// Warnings found while compiling (code and message).
        public var warnings: [Finding]
        /// Easier or harder versions left out of this plan because they are contraindicated
        /// for the patient (absent when none were).
        public var withheld: [WithheldExercise]?
    }

    /// An exercise offered as an easier or harder version, left out for this patient.
    public struct WithheldExercise: Codable, Sendable, Equatable {
        /// The version left out.
        public var exercise: String
        /// The patient's condition (canonical id) it is contraindicated for.
        public var condition: String
        /// Why, as the precaution says.
        public var why: String
    }

    /// A precaution that applies: by the patient's condition, or by a restricted movement.
    public struct AppliedPrecaution: Codable, Sendable, Equatable {
        public var exercise: String
        public var condition: String?
        public var movement: String?
        public var weeks: WeekSpan?
        public var level: PrecautionLevel
        public var why: String
        public var advice: String?
    }

    public struct Finding: Codable, Sendable, Equatable {
        public var code: String
        public var message: String
    }
}

extension Plan {
    /// The plan as JSON: sorted keys, two-space indentation, a final newline; the same plan
    /// always gives the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a plan written by `encoded()`; refuses other plan versions.
    public static func decode(_ data: Data) throws -> Plan {
        struct Version: Decodable { var plan: Int }
        let version = try JSONDecoder().decode(Version.self, from: data).plan
        guard version == 1 else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "plan version \(version) is not supported; this Regimen reads plan version 1"))
        }
        return try JSONDecoder().decode(Plan.self, from: data)
    }
}
