import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG206: a programme must not prescribe an exercise that is contraindicated for the condition
/// the programme is for.
public struct ContraindicatedForConditionRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG206", name: "contraindicated-for-condition", severity: .error,
        summary: "an item uses an exercise that is contraindicated for one of the programme's conditions",
        explanation: """
            An exercise's `precautions` say when it needs care or must not be done. When a \
            precaution of level `contraindicated` names a condition the programme itself is for \
            (its `condition` list), every patient given the programme has that condition, and \
            the exercise could harm them: sit-ups for someone with osteoporosis, deep hip bends \
            after a hip replacement. This often happens when an exercise is taken from a shared \
            library written for other patients.

            Choose another exercise. When the item or its exercise names a `regress-to` that is \
            not itself contraindicated, it is suggested. If the precaution is wrong for this \
            condition, correct it where the exercise is defined (a note points there, which may \
            be in a library file).
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: osteoporotic-back-pain
                title: Easing back pain with osteoporosis
                condition: [low-back-pain, osteoporosis]
                red-flags:
                  - Sudden severe back pain after a minor bump, cough or lifting something
                exercises:
                  sit-up:
                    name: Sit-up
                    movements: [loaded-lumbar-flexion]
                    steps: [Lie on your back with your knees bent, Curl up until your shoulders leave the floor, Lower slowly]
                    precautions:
                      - when: [osteoporosis, vertebral-fracture]
                        level: contraindicated
                        why: Curling up under load can fracture weakened bones in the spine.
                    regress-to: abdominal-bracing
                  abdominal-bracing:
                    name: Tummy tightening
                    steps: [Lie on your back with your knees bent, Gently tighten your tummy muscles, Hold and keep breathing]
                phases:
                  - id: start
                    weeks: 1-6
                    items:
                      - use: ↓sit-up
                        dose: { sets: 2, reps: 10 }
                """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: osteoporotic-back-pain
                title: Easing back pain with osteoporosis
                condition: [low-back-pain, osteoporosis]
                red-flags:
                  - Sudden severe back pain after a minor bump, cough or lifting something
                exercises:
                  sit-up:
                    name: Sit-up
                    movements: [loaded-lumbar-flexion]
                    steps: [Lie on your back with your knees bent, Curl up until your shoulders leave the floor, Lower slowly]
                    precautions:
                      - when: [osteoporosis, vertebral-fracture]
                        level: contraindicated
                        why: Curling up under load can fracture weakened bones in the spine.
                    regress-to: abdominal-bracing
                  abdominal-bracing:
                    name: Tummy tightening
                    steps: [Lie on your back with your knees bent, Gently tighten your tummy muscles, Hold and keep breathing]
                phases:
                  - id: start
                    weeks: 1-6
                    items:
                      - use: abdominal-bracing
                        dose: { sets: 2, reps: 10, hold: 5s }
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        let p = programme.programme
        guard !p.conditions.isEmpty else { return [] }
        let conditions = Dictionary(p.conditions.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
        var out: [Diagnostic] = []
        for phase in p.phases {
            for item in phase.items {
                // Most items use an exercise with no contraindication: look at its precautions
                // alone, and copy the exercise only for a finding.
                guard let precautions = programme.catalogue.withExercise(item.use.value, { $0.precautions }),
                    !Self.contraindications(in: precautions, for: conditions).isEmpty,
                    let exercise = programme.catalogue[item.use.value]
                else { continue }
                out.append(finding(for: item, exercise, programme.catalogue, conditions))
            }
        }
        return out
    }

    /// The finding for `item`, whose `exercise` is contraindicated for some of `conditions`.
    private func finding(
        for item: Item, _ exercise: Exercise, _ catalogue: ExerciseCatalogue, _ conditions: [String: Text]
    ) -> Diagnostic {
        let matches = Self.contraindications(in: exercise.precautions, for: conditions)
        let named = Array(Set(matches.flatMap(\.conditions))).sorted()
        var notes = matches.map { match in
            Diagnostic.Note(
                "`\(exercise.id.value)` is contraindicated for \(Shown.list(match.conditions)) here",
                at: match.precaution.range)
        }
        for name in named {
            if let condition = conditions[name] { notes.append(.init("the programme is for `\(name)`", at: condition.range)) }
        }
        return finding(
            "`\(exercise.id.value)` is contraindicated for \(Shown.list(named)), which this programme is for",
            at: item.use.range, help: help(for: item, exercise, named, catalogue, conditions), notes: notes)
    }

    /// The `precautions` (an exercise's) that rule it out for one of `conditions`, each with
    /// the conditions it names among them.
    private static func contraindications(
        in precautions: [Precaution], for conditions: [String: Text]
    ) -> [(precaution: Precaution, conditions: [String])] {
        precautions.compactMap { precaution in
            guard precaution.level.value == .contraindicated else { return nil }
            var named: [String] = []
            for condition in precaution.conditions where conditions[condition.value] != nil && !named.contains(condition.value) {
                named.append(condition.value)
            }
            return named.isEmpty ? nil : (precaution, named)
        }
    }

    private func help(
        for item: Item, _ exercise: Exercise, _ named: [String], _ catalogue: ExerciseCatalogue, _ conditions: [String: Text]
    ) -> String {
        let safe = "choose an exercise that is safe for \(Shown.list(named))"
        guard let fallback = item.regressTo ?? exercise.regressTo, let easier = catalogue[fallback.value],
            easier.id.value != exercise.id.value, Self.contraindications(in: easier.precautions, for: conditions).isEmpty
        else {
            return safe + ", or correct the precaution if it does not apply"
        }
        let whose = item.regressTo != nil ? "the item's" : "the exercise's"
        return "use `\(easier.id.value)` (\(whose) regress-to) instead, or \(safe)"
    }
}
