/// The shape of a value in the format, as the loader reads it and the docs describe it.
public indirect enum ValueShape: Sendable, Hashable {
    /// Free text.
    case text
    /// An identifier: lower-case words joined by hyphens.
    case identifier
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// A quantity written the way clinicians write it.
    case quantity(QuantityKind)
    /// One of a fixed set of words.
    case choice([String])
    /// A list of values.
    case list(ValueShape)
    /// One value, or a list of them.
    case oneOrList(ValueShape)
    /// A mapping described by the named `ObjectSpec`.
    case object(String)
    /// Text, or a mapping described by the named `ObjectSpec`.
    case textOrObject(String)
    /// A mapping from identifiers to mappings described by the named `ObjectSpec`.
    case identifierMap(String)
    /// A quantity written in one string, or a mapping described by the named `ObjectSpec`
    /// (a dose: `3x10`, or `{ sets: 3, reps: 10 }`).
    case quantityOrObject(QuantityKind, String)
}

/// The kinds of quantity, each with the forms it accepts.
public enum QuantityKind: String, Sendable, Hashable, CaseIterable {
    case time, frequency, load, intensity, tempo, weeks, interval
    case date
    /// A whole number or a range of them (`10`, `8-12`).
    case count
    /// A time or a range of times (`30s`, `20-30s`).
    case timeRange = "time-range"
    /// Sets by repetitions in one string (`3x10`).
    case setsByReps = "sets-by-reps"
    /// A day of the week (`mon`, `Monday`), or `weekdays`.
    case weekday
    case timeIncrement = "time-increment"
    case loadIncrement = "load-increment"
    case countIncrement = "count-increment"

    /// The forms accepted, as shown in diagnostics and docs.
    public var acceptedForms: String {
        switch self {
        case .time: "`30s`, `30 sec`, `45 seconds`, `1 min`, `1.5 min`, `1 min 30 s`, `2 minutes`"
        case .frequency:
            "`2 per day`, `2x/day`, `twice a day`, `daily`, `3x/week`, `3 times a week`, `weekly`, `every other day`, `every 3 days`"
        case .load:
            "`5 kg`, `2.5 kg`, `10 lb`, `bodyweight`, `light band`, `medium band`, `heavy band`, `10RM`, `70% 1RM`, `RPE 7`, `RPE 6-7`"
        case .count: "`10`, `8-12`, `8 to 12`"
        case .timeRange: "`30s`, `1 min`, `1 min 30 s`, `20-30s`, `20 to 30 seconds`, `1-2 min`, `30s to 1 min`"
        case .setsByReps: "`3x10`, `3 x 10`, `3×10`, `3 sets of 10`, `3x8-12`, `2-3 sets of 10 reps`"
        case .weekday: "`mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`, the full names (`Monday`), `weekdays`"
        case .intensity: "`RPE 6`, `RPE 5-7`, `pain up to 3/10`, `light`, `moderate`, `hard`"
        case .tempo: Self.namedTempoForms + "; or bare `2-0-2`, `3-1-3-1` (lower, pause, lift, pause)"
        case .weeks: "`3`, `1-2`, `3-6`"
        case .interval: "`1 week`, `2 weeks`, `week`"
        case .date: "`2026-12-01` (year-month-day)"
        case .timeIncrement: "`+5s`, `+1 min`, `-10s`"
        case .loadIncrement: "`+1 kg`, `+2.5 lb`"
        case .countIncrement: "`+1`, `+2`"
        }
    }

    /// The forms of a tempo that name each part, in the order it is done: they cannot be
    /// misread, whichever part a clinician puts first (RG108).
    public static let namedTempoForms =
        "`lower 3, pause 1, lift 1`, `lift 1, lower 3, pause 2`, `lower 2s, lift X` "
        + "(each part by name, in the order it is done; seconds, or X for as fast as is safe)"
}

/// One key of a mapping: its name, shape, whether it is required, and what it means.
public struct KeySpec: Sendable, Hashable {
    /// The key as written.
    public var name: String
    /// The value's shape.
    public var shape: ValueShape
    /// Whether the mapping must have it.
    public var required: Bool
    /// One line on what it means.
    public var summary: String
    /// A value as it could be written.
    public var example: String

    /// A key definition.
    public init(_ name: String, _ shape: ValueShape, required: Bool = false, _ summary: String, example: String) {
        self.name = name
        self.shape = shape
        self.required = required
        self.summary = summary
        self.example = example
    }
}

