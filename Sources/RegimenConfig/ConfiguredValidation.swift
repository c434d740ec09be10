import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// `regimen validate` under the repository's configuration: each file is checked with the
/// settings of its nearest `.regimen.yml` (or of the one given with `--config`), files a walk
/// finds that the configuration ignores are skipped, rule settings are applied to the findings,
/// and a baseline, when given, drops the findings it accepts.
///
/// Settings come from, in rising order: the defaults, the configuration, then the command line
/// (`overrides`).
public struct ConfiguredValidation: Sendable {
    /// The pipeline before any configuration: its loader's file system and root, and its
    /// validator's rules, are used for every file.
    public var pipeline: ValidationPipeline
    /// A configuration file given explicitly (`--config PATH`): used for every file, and none is
    /// looked for.
    public var configurationPath: String?
    /// Settings given on the command line, which win over any configuration's.
    public var overrides: Overrides
    /// A baseline file (`--baseline FILE`): the findings it holds are dropped.
    public var baselinePath: String?
    /// The directory (absolute) that baseline entries name files relative to; when nil, the
    /// loader's root if it has one, else the nearest directory above the current one that holds
    /// `.git`, else the current directory.
    public var baselineRoot: String?
    /// Configuration files already read (by absolute path; a workspace reads them once):
    /// used instead of reading them again.
    public var preloaded: [String: ConfigurationLoader.Loaded] = [:]

    /// Settings from the command line.
    public struct Overrides: Sendable, Hashable {
        /// `--limit NAME=VALUE` settings, by name.
        public var limits: [String: Int]
        /// `--session-size-limit N`.
        public var sessionSizeLimit: Int?

        /// Overrides of `limits` and `sessionSizeLimit`.
        public init(limits: [String: Int] = [:], sessionSizeLimit: Int? = nil) {
            self.limits = limits
            self.sessionSizeLimit = sessionSizeLimit
        }
    }

    /// A configured run of `pipeline`.
    public init(
        pipeline: ValidationPipeline = ValidationPipeline(), configurationPath: String? = nil, overrides: Overrides = Overrides(),
        baselinePath: String? = nil, baselineRoot: String? = nil
    ) {
        self.pipeline = pipeline
        self.configurationPath = configurationPath
        self.overrides = overrides
        self.baselinePath = baselinePath
        self.baselineRoot = baselineRoot
    }

    /// The outcome of a run.
    public struct Result: Sendable {
        /// Every finding (the configurations' own included) after rule settings, suppressions
        /// and the baseline, in presentation order; the sources include the configuration files;
        /// the input errors include configuration and baseline files that could not be read.
        public var report: ValidationPipeline.Report
        /// The configuration files used, in path order (none when no file was found).
        public var configurations: [Configuration]
        /// What the baseline did, when one was given and could be read.
        public var baseline: Baseline.Outcome?
        /// The findings before the baseline was applied: what `--write-baseline` records.
        public var findingsBeforeBaseline: [Diagnostic]
        /// The directory (absolute) baseline entries name files relative to.
        public var baselineRoot: String
        /// The current directory files are shown relative to.
        public var currentDirectory: String

        /// The baseline of this run's findings (before any baseline was applied), for `--write-baseline`.
        public func makeBaseline() -> Baseline {
            Baseline.make(
                diagnostics: findingsBeforeBaseline, sources: report.sources, root: baselineRoot, currentDirectory: currentDirectory)
        }
    }

