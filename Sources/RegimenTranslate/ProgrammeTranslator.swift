import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// Which language a compiled programme's texts are in, and which are not translated.
public struct LanguageOutcome: Sendable, Hashable {
    /// The language asked for (`--language`, or the patient's `language:`).
    public var requested: String
    /// The most specific language of the chain that gave at least one text; the source
    /// language when none did.
    public var used: String
    /// The language the programme is written in (its `language:`, or en-GB).
    public var source: String
    /// The texts shown in their source language although a translation was asked for, by
    /// path (`red-flags[0]`, `exercises.bridge.steps[1]`), in the order written.
    public var untranslated: [String]
    /// The translation files read, as shown.
    public var files: [String]
}

/// Puts a programme's translations in place before it is compiled: for each text, the first
/// usable translation along the fallback chain (`es-MX` → `es`), read from `NAME.LANG.po`
/// beside the file that defines the text (the programme, or the library file of an
/// exercise). A translation is usable when it is filled in, not fuzzy, and made for the text
/// as it is now; any other text stays in its source language, and is reported.
public struct ProgrammeTranslator: Sendable {
    /// Where the PO files are read from.
    public var fileSystem: any FileSystem
    /// How they are read.
    public var parser: POParser

    /// A translator reading from `fileSystem`.
    public init(fileSystem: any FileSystem, parser: POParser = POParser()) {
        self.fileSystem = fileSystem
        self.parser = parser
    }

    /// What translating gave.
    public struct Result: Sendable {
        /// The programme with its texts, and its exercises' texts, translated where they can be.
        public var programme: LoadedProgramme
        /// Which language the texts are in.
        public var outcome: LanguageOutcome
        /// Problems in the translation files (as warnings: what can be read is used), the
        /// untranslated texts (one warning), and, with `strict`, an error for each safety text
        /// left untranslated.
        public var diagnostics: [Diagnostic]
        /// The translation files read, for excerpts.
        public var sources: [SourceFile]
    }

    /// The translations of one file along the chain, most specific first.
    private struct FileTranslations {
        var source: String
        var files: [(language: String, entries: [String: POEntry])]
    }

    /// `loaded` (from `load`) in `language`; with `strict`, a safety text left untranslated is
    /// an error.
    public func translate(_ loaded: LoadedProgramme, load: LoadResult, into language: String, strict: Bool) -> Result {
        let requested = LanguageTag.normalised(language)
        let chain = LanguageTag.fallbackChain(requested)
        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        var filesRead: [String] = []
        var cache: [String: FileTranslations] = [:]
        var languagesOfFiles: [String: String] = [:]
        for library in load.libraries { languagesOfFiles[library.path] = library.library.language?.value }
        languagesOfFiles[loaded.path] = loaded.programme.language?.value

        func translations(of file: String) -> FileTranslations {
            if let known = cache[file] { return known }
            let source = LanguageTag.normalised(languagesOfFiles[file] ?? LanguageTag.defaultSource)
            var found = FileTranslations(source: source, files: [])
            for tag in chain {
                guard let path = TranslationFiles.translation(besides: file, language: tag, fileSystem: fileSystem),
                    let (result, text) = TranslationFiles.read(path, fileSystem: fileSystem, parser: parser)
                else { continue }
                filesRead.append(path)
                sources.append(text)
                diagnostics += result.diagnostics.map { finding in
                    var finding = finding
                    finding.severity = .warning
                    return finding
                }
                found.files.append((tag, result.file.byContext))
            }
            cache[file] = found
            return found
        }

        var usedLanguages = Set<String>()
        var untranslated: [TranslatableText] = []
        // Whether a text left in its source language is one the reader does not read.
        func needsTranslation(_ file: FileTranslations) -> Bool {
            LanguageTag.language(of: file.source) != LanguageTag.language(of: requested)
        }
        func translate(_ path: String, _ kind: TranslatableText.Kind, _ text: inout Text, in file: String, counted: Bool) {
            guard !text.value.isEmpty else { return }
            let translations = translations(of: file)
            for (tag, entries) in translations.files {
                guard let entry = entries[path], !entry.isFuzzy, entry.isTranslated, entry.id == text.value else { continue }
                text.value = entry.translation
                usedLanguages.insert(tag)
                return
            }
            if counted, needsTranslation(translations) { untranslated.append(TranslatableText(path: path, text: text, kind: kind)) }
        }

        var programme = loaded.programme
        TextPaths.visit(&programme) { path, kind, text in
            // The programme's own exercises are counted where they are prescribed, below.
            translate(path, kind, &text, in: loaded.path, counted: !path.hasPrefix("exercises."))
        }
        let prescribed = Set(programme.phases.flatMap { $0.items.map(\.use.value) })
        var counted = Set<String>()
        var catalogue = ExerciseCatalogue()
        for definition in loaded.catalogue.definitions {
            var exercise = definition
            let id = exercise.id.value
            let first = counted.insert(id).inserted
            TextPaths.visit(&exercise, at: "exercises.\(id)") { path, kind, text in
                translate(path, kind, &text, in: definition.id.range.file, counted: first && prescribed.contains(id))
            }
            catalogue.add(exercise)
        }
        var translated = loaded
        translated.programme = programme
        translated.catalogue = catalogue

        // In the order written: file by file as met, then by place.
        var fileOrder: [String: Int] = [:]
        for text in untranslated where fileOrder[text.text.range.file] == nil { fileOrder[text.text.range.file] = fileOrder.count }
        untranslated = untranslated.enumerated().sorted {
            let (a, b) = ($0.element.text.range, $1.element.text.range)
            return (fileOrder[a.file] ?? 0, a.start.line, a.start.column, $0.offset) < (
                fileOrder[b.file] ?? 0, b.start.line, b.start.column, $1.offset
            )
        }.map(\.element)
        let source = LanguageTag.normalised(loaded.programme.language?.value ?? LanguageTag.defaultSource)
        let used = chain.first { usedLanguages.contains($0) } ?? source
        if !untranslated.isEmpty {
            let shown = untranslated.prefix(5).map { "`\($0.path)`" }.joined(separator: ", ")
            let more = untranslated.count > 5 ? " and \(untranslated.count - 5) more" : ""
            let noun = untranslated.count == 1 ? "text is" : "texts are"
            diagnostics.append(
                Diagnostic(
                    code: TranslationCode.missing, severity: .warning,
                    message:
                        "\(untranslated.count) \(noun) not translated into \(requested); the handout shows \(untranslated.count == 1 ? "it" : "them") in \(source): \(shown)\(more)",
                    range: loaded.programme.title.range,
                    help:
                        "translate them in the PO files beside the programme and its library files (`regimen translate extract -l \(LanguageTag.language(of: requested))`)"
                ))
            if strict {
                for text in untranslated where text.kind.isSafety {
                    diagnostics.append(
                        Diagnostic(
                            code: TranslationCode.missing, severity: .error,
                            message:
                                "this \(text.kind.rawValue) text has no usable \(requested) translation; the patient may not understand it",
                            range: text.text.range,
                            help:
                                "translate `\(text.path)` (or confirm its fuzzy translation), or leave out --strict-language to print it in \(source)"
                        ))
                }
            }
        }
        let outcome = LanguageOutcome(
            requested: requested, used: used, source: source, untranslated: untranslated.map(\.path), files: filesRead)
        return Result(programme: translated, outcome: outcome, diagnostics: diagnostics, sources: sources)
    }
}
