import RegimenDiagnostics

extension LoadStageRule {
    /// RG007: custom tags and merge keys are not part of the format.
    public static let unsupportedYAML = LoadStageRule(
        RuleDescriptor(
            code: "RG007", name: "unsupported-yaml", severity: .error,
            summary: "a custom tag or a merge key, which Regimen does not accept",
            explanation: """
                Regimen files hold plain text, numbers, lists and mappings. Custom tags (`!include`, \
                `!ref`, `!!python/object`) ask a YAML tool to build something of its own, which \
                Regimen never does and which can be unsafe in other tools. Merge keys (`<<: *base`) \
                copy keys from elsewhere in ways that YAML tools handle differently, so what the \
                clinician reads in the file and what the patient gets printed could differ.

                Remove the tag, and write the keys out in full instead of merging them. To share \
                exercises between programmes, put them in a library file and list it under \
                `library:`.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: hamstring-strain
                    title: Back to running after a hamstring strain
                    red-flags:
                      - A large bruise and swelling appear at the back of the thigh
                    exercises:
                      bridge:
                        name: Bridge
                        steps: [Lie on your back with your knees bent, Lift your hips until your body is straight, Lower slowly]
                      single-leg-bridge:
                        name: Single-leg bridge
                        steps: [Lie on your back with one knee bent, Lift your hips using that leg, Lower slowly]
                    phases:
                      - id: early
                        weeks: 1-3
                        items:
                          - use: bridge
                            dose: &strength { sets: 3, reps: 10 }
                          - use: single-leg-bridge
                            dose:
                              ↓<<: *strength
                              side: each
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: hamstring-strain
                    title: ↓!translate Back to running after a hamstring strain
                    red-flags:
                      - A large bruise and swelling appear at the back of the thigh
                    exercises:
                      bridge:
                        name: Bridge
                        steps: [Lie on your back with your knees bent, Lift your hips until your body is straight, Lower slowly]
                    phases:
                      - id: early
                        weeks: 1-3
                        items:
                          - use: bridge
                            dose: { sets: 3, reps: 10 }
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: hamstring-strain
                    title: Back to running after a hamstring strain
                    red-flags:
                      - A large bruise and swelling appear at the back of the thigh
                    exercises:
                      bridge:
                        name: Bridge
                        steps: [Lie on your back with your knees bent, Lift your hips until your body is straight, Lower slowly]
                      single-leg-bridge:
                        name: Single-leg bridge
                        steps: [Lie on your back with one knee bent, Lift your hips using that leg, Lower slowly]
                    phases:
                      - id: early
                        weeks: 1-3
                        items:
                          - use: bridge
                            dose: { sets: 3, reps: 10 }
                          - use: single-leg-bridge
                            dose: { sets: 3, reps: 10, side: each }
                    """)
            ]))
}