    /// Validates `paths` (files, or directories walked for `*.yaml` and `*.yml`), screening
    /// against the profile at `patient` when given.
    public func run(paths: [String], patient: String? = nil) -> Result {
        let fs = pipeline.loader.fileSystem
        // Asked once: `getcwd` is a system call, and these paths are joined per file.
        let currentDirectory = fs.currentDirectory
        let configurations = ConfigurationLoader(fileSystem: fs, registry: pipeline.validator.registry, root: pipeline.loader.root)
        var extraDiagnostics: [Diagnostic] = []
        var extraSources: [SourceFile] = []
        var inputErrors: [String] = []
        var loaded: [String: Configuration] = [:]

        let explicit = configurationPath.map { Paths.join(currentDirectory, $0) }
        var discovered: [String: String?] = [:]
        /// The configuration for `path`: a file, or (`isFile` false) a path of any kind. Each
        /// configuration file is read once, and looked for once per directory.
        func configuration(for path: String, isFile: Bool = false) -> (key: String, configuration: Configuration) {
            var found = explicit
            if found == nil {
                if isFile {
                    let directory = Paths.directory(of: path)
                    if let known = discovered[directory] {
                        found = known
                    } else {
                        found = configurations.discover(inDirectory: directory)
                        discovered[directory] = .some(found)
                    }
                } else {
                    found = configurations.discover(for: path)
                }
            }
            guard let file = found else {
                return ("", Configuration(directory: currentDirectory))
            }
            if let known = loaded[file] { return (file, known) }
            let result = preloaded[file] ?? configurations.load(file == explicit ? configurationPath ?? file : file)
            extraDiagnostics += result.diagnostics
            if let source = result.source { extraSources.append(source) }
            extraSources += result.vocabularySources
            if let error = result.inputError { inputErrors.append(error) }
            loaded[file] = result.configuration
            return (file, result.configuration)
        }

        // Group the inputs by their configuration: files as named, and the files a walk finds,
        // less the ones their configuration ignores.
        var groups: [String: (configuration: Configuration, paths: [String])] = [:]
        func add(_ path: String, for lookup: String, isFile: Bool = false) {
            let (key, found) = configuration(for: lookup, isFile: isFile)
            groups[key, default: (found, [])].paths.append(path)
        }
        for path in paths {
            let absolute = Paths.join(currentDirectory, path)
            guard fs.kind(of: absolute) == .directory else {
                add(path, for: absolute)
                continue
            }
            let found = pipeline.loader.yamlFiles(under: absolute).sorted()
            // The loader reports an empty directory; a directory whose files are all ignored is not an error.
            guard !found.isEmpty else {
                add(path, for: absolute)
                continue
            }
            // A configuration file given with `--config` is not a programme, wherever it is.
            for file in found where file != explicit && !configuration(for: file, isFile: true).configuration.ignores(file) {
                add(file, for: file, isFile: true)
            }
        }
        if groups.isEmpty, configurationPath != nil {
            // Still read an explicit configuration, so that its problems are reported.
            _ = configuration(for: currentDirectory)
        }

        // Run each group with its settings; the loader's and validator's own settings first.
        var reports: [ValidationPipeline.Report] = []
        var findings: [Diagnostic] = []
        for key in groups.keys.sorted() {
            guard let group = groups[key] else { continue }
            let configured = applyOverrides(to: group.configuration.applied(to: pipeline))
            let report = configured.run(paths: group.paths, patient: patient)
            findings += group.configuration.adjusted(report.diagnostics + unusedVocabularyFiles(report.load, group.configuration))
            reports.append(report)
        }
        var report = Self.merge(reports, fallback: pipeline.loader)
        var seen = Set<Diagnostic>()
        let all = (findings + extraDiagnostics).filter { seen.insert($0).inserted }.sorted(by: Diagnostic.presentationOrder)
        for source in extraSources { report.sources.add(source) }
        report.inputErrors = inputErrors + report.inputErrors

        // The baseline last: it records what the rest leaves.
        let root = baselineRoot.map { Paths.join(currentDirectory, $0) } ?? defaultBaselineRoot()
        var outcome: Baseline.Outcome?
        report.diagnostics = all
        if let baselinePath, let refusal = baselineRefusal(baselinePath) {
            // A baseline that links out of its repository is not opened; nothing is filtered.
            report.diagnostics = (all + [refusal]).sorted(by: Diagnostic.presentationOrder)
        } else if let baselinePath {
            switch readBaseline(baselinePath) {
            case .success(let baseline):
                let filtered = baseline.filter(all, sources: report.sources, root: root, currentDirectory: currentDirectory)
                report.diagnostics = filtered.kept
                outcome = filtered
            case .failure(let error):
                report.inputErrors.append(error.description)
            }
        }
        return Result(
            report: report,
            configurations: loaded.keys.sorted().compactMap { loaded[$0] },
            baseline: outcome, findingsBeforeBaseline: all, baselineRoot: root, currentDirectory: currentDirectory)
    }

    /// The plugin paths (absolute) of the configurations that apply to `paths`, each once, in
    /// the order met: for loading plugins before `run`, so that the validator's registry holds
    /// their rules and `rules:` may name them.
    public func pluginPaths(for paths: [String]) -> [String] {
        let fs = pipeline.loader.fileSystem
        // Asked once: `getcwd` is a system call, and these paths are joined per file.
        let currentDirectory = fs.currentDirectory
        let configurations = ConfigurationLoader(fileSystem: fs, registry: pipeline.validator.registry, root: pipeline.loader.root)
        let files =
            configurationPath.map { [Paths.join(currentDirectory, $0)] } ?? configurations.files(for: paths, walker: pipeline.loader)
        var result: [String] = []
        for file in files {
            for path in configurations.load(file).configuration.pluginPaths where !result.contains(path) { result.append(path) }
        }
        return result
    }