/// A kind of mapping in the format, and its keys.
public struct ObjectSpec: Sendable, Hashable {
    /// Its name in messages and docs ("a dose", "an exercise").
    public var name: String
    /// What it is.
    public var summary: String
    /// Its keys, in the order the docs list them.
    public var keys: [KeySpec]

    /// An object definition.
    public init(name: String, summary: String, keys: [KeySpec]) {
        self.name = name
        self.summary = summary
        self.keys = keys
    }

    /// The key called `name`.
    public func key(_ name: String) -> KeySpec? { keys.first { $0.name == name } }

    /// Whether it has a key called `name` (without copying the key's description).
    public func hasKey(_ name: String) -> Bool { keys.contains { $0.name == name } }

    /// The key names.
    public var keyNames: [String] { keys.map(\.name) }
}

/// The format, version 1: every kind of mapping and every key. The loader reads with it (unknown
/// and missing keys), and the docs and the editor schema are checked against it.
public enum FormatSpec {
    /// The format version this Regimen reads.
    public static let version = 1

    private static func choices<T: RawRepresentable & CaseIterable>(_: T.Type) -> ValueShape where T.RawValue == String {
        .choice(T.allCases.map(\.rawValue))
    }

    public static let programme = ObjectSpec(
        name: "programme", summary: "A programme file: one per condition or care pathway.",
        keys: [
            KeySpec("regimen", .integer(1...1), required: true, "The format version; always 1 for now.", example: "1"),
            KeySpec("id", .identifier, required: true, "A stable identifier for the programme.", example: "sciatica-muscle-imbalance"),
            KeySpec("title", .text, required: true, "The title the patient sees.", example: "Easing sciatica"),
            KeySpec(
                "summary", .text, "Whom the programme is for and what it aims to do.",
                example: "Stretches and core work for leg pain from the back"),
            KeySpec("condition", .oneOrList(.identifier), "The conditions it addresses.", example: "[sciatica, low-back-pain]"),
            KeySpec("clinician", .object("clinician"), "Who wrote or issues it.", example: "{ name: A. Physio, role: Physiotherapist }"),
            KeySpec(
                "library", .oneOrList(.text), "Library files to include, relative to this file and inside the repository.",
                example: "[library/lumbar.yaml]"),
            KeySpec("references", .list(.text), "The guidance and sources it follows.", example: "[\"NICE NG59 (2016, updated 2020)\"]"),
            KeySpec(
                "delivery", .object("delivery"), "How it is delivered (setting, supervision, adherence).",
                example: "{ setting: home, supervision: unsupervised }"),
            KeySpec(
                "exclusions", .list(.textOrObject("exclusion")), "Conditions for which it must not be issued.",
                example: "[cauda-equina-syndrome]"),
            KeySpec(
                "red-flags", .list(.text), "Signs that mean: stop and seek care. Printed first on every handout.",
                example: "[\"Numbness around the genitals or buttocks\"]"),
            KeySpec(
                "restrictions", .list(.object("restriction")), "Movements to avoid or take care with.",
                example: "[{ movement: lumbar-flexion, level: precaution, weeks: 1-2, why: … }]"),
            KeySpec(
                "exercises", .identifierMap("exercise"), "Exercises defined in the programme itself.",
                example: "{ piriformis-stretch: { name: Piriformis stretch, … } }"),
            KeySpec(
                "phases", .list(.object("phase")), required: true, "The phases, each over a range of weeks.",
                example: "[{ id: settle, weeks: 1-2, items: […] }]"),
            KeySpec("notes", .text, "Notes for the patient that fit no other field.", example: "Keep moving: gentle walking helps"),
            KeySpec(
                "language", .text, "The language its texts are written in, as a BCP 47 tag; en-GB when absent.",
                example: "en-GB"),
        ])

    public static let library = ObjectSpec(
        name: "library file", summary: "A library file: shared exercise definitions.",
        keys: [
            KeySpec("regimen-library", .integer(1...1), required: true, "The format version; always 1 for now.", example: "1"),
            KeySpec("title", .text, "What the file collects.", example: "Lumbar spine"),
            KeySpec(
                "language", .text, "The language its texts are written in, as a BCP 47 tag; en-GB when absent.",
                example: "en-GB"),
            KeySpec(
                "credits", .list(.text), "Credits for text or images taken from elsewhere.",
                example: "[\"Photos: free-exercise-db (public domain)\"]"),
            KeySpec(
                "exercises", .identifierMap("exercise"), required: true, "The exercises, by id.",
                example: "{ bird-dog: { name: Bird dog, … } }"),
        ])

