/// The built-in rules, registered through the same `Rule` protocol a third party uses.
/// Keep the list in code order; a test checks that every rule file is listed.
public enum BuiltInRules {
    /// Every built-in rule.
    public static let all: [any Rule] = [
        LoadStageRule.yamlSyntax,
        LoadStageRule.emptyFile,
        LoadStageRule.multipleDocuments,
        LoadStageRule.limitExceeded,
        LoadStageRule.duplicateKey,
        LoadStageRule.booleanAsText,
        LoadStageRule.unsupportedYAML,
        LoadStageRule.wrongType,
        LoadStageRule.unknownKey,
        LoadStageRule.missingKey,
        LoadStageRule.invalidQuantity,
        LoadStageRule.invalidValue,
        LoadStageRule.unsupportedVersion,
        UnknownExerciseRule(),
        LoadStageRule.libraryFile,
        LoadStageRule.imageFile,
        ImplausibleDoseRule(),
        PhaseWeeksRule(),
        ProgressionLoopRule(),
        ContraindicatedForConditionRule(),
        ExerciseWithoutStepsRule(),
        MissingRedFlagsRule(),
        SessionTooLongRule(),
        DuplicateIDRule(),
        ProgressionMismatchRule(),
        RestrictionViolatedRule(),
        ContraindicatedForPatientRule(),
        PrecautionForPatientRule(),
        ExcludedPatientRule(),
        AffectedSideRule(),
    ]
}
