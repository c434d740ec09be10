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
            library written for other patients. Conditions are compared by meaning \
            (docs/vocabulary.md): a contraindication for `osteoporosis` reaches a programme for \
            `postmenopausal-osteoporosis`, and `thr` is `total-hip-replacement`.

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
        let scope = Scope(conditions: p.conditions, vocabulary: context.vocabulary)
        var out: [Diagnostic] = []
        for phase in p.phases {
            for item in phase.items {
                // Most items use an exercise with no contraindication: look at its precautions
                // alone, and copy the exercise only for a finding.
                guard let precautions = programme.catalogue.withExercise(item.use.value, { $0.precautions }),
                    !scope.contraindications(in: precautions).isEmpty,
                    let exercise = programme.catalogue[item.use.value]
                else { continue }
                out.append(finding(for: item, exercise, programme.catalogue, scope))
            }
        }
        return out
    }

    /// The programme's conditions, and what a precaution must name to reach them.
    private struct Scope {
        let conditions: [Text]
        let vocabulary: Vocabulary

        /// The contraindications among `precautions` that reach a condition of the programme,
        /// each with the programme's conditions it reaches (canonical ids).
        func contraindications(in precautions: [Precaution]) -> [(precaution: Precaution, conditions: [String])] {
            precautions.compactMap { precaution in
                guard precaution.level.value == .contraindicated else { return nil }
                var named: [String] = []
                for condition in conditions
                where precaution.conditions.contains(where: { vocabulary.covers($0.value, condition.value, .condition) }) {
                    let id = vocabulary.canonical(condition.value, .condition)
                    if !named.contains(id) { named.append(id) }
                }
                return named.isEmpty ? nil : (precaution, named)
            }
        }

        /// The words of `precaution` that reach a condition of the programme, as written.
        func reaching(_ precaution: Precaution) -> [String] {
            precaution.conditions.map(\.value).filter { word in
                conditions.contains { vocabulary.covers(word, $0.value, .condition) }
            }
        }

        /// The programme's own word for the condition `id`, where it wrote it.
        func written(_ id: String) -> Text? {
            conditions.first { vocabulary.canonical($0.value, .condition) == id }
        }
    }

    private func finding(for item: Item, _ exercise: Exercise, _ catalogue: ExerciseCatalogue, _ scope: Scope) -> Diagnostic {
        let matches = scope.contraindications(in: exercise.precautions)
        let named = Array(Set(matches.flatMap(\.conditions))).sorted()
        var notes = matches.map { match in
            Diagnostic.Note(
                "`\(exercise.id.value)` is contraindicated for \(Shown.list(scope.reaching(match.precaution))) here",
                at: match.precaution.range)
        }
        for name in named {
            if let condition = scope.written(name) {
                notes.append(.init("the programme is for \(scope.vocabulary.shown(condition.value, .condition))", at: condition.range))
            }
        }
        return finding(
            "`\(exercise.id.value)` is contraindicated for \(Shown.list(named)), which this programme is for",
            at: item.use.range, help: help(for: item, exercise, named, catalogue, scope), notes: notes)
    }

    private func help(for item: Item, _ exercise: Exercise, _ named: [String], _ catalogue: ExerciseCatalogue, _ scope: Scope) -> String {
        let safe = "choose an exercise that is safe for \(Shown.list(named))"
        guard let fallback = item.regressTo ?? exercise.regressTo, let easier = catalogue[fallback.value],
            easier.id.value != exercise.id.value, scope.contraindications(in: easier.precautions).isEmpty
        else {
            return safe + ", or correct the precaution if it does not apply"
        }
        let whose = item.regressTo != nil ? "the item's" : "the exercise's"
        return "use `\(easier.id.value)` (\(whose) regress-to) instead, or \(safe)"
    }
}
