import RegimenDiagnostics
import RegimenTranslate

extension TranslationRule {
    /// RG703: a translation made for a source text that has changed since.
    public static let staleTranslation = TranslationRule(
        RuleDescriptor(
            code: TranslationCode.stale, name: "stale-translation", severity: .warning,
            summary: "a text has changed since it was translated",
            explanation: """
                Each translation keeps the source text it was made for (`msgid`). When the \
                clinician edits the text in the YAML file afterwards, the translation may no \
                longer say the same thing: a changed dose, a new warning. Until a translator looks \
                at it again, handouts show the new text untranslated rather than the old \
                translation.

                The finding is at the text in the YAML file, with a note at the translation's \
                `msgid`. `regimen translate extract -l LANG FILE` updates the entry and marks it \
                fuzzy, with the old text beside it (`#| msgid`), as msgmerge does, so that the \
                translator's tool shows what changed.
                """,
            triggering: [
                RuleExample(
                    TranslationExample.programme(marking: "Walk at a comfortable pace"),
                    files: TranslationExample.translation(replacing: [
                        "exercises.walking.steps[0]": """
                        msgctxt "exercises.walking.steps[0]"
                        msgid "Walk at an easy pace"
                        msgstr "Camine a un ritmo tranquilo"
                        """
                    ]))
            ],
            nonTriggering: [RuleExample(TranslationExample.programme(), files: TranslationExample.translation())]))
}
