import RegimenDiagnostics
import RegimenLoad

/// `regimen translate extract`: for each programme or library file, the template
/// (`NAME.pot`) or one language's translation (`NAME.LANG.po`) brought up to date with its
/// texts. Nothing is written here: the command writes what this returns, atomically.
public struct TranslationExtraction: Sendable {
    /// Reads the YAML files and the existing PO files.
    public var loader: Loader
    /// How existing PO files are read.
    public var parser: POParser

    /// An extraction reading through `loader`.
    public init(loader: Loader, parser: POParser = POParser()) {
        self.loader = loader
        self.parser = parser
    }

    /// One file to write.
    public struct Output: Sendable, Hashable {
        /// Where, as shown (beside the YAML file).
        public var path: String
        /// The YAML file it translates, as shown.
        public var source: String
        /// The new text of the file.
        public var text: String
        /// Whether the file is new.
        public var isNew: Bool
        /// How many texts it has entries for.
        public var texts: Int
        /// How many of them are translated (fuzzy ones not counted).
        public var translated: Int
        /// How many are marked fuzzy.
        public var fuzzy: Int
        /// How many obsolete entries it keeps.
        public var obsolete: Int
    }

    /// What extracting gave.
    public struct Result: Sendable {
        /// The files to write, in input order.
        public var outputs: [Output] = []
        /// Why some files were not extracted: errors in the YAML file, or an existing PO file
        /// that cannot be read safely (rewriting it would lose what could not be read).
        public var diagnostics: [Diagnostic] = []
        /// The text of the files the findings point at.
        public var sources = SourceMap()
        /// Paths that could not be read at all.
        public var inputErrors: [String] = []
    }

    /// The outputs for `files` (programme or library files, not directories), into `language`
    /// (nil: the template). A file of another kind (a patient profile, a vocabulary file) is an
    /// error when it was named, and skipped when a directory's walk found it (`found`).
    public func run(files: [String], language: String?, found: Set<String> = []) -> Result {
        var result = Result()
        let extractor = Extractor()
        for file in files {
            let load = loader.load(paths: [file])
            result.inputErrors += load.inputErrors
            guard load.inputErrors.isEmpty else { continue }
            let errors = load.diagnostics.filter { $0.severity == .error && $0.range.file == (load.fileOrder.first ?? file) }
            let shown = load.fileOrder.first ?? file
            let texts: [TranslatableText]
            let project: String
            if let programme = load.programmes.first(where: { $0.path == shown }) {
                texts = TextPaths.texts(of: programme.programme)
                project = programme.programme.id.value.isEmpty ? TranslationFiles.stem(of: shown) : programme.programme.id.value
            } else if let library = load.libraries.first(where: { $0.path == shown }) {
                texts = TextPaths.texts(of: library.library)
                project = TranslationFiles.stem(of: shown)
            } else {
                if found.contains(file), errors.isEmpty { continue }
                if errors.isEmpty {
                    result.diagnostics.append(
                        Diagnostic(
                            code: LoadCode.missingKey, severity: .error, message: "`\(shown)` is not a programme or a library file",
                            range: .wholeFile(shown),
                            help: "extract the texts of programme (`regimen: 1`) and library (`regimen-library: 1`) files"))
                }
                result.diagnostics += errors
                if let source = load.sources[shown] { result.sources.add(source) }
                continue
            }
            guard errors.isEmpty else {
                result.diagnostics += errors
                if let source = load.sources[shown] { result.sources.add(source) }
                continue
            }
            let path =
                language.map { TranslationFiles.translationPath(for: shown, language: $0) } ?? TranslationFiles.templatePath(for: shown)
            let yamlName = Paths.name(of: shown)
            var existing: POFile?
            if let language, let found = TranslationFiles.translation(besides: shown, language: language, fileSystem: loader.fileSystem) {
                // `es_MX.po` written by another tool is updated in place.
                guard let read = TranslationFiles.read(found, fileSystem: loader.fileSystem, parser: parser) else {
                    result.inputErrors.append("cannot read \(found)")
                    continue
                }
                guard read.result.diagnostics.isEmpty else {
                    result.diagnostics += read.result.diagnostics
                    result.sources.add(read.source)
                    continue
                }
                existing = read.result.file
                var output = summary(
                    extractor.merge(existing, texts: texts, yamlName: yamlName, project: project, language: language), path: found,
                    source: shown, isNew: false)
                output.path = found
                result.outputs.append(output)
                continue
            }
            if language == nil, let read = TranslationFiles.read(path, fileSystem: loader.fileSystem, parser: parser) {
                // A template keeps no translations, but its own comments for translators stay.
                guard read.result.diagnostics.isEmpty else {
                    result.diagnostics += read.result.diagnostics
                    result.sources.add(read.source)
                    continue
                }
                existing = read.result.file
            }
            let file =
                language == nil
                ? Self.template(merging: existing, texts: texts, yamlName: yamlName, project: project, extractor: extractor)
                : extractor.merge(nil, texts: texts, yamlName: yamlName, project: project, language: language)
            result.outputs.append(summary(file, path: path, source: shown, isNew: existing == nil))
        }
        return result
    }

    /// A template: every text untranslated, the translator comments of `existing` kept.
    static func template(merging existing: POFile?, texts: [TranslatableText], yamlName: String, project: String, extractor: Extractor)
        -> POFile
    {
        var file = extractor.template(texts, yamlName: yamlName, project: project)
        guard let existing else { return file }
        let comments = existing.byContext.mapValues(\.translatorComments)
        for index in file.entries.indices {
            guard let context = file.entries[index].context, let kept = comments[context] else { continue }
            file.entries[index].translatorComments = kept
        }
        if let header = existing.header { file.entries[0].translatorComments = header.translatorComments }
        return file
    }

    private func summary(_ file: POFile, path: String, source: String, isNew: Bool) -> Output {
        let live = file.messages.filter { !$0.isObsolete }
        return Output(
            path: path, source: source, text: POWriter().write(file), isNew: isNew, texts: live.count,
            translated: live.filter { $0.isTranslated && !$0.isFuzzy }.count, fuzzy: live.filter(\.isFuzzy).count,
            obsolete: file.messages.count - live.count)
    }
}
