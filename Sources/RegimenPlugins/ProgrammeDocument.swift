import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenVocabulary

/// Where something was written, as the plugin contract spells it: 1-based lines and columns
/// (columns in Unicode scalars), the end just past the last character.
public struct SourceSpan: Codable, Hashable, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int

    /// The span of `range`.
    public init(_ range: SourceRange) {
        file = range.file
        line = range.start.line
        column = range.start.column
        endLine = range.end.line
        endColumn = range.end.column
    }

    /// The range this span names.
    public var range: SourceRange {
        SourceRange(
            file: file, start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn))
    }
}

/// A value with where it was written: `{"value": …, "file": …, "line": …, "column": …,
/// "endLine": …, "endColumn": …}`.
public struct Positioned<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The value.
    public var value: Value
    /// Where it was written.
    public var span: SourceSpan

    /// `value`, written at `range`.
    public init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.span = SourceSpan(range)
    }

    private enum Keys: String, CodingKey { case value }

    public init(from decoder: any Decoder) throws {
        value = try decoder.container(keyedBy: Keys.self).decode(Value.self, forKey: .value)
        span = try SourceSpan(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(value, forKey: .value)
        try span.encode(to: encoder)
    }
}

/// A mapping with where it was written: its own keys, and `file`, `line`, `column`,
/// `endLine`, `endColumn` beside them.
@dynamicMemberLookup
public struct Spanned<Body: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// The mapping's keys.
    public var body: Body
    /// Where it was written.
    public var span: SourceSpan

    /// `body`, written at `range`.
    public init(_ body: Body, at range: SourceRange) {
        self.body = body
        self.span = SourceSpan(range)
    }

    public subscript<T>(dynamicMember keyPath: KeyPath<Body, T>) -> T { body[keyPath: keyPath] }

    public init(from decoder: any Decoder) throws {
        body = try Body(from: decoder)
        span = try SourceSpan(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try body.encode(to: encoder)
        try span.encode(to: encoder)
    }
}

/// Text with where it was written.
public typealias PositionedText = Positioned<String>

extension Positioned where Value == String {
    init(_ text: Text) { self.init(text.value, at: text.range) }
}

/// A programme as a rule plugin reads it: the typed model the built-in rules see, with keys in
/// camelCase (as in the plan) and a position on every value.
public struct ProgrammeDocument: Codable, Sendable, Equatable {
    /// The file, as Regimen shows it (relative to the working directory where it can be).
    public var file: String
    /// The whole document's position.
    public var span: SourceSpan
    /// `regimen:` (the format version).
    public var regimen: Positioned<Int>
    public var id: PositionedText
    public var title: PositionedText
    public var summary: PositionedText?
    /// `condition:`, each entry with its position.
    public var conditions: [PositionedText]
    public var clinician: Spanned<ClinicianDocument>?
    /// `library:` entries as written.
    public var library: [PositionedText]
    public var references: [PositionedText]
    public var delivery: Spanned<DeliveryDocument>?
    public var exclusions: [ExclusionDocument]
    public var redFlags: [PositionedText]
    public var restrictions: [Spanned<RestrictionDocument>]
    /// The exercises defined in the programme itself, in the order written.
    public var exercises: [Spanned<ExerciseDocument>]
    public var phases: [Spanned<PhaseDocument>]
    public var notes: PositionedText?
}

public struct ClinicianDocument: Codable, Sendable, Equatable {
    public var name: PositionedText?
    public var role: PositionedText?
    public var contact: PositionedText?
}

public struct DeliveryDocument: Codable, Sendable, Equatable {
    public var setting: PositionedText?
    public var supervision: PositionedText?
    public var format: PositionedText?
    public var tailoring: PositionedText?
    public var startingLevel: PositionedText?
    public var adherence: PositionedText?
    public var motivation: PositionedText?
    public var education: [PositionedText]
    public var adverseEvents: PositionedText?
}

public struct ExclusionDocument: Codable, Sendable, Equatable {
    public var condition: PositionedText
    public var why: PositionedText?
}