    public static let clinician = ObjectSpec(
        name: "clinician", summary: "Who wrote or issues a programme.",
        keys: [
            KeySpec("name", .text, "Their name.", example: "Alex Morgan"),
            KeySpec("role", .text, "Their role.", example: "Physiotherapist"),
            KeySpec("contact", .text, "How to reach them or the clinic.", example: "0113 496 0000"),
        ])

    public static let delivery = ObjectSpec(
        name: "delivery", summary: "How a programme is delivered (the CERT items beyond single exercises).",
        keys: [
            KeySpec("setting", .text, "Where the exercises are done.", example: "home"),
            KeySpec(
                "supervision", .text, "Supervised, unsupervised or mixed, and by whom.", example: "unsupervised, reviewed every 2 weeks"),
            KeySpec("format", .text, "Individual or group.", example: "individual"),
            KeySpec("tailoring", .text, "Generic, or tailored to the person, and how.", example: "doses set at the first visit"),
            KeySpec(
                "starting-level", .text, "How the starting level is chosen.",
                example: "the easiest version that causes no more than 3/10 pain"),
            KeySpec("adherence", .text, "How adherence is measured.", example: "the tick-box log on the handout"),
            KeySpec("motivation", .text, "What keeps the patient going.", example: "goals agreed at the first visit"),
            KeySpec("education", .list(.text), "Advice given besides the exercises.", example: "[\"Stay as active as you can\"]"),
            KeySpec("adverse-events", .text, "What to do about an adverse event.", example: "stop and call the clinic"),
        ])

    public static let exclusion = ObjectSpec(
        name: "exclusion", summary: "A condition for which the programme must not be issued (or just its id).",
        keys: [
            KeySpec("condition", .identifier, required: true, "The condition.", example: "cauda-equina-syndrome"),
            KeySpec("why", .text, "Why, for the clinician.", example: "needs emergency care"),
        ])

    public static let restriction = ObjectSpec(
        name: "restriction", summary: "A movement to avoid or take care with.",
        keys: [
            KeySpec("movement", .identifier, required: true, "The movement tag.", example: "lumbar-flexion"),
            KeySpec("level", choices(PrecautionLevel.self), required: true, "How strongly it holds.", example: "precaution"),
            KeySpec("weeks", .quantity(.weeks), "The weeks it holds in; all weeks when absent.", example: "1-2"),
            KeySpec(
                "why", .text, required: true, "Why, in words the patient can read.",
                example: "bending forward under load can flare the disc"),
        ])

    public static let exercise = ObjectSpec(
        name: "exercise", summary: "One exercise: how to do it and when not to.",
        keys: [
            KeySpec("name", .text, required: true, "The name the patient sees.", example: "Bird dog"),
            KeySpec("kind", choices(ExerciseKind.self), "What kind of exercise it is.", example: "stability"),
            KeySpec("region", .oneOrList(choices(Region.self)), "Where in the body it works.", example: "[lumbar, core]"),
            KeySpec("movements", .list(.identifier), "Movement tags for rules and restrictions.", example: "[lumbar-extension]"),
            KeySpec("equipment", .list(.text), "What is needed.", example: "[mat]"),
            KeySpec("level", choices(Level.self), "How demanding it is.", example: "beginner"),
            KeySpec("purpose", .text, "What it is for, in the patient's words.", example: "Strengthens the small muscles beside the spine"),
            KeySpec("position", .text, "The starting position.", example: "On hands and knees"),
            KeySpec("steps", .list(.text), "The steps, in order.", example: "[\"Lift one arm forward\", \"Hold, then lower\"]"),
            KeySpec("cues", .list(.text), "Short reminders while doing it.", example: "[\"Keep your back still\"]"),
            KeySpec("mistakes", .list(.text), "Common mistakes to avoid.", example: "[\"Arching the lower back\"]"),
            KeySpec("images", .list(.object("image")), "Pictures.", example: "[{ path: images/bird-dog.jpg, alt: … }]"),
            KeySpec(
                "precautions", .list(.object("precaution")), "When it needs care, or must not be done.",
                example: "[{ when: osteoporosis, level: contraindicated, why: … }]"),
            KeySpec("progress-to", .identifier, "The harder exercise to move on to.", example: "bird-dog"),
            KeySpec("regress-to", .identifier, "The easier exercise to fall back to.", example: "prone-on-elbows"),
        ])

    public static let image = ObjectSpec(
        name: "image", summary: "A picture of an exercise.",
        keys: [
            KeySpec("path", .text, required: true, "The image file, relative to this file.", example: "images/bird-dog-1.jpg"),
            KeySpec("alt", .text, required: true, "What the picture shows.", example: "A person on hands and knees lifting one arm"),
            KeySpec("credit", .text, "Who made it, and under what licence.", example: "free-exercise-db, public domain"),
        ])

