import RegimenDiagnostics
import RegimenTranslate

extension TranslationRule {
    /// RG704: a translation marked fuzzy.
    public static let fuzzyTranslation = TranslationRule(
        RuleDescriptor(
            code: TranslationCode.fuzzy, name: "fuzzy-translation", severity: .warning,
            summary: "a translation is marked fuzzy, so it is not used yet",
            explanation: """
                A fuzzy translation (`#, fuzzy`) is a guess: msgmerge and \
                `regimen translate extract` mark a translation fuzzy when its source text changed, \
                and translators mark their own drafts so. Handouts never show a fuzzy translation: \
                the text is printed in the source language until a translator checks the \
                translation and removes the mark (in Poedit, "Needs work" off; in Lokalize, \
                "Approved").
                """,
            triggering: [
                RuleExample(
                    TranslationExample.programme(),
                    files: TranslationExample.translation(replacing: [
                        "exercises.walking.steps[0]": """
                        ↓#, fuzzy
                        #| msgid "Walk at an easy pace"
                        msgctxt "exercises.walking.steps[0]"
                        msgid "Walk at a comfortable pace"
                        msgstr "Camine a un ritmo tranquilo"
                        """
                    ]))
            ],
            nonTriggering: [RuleExample(TranslationExample.programme(), files: TranslationExample.translation())]))
}
