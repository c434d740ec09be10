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
            unsafely. Each exercise, whether defined in a programme or in a library file, needs \
            its `steps`: what to do, in order, in words the patient can follow.

            Add `steps:` with one line for each step. An exercise in a library file is reported \
            once, against the library file, however many programmes use it.
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
                  ↓dead-bug:
                    name: Dead bug
                    kind: stability
                  bird-dog:
                    name: Bird dog
                    steps: [Kneel on all fours, Reach one arm forward and the opposite leg back, Hold then return]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: dead-bug
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
        // Library exercises are reported when their library file is checked.
        programme.programme.exercises.compactMap(check)
    }

    public func check(library: LoadedLibrary, context: RuleContext) -> [Diagnostic] {
        library.library.exercises.compactMap(check)
    }

    private func check(_ exercise: Exercise) -> Diagnostic? {
        guard exercise.steps.isEmpty else { return nil }
        let notes = exercise.stepsRange.map { [Diagnostic.Note("`steps` is empty here", at: $0)] } ?? []
        return finding(
            "exercise `\(exercise.id.value)` has no steps", at: exercise.id.range,
            help: "add `steps:` with what the patient does, one line for each step, in order", notes: notes)
    }
}