    public static let precaution = ObjectSpec(
        name: "precaution", summary: "When an exercise needs care, or must not be done.",
        keys: [
            KeySpec(
                "when", .oneOrList(.identifier), required: true, "The condition or conditions it applies to.",
                example: "total-hip-replacement"),
            KeySpec("level", choices(PrecautionLevel.self), required: true, "How strongly it holds.", example: "contraindicated"),
            KeySpec(
                "why", .text, required: true, "Why, in words the patient can read.",
                example: "Bending the hip past a right angle can dislocate a new joint"),
            KeySpec("advice", .text, "What the patient should do.", example: "Ask your physiotherapist for another stretch"),
        ])

    public static let phase = ObjectSpec(
        name: "phase", summary: "A stage of the programme over a range of weeks.",
        keys: [
            KeySpec("id", .identifier, required: true, "Its identifier.", example: "settle"),
            KeySpec("title", .text, "A title for the patient.", example: "Settle the pain"),
            KeySpec("weeks", .quantity(.weeks), required: true, "The weeks it runs over.", example: "1-2"),
            KeySpec("goal", .text, "What it aims for.", example: "Ease pain and get moving"),
            KeySpec("sessions", .quantity(.frequency), "How often to do the session.", example: "2 per day"),
            KeySpec(
                "days", .oneOrList(.quantity(.weekday)), "The days of the week the sessions fall on.", example: "[mon, wed, fri]"),
            KeySpec(
                "items", .list(.object("item")), required: true, "The exercises of each session.",
                example: "[{ use: bird-dog, dose: { reps: 8 } }]"),
            KeySpec(
                "advance-when", .list(.text), "Criteria to meet before the next phase.",
                example: "[\"Leg pain 3/10 or less for three days\"]"),
            KeySpec("notes", .text, "Notes for the patient.", example: "Some soreness the next day is normal"),
        ])

    public static let item = ObjectSpec(
        name: "item", summary: "One exercise as prescribed in a phase.",
        keys: [
            KeySpec("use", .identifier, required: true, "The exercise's id.", example: "bird-dog"),
            KeySpec(
                "dose", .quantityOrObject(.setsByReps, "dose"), "How much: a mapping, or sets by repetitions in one string.",
                example: "{ sets: 2, reps: 8, hold: 5s }"),
            KeySpec(
                "progress", .object("progress"), "How the dose grows, up to a ceiling.",
                example: "{ every: 1 week, reps: +2, until: { reps: 12 } }"),
            KeySpec("progress-to", .identifier, "The harder exercise to move on to.", example: "bird-dog"),
            KeySpec("regress-to", .identifier, "The easier exercise to fall back to.", example: "prone-on-elbows"),
            KeySpec(
                "purpose", .text, "What the exercise is for in this programme; replaces the exercise's own purpose.",
                example: "Eases the leg pain by taking pressure off the nerve"),
            KeySpec(
                "cues", .list(.text), "Reminders for this programme, after the exercise's own cues.",
                example: "[\"Stop if the leg pain spreads further down\"]"),
            KeySpec("notes", .text, "Notes for the patient about this item.", example: "Only as far as is comfortable"),
        ])

    static let doseKeys: [KeySpec] = [
        KeySpec("sets", .quantity(.count), "Number of sets, or a range.", example: "3"),
        KeySpec("reps", .quantity(.count), "Repetitions in each set, or a range (stop when the muscles tire).", example: "8-12"),
        KeySpec("hold", .quantity(.timeRange), "How long to hold each repetition.", example: "30s"),
        KeySpec("rest", .quantity(.timeRange), "Rest between sets.", example: "1 min"),
        KeySpec("duration", .quantity(.timeRange), "How long to keep going.", example: "10 min"),
        KeySpec("frequency", .quantity(.frequency), "How often, when it differs from the phase's sessions.", example: "3x/week"),
        KeySpec("days", .oneOrList(.quantity(.weekday)), "The days of the week, when they differ from the phase's.", example: "[mon, thu]"),
        KeySpec("load", .quantity(.load), "How heavy.", example: "5 kg"),
        KeySpec("side", choices(Side.self), "Which side.", example: "affected"),
        KeySpec(
            "tempo", .quantity(.tempo), "Seconds for each part of a repetition, in the order they are done.",
            example: "lower 3, pause 1, lift 1"),
        KeySpec("intensity", .quantity(.intensity), "How hard, or how much pain is acceptable.", example: "RPE 6"),
    ]

