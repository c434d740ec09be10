import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG301: a programme must not prescribe an exercise that is contraindicated for one of the
/// patient's conditions.
public struct ContraindicatedForPatientRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG301", name: "contraindicated-for-patient", severity: .error,
        summary: "an exercise is contraindicated for one of the patient's conditions",
        explanation: """
            When a programme is compiled for a patient (`--patient`), each exercise it prescribes \
            is screened against the patient's conditions. An exercise with a precaution of level \
            `contraindicated` for one of them must not be issued: the plan is not written, and the \
            finding names the exercise, the condition and the line that prescribes it. \
            Conditions are compared by meaning (docs/vocabulary.md): a profile that says `THR` \
            or `total hip arthroplasty` reaches a contraindication for `total-hip-replacement`, \
            and one for `osteoporosis` reaches `postmenopausal-osteoporosis`. An easier or \
            harder version the item offers that is contraindicated for the patient is left out \
            of the plan, with a warning.

            Swap the item for a safe alternative (the help line suggests the item's `regress-to` \
            when it is defined and not contraindicated too), or issue a programme written for \
            this patient. If the patient's conditions are wrong, correct the profile.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: hip-mobility
                title: Hip mobility
                red-flags: [A hot, swollen, red hip, or a fever]
                exercises:
                  knee-to-chest:
                    name: Knee to chest
                    regress-to: heel-slide
                    precautions:
                      - when: total-hip-replacement
                        level: contraindicated
                        why: Bending a new hip this far can dislocate it.
                    steps: [Lie on your back, Pull one knee towards your chest, Hold, then lower]
                  heel-slide:
                    name: Heel slide
                    steps: [Lie on your back, Slide one heel towards you, Slide it back]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: ↓knee-to-chest
                        dose: { reps: 10 }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [total-hip-replacement]
                    """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: hip-mobility
                title: Hip mobility
                red-flags: [A hot, swollen, red hip, or a fever]
                exercises:
                  heel-slide:
                    name: Heel slide
                    steps: [Lie on your back, Slide one heel towards you, Slide it back]
                phases:
                  - id: start
                    weeks: 1-4
                    items:
                      - use: heel-slide
                        dose: { reps: 10 }
                """,
                patient: """
                    regimen-patient: 1
                    conditions: [total-hip-replacement]
                    """)
        ],
        stage: .screening)

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        guard let patient = context.patient?.profile else { return [] }
        let vocabulary = context.vocabulary
        return Screening.items(of: programme).flatMap { phase, item, exercise in
            let matches = Screening.matches(exercise, level: .contraindicated, patient: patient, vocabulary: vocabulary)
            // The versions an item offers matter only when the item itself may be given.
            return (matches.isEmpty ? offered(item, exercise, programme, patient, vocabulary) : [])
                + matches.map { match in
                let alternative = Screening.safeRegression(for: item, exercise, in: programme, patient: patient, vocabulary: vocabulary)
                return finding(
                    "`\(exercise.id.value)` is contraindicated for \(Screening.reach(match.named, patient: match.condition.value, vocabulary))",
                    at: item.use.range,
                    help: alternative.map { "use its easier alternative `\($0)` instead (`use: \($0)`)" }
                        ?? "choose another exercise for phase `\(phase.id.value)`, or check the patient's conditions",
                    notes: [
                        .init("the contraindication: \(match.precaution.why.value)", at: match.precaution.range),
                        .init("the patient's condition", at: match.condition.range),
                    ])
            }
        }
    }

    /// Warnings for the easier and harder versions an item offers that are contraindicated for
    /// the patient: the plan leaves them out, and the clinician should know.
    private func offered(
        _ item: Item, _ exercise: Exercise, _ programme: LoadedProgramme, _ patient: PatientProfile, _ vocabulary: Vocabulary
    ) -> [Diagnostic] {
        let versions: [(String, Text?)] = [
            ("harder", item.progressTo ?? exercise.progressTo), ("easier", item.regressTo ?? exercise.regressTo),
        ]
        return versions.compactMap { which, id -> Diagnostic? in
            guard let id, let target = programme.catalogue[id.value],
                let match = Screening.matches(target, level: .contraindicated, patient: patient, vocabulary: vocabulary).first
            else { return nil }
            var warning = finding(
                "the \(which) version `\(id.value)` is contraindicated for \(Screening.reach(match.named, patient: match.condition.value, vocabulary)); it is left out of this patient's handout",
                at: (item.progressTo?.value == id.value || item.regressTo?.value == id.value) ? id.range : item.use.range,
                help: "offer another \(which) version for this patient, or none",
                notes: [.init("the contraindication: \(match.precaution.why.value)", at: match.precaution.range)])
            warning.severity = .warning
            return warning
        }
    }
}
