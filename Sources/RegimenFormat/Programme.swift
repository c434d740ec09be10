import RegimenDiagnostics

/// Text, with where it was written.
public typealias Text = Located<String>

/// An exercise programme: what a clinician writes in one file (`regimen: 1`).
public struct Programme: Sendable {
    /// The format version (`regimen: 1`).
    public var formatVersion: Located<Int>
    /// A stable identifier, such as `sciatica-muscle-imbalance`.
    public var id: Text
    /// The title the patient sees.
    public var title: Text
    /// A short description of whom the programme is for and what it aims to do.
    public var summary: Text?
    /// The conditions the programme addresses (identifiers).
    public var conditions: [Text]
    /// Who wrote or issues the programme.
    public var clinician: Clinician?
    /// Library files included, as written (relative to this file).
    public var library: [Text]
    /// The guidance and sources the programme follows.
    public var references: [Text]
    /// How the programme is delivered (CERT items on setting, supervision and adherence).
    public var delivery: Delivery?
    /// Conditions for which the programme must not be issued.
    public var exclusions: [Exclusion]
    /// Signs that mean: stop and seek care. Printed first on every handout.
    public var redFlags: [Text]
    /// Where the `red-flags` value was written, when it was.
    public var redFlagsRange: SourceRange?
    /// Keys written but not read, because their values were reported as wrong: rules that
    /// would find them missing say nothing, since the finding made already says why.
    public var unreadable: Set<String> = []
    /// Movements to avoid or take care with, across the programme or in some weeks.
    public var restrictions: [Restriction]
    /// Exercises defined in the programme itself, in the order written.
    public var exercises: [Exercise]
    /// The phases, in the order written.
    public var phases: [Phase]
    /// Notes for the patient that fit no other field.
    public var notes: Text?
    /// The language its texts are written in (a BCP 47 tag); en-GB when not given.
    public var language: Text?
    /// The whole document.
    public var range: SourceRange

    /// A programme with only its required parts; the rest empty.
    public init(formatVersion: Located<Int>, id: Text, title: Text, range: SourceRange) {
        self.formatVersion = formatVersion
        self.id = id
        self.title = title
        self.summary = nil
        self.conditions = []
        self.clinician = nil
        self.library = []
        self.references = []
        self.delivery = nil
        self.exclusions = []
        self.redFlags = []
        self.redFlagsRange = nil
        self.restrictions = []
        self.exercises = []
        self.phases = []
        self.notes = nil
        self.language = nil
        self.range = range
    }
}

/// A library file: shared exercise definitions (`regimen-library: 1`).
public struct Library: Sendable {
    /// The format version (`regimen-library: 1`).
    public var formatVersion: Located<Int>
    /// What the file collects, such as "Lumbar spine".
    public var title: Text?
    /// Credits for text or images taken from elsewhere.
    public var credits: [Text]
    /// The language its texts are written in (a BCP 47 tag); en-GB when not given.
    public var language: Text?
    /// The exercises, in the order written.
    public var exercises: [Exercise]
    /// The whole document.
    public var range: SourceRange

    /// A library with `exercises`.
    public init(formatVersion: Located<Int>, title: Text?, credits: [Text], exercises: [Exercise], range: SourceRange) {
        self.formatVersion = formatVersion
        self.title = title
        self.credits = credits
        self.exercises = exercises
        self.range = range
    }
}

/// The clinician who wrote or issues a programme.
public struct Clinician: Sendable {
    /// Their name.
    public var name: Text?
    /// Their role, such as "Physiotherapist".
    public var role: Text?
    /// How the patient can reach them or the clinic.
    public var contact: Text?
    /// The whole mapping.
    public var range: SourceRange

    /// A clinician with these fields.
    public init(name: Text?, role: Text?, contact: Text?, range: SourceRange) {
        self.name = name
        self.role = role
        self.contact = contact
        self.range = range
    }
}

/// How a programme is delivered: the CERT items that are not about single exercises.
public struct Delivery: Sendable {
    /// Where: home, clinic, gym, pool…
    public var setting: Text?
    /// Supervised, unsupervised, or mixed; and by whom.
    public var supervision: Text?
    /// Individual or group.
    public var format: Text?
    /// Generic, or tailored to the person (and how).
    public var tailoring: Text?
    /// How the starting level is chosen.
    public var startingLevel: Text?
    /// How adherence is measured (for example, the tick-box log).
    public var adherence: Text?
    /// What keeps the patient going.
    public var motivation: Text?
    /// Advice and education given besides the exercises.
    public var education: [Text]
    /// What to do about an adverse event.
    public var adverseEvents: Text?
    /// The whole mapping.
    public var range: SourceRange

    /// An empty delivery block at `range`.
    public init(range: SourceRange) {
        self.range = range
        self.education = []
    }
}

/// A condition for which a programme must not be issued.
public struct Exclusion: Sendable {
    /// The condition (an identifier).
    public var condition: Text
    /// Why, for the clinician.
    public var why: Text?

    /// An exclusion of `condition`.
    public init(condition: Text, why: Text?) {
        self.condition = condition
        self.why = why
    }
}

/// A movement to avoid, or take care with, across a programme or in some of its weeks.
public struct Restriction: Sendable {
    /// The movement tag, such as `lumbar-flexion`.
    public var movement: Text
    /// How strongly it holds.
    public var level: Located<PrecautionLevel>
    /// The weeks it holds in; all weeks when nil.
    public var weeks: Located<WeekRange>?
    /// Why, in words the patient can read.
    public var why: Text
    /// The whole mapping.
    public var range: SourceRange

    /// A restriction with these fields.
    public init(movement: Text, level: Located<PrecautionLevel>, weeks: Located<WeekRange>?, why: Text, range: SourceRange) {
        self.movement = movement
        self.level = level
        self.weeks = weeks
        self.why = why
        self.range = range
    }
}
