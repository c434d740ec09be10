import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// RG303: a programme must not be issued to a patient with one of its exclusions.
public struct ExcludedPatientRule: Rule {
    public init() {}

    public let descriptor = RuleDescriptor(
        code: "RG303", name: "excluded-patient", severity: .error,
        summary: "the patient has a condition the programme excludes",
        explanation: """
            A programme's `exclusions` name conditions for which it must not be issued at all: \
            for a back programme, cauda equina syndrome or a suspected fracture, which need \
            urgent care rather than exercises. When the patient profile lists one of them, or a \
            kind of one, under any of its names (docs/vocabulary.md), the plan is not written.

            Refer the patient on as the exclusion's `why` says, or choose a programme written for \
            their condition.
            """,
        triggering: [
            RuleExample(
                """
                regimen: 1
                id: back-basics
                title: Back basics
                exclusions:
                  - condition: ↓suspected-spinal-fracture
                    why: Needs imaging before any loading of the spine.
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
                    conditions: [suspected-spinal-fracture]
                    """)
        ],
        nonTriggering: [
            RuleExample(
                """
                regimen: 1
                id: back-basics
                title: Back basics
                exclusions: [suspected-spinal-fracture]
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
                    conditions: [low-back-pain]
                    """)
        ],
        stage: .screening)

    public func check(programme: LoadedProgramme, context: RuleContext) -> [Diagnostic] {
        guard let patient = context.patient?.profile else { return [] }
        let vocabulary = context.vocabulary
        return programme.programme.exclusions.flatMap { exclusion in
            patient.conditions.filter { vocabulary.covers(exclusion.condition.value, $0.value, .condition) }.map { condition in
                finding(
                    "this programme must not be issued to a patient with \(Screening.reach(exclusion.condition.value, patient: condition.value, vocabulary, has: ""))",
                    at: exclusion.condition.range,
                    help: exclusion.why.map {
                        "\($0.value.lowercasedFirst.droppingFinalStop); choose another programme or refer the patient on"
                    }
                        ?? "choose another programme, or refer the patient on",
                    notes: [.init("the patient's condition", at: condition.range)])
            }
        }
    }
}

extension String {
    var lowercasedFirst: String { first.map { $0.lowercased() + dropFirst() } ?? self }
    var droppingFinalStop: String { hasSuffix(".") ? String(dropLast()) : self }
}
