import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG302: an exercise has a precaution for one of the patient's conditions.
public struct PrecautionForPatientRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG302", name: "precaution-for-patient", severity: .warning,
        summary: "an exercise has a precaution for one of the patient's conditions",
        explanation: """
            A precaution of level `precaution` means the exercise may be done, with care. When a \
            programme is compiled for a patient with that condition (under any of its names, or a \
            kind of it: docs/vocabulary.md), Regimen warns, and carries the precaution's text \
            (`why` and `advice`) into the plan so that the handout shows it beside the exercise, \
            and beside the easier or harder versions that offer it.

            Check that the exercise suits this patient, and that the advice is what you want \
            them to read.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: back-extension
                title: Back extension
                red-flags: [Numbness around the genitals or bottom]
                exercises:
                  prone-on-elbows:
                    name: Lying on your elbows
                    precautions:
                      - when: pregnancy
                        level: precaution
                        why: Lying on your front becomes uncomfortable as pregnancy goes on.
                        advice: Stand and lean your hands on a worktop instead.
                    steps: [Lie on your front, Prop yourself up on your elbows, Relax your back]
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: ↓prone-on-elbows
                        dose: { hold: 1 min }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [pregnancy]
                    """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: back-extension
                title: Back extension
                red-flags: [Numbness around the genitals or bottom]
                exercises:
                  prone-on-elbows:
                    name: Lying on your elbows
                    precautions:
                      - when: pregnancy
                        level: precaution
                        why: Lying on your front becomes uncomfortable as pregnancy goes on.
                    steps: [Lie on your front, Prop yourself up on your elbows, Relax your back]
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: prone-on-elbows
                        dose: { hold: 1 min }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [sciatica]
                    """)
        ],
        stage: .screening)

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        guard let patient = context.patient?.profile else { return [] }
        let vocabulary = context.vocabulary
        return Screening.items(of: programme).flatMap { _, item, exercise in
            Screening.matches(exercise, level: .precaution, patient: patient, vocabulary: vocabulary).map { match in
                finding(
                    "`\(exercise.id.value)` needs care with \(Screening.reach(match.named, patient: match.condition.value, vocabulary))",
                    at: item.use.range,
                    help: "check that it suits this patient; the precaution"
                        + (match.precaution.advice == nil ? "" : " and its advice") + " will be printed on the handout",
                    notes: [
                        .init("the precaution: \(match.precaution.why.value)", at: match.precaution.range),
                        .init("the patient's condition", at: match.condition.range),
                    ])
            }
        }
    }
}
