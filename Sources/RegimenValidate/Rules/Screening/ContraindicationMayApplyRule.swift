import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG306: a contraindication for a condition more specific than the one the patient's record
/// gives may apply; the clinician must be told, not left to a silent plan.
public struct ContraindicationMayApplyRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG306", name: "contraindication-may-apply", severity: .warning,
        summary: "an exercise is contraindicated for a kind of one of the patient's conditions, which the record does not rule out",
        explanation: """
            A contraindication written for a specific condition reaches every kind of it \\
            (docs/vocabulary.md), but not the more general condition a record may give: a \\
            profile that says `slipped disc` (`disc-herniation`) does not say whether the \\
            herniation is the acute lumbar one an exercise is contraindicated for. Screening \\
            cannot refuse the plan on a maybe, and must not pass it in silence either: this \\
            warning names the exercise, the contraindication and the patient's condition.

            Find out whether the patient has the more specific condition. If they do, record it \\
            in the profile, and the plan will be refused (RG301) until the exercise is replaced; \\
            if they do not, record the condition they have, as specifically as you can.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: back-care
                title: Back care
                red-flags: [Numbness around the genitals or bottom]
                exercises:
                  toe-touch:
                    name: Toe touch
                    steps: [Stand tall, Bend forwards towards your toes, Come back up slowly]
                    precautions:
                      - when: acute-lumbar-disc-herniation
                        level: contraindicated
                        why: Bending forwards repeatedly can push an acute disc herniation further out.
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: ↓toe-touch
                        dose: { reps: 5 }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [slipped disc]
                    """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: back-care
                title: Back care
                red-flags: [Numbness around the genitals or bottom]
                exercises:
                  toe-touch:
                    name: Toe touch
                    steps: [Stand tall, Bend forwards towards your toes, Come back up slowly]
                    precautions:
                      - when: acute-lumbar-disc-herniation
                        level: contraindicated
                        why: Bending forwards repeatedly can push an acute disc herniation further out.
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: toe-touch
                        dose: { reps: 5 }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [cervical-disc-herniation]
                    """)
        ],
        stage: .screening)

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        guard let patient = context.patient?.profile else { return [] }
        let vocabulary = context.vocabulary
        var out: [Diagnostic] = []
        for (_, item, exercise) in Screening.items(of: programme) {
            // A contraindication that certainly applies is RG301's.
            guard Screening.matches(exercise, level: .contraindicated, patient: patient, vocabulary: vocabulary).isEmpty else { continue }
            for precaution in exercise.precautions where precaution.level.value == .contraindicated {
                for word in precaution.conditions {
                    // The patient's condition is more general than the contraindication's.
                    guard
                        let condition = patient.conditions.first(where: {
                            vocabulary.covers($0.value, word.value, .condition) && !vocabulary.covers(word.value, $0.value, .condition)
                        })
                    else { continue }
                    let named = vocabulary.canonical(word.value, .condition)
                    out.append(
                        finding(
                            "`\(exercise.id.value)` is contraindicated for `\(named)`, and this patient's record says \(vocabulary.shown(condition.value, .condition)), which may be that",
                            at: item.use.range,
                            help: "find out whether the patient has `\(named)`: if so, record it in the profile (the plan will be refused until the exercise is replaced); if not, record their condition more specifically",
                            notes: [
                                .init("the contraindication: \(precaution.why.value)", at: precaution.range),
                                .init("the patient's condition", at: condition.range),
                            ]))
                }
            }
        }
        return out
    }
}
