import RegimenDiagnostics

extension LoadStageRule {
    /// RG109: a dose in one string such as `10x3`, which reads differently to a clinician who
    /// writes the repetitions first.
    public static let ambiguousDose = LoadStageRule(
        RuleDescriptor(
            code: "RG109", name: "ambiguous-dose", severity: .warning,
            summary: "a dose in one string such as 10x3, with more sets than repetitions, which some clinicians write reps first",
            explanation: """
                A dose can be written in one string as sets by repetitions: `3x10` is 3 sets of \
                10 repetitions, the way most clinicians write it. Some write the repetitions first, \
                and to them `10x3` means 3 sets of 10, while Regimen reads it, as written, as 10 \
                sets of 3. The handout then tells the patient to do ten sets.

                When the number of sets comes out larger than the number of repetitions, the two \
                habits give different doses and this warning shows both. Write the dose in words, \
                which cannot be misread (`3 sets of 10`, `10 sets of 3`), or as a mapping \
                (`{ sets: 3, reps: 10 }`). The editor's quick fix writes the other reading in words; \
                keep the one you meant.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: knee-strength
                    title: Stronger knees
                    red-flags:
                      - Your knee becomes hot, red and swollen, or you feel unwell with a fever
                    exercises:
                      sit-to-stand:
                        name: Sit to stand
                        steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit down again slowly]
                    phases:
                      - id: build
                        weeks: 1-6
                        items:
                          - use: sit-to-stand
                            dose: ↓10x3
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: knee-strength
                    title: Stronger knees
                    red-flags:
                      - Your knee becomes hot, red and swollen, or you feel unwell with a fever
                    exercises:
                      sit-to-stand:
                        name: Sit to stand
                        steps: [Sit near the front of a firm chair, Stand up without using your hands, Sit down again slowly]
                      step-up:
                        name: Step-up
                        steps: [Step up onto the bottom stair with one foot, Bring the other foot up, Step down again]
                    phases:
                      - id: build
                        weeks: 1-6
                        items:
                          - use: sit-to-stand
                            dose: 3x10
                          - use: step-up
                            dose: 3 sets of 8-12
                    """)
            ]))
}
