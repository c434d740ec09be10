import Foundation
import RegimenCompile
import RegimenFormat

/// How firmly a handout words a safety point: a plan's `level`, as the patient reads it.
public enum SafetyLevel: String, Codable, Sendable, CaseIterable {
    /// Must not be done: "Avoid …", "Do not do this exercise …".
    case contraindicated
    /// May be done, with care: "Take care with …".
    case precaution

    /// The wording of a plan's `level` (a plan with any other level is refused when it is
    /// read, so there is nothing to guess).
    public init(_ level: PrecautionLevel) {
        switch level {
        case .contraindicated: self = .contraindicated
        case .precaution: self = .precaution
        }
    }

    /// The words that open a sentence at this level: the one place a level becomes words, for
    /// every handout. "Avoid bending your back forwards" or "Take care with bending your back
    /// forwards" for a movement; "Do not do this exercise" or "Take care with this exercise"
    /// for the exercise on a card.
    public func opening(_ subject: SafetySubject) -> String {
        opening(subject, in: .britishEnglish)
    }

    /// The opening words in `language`.
    public func opening(_ subject: SafetySubject, in language: PlainLanguage) -> String {
        let words = language.words
        return switch (self, subject) {
        case (.contraindicated, .movement(let movement)): words.text("safety.avoid", ["movement": movement])
        case (.precaution, .movement(let movement)): words.text("safety.takeCareWith", ["movement": movement])
        case (.contraindicated, .exercise): words.text("safety.exercise.doNot")
        case (.precaution, .exercise): words.text("safety.exercise.takeCare")
        }
    }
}

/// What a safety sentence is about.
public enum SafetySubject: Sendable, Equatable {
    /// A movement, in the patient's words ("bending your lower back forwards").
    case movement(String)
    /// The exercise on the card the sentence is printed on.
    case exercise
}

/// One thing a handout tells the patient about safety: a sentence at its level's words, then
/// why, then what to do instead. Every handout prints `text`, or `lead` followed by `why` and
/// `advice`, which read the same.
public struct SafetyNote: Codable, Sendable, Hashable {
    /// How firmly it is worded.
    public let level: SafetyLevel
    /// What to do, in the level's words: "Avoid jumping, hopping or running in weeks 1 to 4."
    public let lead: String
    /// The conditions or the movement it is about, in the patient's words (empty for an
    /// exercise's own precaution that names no condition).
    public let about: [String]
    /// Why, as a sentence; empty when the plan gives no reason.
    public let why: String
    /// What to do instead, as a sentence, when the plan says.
    public let advice: String?
    /// The lead, the reason and the advice, as one paragraph.
    public let text: String

