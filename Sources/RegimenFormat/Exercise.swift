import RegimenDiagnostics

/// One exercise: how to do it, what it works, and when it must not be done.
public struct Exercise: Sendable {
    /// The identifier other places use it by (the key it was defined under).
    public var id: Text
    /// The name the patient sees.
    public var name: Text
    /// What kind of exercise it is.
    public var kind: Located<ExerciseKind>?
    /// Where in the body it works.
    public var regions: [Located<Region>]
    /// Movement tags (identifiers) that rules and restrictions reason over.
    public var movements: [Text]
    /// What is needed to do it.
    public var equipment: [Text]
    /// How demanding it is.
    public var level: Located<Level>?
    /// What it is for, in the patient's words.
    public var purpose: Text?
    /// The starting position.
    public var position: Text?
    /// The steps, in order.
    public var steps: [Text]
    /// Where `steps` was written, if it was.
    public var stepsRange: SourceRange?
    /// Short reminders while doing it.
    public var cues: [Text]
    /// Common mistakes to avoid.
    public var mistakes: [Text]
    /// Pictures.
    public var images: [ExerciseImage]
    /// When it needs care, or must not be done.
    public var precautions: [Precaution]
    /// The harder exercise to move on to.
    public var progressTo: Text?
    /// The easier exercise to fall back to.
    public var regressTo: Text?
    /// The whole definition.
    public var range: SourceRange
    /// Keys written but not read, because their values were reported as wrong: rules that
    /// would find them missing say nothing, since the finding made already says why.
    public var unreadable: Set<String> = []

    /// An exercise with only its required parts; the rest empty.
    public init(id: Text, name: Text, range: SourceRange) {
        self.id = id
        self.name = name
        self.kind = nil
        self.regions = []
        self.movements = []
        self.equipment = []
        self.level = nil
        self.purpose = nil
        self.position = nil
        self.steps = []
        self.stepsRange = nil
        self.cues = []
        self.mistakes = []
        self.images = []
        self.precautions = []
        self.progressTo = nil
        self.regressTo = nil
        self.range = range
    }
}

/// A picture of an exercise.
public struct ExerciseImage: Sendable {
    /// The image file, relative to the file that names it.
    public var path: Text
    /// What the picture shows, for people who cannot see it.
    public var alt: Text
    /// Who made it, and under what licence.
    public var credit: Text?

    /// An image with these fields.
    public init(path: Text, alt: Text, credit: Text?) {
        self.path = path
        self.alt = alt
        self.credit = credit
    }
}

/// When an exercise needs care, or must not be done.
public struct Precaution: Sendable {
    /// The conditions (identifiers) it applies to.
    public var conditions: [Text]
    /// How strongly it holds.
    public var level: Located<PrecautionLevel>
    /// Why, in words the patient can read.
    public var why: Text
    /// What the patient should do, when there is something to do.
    public var advice: Text?
    /// The whole mapping.
    public var range: SourceRange

    /// A precaution with these fields.
    public init(conditions: [Text], level: Located<PrecautionLevel>, why: Text, advice: Text?, range: SourceRange) {
        self.conditions = conditions
        self.level = level
        self.why = why
        self.advice = advice
        self.range = range
    }
}
