import RegimenDiagnostics
import RegimenTranslate

extension TranslationRule {
    /// RG706: numbers, placeholders, links or markup that differ between a text and its translation.
    public static let translationPlaceholders = TranslationRule(
        RuleDescriptor(
            code: TranslationCode.placeholders, name: "translation-placeholders", severity: .warning,
            summary: "a translation's numbers, placeholders, links or markup differ from its source text",
            explanation: """
                Numbers are facts a translation must not change: a pain score (`3/10`), a dose, a \
                phone number (`999`), a time. So are placeholders (`{name}`, `%s`), links and \
                HTML-looking tags. A translation that drops one, or has one its source has not, is \
                reported at its `msgstr`, with a note at the source text. A decimal comma counts as \
                a decimal point (`1,5` is `1.5`).

                Keep them as they are in the source text. If a fact should be different for \
                patients who read this language (another emergency number), change the source \
                programme, or write a programme for them: a translation says what the source says.
                """,
            triggering: [
                RuleExample(
                    TranslationExample.programme(),
                    files: TranslationExample.translation(replacing: [
                        "red-flags[0]": """
                        msgctxt "red-flags[0]"
                        msgid "Numbness around your genitals or bottom. Call 999."
                        ↓msgstr "Entumecimiento alrededor de los genitales o las nalgas. Llame al 112."
                        """
                    ]))
            ],
            nonTriggering: [RuleExample(TranslationExample.programme(), files: TranslationExample.translation())]))
}