/// A week or range of weeks.
public struct WeeksValue: Codable, Sendable, Equatable {
    public var first: Int
    public var last: Int
}

/// `count` times a `per` (`day` or `week`).
public struct FrequencyValue: Codable, Sendable, Equatable {
    public var count: Int
    public var per: String
    /// Days apart when more than 1 (2: every other day); absent otherwise.
    public var interval: Int?
}

public struct RestrictionDocument: Codable, Sendable, Equatable {
    public var movement: PositionedText
    /// `contraindicated` or `precaution`.
    public var level: PositionedText
    public var weeks: Positioned<WeeksValue>?
    public var why: PositionedText
}

public struct ExerciseDocument: Codable, Sendable, Equatable {
    public var id: PositionedText
    public var name: PositionedText
    public var kind: PositionedText?
    public var regions: [PositionedText]
    public var movements: [PositionedText]
    public var equipment: [PositionedText]
    public var level: PositionedText?
    public var purpose: PositionedText?
    public var position: PositionedText?
    public var steps: [PositionedText]
    public var cues: [PositionedText]
    public var mistakes: [PositionedText]
    public var images: [Spanned<ImageDocument>]
    public var precautions: [Spanned<PrecautionDocument>]
    public var progressTo: PositionedText?
    public var regressTo: PositionedText?
}

public struct ImageDocument: Codable, Sendable, Equatable {
    public var path: PositionedText
    public var alt: PositionedText
    public var credit: PositionedText?
}

public struct PrecautionDocument: Codable, Sendable, Equatable {
    /// `when:`, the conditions it applies to.
    public var conditions: [PositionedText]
    /// `contraindicated` or `precaution`.
    public var level: PositionedText
    public var why: PositionedText
    public var advice: PositionedText?
}

public struct PhaseDocument: Codable, Sendable, Equatable {
    public var id: PositionedText
    public var title: PositionedText?
    public var weeks: Positioned<WeeksValue>?
    public var goal: PositionedText?
    public var sessions: Positioned<FrequencyValue>?
    /// The days of the week the sessions fall on (`mon` … `sun`), when named.
    public var days: Positioned<[String]>?
    public var items: [Spanned<ItemDocument>]
    public var advanceWhen: [PositionedText]
    public var notes: PositionedText?
}

public struct ItemDocument: Codable, Sendable, Equatable {
    public var use: PositionedText
    public var dose: Spanned<DoseDocument>?
    public var progress: Spanned<ProgressDocument>?
    public var progressTo: PositionedText?
    public var regressTo: PositionedText?
    public var purpose: PositionedText?
    public var cues: [PositionedText]?
    public var notes: PositionedText?
}

/// A load: `kind` is `mass` (with `value` and `unit`), `bodyweight`, `band` (with `band`),
/// `repetitionMaximum` (`value`: 10 for 10RM), `percentOfMaximum` (`value`: per cent of 1RM) or
/// `perceivedExertion` (`low`, `high`).
public struct LoadValue: Codable, Sendable, Equatable {
    public var kind: String
    public var value: Double?
    public var unit: String?
    public var band: String?
    public var low: Int?
    public var high: Int?
}

/// An intensity: `kind` is `rpe` (`low`, `high`), `pain` (`max` out of 10) or `effort`.
public struct IntensityValue: Codable, Sendable, Equatable {
    public var kind: String
    public var low: Int?
    public var high: Int?
    public var max: Int?
    public var effort: String?
}

/// A dose; times in whole seconds. A range is its least value in `sets`, `reps`… and its most
/// in `setsMax`, `repsMax`… (present only for a range).
public struct DoseDocument: Codable, Sendable, Equatable {
    public var sets: Positioned<Int>?
    public var setsMax: Positioned<Int>?
    public var reps: Positioned<Int>?
    public var repsMax: Positioned<Int>?
    public var holdSeconds: Positioned<Int>?
    public var holdSecondsMax: Positioned<Int>?
    public var restSeconds: Positioned<Int>?
    public var restSecondsMax: Positioned<Int>?
    public var durationSeconds: Positioned<Int>?
    public var durationSecondsMax: Positioned<Int>?
    public var frequency: Positioned<FrequencyValue>?
    /// The item's own days of the week, when named.
    public var days: Positioned<[String]>?
    public var load: Positioned<LoadValue>?
    public var side: PositionedText?
    /// Seconds for each part of a repetition in the bare form, lower first (`3-1-3-0`: lower,
    /// pause, lift, pause), whichever order the programme wrote the parts in.
    public var tempo: PositionedText?
    public var intensity: Positioned<IntensityValue>?
}

