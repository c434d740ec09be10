import RegimenConfig
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenPlugins
import RegimenValidate
import RegimenVocabulary
import RegimenWorkspace

/// One check of one document, as `regimen validate` would make it, with what the editor
/// features need from it.
struct CheckResult: Sendable {
    /// Every finding of the run (other files' too), paths as shown.
    var diagnostics: [Diagnostic]
    /// Why files could not be read at all.
    var inputErrors: [String]
    /// The directory shown paths are relative to.
    var currentDirectory: String
    /// The text of the files read.
    var sources: SourceMap
    /// The exercises the document can name: a programme's own and its libraries', or a
    /// library's own.
    var exercises: [Exercise]
    /// The files (absolute) the check read: a change to any of them calls for a new check.
    var readPaths: Set<String>
    /// The rules in force.
    var registry: RuleRegistry
    /// The vocabulary in force.
    var vocabulary: Vocabulary

    /// The absolute path of a path as shown.
    func absolute(_ shown: String) -> String { Paths.join(currentDirectory, shown) }
}

/// Runs `regimen validate`'s checks on documents, with editor buffers over the disk. The
/// workspace of each directory (configuration, rule plugins, rule packs) is made once, and
/// made again when a configuration changes.
struct Checker {
    /// The workspace folder shown paths are relative to; nil: each document's directory.
    var rootPath: String?
    /// The command line's settings (plugin paths, limits, what the repository's plugins may
    /// do); the inputs and the file system are each check's own.
    var arguments: Workspace.Arguments
    private var workspaces: [String: (workspace: Workspace, configuration: [UInt8]?)] = [:]
    /// Parsed files, by path, content and limits, kept between checks.
    private let documentCache = DocumentCache()

    /// A checker for documents under `rootPath`, with the command line's `arguments`.
    init(rootPath: String?, arguments: Workspace.Arguments) {
        self.rootPath = rootPath
        self.arguments = arguments
    }

    /// Forgets every workspace: a `.regimen.yml`, a rule pack or a plugin changed.
    mutating func invalidate() { workspaces.removeAll() }

    /// The file system the checks read: `buffers` (absolute paths to text) over the disk.
    func fileSystem(buffers: [String: [UInt8]], for path: String) -> OverlayFileSystem {
        let directory = rootPath.flatMap { Paths.isInside(path, $0) ? $0 : nil } ?? Paths.directory(of: path)
        return OverlayFileSystem(base: DiskFileSystem(), buffers: buffers, currentDirectory: directory)
    }

    /// The workspace of the document at `path`, made once per directory, and again when its
    /// configuration's text changed (in the editor or on disk: one small read per check).
    mutating func workspace(for path: String, fileSystem: OverlayFileSystem) -> Workspace {
        let key = Paths.directory(of: path)
        if let known = workspaces[key], Self.configurationText(known.workspace, fileSystem) == known.configuration {
            return known.workspace
        }
        // Bounded: an editor opening files in thousands of directories keeps a few workspaces.
        if workspaces.count >= 64 { workspaces.removeAll() }
        var arguments = arguments
        arguments.inputs = [path]
        arguments.fileSystem = fileSystem
        let made = Workspace(arguments, rulePlugins: .always)
        workspaces[key] = (made, Self.configurationText(made, fileSystem))
        return made
    }

    /// The bytes of the configuration file `workspace` read, as they are now; nil when it has none.
    private static func configurationText(_ workspace: Workspace, _ fileSystem: OverlayFileSystem) -> [UInt8]? {
        guard let shown = workspace.configuration?.configuration.path else { return nil }
        return try? fileSystem.read(Paths.join(fileSystem.currentDirectory, shown), limit: Limits.default.maxFileBytes)
    }

    /// Checks the document at `path` (absolute) with `buffers` as the open documents' text.
    mutating func check(path: String, buffers: [String: [UInt8]]) -> CheckResult {
        let fs = fileSystem(buffers: buffers, for: path)
        let workspace = workspace(for: path, fileSystem: fs)
        let configuration = workspace.configuration?.configuration
        let vocabulary = configuration?.vocabulary ?? .builtIn
        if Paths.name(of: path) == Configuration.fileName {
            let loaded = ConfigurationLoader(fileSystem: fs, registry: workspace.rules).load(path)
            var sources = SourceMap()
            if let source = loaded.source { sources.add(source) }
            return CheckResult(
                diagnostics: loaded.diagnostics, inputErrors: loaded.inputError.map { [$0] } ?? [], currentDirectory: fs.currentDirectory,
                sources: sources, exercises: [], readPaths: [path], registry: workspace.rules, vocabulary: vocabulary)
        }
        var loader = Loader(fileSystem: fs)
        // The library files a programme includes are parsed once, not on every keystroke.
        loader.documentCache = documentCache
        let pipeline = ValidationPipeline(loader: loader)
        let configured = ConfiguredValidation(workspace: workspace, pipeline: pipeline)
        // Screened against the profile `.regimen.yml` names for previews, when it names one.
        var report = configured.run(paths: [path], patient: configuration?.previewPatient).report
        workspace.rulePlugins.merge(into: &report)
        let load = report.load
        let cwd = fs.currentDirectory
        var exercises: [Exercise] = []
        if let programme = load.programmes.first(where: { Paths.join(cwd, $0.path) == path }) {
            exercises = programme.catalogue.distinctDefinitions
        } else if let library = load.libraries.first(where: { Paths.join(cwd, $0.path) == path }) {
            exercises = library.library.exercises
        }
        var read = Set(load.records.values.map(\.absolutePath))
        read.insert(path)
        return CheckResult(
            diagnostics: report.diagnostics, inputErrors: report.inputErrors, currentDirectory: cwd, sources: report.sources,
            exercises: exercises, readPaths: read, registry: workspace.rules, vocabulary: vocabulary)
    }
}
