import RegimenDiagnostics
import RegimenTranslate

extension TranslationRule {
    /// RG701: a translation file Regimen cannot read, or an entry in it that is malformed.
    public static let invalidTranslationFile = TranslationRule(
        RuleDescriptor(
            code: TranslationCode.invalidFile, name: "invalid-translation-file", severity: .error,
            summary: "a translation file (`NAME.LANG.po`) has a line or an entry that cannot be read",
            explanation: """
                A programme's texts are translated in gettext PO files beside it: \
                `sciatica.es.po` holds the Spanish of `sciatica.yaml` (docs/languages.md). Each \
                entry names the text's path (`msgctxt`), the source text (`msgid`) and the \
                translation (`msgstr`), each a quoted string; a string can go on over the next lines \
                as further quoted strings. A line that is none of these, a string with no closing \
                quote, an unknown escape, an entry with no `msgstr`, two entries for one text, or a \
                header that names a character set other than UTF-8 is reported here, at its line \
                and column, and the rest of the file is still read.

                Translators' tools (Poedit, Lokalize, Weblate) write correct files; a file edited \
                by hand is where these come from. `msgfmt --check -o /dev/null FILE` reports the \
                same problems.
                """,
            triggering: [
                RuleExample(
                    TranslationExample.programme(),
                    files: TranslationExample.translation(replacing: [
                        "title": """
                        msgctxt "title"
                        msgid "Walking for back pain"
                        msgstr ↓"Caminar para el dolor de espalda
                        """,
                        "exercises.walking.name": """
                        msgctxt "exercises.walking.name"
                        msgid "Walking"
                        msgstr "Caminar ↓\\q"
                        """,
                    ]))
            ],
            nonTriggering: [RuleExample(TranslationExample.programme(), files: TranslationExample.translation())]))
}
