import RegimenDiagnostics

extension LoadStageRule {
    /// RG008: a file Regimen would read is a symbolic link (or lies under one) leading out of
    /// the repository. Its examples need links, which the in-memory file system of the rule
    /// examples does not model: BoundaryTests cover it on disk.
    public static let outsideRepository = LoadStageRule(
        RuleDescriptor(
            code: "RG008", name: "outside-repository", severity: .error,
            summary: "a file that is a symbolic link leading out of the repository, which is not read",
            explanation: """
                Regimen reads only files inside the repository it checks: the nearest folder above \
                the file that holds `.git`, or `--root`; a file outside any repository may read \
                only files in its own folder. A programme found in a folder, a file named on the \
                command line, `.regimen.yml`, a baseline, a rule pack or plugin in `plugins/`, or \
                a `--template` that is a symbolic link to somewhere else (or lies in a linked \
                folder) could otherwise make `regimen validate` print another file's lines, such \
                as a credentials file or the process environment, into a CI log.

                Such a file is not opened: the finding names the link and where it leads, and \
                nothing of the file behind it is shown. A link that stays inside the repository \
                is followed as usual. Copy the file into the repository instead of linking to it.
                """,
            triggering: [],
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
                    phases:
                      - id: early
                        weeks: 1-3
                        items:
                          - use: bridge
                            dose: { sets: 3, reps: 10 }
                    """)
            ]))
}
