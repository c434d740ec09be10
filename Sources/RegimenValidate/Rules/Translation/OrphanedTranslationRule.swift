import RegimenDiagnostics
import RegimenTranslate

extension TranslationRule {
    /// RG705: a translation whose text is no longer in the source file.
    public static let orphanedTranslation = TranslationRule(
        RuleDescriptor(
            code: TranslationCode.orphaned, name: "orphaned-translation", severity: .warning,
            summary: "a translation names a text that the file no longer has",
            explanation: """
                A translation's `msgctxt` is the path of its text in the YAML file \
                (`phases[settle].notes`, `exercises.bridge.steps[2]`). When the text is deleted, or \
                moves (a phase renamed, a step inserted before it), the translation no longer \
                belongs to any text and is never used.

                `regimen translate extract -l LANG FILE` keeps such translations at the end of the \
                file as obsolete entries (`#~`), which translators' tools offer as suggestions and \
                Regimen does not report; or delete the entry.
                """,
            triggering: [
                RuleExample(
                    TranslationExample.programme(),
                    files: TranslationExample.translation(
                        adding: """
                            ↓msgctxt "phases[start].notes"
                            msgid "Some aching is normal."
                            msgstr "Es normal notar algunas molestias."
                            """))
            ],
            nonTriggering: [
                RuleExample(
                    TranslationExample.programme(),
                    files: TranslationExample.translation(
                        adding: """
                            #~ msgctxt "phases[start].notes"
                            #~ msgid "Some aching is normal."
                            #~ msgstr "Es normal notar algunas molestias."
                            """))
            ]))
}