    init(level: SafetyLevel, lead: String, about: [String], why: String, advice: String?) {
        self.level = level
        self.lead = lead
        self.about = about
        self.why = PlainLanguage.sentence(why)
        self.advice = advice.map(PlainLanguage.sentence).flatMap { $0.isEmpty ? nil : $0 }
        self.text = [lead, self.why, self.advice ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// Everything a handout says about safety for one plan, decided once so that the text handout,
/// the HTML handout and an exporter plugin say the same: the red flags, the restrictions, and
/// for each exercise card the precautions to print and whether an easier or harder version may
/// be offered.
///
/// It words what the compiler decided and decides nothing itself: which precautions apply to a
/// screened patient is `plan.screening.precautions` (screening is by meaning, with synonyms and
/// parent conditions, which only the vocabulary knows), and which versions were left out is
/// `plan.screening.withheld`. Conditions and movements are named by their patient labels from
/// `plan.vocabulary`; a plan made before the vocabulary has none, and then shows the id.
public struct SafetyWording: Sendable {
    /// The plan worded.
    public let plan: Plan
    /// The language of the fixed words.
    public let language: PlainLanguage
    /// Exercises not to be offered as easier or harder versions.
    private let withheld: Set<String>

    /// The wording for `plan`, in `language` (British English unless given).
    public init(_ plan: Plan, language: PlainLanguage = .britishEnglish) {
        self.plan = plan
        self.language = language
        self.withheld = Set((plan.screening.withheld ?? []).map(\.exercise))
    }

    private var words: Words { language.words }

    /// `text` with the language's full stop.
    private func sentence(_ text: String) -> String { words.text("sentence.end", ["text": text]) }

    // MARK: Red flags and restrictions

    /// The signs that mean: stop and get help, as sentences, leaving out empty ones.
    public var redFlags: [String] {
        plan.redFlags.map(PlainLanguage.sentence).filter { !$0.isEmpty }
    }

    /// The programme's restrictions, in order.
    public var restrictions: [SafetyNote] {
        plan.restrictions.map(restriction)
    }

    /// A restriction: "Avoid kneeling in weeks 1 to 12 (7 December 2026 to 28 February
    /// 2027). Why." or "Take care with bending your lower back forwards." (at all times); the
    /// dates when the plan knows the patient's start.
    public func restriction(_ restriction: Plan.RestrictionInfo) -> SafetyNote {
        let level = SafetyLevel(restriction.level)
        let label = movement(restriction.movement)
        var lead = level.opening(.movement(label), in: language)
        if let weeks = restriction.weeks {
            lead = words.text("safety.inWeeks", ["lead": lead, "weeks": language.weeksInSentence(weeks)])
            if let dates = dates(weeks) { lead = words.text("safety.dated", ["lead": lead, "dates": dates]) }
        }
        return SafetyNote(level: level, lead: sentence(lead), about: [label], why: restriction.why, advice: nil)
    }

    /// The calendar days of `weeks`, when the schedule has dates for its first and last week.
    func dates(_ weeks: Plan.WeekSpan) -> String? {
        // A plan narrowed to one phase no longer lists the other weeks: their days follow from
        // the start date (week 1 starts on it).
        func day(_ week: Int, last: Bool) -> CalendarDate? {
            if let span = plan.schedule.first(where: { $0.week == week })?.dates { return last ? span.last : span.first }
            guard plan.selection != nil, let start = plan.patient?.start, let span = Plan.DateSpan.week(week, from: start) else {
                return nil
            }
            return last ? span.last : span.first
        }
        guard let first = day(weeks.first, last: false), let last = day(weeks.last, last: true) else { return nil }
        return language.dates(from: first, to: last)
    }

    // MARK: Cards

    /// What the card for `exercise` says about safety, in a phase of `weeks` (nil for a card
    /// outside the phases, which shows every week's): what screening found, and, when no
    /// patient was screened, the exercise's own precautions for whoever it may concern. A
    /// precaution limited to other weeks is left to the cards of those weeks, unless the
    /// exercise has none there (it is only offered then, as an easier or harder version): its
    /// sentence says its weeks.
    /// Precautions of the same level, reason and advice for several of the patient's conditions
    /// are said once; the same sentence is never said twice.
    public func precautions(for exercise: String, weeks: Plan.WeekSpan?) -> [SafetyNote] {
        let applied = plan.screening.precautions.filter { precaution in
            guard precaution.exercise == exercise else { return false }
            guard let span = precaution.weeks, let weeks else { return true }
            func overlaps(_ other: Plan.WeekSpan) -> Bool { span.first <= other.last && other.first <= span.last }
            let prescribedThen = plan.phases.contains { phase in
                overlaps(phase.weeks) && phase.items.contains { $0.exercise == exercise }
            }
            return overlaps(weeks) || !prescribedThen
        }
        var notes = grouped(applied)
        if !plan.screening.screened, let info = plan.exercises[exercise] {
            notes += info.precautions.map(own)
        }
        var seen = Set<String>()
        return notes.filter { seen.insert($0.text).inserted }
    }

    /// Whether a card may offer `id` as an easier or harder version: the plan describes it,
    /// and the compiler did not leave it out as contraindicated for the patient.
    public func offers(_ id: String?) -> Bool {
        guard let id else { return false }
        return plan.exercises[id] != nil && !withheld.contains(id)
    }

    /// An exercise's own precaution, for a handout made without a patient: "Take care with
    /// this exercise if this applies to you: pregnancy." or "Do not do this exercise if any of
    /// these apply to you: hip replacement; knee replacement."
    public func own(_ precaution: Plan.PrecautionInfo) -> SafetyNote {
        let level = SafetyLevel(precaution.level)
        let labels = precaution.conditions.map(condition)
        let opening = level.opening(.exercise, in: language)
        let lead =
            switch labels.count {
            case 0: opening
            case 1: words.text("safety.ifApplies", ["lead": opening, "condition": labels[0]])
            default: words.text("safety.ifAnyApply", ["lead": opening, "conditions": joined(labels)])
            }
        return SafetyNote(level: level, lead: sentence(lead), about: labels, why: precaution.why, advice: precaution.advice)
    }

    /// Precautions screening found, worded; several of the patient's conditions with the same
    /// level, reason and advice in one sentence.
    func grouped(_ applied: [Plan.AppliedPrecaution]) -> [SafetyNote] {
        var groups: [(key: [String]?, first: Plan.AppliedPrecaution, conditions: [String])] = []
        for precaution in applied {
            guard let condition = precaution.condition else {
                groups.append((nil, precaution, []))
                continue
            }
            let key = [SafetyLevel(precaution.level).rawValue, precaution.why, precaution.advice ?? ""]
            if let index = groups.firstIndex(where: { $0.key == key }) {
                if !groups[index].conditions.contains(condition) { groups[index].conditions.append(condition) }
            } else {
                groups.append((key, precaution, [condition]))
            }
        }
        return groups.map { screened($0.first, conditions: $0.conditions) }
    }

    /// A precaution screening found: "Take care with this exercise, because this applies to
    /// you: narrowing of the spinal canal." for the patient's conditions, or "Do not do this
    /// exercise in weeks 1 to 4, because it involves kneeling." for a restricted movement.
    func screened(_ precaution: Plan.AppliedPrecaution, conditions: [String]) -> SafetyNote {
        let level = SafetyLevel(precaution.level)
        var lead = level.opening(.exercise, in: language)
        if let weeks = precaution.weeks { lead = words.text("safety.inWeeks", ["lead": lead, "weeks": language.weeksInSentence(weeks)]) }
        var labels = conditions.map(condition)
        if labels.count == 1 {
            lead = words.text("safety.becauseApplies", ["lead": lead, "condition": labels[0]])
        } else if labels.count > 1 {
            lead = words.text("safety.becauseApply", ["lead": lead, "conditions": joined(labels)])
        } else if let movement = precaution.movement {
            labels = [self.movement(movement)]
            lead = words.text("safety.becauseInvolves", ["lead": lead, "movement": labels[0]])
        }
        return SafetyNote(level: level, lead: sentence(lead), about: labels, why: precaution.why, advice: precaution.advice)
    }

    /// Conditions one after another: "hip replacement; knee replacement".
    private func joined(_ labels: [String]) -> String {
        labels.dropFirst().reduce(labels.first ?? "") { words.text("join.semicolon", ["first": $0, "second": $1]) }
    }

    // MARK: Labels

    /// The patient's words for the condition `id`: its patient label from the plan's
    /// vocabulary; the id itself only for a plan that has no vocabulary or lacks the entry.
    public func condition(_ id: String) -> String {
        label(id, .condition)
    }

    /// The patient's words for the movement `id`, which complete "Avoid …" and "Take care
    /// with …"; the id itself only for a plan that has no vocabulary or lacks the entry.
    public func movement(_ id: String) -> String {
        label(id, .movement)
    }

    private func label(_ id: String, _ kind: TermKind) -> String {
        // In another language, the shipped translation of the label; a term a repository's own
        // vocabulary adds has none, and is said in English (the export lists it).
        if let translated = VocabularyLabels.shipped[language.words.language]?.label(id, kind) { return translated }
        let label = PlainLanguage.clean(plan.vocabulary?.term(id, kind)?.patientLabel ?? "")
        return label.isEmpty ? PlainLanguage.clean(id) : label
    }
}

/// What every handout says about safety for a plan, as one value: for an exporter that is not
/// built in (a plugin), so that it can print the same sentences as the text and HTML handouts.
public struct HandoutSafety: Codable, Sendable, Equatable {
    /// The signs that mean: stop and get help, as sentences.
    public var redFlags: [String]
    /// The programme's restrictions.
    public var restrictions: [SafetyNote]
    /// For each exercise the plan describes, what its card says about safety in any week
    /// (limits to some weeks are in the sentences); exercises with nothing to say are left out.
    public var exercises: [String: [SafetyNote]]
    /// Exercises not to be offered as easier or harder versions, sorted.
    public var withheld: [String]

    /// The safety wording of `plan`, in the handout's language (`HandoutLanguage`).
    public init(_ plan: Plan) {
        let wording = SafetyWording(plan, language: PlainLanguage(language: HandoutLanguage.resolution(for: plan).catalogue))
        redFlags = wording.redFlags
        restrictions = wording.restrictions
        var exercises: [String: [SafetyNote]] = [:]
        for id in plan.exercises.keys {
            let notes = wording.precautions(for: id, weeks: nil)
            if !notes.isEmpty { exercises[id] = notes }
        }
        self.exercises = exercises
        withheld = Set((plan.screening.withheld ?? []).map(\.exercise)).sorted()
    }
}
