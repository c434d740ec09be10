import RegimenDiagnostics

extension LoadStageRule {
    /// RG103: the keys the format requires must be there.
    public static let missingKey = LoadStageRule(
        RuleDescriptor(
            code: "RG103", name: "missing-key", severity: .error,
            summary: "a required key is missing, or has no value",
            explanation: """
                Some keys carry what a programme cannot do without: a phase's `weeks` (without them \
                the patient cannot know when to do it), an exercise's `name`, a precaution's `level` \
                and `why`, a programme's `phases`. A file is also reported when it starts with \
                neither `regimen: 1` nor `regimen-library: 1`, since then it is not clear what it is.

                Add the key with a value; the help line gives an example of one.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: achilles-tendinopathy
                    title: Loading the Achilles tendon
                    red-flags:
                      - A sudden snap or kick at the back of the ankle, with difficulty walking
                    exercises:
                      heel-raise:
                        name: Heel raise
                        steps: [Stand with your hands on a wall, Rise up onto your toes, Lower slowly]
                    phases:
                      - ↓id: isometric
                        goal: Settle the tendon with steady holds
                        items:
                          - use: heel-raise
                            dose: { sets: 5, hold: 45s }
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: achilles-tendinopathy
                    title: Loading the Achilles tendon
                    red-flags:
                      - A sudden snap or kick at the back of the ankle, with difficulty walking
                    exercises:
                      heel-raise:
                        name: Heel raise
                        steps: [Stand with your hands on a wall, Rise up onto your toes, Lower slowly]
                    phases:
                      - id: isometric
                        weeks: 1-2
                        goal: Settle the tendon with steady holds
                        items:
                          - use: heel-raise
                            dose: { sets: 5, hold: 45s }
                    """)
            ]))
}
