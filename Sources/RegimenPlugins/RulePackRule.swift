import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenValidate

/// One rule pack entry, run as a rule over each programme. Its findings carry the entry's code
/// and severity, the pack's name as their origin, and point at the programme: the item that
/// uses the exercise, the phase, or the condition that brings the entry in.
public struct RulePackRule: Rule {
    /// The pack's name.
    public let packName: String
    /// The pack's file, as shown.
    public let packPath: String
    /// The entry.
    public let entry: RulePackEntry

    /// The rule for `entry` of `pack`.
    public init(pack: RulePack, entry: RulePackEntry) {
        self.packName = pack.name.value
        self.packPath = pack.path
        self.entry = entry
    }

    public var descriptor: RuleDescriptor {
        RuleDescriptor(
            code: entry.code.value, name: entry.name.value, severity: entry.severity,
            summary: "\(entry.check.value.rawValue) (rule pack `\(packName)`)",
            explanation: entry.why.value + "\n\nSource: " + entry.sources.map(\.value).joined(separator: "; "),
            triggering: [], nonTriggering: [])
    }

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        switch entry.check.value {
        case .contraindicated, .precaution: movementFindings(programme, patient: context.patient?.profile, context.vocabulary)
        case .maxExercises: sessionFindings(programme, patient: context.patient?.profile, context.vocabulary)
        case .requiredField: fieldFindings(programme, context.vocabulary)
        }
    }

    // MARK: The checks

    /// Where a condition named by the entry came from.
    private enum Match {
        case programme(Text)
        case patient(Text)

        var condition: Text {
            switch self {
            case .programme(let text), .patient(let text): text
            }
        }

        var isPatient: Bool {
            if case .patient = self { return true }
            return false
        }
    }

    /// The first condition the programme is for, else that the patient has, that one of the
    /// entry's conditions reaches (by meaning: a synonym, or a kind of it).
    private func match(_ programme: Programme, _ patient: PatientProfile?, _ vocabulary: Vocabulary) -> Match? {
        func wanted(_ condition: Text) -> Bool { entry.conditions.contains { vocabulary.covers($0.value, condition.value, .condition) } }
        if let condition = programme.conditions.first(where: wanted) { return .programme(condition) }
        if let condition = patient?.conditions.first(where: wanted) { return .patient(condition) }
        return nil
    }

    /// Whether `exercise` involves every movement of the entry (or a kind of each).
    private func involvesAll(_ exercise: Exercise, _ vocabulary: Vocabulary) -> Bool {
        entry.movements.allSatisfy { movement in
            exercise.movements.contains { vocabulary.covers(movement.value, $0.value, .movement) }
        }
    }

    private func inWeeks(_ phase: Phase) -> Bool {
        guard let weeks = entry.weeks?.value else { return true }
        guard let phaseWeeks = phase.weeks?.value else { return false }
        return phaseWeeks.overlaps(weeks)
    }

    private func movementFindings(_ loaded: LoadedProgramme, patient: PatientProfile?, _ vocabulary: Vocabulary) -> [Diagnostic] {
        let programme = loaded.programme
        guard let match = match(programme, patient, vocabulary) else { return [] }
        var out: [Diagnostic] = []
        for phase in programme.phases where inWeeks(phase) {
            for item in phase.items {
                guard let exercise = loaded.catalogue[item.use.value] else { continue }
                guard involvesAll(exercise, vocabulary) else { continue }
                var held: TimeSpan?
                if let sustained = entry.sustained?.value {
                    held = item.dose?.hold?.value.high ?? item.dose?.duration?.value.high
                    guard let held, held >= sustained else { continue }
                }
                guard !builtInRulesReport(exercise, match, vocabulary) else { continue }
                out.append(
                    movementFinding(
                        item: item, exercise: exercise, phase: phase, held: held, match: match, catalogue: loaded.catalogue, vocabulary))
            }
        }
        return out
    }

    /// Whether the exercise's own precautions already make a built-in rule report this: RG206
    /// for a contraindication for the programme's condition, RG301 and RG302 for the patient's.
    private func builtInRulesReport(_ exercise: Exercise, _ match: Match, _ vocabulary: Vocabulary) -> Bool {
        let own = exercise.precautions.filter { precaution in
            precaution.conditions.contains { vocabulary.covers($0.value, match.condition.value, .condition) }
        }
        switch match {
        case .programme:
            return own.contains { $0.level.value == .contraindicated }
        case .patient:
            return own.contains { $0.level.value == .contraindicated || entry.check.value == .precaution }
        }
    }

    private func movementFinding(
        item: Item, exercise: Exercise, phase: Phase, held: TimeSpan?, match: Match, catalogue: ExerciseCatalogue,
        _ vocabulary: Vocabulary
    ) -> Diagnostic {
        let condition = vocabulary.shown(match.condition.value, .condition)
        let tags = Words.list(entry.movements.map(\.value)) + (held.map { ", held \(Words.time($0))" } ?? "")
        let whose = whose(match)
        let message: String
        var help: String
        switch entry.check.value {
        case .contraindicated:
            message = "`\(exercise.id.value)` (\(tags)) is contraindicated for \(condition), \(whose)"
            help = "choose an exercise without \(Words.list(entry.movements.map(\.value)))"
            if let fallback = item.regressTo ?? exercise.regressTo, let easier = catalogue[fallback.value],
                !involvesAll(easier, vocabulary)
            {
                help = "use `\(easier.id.value)` (its regress-to) instead, or " + help
            }
            help += entry.sustained == nil ? "" : ", or hold it for less than \(Words.time(entry.sustained?.value ?? TimeSpan(seconds: 0)))"
        default:
            message = "`\(exercise.id.value)` (\(tags)) needs care with \(condition), \(whose)"
            help = "check that it suits \(match.isPatient ? "this patient" : "these patients")"
            if let advice = entry.advice {
                help += "; tell them: “\(advice.value)” (an item's `notes` prints it on the handout)"
            }
        }
        var notes = packNotes()
        notes.append(
            .init(
                match.isPatient ? "the patient's condition" : "the programme is for \(condition)", at: match.condition.range))
        if let sustained = entry.sustained, let dose = item.dose {
            notes.append(
                .init(
                    "held for \(Words.time(sustained.value)) or longer counts as sustained", at: (dose.hold ?? dose.duration).map(\.range)))
        }
        return finding(message, at: item.use.range, help: help, notes: notes)
    }

    private func sessionFindings(_ loaded: LoadedProgramme, patient: PatientProfile?, _ vocabulary: Vocabulary) -> [Diagnostic] {
        guard let max = entry.max?.value else { return [] }
        let programme = loaded.programme
        let matched = entry.conditions.isEmpty ? nil : match(programme, patient, vocabulary)
        guard entry.conditions.isEmpty || matched != nil else { return [] }
        return programme.phases.compactMap { phase in
            guard inWeeks(phase), phase.items.count > max else { return nil }
            let scope = matched.map { " for `\($0.condition.value)`" } ?? ""
            var notes = packNotes()
            if let matched {
                notes.append(
                    .init(
                        matched.isPatient ? "the patient's condition" : "the programme is for `\(matched.condition.value)`",
                        at: matched.condition.range))
            }
            return finding(
                "phase `\(phase.id.value)` has \(phase.items.count) exercises in one session; rule pack `\(packName)` allows at most \(max)\(scope)",
                at: phase.id.range,
                help: "keep the exercises that matter most in this phase, and move the others to a later phase", notes: notes)
        }
    }

    private func fieldFindings(_ loaded: LoadedProgramme, _ vocabulary: Vocabulary) -> [Diagnostic] {
        let programme = loaded.programme
        guard let field = entry.field?.value, RequiredFields.isPresent(field, in: programme) == false else { return [] }
        guard case .programme(let condition)? = match(programme, nil, vocabulary) else { return [] }
        let key = field.split(separator: ".").last.map(String.init) ?? field
        let spec =
            (field.hasPrefix("clinician.")
            ? FormatSpec.clinician : field.hasPrefix("delivery.") ? FormatSpec.delivery : FormatSpec.programme)
            .keys.first { $0.name == key }
        let example = spec.map { " (\($0.summary.lowercasedFirst.dropLastPeriod)), such as `\(key): \($0.example)`" } ?? ""
        return [
            finding(
                "a programme for `\(condition.value)` must have `\(field)` (rule pack `\(packName)`)", at: condition.range,
                help: "add `\(field)`\(example)", notes: packNotes())
        ]
    }

    // MARK: Wording

    private func whose(_ match: Match) -> String {
        match.isPatient ? "which this patient has" : "which this programme is for"
    }

    /// The entry itself, and its source.
    private func packNotes() -> [Diagnostic.Note] {
        [
            .init("rule pack `\(packName)`, \(entry.code.value) \(entry.name.value): \(entry.why.value)", at: entry.range),
            .init(
                "source: " + entry.sources.map { $0.value.hasSuffix(".") ? String($0.value.dropLast()) : $0.value }.joined(separator: "; ")),
        ]
    }

    private func finding(_ message: String, at range: SourceRange, help: String, notes: [Diagnostic.Note]) -> Diagnostic {
        Diagnostic(
            code: entry.code.value, severity: entry.severity, message: message, range: range, help: help, notes: notes, origin: packName)
    }
}

/// Words for messages.
enum Words {
    /// "`a`, `b` and `c`".
    static func list(_ words: [String]) -> String {
        let quoted = words.map { "`\($0)`" }
        guard let last = quoted.last else { return "" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " and " + last
    }

    /// "30s", "1 min", "1 min 30 s".
    static func time(_ span: TimeSpan) -> String {
        let seconds = span.seconds.magnitude
        if seconds < 60 { return "\(seconds)s" }
        let (minutes, rest) = seconds.quotientAndRemainder(dividingBy: 60)
        return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
    }
}

extension String {
    fileprivate var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }

    fileprivate var dropLastPeriod: String { hasSuffix(".") ? String(dropLast()) : self }
}
