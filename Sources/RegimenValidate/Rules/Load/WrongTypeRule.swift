import RegimenDiagnostics

extension LoadStageRule {
    /// RG101: each key's value must have the shape the format gives it.
    public static let wrongType = LoadStageRule(
        RuleDescriptor(
            code: "RG101", name: "wrong-type", severity: .error,
            summary: "a value has the wrong shape: text for a list, a word for a number, a list for a mapping",
            explanation: """
                Each key takes a value of one shape: `steps` a list, `sets` a whole number, `dose` a \
                mapping of keys. A value of another shape cannot be printed or checked as the \
                clinician meant it: `sets: [3, 4]` has no one number for the handout (a range is `3-4`), and steps written as \
                one line lose their order. The value is skipped and reported, with what was expected.

                Write the value in the expected shape: digits for numbers, a `- ` line (or `[a, b]`) \
                for each entry of a list, indented `key: value` lines for a mapping. Quote text that \
                contains `: ` so that it is not read as a mapping.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: lateral-elbow-pain
                    title: Easing pain on the outside of the elbow
                    red-flags:
                      - Numbness or tingling in your hand that does not go away
                    exercises:
                      wrist-extension:
                        name: Wrist lifts with a weight
                        steps: [Rest your forearm on a table with your hand over the edge, Lift the back of your hand slowly, Lower over three seconds]
                    phases:
                      - id: load
                        weeks: 1-8
                        items:
                          - use: wrist-extension
                            dose: { sets: ↓[3, 4], reps: 15, load: 1 kg }
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: lateral-elbow-pain
                    title: Easing pain on the outside of the elbow
                    red-flags:
                      - Numbness or tingling in your hand that does not go away
                    exercises:
                      wrist-extension:
                        name: Wrist lifts with a weight
                        steps: [Rest your forearm on a table with your hand over the edge, Lift the back of your hand slowly, Lower over three seconds]
                    phases:
                      - id: load
                        weeks: 1-8
                        items:
                          - use: wrist-extension
                            dose: ↓[3, 15]
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: lateral-elbow-pain
                    title: Easing pain on the outside of the elbow
                    red-flags:
                      - Numbness or tingling in your hand that does not go away
                    exercises:
                      wrist-extension:
                        name: Wrist lifts with a weight
                        steps: [Rest your forearm on a table with your hand over the edge, Lift the back of your hand slowly, Lower over three seconds]
                    phases:
                      - id: load
                        weeks: 1-8
                        items:
                          - use: wrist-extension
                            dose: { sets: 3, reps: 15, load: 1 kg }
                    """)
            ]))
}
