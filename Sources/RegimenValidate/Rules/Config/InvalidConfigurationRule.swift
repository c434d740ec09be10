import RegimenDiagnostics

extension LoadStageRule {
    /// RG501: a repository's `.regimen.yml` must say what its authors meant; a misspelt key or
    /// rule would otherwise be ignored without a word.
    public static let invalidConfiguration = LoadStageRule(
        RuleDescriptor(
            code: "RG501", name: "invalid-configuration", severity: .error,
            summary: "a .regimen.yml key, rule, setting or path that Regimen cannot use",
            explanation: """
                A repository's `.regimen.yml` (see docs/configuration.md) turns rules off or changes \
                their severity, sets limits, and names library paths, plugin paths and files to \
                ignore. A mistake in it would otherwise go unnoticed: a misspelt rule code would \
                leave the rule on, a misspelt key would leave its setting out. So every key, rule, \
                value and path is checked, with the closest known one suggested: an unknown key or \
                limit, a rule no registered rule has, a setting other than `off`, `error`, `warning` \
                or `note`, a number where a number cannot be, and a path that does not exist or \
                leads outside the repository.

                Correct the configuration; the rest of it still applies meanwhile. The configuration's \
                own findings are not changed by its `rules:`. The examples below are `.regimen.yml` \
                files, each beside the programme shown after it.
                """,
            triggering: [
                RuleExample(
                    """
                    # .regimen.yml
                    regimen-config: 1
                    rules:
                      RG209: ↓of
                      ↓RG2O8: note
                    ↓ignores:
                      - drafts/**
                    """,
                    files: ["programme.yaml": configurationExampleProgramme]),
                RuleExample(
                    """
                    # .regimen.yml
                    regimen-config: 1
                    session-size-limit: ↓ten
                    limits:
                      ↓max-dept: 128
                    library-paths: [↓../shared-library]
                    """,
                    files: ["programme.yaml": configurationExampleProgramme]),
            ],
            nonTriggering: [
                RuleExample(
                    """
                    # .regimen.yml
                    regimen-config: 1
                    rules:
                      RG209: off
                      missing-red-flags: error
                    session-size-limit: 10
                    limits:
                      max-depth: 32
                    ignore:
                      - drafts/**
                    """,
                    files: ["programme.yaml": configurationExampleProgramme])
            ]))

    /// A clean programme, for the configuration examples to sit beside.
    static let configurationExampleProgramme = """
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
        """
}
