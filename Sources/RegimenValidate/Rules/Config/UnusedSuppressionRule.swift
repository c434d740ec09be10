import RegimenDiagnostics

extension LoadStageRule {
    /// RG503: a suppression that suppresses nothing hides nothing today, and may hide the wrong
    /// finding tomorrow.
    public static let unusedSuppression = LoadStageRule(
        RuleDescriptor(
            code: Suppressions.unusedCode, name: "unused-suppression", severity: .warning,
            summary: "a suppression comment names a code that the next line does not report",
            explanation: """
                A suppression applies to the next line that is neither blank nor a comment, and only \
                to the codes it names. When that line reports none of them, the comment is in the \
                wrong place, names the wrong code, or outlived the problem it was written for (the \
                dose was corrected, the line moved). Left in place, it would silently drop a \
                different finding if one ever appeared on that line.

                Move the comment to the line just before the finding (the finding's line and column \
                are in the report), correct the code (the help names the codes the line does report), \
                or delete the comment.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: knee-contracture
                    title: Getting the knee straight again
                    red-flags:
                      - Your calf becomes hot, swollen and painful
                    exercises:
                      prone-hang:
                        name: Knee straightening stretch lying on your front
                        steps: [Lie on your front with your feet over the end of the bed, Let the weight of your leg straighten your knee]
                    phases:
                      - id: straighten
                        weeks: 1-6
                        items:
                          - use: prone-hang
                            # regimen-disable-next-line ↓RG203: a prolonged low-load stretch, as the surgeon prescribed
                            dose: { sets: 1, hold: 5 min }
                    """),
                RuleExample(
                    """
                    regimen: 1
                    id: knee-contracture
                    title: Getting the knee straight again
                    red-flags:
                      - Your calf becomes hot, swollen and painful
                    exercises:
                      prone-hang:
                        name: Knee straightening stretch lying on your front
                        steps: [Lie on your front with your feet over the end of the bed, Let the weight of your leg straighten your knee]
                    phases:
                      - id: straighten
                        weeks: 1-6
                        items:
                          - use: prone-hang
                            # regimen-disable-next-line RG203, ↓RG212: a prolonged low-load stretch, as the surgeon prescribed
                            dose: { sets: 1, hold: 10 min }
                    """),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: knee-contracture
                    title: Getting the knee straight again
                    red-flags:
                      - Your calf becomes hot, swollen and painful
                    exercises:
                      prone-hang:
                        name: Knee straightening stretch lying on your front
                        steps: [Lie on your front with your feet over the end of the bed, Let the weight of your leg straighten your knee]
                    phases:
                      - id: straighten
                        weeks: 1-6
                        items:
                          - use: prone-hang

                            # regimen-disable-next-line RG203: a prolonged low-load stretch, as the surgeon prescribed
                            # (checked with the consultant, March)

                            dose: { sets: 1, hold: 10 min }
                    """)
            ]))
}
