import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenVocabulary

/// Runs the registered rules over what a `Loader` read, and gathers every finding.
public struct Validator: Sendable {
    /// The rules to run.
    public var registry: RuleRegistry
    /// Settings the rules read.
    public var options: ValidationOptions
    /// The conditions and movements the rules compare words by.
    public var vocabulary: Vocabulary

    /// A validator running `registry`'s rules, comparing words by `vocabulary`.
    public init(registry: RuleRegistry = .builtIn, options: ValidationOptions = ValidationOptions(), vocabulary: Vocabulary = .builtIn) {
        self.registry = registry
        self.options = options
        self.vocabulary = vocabulary
    }

    /// The loader's findings and every rule's, deduplicated, in presentation order, less those
    /// the files suppress (with findings about the suppressions; see `Suppressions`).
    public func validate(_ load: LoadResult) -> [Diagnostic] {
        var comments = Suppressions.Comments()
        for path in load.fileOrder {
            if let source = load.sources[path] { comments.scan(source) }
        }
        return Self.finish(load.diagnostics + ruleFindings(load), comments: comments, unsuppressible: unsuppressibleCodes)
    }

    /// Every rule's findings in what `load` holds (not the loader's own, and before
    /// suppressions), in the order rule by rule, then programme by programme, then library by
    /// library. Programmes and libraries are checked on every core; the order does not depend
    /// on the threads.
    public func ruleFindings(_ load: LoadResult) -> [Diagnostic] {
        let rules = registry.rules.filter { $0.descriptor.stage != .load && $0.descriptor.stage != .translation }
        let context = RuleContext(options: options, patient: load.patient, vocabulary: vocabulary)
        let programmes = load.programmes
        let libraries = load.libraries
        let units = programmes.count + libraries.count
        guard !rules.isEmpty, units > 0 else { return [] }

        // For each programme, then each library: each rule's findings.
        // Each programme (or library) taken out of its array once, not once a rule.
        let found: [[[Diagnostic]]] = Parallel.map(units) { unit in
            if unit < programmes.count {
                let programme = programmes[unit]
                return rules.map { $0.check(programme: programme, context: context) }
            }
            let library = libraries[unit - programmes.count]
            return rules.map { $0.check(library: library, context: context) }
        }
        var out: [Diagnostic] = []
        for rule in rules.indices {
            for unit in 0..<units where rule < found[unit].count { out += found[unit][rule] }
        }
        return out
    }

    /// The codes no suppression comment may hide: the screening rules' (a patient's safety).
    public var unsuppressibleCodes: Set<String> {
        Set(registry.rules.filter { $0.descriptor.stage == .screening }.map(\.descriptor.code))
    }

    /// `diagnostics` deduplicated, in presentation order, less what `comments` suppress (never
    /// the codes in `unsuppressible`).
    public static func finish(_ diagnostics: [Diagnostic], comments: Suppressions.Comments, unsuppressible: Set<String>) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        let found = diagnostics.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.presentationOrder)
        return Suppressions.apply(to: found, comments: comments, unsuppressible: unsuppressible)
    }
}

/// Load, then validate: the first two stages of the pipeline, each replaceable.
public struct ValidationPipeline: Sendable {
    /// Reads the files.
    public var loader: Loader
    /// Checks them.
    public var validator: Validator
    /// Whether the report keeps what the loader read (programmes, libraries, and the text of
    /// every file) for later stages. When false, files are read, checked and let go a part at
    /// a time, and only the text of files with findings is kept: what `regimen validate` does,
    /// so that its memory does not grow with the number of files.
    public var keepsLoad: Bool
    /// How many input files make a part, when `keepsLoad` is false.
    public var partSize: Int

    /// The part size `regimen validate` uses: enough files for every core to have work while
    /// the next part is read, and few enough that two parts in memory stay small (32 a core,
    /// at least 64).
    public static var defaultPartSize: Int { max(64, 32 * Parallel.coreCount) }

    /// A pipeline of `loader` and `validator`.
    public init(loader: Loader = Loader(), validator: Validator = Validator(), keepsLoad: Bool = true, partSize: Int = Self.defaultPartSize)
    {
        self.loader = loader
        self.validator = validator
        self.keepsLoad = keepsLoad
        self.partSize = partSize
    }

    /// The outcome of one run.
    public struct Report: Sendable {
        /// Every finding, in presentation order.
        public var diagnostics: [Diagnostic]
        /// The text of the files, for excerpts: every file read, or (when the pipeline does not
        /// keep its load) the files the findings point at.
        public var sources: SourceMap
        /// How many files were read.
        public var fileCount: Int
        /// Paths that could not be read at all.
        public var inputErrors: [String]
        /// What the loader produced, for later stages; when the pipeline does not keep its
        /// load, only the patient, the records, the file order and the input errors.
        public var load: LoadResult

        /// How many findings have `severity`.
        public func count(_ severity: Severity) -> Int { diagnostics.filter { $0.severity == severity }.count }
    }

    /// Loads and validates `paths`, screening against the profile at `patient` when given.
    public func run(paths: [String], patient: String? = nil) -> Report {
        if keepsLoad {
            var load = loader.load(paths: paths, patient: patient)
            var diagnostics = validator.validate(load)
            let translations = validator.translationFindings(load, fileSystem: loader.fileSystem)
            if !translations.diagnostics.isEmpty {
                var seen = Set(diagnostics)
                diagnostics += translations.diagnostics.filter { seen.insert($0).inserted }
                diagnostics.sort(by: Diagnostic.presentationOrder)
            }
            for source in translations.sources { load.sources.add(source) }
            return Report(
                diagnostics: diagnostics, sources: load.sources, fileCount: load.fileCount, inputErrors: load.inputErrors, load: load)
        }
        var found: [Diagnostic] = []
        var comments = Suppressions.Comments()
        var sources = SourceMap()
        let validator = self.validator
        let fileSystem = loader.fileSystem
        let load = loader.load(paths: paths, patient: patient, chunkSize: partSize) { part in
            let translations = validator.translationFindings(part, fileSystem: fileSystem)
            let partFindings = part.diagnostics + validator.ruleFindings(part) + translations.diagnostics
            found += partFindings
            var files = Set<String>()
            for diagnostic in partFindings { Self.addFiles(of: diagnostic, to: &files) }
            for source in translations.sources where files.contains(source.path) { sources.add(source) }
            for path in part.sources.paths {
                guard let source = part.sources[path] else { continue }
                comments.scan(source)
                if files.contains(path) || comments.files.contains(path) { sources.add(source) }
            }
        }
        let diagnostics = Validator.finish(found, comments: comments, unsuppressible: validator.unsuppressibleCodes)
        // A finding may point into a file of an earlier part (a library file a later programme
        // includes): read those again, unless they have changed since.
        var wanted = Set<String>()
        for diagnostic in diagnostics { Self.addFiles(of: diagnostic, to: &wanted) }
        sources.retain { wanted.contains($0) }
        for path in wanted.sorted() where sources[path] == nil {
            if let source = loader.source(of: path, in: load) { sources.add(source) }
        }
        return Report(diagnostics: diagnostics, sources: sources, fileCount: load.fileCount, inputErrors: load.inputErrors, load: load)
    }

    private static func addFiles(of diagnostic: Diagnostic, to files: inout Set<String>) {
        files.insert(diagnostic.range.file)
        for note in diagnostic.notes { if let range = note.range { files.insert(range.file) } }
    }
}
