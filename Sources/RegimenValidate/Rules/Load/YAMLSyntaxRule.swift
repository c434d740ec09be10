import RegimenDiagnostics

extension LoadStageRule {
    /// RG001: the file must be well-formed YAML, in UTF-8.
    public static let yamlSyntax = LoadStageRule(
        RuleDescriptor(
            code: "RG001", name: "yaml-syntax", severity: .error,
            summary: "a file is not well-formed YAML, or not UTF-8 text",
            explanation: """
                A programme is a YAML file, and nothing else in it can be read until the YAML itself \
                is well formed. The usual slips are an unclosed bracket or quote, a tab used for \
                indentation, a line indented differently from its neighbours, and text containing \
                `: ` that is not quoted. Files saved as UTF-16 or holding control characters (often \
                text pasted from a word processor) are reported here too.

                The finding names the likely mistake in plain words, at the line to change, with the \
                fix spelt out: an item missing its `use:`, a key indented too little or too much \
                (with the column it belongs at), text with `: ` to put in quotes, a tab to replace \
                with spaces, a missing space after `-` or `:`, a bracket or quote left open. The \
                YAML parser's own words follow in a note, for readers who know YAML; in an editor, \
                the quick fix makes the change.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: ankle-sprain
                    title: Getting back on your feet after an ankle sprain
                    red-flags: [You cannot put any weight on the foot at all]
                    exercises:
                      ankle-circles:
                        name: Ankle circles
                        position: ↓Sitting: leg out straight in front of you
                        steps: [Draw slow circles with your toes, Change direction after each set]
                    phases:
                      - id: early
                        weeks: 1-2
                        items:
                          - use: ankle-circles
                            dose: { sets: 2, reps: 10 }
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: ankle-sprain
                    title: Getting back on your feet after an ankle sprain
                    red-flags: [You cannot put any weight on the foot at all]
                    exercises:
                      ankle-circles:
                        name: Ankle circles
                        position: "Sitting: leg out straight in front of you"
                        steps: [Draw slow circles with your toes, Change direction after each set]
                    phases:
                      - id: early
                        weeks: 1-2
                        items:
                          - use: ankle-circles
                            dose: { sets: 2, reps: 10 }
                    """)
            ]))
}