public struct ProgressDocument: Codable, Sendable, Equatable {
    public var everyWeeks: Positioned<Int>
    public var sets: Positioned<Int>?
    public var reps: Positioned<Int>?
    public var holdSeconds: Positioned<Int>?
    public var durationSeconds: Positioned<Int>?
    public var restSeconds: Positioned<Int>?
    public var load: Positioned<LoadValue>?
    public var until: Spanned<DoseDocument>
}

/// The patient profile given with `--patient`.
public struct PatientDocument: Codable, Sendable, Equatable {
    public var conditions: [PositionedText]
    public var affectedSide: PositionedText?
    /// `YYYY-MM-DD`.
    public var start: PositionedText?
    public var language: PositionedText?
}

// MARK: - From the loaded model

extension ProgrammeDocument {
    /// The document for `loaded`.
    public init(_ loaded: LoadedProgramme) {
        let p = loaded.programme
        file = loaded.path
        span = SourceSpan(p.range)
        regimen = Positioned(p.formatVersion.value, at: p.formatVersion.range)
        id = Positioned(p.id)
        title = Positioned(p.title)
        summary = p.summary.map(Positioned.init)
        conditions = p.conditions.map(Positioned.init)
        clinician = p.clinician.map { c in
            Spanned(
                ClinicianDocument(
                    name: c.name.map(Positioned.init), role: c.role.map(Positioned.init), contact: c.contact.map(Positioned.init)),
                at: c.range)
        }
        library = p.library.map(Positioned.init)
        references = p.references.map(Positioned.init)
        delivery = p.delivery.map { d in
            Spanned(
                DeliveryDocument(
                    setting: d.setting.map(Positioned.init), supervision: d.supervision.map(Positioned.init),
                    format: d.format.map(Positioned.init), tailoring: d.tailoring.map(Positioned.init),
                    startingLevel: d.startingLevel.map(Positioned.init), adherence: d.adherence.map(Positioned.init),
                    motivation: d.motivation.map(Positioned.init), education: d.education.map(Positioned.init),
                    adverseEvents: d.adverseEvents.map(Positioned.init)),
                at: d.range)
        }
        exclusions = p.exclusions.map { ExclusionDocument(condition: Positioned($0.condition), why: $0.why.map(Positioned.init)) }
        redFlags = p.redFlags.map(Positioned.init)
        restrictions = p.restrictions.map { r in
            Spanned(
                RestrictionDocument(
                    movement: Positioned(r.movement), level: Positioned(r.level.value.rawValue, at: r.level.range),
                    weeks: r.weeks.map(Self.weeks), why: Positioned(r.why)),
                at: r.range)
        }
        exercises = p.exercises.map(Self.exercise)
        phases = p.phases.map { phase in
            Spanned(
                PhaseDocument(
                    id: Positioned(phase.id), title: phase.title.map(Positioned.init), weeks: phase.weeks.map(Self.weeks),
                    goal: phase.goal.map(Positioned.init), sessions: phase.sessions.map(Self.frequency),
                    days: phase.days.map(Self.days),
                    items: phase.items.map(Self.item), advanceWhen: phase.advanceWhen.map(Positioned.init),
                    notes: phase.notes.map(Positioned.init)),
                at: phase.range)
        }
        notes = p.notes.map(Positioned.init)
    }

    static func weeks(_ weeks: Located<WeekRange>) -> Positioned<WeeksValue> {
        Positioned(WeeksValue(first: weeks.value.first, last: weeks.value.last), at: weeks.range)
    }