    public static let dose = ObjectSpec(name: "dose", summary: "How much of an exercise.", keys: doseKeys)

    public static let progress = ObjectSpec(
        name: "progress", summary: "A parametric progression: add this much every so many weeks, up to a ceiling.",
        keys: [
            KeySpec("every", .quantity(.interval), required: true, "How often to add.", example: "1 week"),
            KeySpec("sets", .quantity(.countIncrement), "Sets to add.", example: "+1"),
            KeySpec("reps", .quantity(.countIncrement), "Repetitions to add.", example: "+2"),
            KeySpec("hold", .quantity(.timeIncrement), "Hold time to add.", example: "+5s"),
            KeySpec("duration", .quantity(.timeIncrement), "Duration to add.", example: "+2 min"),
            KeySpec("rest", .quantity(.timeIncrement), "Rest to add (negative to shorten).", example: "-10s"),
            KeySpec("load", .quantity(.loadIncrement), "Load to add.", example: "+1 kg"),
            KeySpec(
                "until", .quantityOrObject(.setsByReps, "ceiling"), required: true, "The ceiling: nothing grows past it.",
                example: "{ reps: 12 }"),
        ])

    public static let ceiling = ObjectSpec(
        name: "ceiling", summary: "The most a progression may reach (the dose keys that can grow).",
        keys: doseKeys.filter { ["sets", "reps", "hold", "duration", "rest", "load"].contains($0.name) })

    public static let patient = ObjectSpec(
        name: "patient profile", summary: "What is known of one patient at compile time; given with `--patient`.",
        keys: [
            KeySpec("regimen-patient", .integer(1...1), required: true, "The profile format version; always 1 for now.", example: "1"),
            KeySpec(
                "conditions", .oneOrList(.text),
                "The patient's conditions, as the record words them (an id, a synonym or an abbreviation from the vocabulary), screened against precautions and exclusions.",
                example: "[lumbar-disc-herniation]"),
            KeySpec("affected-side", choices(AffectedSide.self), "The side of the problem; resolves `side: affected`.", example: "left"),
            KeySpec("start", .quantity(.date), "The first day of week 1.", example: "2026-12-01"),
            KeySpec("language", .text, "The handout's language, as a BCP 47 tag.", example: "en-GB"),
            KeySpec("notes", .text, "Notes for the handout.", example: "Works night shifts: exercise after waking"),
        ])

    public static let vocabulary = ObjectSpec(
        name: "vocabulary file",
        summary: "Conditions and movement tags: Regimen's own (built in), or a clinic's additions (named by `.regimen.yml`).",
        keys: [
            KeySpec("regimen-vocabulary", .integer(1...1), required: true, "The format version; always 1 for now.", example: "1"),
            KeySpec(
                "conditions", .identifierMap("term"), "Conditions, by canonical id.",
                example: "{ frozen-shoulder: { label: Frozen shoulder, … } }"),
            KeySpec(
                "movements", .identifierMap("term"), "Movement tags, by canonical id.",
                example: "{ lumbar-flexion: { label: Lumbar flexion, … } }"),
        ])

    public static let term = ObjectSpec(
        name: "vocabulary entry",
        summary: "One condition or movement tag: its labels, the other words for it, and what it is a kind of.",
        keys: [
            KeySpec(
                "label", .text, "The clinician's label; required for a new entry.", example: "Total hip replacement"),
            KeySpec(
                "patient-label", .text, "Plain words for the patient, shown on handouts; required for a new entry.",
                example: "hip replacement"),
            KeySpec(
                "synonyms", .list(.text), "Other words and abbreviations for it, as records write them.",
                example: "[THR, total hip arthroplasty]"),
            KeySpec("parents", .list(.identifier), "The more general entries it is a kind of.", example: "[joint-replacement]"),
            KeySpec("icd-10-cm", .text, "The ICD-10-CM code (conditions only).", example: "Z96.649"),
            KeySpec("snomed-ct", .text, "The SNOMED CT concept id (conditions only).", example: "52734007"),
        ])

    /// Every kind of mapping, by the name `ValueShape.object` uses.
    public static let objects: [String: ObjectSpec] = [
        "programme": programme, "library": library, "clinician": clinician, "delivery": delivery,
        "exclusion": exclusion, "restriction": restriction, "exercise": exercise, "image": image,
        "precaution": precaution, "phase": phase, "item": item, "dose": dose, "progress": progress,
        "ceiling": ceiling, "patient": patient, "vocabulary": vocabulary, "term": term,
    ]
}
