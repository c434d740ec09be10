import RegimenDiagnostics

extension LoadStageRule {
    /// RG108: a bare tempo such as `3-0-1` means one thing to a clinician who writes the lowering
    /// first and another to one who writes the lifting first.
    public static let ambiguousTempo = LoadStageRule(
        RuleDescriptor(
            code: "RG108", name: "ambiguous-tempo", severity: .warning,
            summary: "a bare tempo such as 3-0-1, which reads differently to a clinician who writes the lift first",
            explanation: """
                A bare tempo such as `3-0-1` is read as lower, pause, lift, pause: lower for 3 \
                seconds, then lift for 1. Many clinicians write it that way, but others write the \
                lifting part first, and to them `3-0-1` means lift for 3 seconds, then lower for 1. \
                The handout tells the patient one of the two in plain words, so a programme written \
                in the other habit gives the patient the wrong instructions without anyone noticing.

                The two readings agree only when the lowering and the lifting take the same time and \
                so do the pauses after them (`2-0-2`, `3-1-3-1`, `X-0-X`). `3-1-3` is not one of \
                them: its pause comes after the lowering one way and after the lifting the other, \
                which is a different exercise at the bottom of a squat or the top of a heel raise.

                Name each part, in the order it is done: `lower 3, lift 1`, \
                `lift 1, pause 1, lower 3`, `lower 2, lift X, pause 1`. The parts are `lower`, `lift` \
                and `pause` (after either movement), each with its seconds, and X for as fast as is \
                safe. The handout follows the order written. The help line shows both readings \
                spelt out; keep the one you meant.
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
                      step-up:
                        name: Step-up
                        steps: [Step up onto the bottom stair with one foot, Bring the other foot up, Step down again]
                    phases:
                      - id: build
                        weeks: 1-6
                        items:
                          - use: sit-to-stand
                            dose: { sets: 2, reps: 8, tempo: ↓3-0-1 }
                          - use: step-up
                            dose: { sets: 2, reps: 8, side: each, tempo: ↓2-1-2 }
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
                            dose: { sets: 2, reps: 8, tempo: lift 1 lower 3 }
                          - use: step-up
                            dose:
                              sets: 2
                              reps: 8
                              side: each
                              tempo: lift 2, pause 1, lower 2
                      - id: steady
                        weeks: 7-8
                        items:
                          - use: sit-to-stand
                            dose: { sets: 3, reps: 8, tempo: 2-0-2 }
                    """)
            ]))
}