    static func frequency(_ frequency: Located<Frequency>) -> Positioned<FrequencyValue> {
        Positioned(
            FrequencyValue(
                count: frequency.value.count, per: frequency.value.period.rawValue,
                interval: frequency.value.interval > 1 ? frequency.value.interval : nil),
            at: frequency.range)
    }

    static func days(_ days: Located<[Weekday]>) -> Positioned<[String]> {
        Positioned(days.value.map(\.rawValue), at: days.range)
    }

    static func low(_ amount: Located<Amount<Int>>) -> Positioned<Int> { Positioned(amount.value.low, at: amount.range) }

    static func high(_ amount: Located<Amount<Int>>) -> Positioned<Int>? {
        amount.value.isRange ? Positioned(amount.value.high, at: amount.range) : nil
    }

    static func lowSeconds(_ amount: Located<Amount<TimeSpan>>) -> Positioned<Int> {
        Positioned(amount.value.low.seconds, at: amount.range)
    }

    static func highSeconds(_ amount: Located<Amount<TimeSpan>>) -> Positioned<Int>? {
        amount.value.isRange ? Positioned(amount.value.high.seconds, at: amount.range) : nil
    }

    static func seconds(_ span: Located<TimeSpan>) -> Positioned<Int> {
        Positioned(span.value.seconds, at: span.range)
    }

    static func integer(_ value: Located<Int>) -> Positioned<Int> {
        Positioned(value.value, at: value.range)
    }

    static func load(_ load: Located<Load>) -> Positioned<LoadValue> {
        let value: LoadValue =
            switch load.value {
            case .mass(let amount, let unit): LoadValue(kind: "mass", value: amount, unit: unit.rawValue)
            case .bodyweight: LoadValue(kind: "bodyweight")
            case .band(let band): LoadValue(kind: "band", band: band.rawValue)
            case .repetitionMaximum(let count): LoadValue(kind: "repetitionMaximum", value: Double(count))
            case .percentOfMaximum(let percent): LoadValue(kind: "percentOfMaximum", value: percent)
            case .perceivedExertion(let low, let high): LoadValue(kind: "perceivedExertion", low: low, high: high)
            }
        return Positioned(value, at: load.range)
    }

    static func intensity(_ intensity: Located<Intensity>) -> Positioned<IntensityValue> {
        let value: IntensityValue =
            switch intensity.value {
            case .rpe(let low, let high): IntensityValue(kind: "rpe", low: low, high: high)
            case .painAtMost(let max): IntensityValue(kind: "pain", max: max)
            case .effort(let effort): IntensityValue(kind: "effort", effort: effort.rawValue)
            }
        return Positioned(value, at: intensity.range)
    }

    static func dose(_ dose: Dose) -> Spanned<DoseDocument> {
        Spanned(
            DoseDocument(
                sets: dose.sets.map(low), setsMax: dose.sets.flatMap(high), reps: dose.reps.map(low), repsMax: dose.reps.flatMap(high),
                holdSeconds: dose.hold.map(lowSeconds), holdSecondsMax: dose.hold.flatMap(highSeconds),
                restSeconds: dose.rest.map(lowSeconds), restSecondsMax: dose.rest.flatMap(highSeconds),
                durationSeconds: dose.duration.map(lowSeconds), durationSecondsMax: dose.duration.flatMap(highSeconds),
                frequency: dose.frequency.map(frequency), days: dose.days.map(days), load: dose.load.map(load),
                side: dose.side.map { Positioned($0.value.rawValue, at: $0.range) },
                tempo: dose.tempo.map { Positioned($0.value.bare, at: $0.range) },
                intensity: dose.intensity.map(intensity)),
            at: dose.range)
    }

