import RegimenDiagnostics

extension LoadStageRule {
    /// RG102: every key must be one the format defines.
    public static let unknownKey = LoadStageRule(
        RuleDescriptor(
            code: "RG102", name: "unknown-key", severity: .error,
            summary: "a key the format does not define, usually a misspelt one",
            explanation: """
                A misspelt key is not an error YAML can see: `hodl: 30s` is a perfectly good key. But \
                Regimen would not know it means the hold, so the patient's handout would lose it \
                without a word. Every key must be one the format defines for that place; the closest \
                known key is suggested, and otherwise the keys that place takes are listed.

                Correct the spelling, or move the key to where it belongs (`hold` goes in a `dose`, \
                `regress-to` in an item or an exercise). `regimen schema` gives editors the full list \
                for autocompletion.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: neck-pain-desk
                    title: Easing neck pain from desk work
                    red-flags:
                      - Pins and needles or weakness in both arms or both hands
                    exercises:
                      chin-tuck:
                        name: Chin tuck
                        steps: [Sit tall and look straight ahead, Draw your chin straight back, Relax]
                    phases:
                      - id: start
                        weeks: 1-4
                        items:
                          - use: chin-tuck
                            dose: { sets: 2, reps: 10, ↓hodl: 5s }
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: neck-pain-desk
                    title: Easing neck pain from desk work
                    red-flags:
                      - Pins and needles or weakness in both arms or both hands
                    exercises:
                      chin-tuck:
                        name: Chin tuck
                        steps: [Sit tall and look straight ahead, Draw your chin straight back, Relax]
                    phases:
                      - id: start
                        weeks: 1-4
                        ↓exercises:
                          - use: chin-tuck
                        items:
                          - use: chin-tuck
                            dose: { sets: 2, reps: 10 }
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: neck-pain-desk
                    title: Easing neck pain from desk work
                    red-flags:
                      - Pins and needles or weakness in both arms or both hands
                    exercises:
                      chin-tuck:
                        name: Chin tuck
                        steps: [Sit tall and look straight ahead, Draw your chin straight back, Relax]
                    phases:
                      - id: start
                        weeks: 1-4
                        items:
                          - use: chin-tuck
                            dose: { sets: 2, reps: 10, hold: 5s }
                    """)
            ]))
}