    /// RG603 for each vocabulary file read that `configuration` does not name: its entries are
    /// not used, which a clinic that has just written one would not expect.
    private func unusedVocabularyFiles(_ load: LoadResult, _ configuration: Configuration) -> [Diagnostic] {
        let named = Set(configuration.vocabularyFiles)
        let descriptor = LoadStageRule.unusedVocabularyFile.descriptor
        return load.vocabularyFiles.compactMap { shown in
            let absolute = load.records[shown]?.absolutePath ?? Paths.join(pipeline.loader.fileSystem.currentDirectory, shown)
            guard !named.contains(absolute) else { return nil }
            let configurationFile = configuration.path.map { "`\($0)`" } ?? "a `.regimen.yml` beside your programmes"
            return Diagnostic(
                code: descriptor.code, severity: descriptor.severity,
                message: "this vocabulary file is not named by the configuration, so its words are not used",
                range: SourceRange(file: shown, start: .start, end: SourcePosition(line: 1, column: 2)),
                help: "add `vocabulary: [\(Paths.relativePath(from: configuration.directory, to: absolute))]` to \(configurationFile)",
                origin: descriptor.name)
        }
    }

    private func applyOverrides(to configured: ValidationPipeline) -> ValidationPipeline {
        var configured = configured
        for (name, value) in overrides.limits.sorted(by: { $0.key < $1.key }) {
            _ = configured.loader.limits.set(name, to: value)
        }
        if let size = overrides.sessionSizeLimit { configured.validator.options.sessionSizeLimit = size }
        return configured
    }

    private func defaultBaselineRoot() -> String {
        let fs = pipeline.loader.fileSystem
        if let root = pipeline.loader.root { return Paths.join(fs.currentDirectory, root) }
        return RepositoryBoundary.repositoryRoot(from: fs.currentDirectory, fileSystem: fs)
    }

    /// The finding (RG008) for a baseline file that is a link leading out of its repository.
    private func baselineRefusal(_ path: String) -> Diagnostic? {
        let fs = pipeline.loader.fileSystem
        let absolute = Paths.join(fs.currentDirectory, path)
        let boundary = RepositoryBoundary.enclosing(absolute, root: pipeline.loader.root, fileSystem: fs)
        guard case .outside(let refusal) = boundary.check(absolute) else { return nil }
        let shown = { (path: String) in Paths.relative(path, to: fs.currentDirectory) }
        return RepositoryBoundary.diagnostic(refusal, shownPath: shown(absolute), shown: shown)
    }

    private func readBaseline(_ path: String) -> Swift.Result<Baseline, Baseline.DecodingError> {
        let fs = pipeline.loader.fileSystem
        let absolute = Paths.join(fs.currentDirectory, path)
        guard fs.kind(of: absolute) == .file else {
            return .failure(
                Baseline.DecodingError(description: "\(path): no such baseline file (write one with `--write-baseline \(path)`)"))
        }
        // A baseline lists findings, not file contents: a generous bound is still a bound.
        let boundary = RepositoryBoundary.enclosing(absolute, root: pipeline.loader.root, fileSystem: fs)
        guard let bytes = try? boundary.read(absolute, limit: 64 * 1024 * 1024) else {
            return .failure(Baseline.DecodingError(description: "\(path): cannot be read"))
        }
        do {
            return .success(try Baseline.decode(Data(bytes)))
        } catch {
            return .failure(Baseline.DecodingError(description: "\(path): \(error.description)"))
        }
    }

    /// One report of several runs' reports: files counted once, programmes and libraries by path.
    static func merge(_ reports: [ValidationPipeline.Report], fallback loader: Loader) -> ValidationPipeline.Report {
        guard var merged = reports.first else { return ValidationPipeline(loader: loader).run(paths: []) }
        for report in reports.dropFirst() {
            var load = merged.load
            let other = report.load
            load.diagnostics += other.diagnostics
            load.inputErrors += other.inputErrors
            load.sources.merge(other.sources)
            load.records.merge(other.records) { first, _ in first }
            for path in other.fileOrder where !load.fileOrder.contains(path) { load.fileOrder.append(path) }
            for path in other.vocabularyFiles where !load.vocabularyFiles.contains(path) { load.vocabularyFiles.append(path) }
            let programmes = Set(load.programmes.map(\.path))
            load.programmes += other.programmes.filter { !programmes.contains($0.path) }
            load.programmes.sort { $0.path < $1.path }
            let libraries = Set(load.libraries.map(\.path))
            load.libraries += other.libraries.filter { !libraries.contains($0.path) }
            load.libraries.sort { $0.path < $1.path }
            if load.patient == nil { load.patient = other.patient }
            merged.load = load
            merged.sources.merge(report.sources)
            merged.inputErrors += report.inputErrors.filter { !merged.inputErrors.contains($0) }
        }
        merged.fileCount = merged.load.fileCount
        return merged
    }
}
