import RegimenDiagnostics

extension LoadStageRule {
    /// RG105: words from a fixed set, and identifiers, must be spelt as the format spells them.
    public static let invalidValue = LoadStageRule(
        RuleDescriptor(
            code: "RG105", name: "invalid-value", severity: .error,
            summary: "a value outside the allowed set, or an identifier that is not lower-case words joined by hyphens",
            explanation: """
                Some values come from a fixed list: an exercise's `kind` and `region`, a dose's \
                `side`, a precaution's `level`. Others are identifiers (exercise, phase and programme \
                ids, conditions, movement tags), written as lower-case words joined by hyphens so \
                that `Bird Dog` and `bird-dog` cannot both exist and be confused. A value outside the \
                list cannot be printed or reasoned over (a precaution of level `avoid` would not be \
                treated as either a contraindication or a precaution).

                Use one of the listed values (the closest is suggested), or spell the identifier in \
                lower case with hyphens (a suggestion is given).
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: hip-osteoarthritis
                    title: Keeping your hip strong
                    red-flags:
                      - Sudden severe hip pain after a fall, or you cannot take weight on the leg
                    exercises:
                      sit-to-stand:
                        name: Sit to stand
                        kind: ↓strenght
                        steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit back down slowly]
                    phases:
                      - id: build
                        weeks: 1-6
                        items:
                          - use: sit-to-stand
                            dose: { sets: 3, reps: 8 }
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: hip-osteoarthritis
                    title: Keeping your hip strong
                    red-flags:
                      - Sudden severe hip pain after a fall, or you cannot take weight on the leg
                    exercises:
                      ↓Sit To Stand:
                        name: Sit to stand
                        kind: strength
                        steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit back down slowly]
                    phases:
                      - id: build
                        weeks: 1-6
                        items: []
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: hip-osteoarthritis
                    title: Keeping your hip strong
                    red-flags:
                      - Sudden severe hip pain after a fall, or you cannot take weight on the leg
                    exercises:
                      sit-to-stand:
                        name: Sit to stand
                        kind: strength
                        steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit back down slowly]
                    phases:
                      - id: build
                        weeks: 1-6
                        items:
                          - use: sit-to-stand
                            dose: { sets: 3, reps: 8 }
                    """)
            ]))
}