    static func item(_ item: Item) -> Spanned<ItemDocument> {
        Spanned(
            ItemDocument(
                use: Positioned(item.use), dose: item.dose.map(dose),
                progress: item.progress.map { p in
                    Spanned(
                        ProgressDocument(
                            everyWeeks: integer(p.everyWeeks), sets: p.sets.map(integer), reps: p.reps.map(integer),
                            holdSeconds: p.hold.map(seconds), durationSeconds: p.duration.map(seconds),
                            restSeconds: p.rest.map(seconds), load: p.load.map(load), until: dose(p.until)),
                        at: p.range)
                },
                progressTo: item.progressTo.map(Positioned.init), regressTo: item.regressTo.map(Positioned.init),
                purpose: item.purpose.map(Positioned.init), cues: item.cues.isEmpty ? nil : item.cues.map(Positioned.init),
                notes: item.notes.map(Positioned.init)),
            at: item.range)
    }

    static func exercise(_ e: Exercise) -> Spanned<ExerciseDocument> {
        Spanned(
            ExerciseDocument(
                id: Positioned(e.id), name: Positioned(e.name), kind: e.kind.map { Positioned($0.value.rawValue, at: $0.range) },
                regions: e.regions.map { Positioned($0.value.rawValue, at: $0.range) }, movements: e.movements.map(Positioned.init),
                equipment: e.equipment.map(Positioned.init), level: e.level.map { Positioned($0.value.rawValue, at: $0.range) },
                purpose: e.purpose.map(Positioned.init), position: e.position.map(Positioned.init), steps: e.steps.map(Positioned.init),
                cues: e.cues.map(Positioned.init), mistakes: e.mistakes.map(Positioned.init),
                images: e.images.map { image in
                    Spanned(
                        ImageDocument(path: Positioned(image.path), alt: Positioned(image.alt), credit: image.credit.map(Positioned.init)),
                        at: image.path.range)
                },
                precautions: e.precautions.map { precaution in
                    Spanned(
                        PrecautionDocument(
                            conditions: precaution.conditions.map(Positioned.init),
                            level: Positioned(precaution.level.value.rawValue, at: precaution.level.range),
                            why: Positioned(precaution.why), advice: precaution.advice.map(Positioned.init)),
                        at: precaution.range)
                },
                progressTo: e.progressTo.map(Positioned.init), regressTo: e.regressTo.map(Positioned.init)),
            at: e.range)
    }
}

extension RuleRequest {
    /// The request for `loaded`, screened against `patient` when given, with what its words
    /// mean in `vocabulary`.
    public init(_ loaded: LoadedProgramme, patient: LoadedPatient?, options: Options, vocabulary: Vocabulary = .builtIn) {
        var seen = Set<String>()
        var catalogue: [Spanned<ExerciseDocument>] = []
        for exercise in loaded.catalogue.definitions where seen.insert(exercise.id.value).inserted {
            catalogue.append(ProgrammeDocument.exercise(exercise))
        }
        let patientDocument = patient.map { loaded in
            let profile = loaded.profile
            return Spanned(
                PatientDocument(
                    conditions: profile.conditions.map(Positioned.init),
                    affectedSide: profile.affectedSide.map { Positioned($0.value.rawValue, at: $0.range) },
                    start: profile.start.map { Positioned($0.value.description, at: $0.range) },
                    language: profile.language.map(Positioned.init)),
                at: profile.range)
        }
        self.init(programme: ProgrammeDocument(loaded), catalogue: catalogue, patient: patientDocument, options: options)
        let p = loaded.programme
        var conditions = (p.conditions + p.exclusions.map(\.condition)).map(\.value) + (patient?.profile.conditions.map(\.value) ?? [])
        var movements = p.restrictions.map(\.movement.value)
        for exercise in loaded.catalogue.definitions {
            conditions += exercise.precautions.flatMap { $0.conditions.map(\.value) }
            movements += exercise.movements.map(\.value)
        }
        self.vocabulary = WordsDocument(conditions: conditions, movements: movements, vocabulary: vocabulary)
    }

    /// The files the request names: the only files a plugin's findings may point into.
    var files: Set<String> {
        var files: Set<String> = [programme.file]
        for exercise in catalogue { files.insert(exercise.span.file) }
        if let patient { files.insert(patient.span.file) }
        return files
    }
}
