import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG305: a patient's condition the vocabulary does not know cannot be screened, so no plan is
/// written for the patient until it is corrected.
public struct UnknownPatientConditionRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: VocabularyCode.unknownPatientCondition, name: "unknown-patient-condition", severity: .error,
        summary: "a condition in the patient profile that Regimen's vocabulary (and the clinic's additions) does not know",
        explanation: """
            Screening compares the patient's conditions with every exercise's precautions and \
            the programme's exclusions by meaning: a profile may say `THR`, `total hip \
            arthroplasty` or `total-hip-replacement`, as the record does, and each reaches a \
            contraindication written for any of them (docs/vocabulary.md). A condition the \
            vocabulary does not know reaches nothing: the plan would be written as if the \
            patient did not have it. So it is an error, always (a suppression comment cannot \
            hide it), and no plan is written.

            Correct the profile (the help line suggests the nearest entries, by id and by \
            synonym; `regimen vocabulary search WORD` lists more), or, when the condition really \
            is missing, add it to the clinic's vocabulary file named by `.regimen.yml`.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: back-basics
                title: Back basics
                red-flags: [Numbness around the genitals or bottom]
                exercises:
                  walking:
                    name: Walking
                    steps: [Walk at a comfortable pace]
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: walking
                        dose: { duration: 10 min }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [↓osteoporisis]
                    """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: back-basics
                title: Back basics
                red-flags: [Numbness around the genitals or bottom]
                exercises:
                  walking:
                    name: Walking
                    steps: [Walk at a comfortable pace]
                phases:
                  - id: start
                    weeks: 1-2
                    items:
                      - use: walking
                        dose: { duration: 10 min }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [weak bones, THR]
                    """)
        ],
        stage: .screening)

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        guard let patient = context.patient?.profile else { return [] }
        return patient.conditions.filter { !context.vocabulary.knows($0.value, .condition) }.enumerated().map { count, condition in
            finding(
                "the patient's condition `\(condition.value)` is not in the vocabulary, so it cannot be screened",
                at: condition.range,
                help: VocabularyHelp.unknown(
                    condition.value, .condition, context.vocabulary, suggesting: count < VocabularyHelp.suggestionsPerFile))
        }
    }
}
