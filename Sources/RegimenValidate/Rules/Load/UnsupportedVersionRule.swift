import RegimenDiagnostics

extension LoadStageRule {
    /// RG106: the file must be written in a format version this Regimen reads.
    public static let unsupportedVersion = LoadStageRule(
        RuleDescriptor(
            code: "RG106", name: "unsupported-version", severity: .error,
            summary: "a format version this Regimen does not read",
            explanation: """
                `regimen: 1` (or `regimen-library: 1`) says which version of the format a file is \
                written in. A file in a version this Regimen does not know may use keys that mean \
                something else, so it is not read at all rather than read wrongly.

                Write the version this Regimen reads (1), or update Regimen if the file was written \
                for a newer one.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: ↓2
                    id: rotator-cuff
                    title: Strengthening the shoulder
                    red-flags:
                      - You cannot lift your arm at all after a fall
                    phases:
                      - id: start
                        weeks: 1-6
                        items: []
                    """)
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: rotator-cuff
                    title: Strengthening the shoulder
                    red-flags:
                      - You cannot lift your arm at all after a fall
                    exercises:
                      external-rotation:
                        name: Turning the arm out with a band
                        steps: [Keep your elbow at your side and bent to a right angle, Turn your forearm outwards against the band, Return slowly]
                    phases:
                      - id: start
                        weeks: 1-6
                        items:
                          - use: external-rotation
                            dose: { sets: 3, reps: 12, load: light band }
                    """)
            ]))
}
