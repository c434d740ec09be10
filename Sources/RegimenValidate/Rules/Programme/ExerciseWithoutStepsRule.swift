import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG207: an exercise must say how to do it.
public struct ExerciseWithoutStepsRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG207", name: "exercise-without-steps", severity: .error,
        summary: "an exercise has no steps",
        explanation: """
            At home the handout is all the patient has: an exercise with a name but no steps \
            leaves them to guess how to do it, and a guess is how exercises are done wrongly or \
            unsafely. A programme that prescribes an exercise without `steps` is an error, \
            reported at the item that prescribes it.

            In a library file, an exercise without steps is only a warning: a library can hold \
            drafts (an import from another data set, say) that no programme uses yet. It becomes \
            an error the moment a programme prescribes it.

            Add `steps:` with one line for each step: what to do, in order, in words the patient \
            can follow.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: core-basics
                title: Core basics for back pain
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                exercises:
                  dead-bug:
                    name: Dead bug
                    kind: stability
                  bird-dog:
                    name: Bird dog
                    steps: [Kneel on all fours, Reach one arm forward and the opposite leg back, Hold then return]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: ↓dead-bug
                        dose: { sets: 2, reps: 8 }
                      - use: bird-dog
                        dose: { sets: 2, reps: 8, hold: 5s }
                """),
            RuleExample(
                """
                regimen-library: 1
                title: Core stability
                exercises:
                  ↓dead-bug:
                    name: Dead bug
                    kind: stability
                    steps: []
                  bird-dog:
                    name: Bird dog
                    steps: [Kneel on all fours, Reach one arm forward and the opposite leg back, Hold then return]
                """),
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: core-basics
                title: Core basics for back pain
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                exercises:
                  dead-bug:
                    name: Dead bug
                    kind: stability
                    steps:
                      - Lie on your back with your arms pointing at the ceiling and your knees bent over your hips.
                      - Slowly lower one arm and the opposite leg towards the floor, keeping your back flat.
                      - Return, then change sides.
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: dead-bug
                        dose: { sets: 2, reps: 8 }
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for phase in programme.programme.phases {
            for item in phase.items {
                // The exercise is read in place: most have steps, and need not be copied.
                guard let id = programme.catalogue.withExercise(item.use.value, { $0.steps.isEmpty && !$0.unreadable.contains("steps") ? $0.id : nil }), let id
                else { continue }
                out.append(
                    finding(
                        "exercise `\(id.value)` has no steps, so the handout cannot say how to do it", at: item.use.range,
                        help: "add `steps:` to its definition, one line for each step, in order",
                        notes: [.init("`\(id.value)` is defined here", at: id.range)]))
            }
        }
        return out
    }

    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] {
        library.library.exercises.compactMap { exercise in
            guard exercise.steps.isEmpty, !exercise.unreadable.contains("steps") else { return nil }
            var draft = finding(
                "exercise `\(exercise.id.value)` has no steps yet; a programme that prescribes it will be refused",
                at: exercise.id.range, help: "add `steps:` with what the patient does, one line for each step, in order",
                notes: exercise.stepsRange.map { [Diagnostic.Note("`steps` is empty here", at: $0)] } ?? [])
            draft.severity = .warning
            return draft
        }
    }
}
