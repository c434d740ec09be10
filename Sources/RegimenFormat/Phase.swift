import RegimenDiagnostics

/// A stage of a programme that runs over a range of weeks.
public struct Phase: Sendable {
    /// Its identifier.
    public var id: Text
    /// A title for the patient; the id is shown when there is none.
    public var title: Text?
    /// The weeks it runs over (nil only when the file failed to give them).
    public var weeks: Located<WeekRange>?
    /// What it aims for, in the patient's words.
    public var goal: Text?
    /// How often to do the session.
    public var sessions: Located<Frequency>?
    /// The days of the week the sessions fall on, in week order, each once.
    public var days: Located<[Weekday]>?
    /// The exercises of each session, in order.
    public var items: [Item]
    /// Criteria to meet before moving to the next phase.
    public var advanceWhen: [Text]
    /// Notes for the patient.
    public var notes: Text?
    /// The whole mapping.
    public var range: SourceRange
    /// Keys written but not read, because their values were reported as wrong: rules that
    /// would find them missing say nothing, since the finding made already says why.
    public var unreadable: Set<String> = []

    /// A phase with only its required parts; the rest empty.
    public init(id: Text, weeks: Located<WeekRange>?, range: SourceRange) {
        self.id = id
        self.title = nil
        self.weeks = weeks
        self.goal = nil
        self.sessions = nil
        self.days = nil
        self.items = []
        self.advanceWhen = []
        self.notes = nil
        self.range = range
    }
}

/// One exercise as prescribed in a phase: which, how much, and how it changes.
public struct Item: Sendable {
    /// The exercise's id.
    public var use: Text
    /// How much.
    public var dose: Dose?
    /// How the dose grows week by week, up to a ceiling.
    public var progress: Progression?
    /// The harder exercise to move on to (overrides the exercise's own).
    public var progressTo: Text?
    /// The easier exercise to fall back to (overrides the exercise's own).
    public var regressTo: Text?
    /// What the exercise is for in this programme (replaces the exercise's own purpose).
    public var purpose: Text?
    /// Reminders for this programme, shown after the exercise's own cues.
    public var cues: [Text]
    /// Notes for the patient about this item.
    public var notes: Text?
    /// The whole mapping.
    public var range: SourceRange
    /// Keys written but not read, because their values were reported as wrong: rules that
    /// would find them missing say nothing, since the finding made already says why.
    public var unreadable: Set<String> = []

    /// An item that uses `use`.
    public init(use: Text, range: SourceRange) {
        self.use = use
        self.dose = nil
        self.progress = nil
        self.progressTo = nil
        self.regressTo = nil
        self.purpose = nil
        self.cues = []
        self.notes = nil
        self.range = range
    }
}

/// How much of an exercise: every field is optional, and what is given is printed.
public struct Dose: Sendable {
    /// Number of sets, or a range.
    public var sets: Located<Amount<Int>>?
    /// Repetitions in each set, or a range ("8-12": stop when the muscles feel tired).
    public var reps: Located<Amount<Int>>?
    /// How long to hold each repetition.
    public var hold: Located<Amount<TimeSpan>>?
    /// Rest between sets.
    public var rest: Located<Amount<TimeSpan>>?
    /// How long to keep going (for exercises done for time).
    public var duration: Located<Amount<TimeSpan>>?
    /// How often, when it differs from the phase's sessions.
    public var frequency: Located<Frequency>?
    /// The days of the week, when they differ from the phase's.
    public var days: Located<[Weekday]>?
    /// How heavy.
    public var load: Located<Load>?
    /// Which side.
    public var side: Located<Side>?
    /// How fast.
    public var tempo: Located<Tempo>?
    /// How hard, or how much pain is acceptable.
    public var intensity: Located<Intensity>?
    /// The whole mapping.
    public var range: SourceRange
    /// Keys written but not read, because their values were reported as wrong: rules that
    /// would find them missing say nothing, since the finding made already says why.
    public var unreadable: Set<String> = []

    /// An empty dose at `range`.
    public init(range: SourceRange) {
        self.range = range
    }
}

/// A parametric progression: every so many weeks, add this much, until a ceiling.
public struct Progression: Sendable {
    /// How many weeks between increments.
    public var everyWeeks: Located<Int>
    /// Sets to add.
    public var sets: Located<Int>?
    /// Repetitions to add.
    public var reps: Located<Int>?
    /// Hold time to add.
    public var hold: Located<TimeSpan>?
    /// Duration to add.
    public var duration: Located<TimeSpan>?
    /// Rest to add (negative to shorten).
    public var rest: Located<TimeSpan>?
    /// Load to add.
    public var load: Located<Load>?
    /// The ceiling: no field grows past it. A range moves as a whole (both ends by the
    /// increment) until its top reaches a ceiling of one value; a ceiling that is a range caps
    /// each end by its own.
    public var until: Dose
    /// The whole mapping.
    public var range: SourceRange

    /// A progression every `everyWeeks` weeks up to `until`.
    public init(everyWeeks: Located<Int>, until: Dose, range: SourceRange) {
        self.everyWeeks = everyWeeks
        self.until = until
        self.range = range
    }
}
