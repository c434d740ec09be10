import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG212: an item must not use a movement the programme restricts in the weeks of its phase.
public struct RestrictionViolatedRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG212", name: "restriction-violated", severity: .error,
        summary: "an item uses an exercise whose movements the programme restricts in that phase's weeks",
        explanation: """
            A programme's `restrictions` name movements to avoid, or to take care with, across \
            the programme or in some weeks: no bending forward for the first two weeks after a \
            disc flare-up, care with hip bending after a hip replacement. Exercises list the \
            movements they involve (`movements: [lumbar-flexion]`), and an item in a phase that \
            shares a week with a restriction must not use an exercise with that movement. For a \
            `contraindicated` restriction this is an error, since the patient would be told to do \
            the very movement they were told to avoid; for a `precaution` it is a warning, to make \
            sure the care needed is explained. Movements are compared by meaning \
            (docs/vocabulary.md): a restriction on `lumbar-flexion` also covers an exercise \
            tagged `loaded-lumbar-flexion`, a kind of it.

            Choose an exercise without the movement for those weeks, move the item to a phase \
            after the restriction ends, or, for a precaution, explain in the item's `notes` how \
            to do it with care. A note points at the restriction.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: disc-flare-up
                title: After a disc flare-up
                condition: lumbar-disc-herniation
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                restrictions:
                  - movement: lumbar-flexion
                    level: contraindicated
                    weeks: 1-2
                    why: Bending your back forwards can flare the disc in the first two weeks.
                exercises:
                  knee-to-chest:
                    name: Knee to chest
                    movements: [lumbar-flexion, hip-flexion]
                    steps: [Lie on your back with your knees bent, Draw one knee gently towards your chest, Lower it]
                  prone-on-elbows:
                    name: Lying on your elbows
                    movements: [lumbar-extension]
                    steps: [Lie face down, Push up onto your forearms keeping your hips down, Relax your back]
                phases:
                  - id: settle
                    weeks: 1-2
                    items:
                      - use: prone-on-elbows
                        dose: { sets: 3, hold: 30s }
                      - use: ↓knee-to-chest
                        dose: { reps: 5, hold: 10s }
                  - id: move
                    weeks: 3-6
                    items:
                      - use: knee-to-chest
                        dose: { reps: 10, hold: 10s }
                """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: disc-flare-up
                title: After a disc flare-up
                condition: lumbar-disc-herniation
                red-flags:
                  - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                restrictions:
                  - movement: lumbar-flexion
                    level: contraindicated
                    weeks: 1-2
                    why: Bending your back forwards can flare the disc in the first two weeks.
                exercises:
                  knee-to-chest:
                    name: Knee to chest
                    movements: [lumbar-flexion, hip-flexion]
                    steps: [Lie on your back with your knees bent, Draw one knee gently towards your chest, Lower it]
                  prone-on-elbows:
                    name: Lying on your elbows
                    movements: [lumbar-extension]
                    steps: [Lie face down, Push up onto your forearms keeping your hips down, Relax your back]
                phases:
                  - id: settle
                    weeks: 1-2
                    items:
                      - use: prone-on-elbows
                        dose: { sets: 3, hold: 30s }
                  - id: move
                    weeks: 3-6
                    items:
                      - use: knee-to-chest
                        dose: { reps: 10, hold: 10s }
                """)
        ])

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        let p = programme.programme
        let vocabulary = context.vocabulary
        var out: [Diagnostic] = []
        for restriction in p.restrictions {
            for phase in p.phases {
                if let weeks = restriction.weeks {
                    guard let phaseWeeks = phase.weeks, phaseWeeks.value.overlaps(weeks.value) else { continue }
                }
                for item in phase.items {
                    // A restriction on a movement covers every kind of it.
                    let found = programme.catalogue.withExercise(item.use.value) { exercise in
                        exercise.movements.first { vocabulary.covers(restriction.movement.value, $0.value, .movement) }
                            .map { report(item, exercise, phase, restriction, tag: $0, vocabulary) }
                    }
                    if let found = found ?? nil { out.append(found) }
                }
            }
        }
        return out
    }

    private func report(
        _ item: Item, _ exercise: Exercise, _ phase: Phase, _ restriction: Restriction, tag: Text, _ vocabulary: Vocabulary
    ) -> Diagnostic {
        let movement = vocabulary.canonical(restriction.movement.value, .movement)
        let own = vocabulary.canonical(tag.value, .movement)
        let involves = own == movement ? movement : "\(own), a kind of \(movement)"
        let when = restriction.weeks.map { "in weeks \($0.value.text)" } ?? "throughout"
        let contraindicated = restriction.level.value == .contraindicated
        let what = contraindicated ? "restricts" : "asks for care with"
        var diagnostic = finding(
            "`\(exercise.id.value)` involves \(involves), which this programme \(what) \(when)",
            at: item.use.range,
            help: contraindicated
                ? "choose an exercise without \(movement) for phase `\(phase.id.value)`, or move this item to a phase after the restriction"
                : "explain in the item's `notes` how to do it with care, or choose an exercise without \(movement)",
            notes: [
                .init("\(movement) is \(contraindicated ? "contraindicated" : "to be done with care") \(when) here", at: restriction.range)
            ])
        // The finding is as serious as the restriction.
        diagnostic.severity = contraindicated ? descriptor.severity : .warning
        return diagnostic
    }
}
