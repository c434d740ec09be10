import RegimenDiagnostics
import RegimenTranslate

extension TranslationRule {
    /// RG702: texts with no translation in a translation file.
    public static let missingTranslation = TranslationRule(
        RuleDescriptor(
            code: TranslationCode.missing, name: "missing-translation", severity: .warning,
            summary: "texts of a file have no translation in one of its translation files",
            explanation: """
                A handout in the patient's language shows a text untranslated when its \
                translation is missing (no entry, or an empty `msgstr`). One finding for each \
                translation file says how many texts are missing, how many of them are safety text \
                (red flags, precautions, restrictions, exclusions), and the first few paths; it \
                points at the first of them in the source file.

                Run `regimen translate extract -l LANG FILE` to add entries for new texts, then \
                translate them in a translator's tool. When compiling, `--strict-language` refuses a \
                plan whose safety text is not translated.
                """,
            triggering: [
                RuleExample(
                    TranslationExample.programme(marking: "Walking\n"),
                    files: TranslationExample.translation(replacing: [
                        "exercises.walking.name": """
                        msgctxt "exercises.walking.name"
                        msgid "Walking"
                        msgstr ""
                        """,
                        "exercises.walking.steps[0]": "",
                    ]))
            ],
            nonTriggering: [RuleExample(TranslationExample.programme(), files: TranslationExample.translation())]))
}
