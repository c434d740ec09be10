import RegimenDiagnostics

extension LoadStageRule {
    /// RG202: a `library:` entry must name a library file inside the repository.
    public static let libraryFile = LoadStageRule(
        RuleDescriptor(
            code: "RG202", name: "library-file", severity: .error,
            summary: "a library entry names a file that is missing, absolute, outside the repository, a directory, or not a library file",
            explanation: """
                `library:` lists the files of shared exercise definitions a programme uses, each \
                relative to the programme and inside the same repository, so that the programme \
                means the same thing on every clinician's machine and in continuous integration. An \
                entry that names a missing file, an absolute path, a file outside the repository \
                (directly or through a symbolic link), a directory, or a programme instead of a \
                library file leaves the programme's exercises undefined.

                Correct the path (a close file name is suggested), write it relative to the \
                programme, or copy the library file into the repository. A library file starts with \
                `regimen-library: 1`.
                """,
            triggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: sciatica-early
                    title: Easing sciatica
                    library: [↓library/lumbar.yml]
                    red-flags:
                      - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                    exercises:
                      walking:
                        name: Walking
                        steps: [Walk at a comfortable pace on level ground]
                    phases:
                      - id: settle
                        weeks: 1-2
                        items:
                          - use: walking
                            dose: { duration: 10 min, frequency: 2 per day }
                    """,
                    files: [
                        "library/lumbar.yaml": """
                        regimen-library: 1
                        title: Lumbar spine
                        exercises:
                          prone-lying:
                            name: Lying on your front
                            steps: [Lie face down with your arms by your sides, Let your back relax]
                        """
                    ]),
                RuleExample(
                    """
                    regimen: 1
                    id: sciatica-early
                    title: Easing sciatica
                    library:
                      - ↓/home/clinic/shared/lumbar.yaml
                      - ↓../other-clinic/lumbar.yaml
                      - ↓library
                      - ↓knee.yaml
                    red-flags:
                      - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                    exercises:
                      walking:
                        name: Walking
                        steps: [Walk at a comfortable pace on level ground]
                    phases:
                      - id: settle
                        weeks: 1-2
                        items:
                          - use: walking
                            dose: { duration: 10 min, frequency: 2 per day }
                    """,
                    files: [
                        "library/lumbar.yaml": """
                        regimen-library: 1
                        exercises:
                          prone-lying:
                            name: Lying on your front
                            steps: [Lie face down with your arms by your sides, Let your back relax]
                        """,
                        "knee.yaml": """
                        regimen: 1
                        id: knee-basics
                        title: Knee basics
                        red-flags: [Your knee locks or gives way]
                        exercises:
                          quads-set:
                            name: Thigh squeeze
                            steps: [Sit with your leg straight, Press the back of your knee down]
                        phases:
                          - id: start
                            weeks: 1-4
                            items:
                              - use: quads-set
                        """,
                    ]),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    regimen: 1
                    id: sciatica-early
                    title: Easing sciatica
                    library: [library/lumbar.yaml]
                    red-flags:
                      - Numbness around your genitals or buttocks, or problems controlling your bladder or bowel
                    exercises:
                      walking:
                        name: Walking
                        steps: [Walk at a comfortable pace on level ground]
                    phases:
                      - id: settle
                        weeks: 1-2
                        items:
                          - use: prone-lying
                            dose: { duration: 2 min }
                          - use: walking
                            dose: { duration: 10 min, frequency: 2 per day }
                    """,
                    files: [
                        "library/lumbar.yaml": """
                        regimen-library: 1
                        title: Lumbar spine
                        exercises:
                          prone-lying:
                            name: Lying on your front
                            steps: [Lie face down with your arms by your sides, Let your back relax]
                        """
                    ])
            ]))
}
