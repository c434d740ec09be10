import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenExport
import RegimenLoad
import RegimenPlugins
import RegimenValidate

/// Everything a command needs to know about where it runs, worked out once: the repository
/// root, the configurations (`.regimen.yml`) that apply, the limits in force, where plugins are
/// looked for, and the rules and exporters there are. Every command and pipeline takes it (or
/// the values in it), so no command searches for the root, reads a configuration or scans for
/// plugins in its own way.
///
/// Nothing here prints: what went wrong on the way is `inputErrors` (a file that cannot be read
/// at all) and the findings inside `configurations` and `rulePlugins`.
public struct Workspace: Sendable {
    /// What a command was given: the paths, and the options that say where and how to read.
    public struct Arguments: Sendable {
        /// The programmes, files or directories the command works on, as given.
        public var inputs: [String]
        /// `--root DIR`: the repository root, instead of the nearest directory holding `.git`.
        public var root: String?
        /// `--config PATH`: the one configuration to use, instead of the nearest `.regimen.yml`.
        public var configurationPath: String?
        /// Whether a directory among `inputs` is walked for the configurations of the files in
        /// it (`regimen validate DIR`), rather than only the one that applies to the directory.
        public var walksDirectories: Bool
        /// `--limit NAME=VALUE` settings, by name (already checked); they win over a configuration's.
        public var limitOverrides: [String: Int]
        /// `--plugin-path DIR` directories, in order.
        public var pluginPaths: [String]
        /// The bounds on each plugin run (`--plugin-timeout`).
        public var pluginLimits: ProcessLimits
        /// What may be used from the repository's own plugins (`--repository-plugins`).
        public var repositoryPlugins: RepositoryPlugins
        /// The command's environment (`REGIMEN_PLUGIN_PATH`, `PATH`, what plugins inherit).
        public var environment: [String: String]
        /// The directory of the plugins installed with Regimen; nil leaves them out. Defaults to
        /// `share/regimen/plugins` beside the running executable's `bin/`.
        public var bundledPluginDirectory: String?
        /// Where files come from.
        public var fileSystem: any FileSystem

        /// Arguments for a command over `inputs`; every option as if not given.
        public init(
            inputs: [String], root: String? = nil, configurationPath: String? = nil, walksDirectories: Bool = false,
            limitOverrides: [String: Int] = [:], pluginPaths: [String] = [], pluginLimits: ProcessLimits = .default,
            repositoryPlugins: RepositoryPlugins = .run, environment: [String: String] = ProcessInfo.processInfo.environment,
            bundledPluginDirectory: String? = BundledPlugins.directory(), fileSystem: any FileSystem = DiskFileSystem()
        ) {
            self.inputs = inputs
            self.root = root
            self.configurationPath = configurationPath
            self.walksDirectories = walksDirectories
            self.limitOverrides = limitOverrides
            self.pluginPaths = pluginPaths
            self.pluginLimits = pluginLimits
            self.repositoryPlugins = repositoryPlugins
            self.environment = environment
            self.bundledPluginDirectory = bundledPluginDirectory
            self.fileSystem = fileSystem
        }
    }

    /// When rule plugins are asked to `--describe` themselves and rule packs are read: both
    /// cost time (a process each), so only commands that use them pay for them.
    public enum RulePluginLoading: Sendable {
        /// Always: `regimen validate` runs them.
        case always
        /// Only when a configuration's `rules:` names a rule the built-in registry lacks, so
        /// that a rule pack's code is not reported as unknown (`compile`, `export`).
        case whenConfigurationNamesThem
        /// Never (`regimen plugins`, which describes each plugin itself).
        case never
    }

    /// What the workspace was made from.
    public let arguments: Arguments
    /// The current directory, which relative paths are taken from.
    public let currentDirectory: String
    /// The repository root (absolute): `--root`, else that of the first input (the nearest
    /// directory at or above it that holds `.git`, else its own directory).
    public let root: String
    /// The repository root of each input, each once, in input order (inputs may lie in
    /// different repositories); the first is `root`.
    public let roots: [String]
    /// The configuration files that apply to the inputs, read once, in the order met (the one
    /// `--config` names, when given).
    public private(set) var configurations: [ConfigurationLoader.Loaded]
    /// The configuration of the first input, if there is one.
    public var configuration: ConfigurationLoader.Loaded? { primaryConfiguration.flatMap { key in loadedByPath[key] } }
    /// The limits in force for the first input: the defaults, its configuration's, then `--limit`.
    public let limits: Limits
    /// How plugins are found and run.
    public let pluginSettings: PluginSettings
    /// Where plugins are looked for, in order.
    public let searchPath: PluginSearchPath
    /// Every plugin and rule pack found on `searchPath` (one search for every kind).
    public let discovery: Discovery
    /// The rule plugins and rule packs, loaded as `RulePluginLoading` says (empty otherwise),
    /// with their own problems.
    public private(set) var rulePlugins: RulePlugins
    /// The rules: the built-in ones and those of `rulePlugins`.
    public let rules: RuleRegistry
    /// The built-in exporters; exporter plugins are in `discovery`, and `exporter(named:)`
    /// looks in both.
    public let builtInExporters: ExporterRegistry
    /// Why a file the command needs could not be read at all (a `--config` that names
    /// nothing): usage errors, not findings.
    public var inputErrors: [String] { configurations.compactMap(\.inputError) }

    /// Configuration files by absolute path, for `ConfiguredValidation`.
    public private(set) var loadedByPath: [String: ConfigurationLoader.Loaded] = [:]
    private let primaryConfiguration: String?

    /// Works out the workspace for `arguments`: one root search, one read of each
    /// configuration, one plugin search.
    public init(
        _ arguments: Arguments, rulePlugins loading: RulePluginLoading = .whenConfigurationNamesThem,
        builtInExporters: ExporterRegistry = .builtIn
    ) {
        self.arguments = arguments
        self.builtInExporters = builtInExporters
        let fs = arguments.fileSystem
        let cwd = fs.currentDirectory
        currentDirectory = cwd

        // The root: once per input, the same search the loader makes for library files.
        var roots: [String] = []
        for input in (arguments.inputs.isEmpty ? ["."] : arguments.inputs).prefix(1_000) {
            let found = RepositoryBoundary.repositoryRoot(for: input, root: arguments.root, fileSystem: fs)
            if !roots.contains(found) { roots.append(found) }
        }
        self.roots = roots
        root = roots.first ?? cwd

        // The configurations, read against the built-in rules first.
        var loader = ConfigurationLoader(fileSystem: fs, registry: .builtIn, root: arguments.root)
        let files = Self.configurationFiles(arguments, loader: loader)
        primaryConfiguration = files.primary
        var configurations: [ConfigurationLoader.Loaded] = []
        var loadedByPath: [String: ConfigurationLoader.Loaded] = [:]
        for (absolute, given) in files.all {
            let loaded = loader.load(given)
            configurations.append(loaded)
            loadedByPath[absolute] = loaded
        }

        // The plugin search path: the repository's plugins/, --plugin-path, the configurations'
        // plugin-paths, REGIMEN_PLUGIN_PATH, the bundled plugins, PATH.
        var settings = PluginSettings(
            pluginPaths: arguments.pluginPaths, limits: arguments.pluginLimits, environment: arguments.environment, currentDirectory: cwd)
        for loaded in configurations {
            for path in loaded.configuration.pluginPaths where !settings.configuredPaths.contains(path) {
                settings.configuredPaths.append(path)
            }
        }
        settings.repositoryPlugins = arguments.repositoryPlugins
        settings.bundledDirectory = arguments.bundledPluginDirectory
        pluginSettings = settings
        let searchPath = PluginSearchPath(
            repositoryRoots: roots, pluginPaths: settings.pluginPaths, configuredPaths: settings.configuredPaths,
            environment: settings.environment, currentDirectory: cwd, repositoryPlugins: settings.repositoryPlugins,
            bundledDirectory: settings.bundledDirectory)
        self.searchPath = searchPath
        discovery = Discovery.scan(searchPath)

        // Rule plugins, when wanted; then configurations that named their rules are read again.
        let namesOthers = configurations.contains { !$0.unknownRules.isEmpty }
        let loads =
            switch loading {
            case .always: true
            case .whenConfigurationNamesThem: namesOthers
            case .never: false
            }
        var plugins = RulePlugins()
        if loads { plugins = RulePlugins.load(discovery.restricted(to: [.rule], rulePacks: true), settings: settings) }
        rulePlugins = plugins
        rules = plugins.registry(adding: .builtIn)
        if loads && namesOthers {
            loader.registry = rules
            for (index, (absolute, given)) in files.all.enumerated() where !configurations[index].unknownRules.isEmpty {
                let again = loader.load(given)
                guard again.inputError == nil else { continue }
                configurations[index] = again
                loadedByPath[absolute] = again
            }
        }
        self.configurations = configurations
        self.loadedByPath = loadedByPath

        var limits = Limits.default
        if let primary = files.primary, let configuration = loadedByPath[primary]?.configuration {
            limits = configuration.applied(to: Loader(limits: limits)).limits
        }
        self.limits = Self.applying(arguments.limitOverrides, to: limits)
    }

    /// `limits` with the command line's `overrides` set, which win over a configuration's.
    public static func applying(_ overrides: [String: Int], to limits: Limits) -> Limits {
        var limits = limits
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            _ = limits.set(name, to: value)
        }
        return limits
    }

    /// The limits for what is not read under a configuration (a compiled plan): the defaults
    /// with `--limit`.
    public var commandLineLimits: Limits { Self.applying(arguments.limitOverrides, to: .default) }

    /// The configuration files for `arguments`, absolute with the path to read each by (as
    /// given for `--config`, so that a message names it as the user wrote it), each once; and
    /// the one that applies to the first input.
    static func configurationFiles(_ arguments: Arguments, loader: ConfigurationLoader) -> (
        all: [(absolute: String, given: String)], primary: String?
    ) {
        let fs = arguments.fileSystem
        let cwd = fs.currentDirectory
        if let explicit = arguments.configurationPath {
            let absolute = Paths.join(cwd, explicit)
            return ([(absolute, explicit)], absolute)
        }
        let inputs = arguments.inputs.isEmpty ? ["."] : arguments.inputs
        let files = loader.files(for: inputs, walker: arguments.walksDirectories ? Loader(fileSystem: fs) : nil)
        let primary = inputs.first.flatMap { loader.discover(for: Paths.join(cwd, $0)) }
        return (files.map { ($0, $0) }, primary)
    }

    // MARK: Stages

    /// A loader for the first input: `--root`, the configuration's limits and library paths,
    /// then `--limit`.
    public func loader() -> Loader {
        var loader = Loader(fileSystem: arguments.fileSystem, root: arguments.root)
        if let configuration = configuration?.configuration { loader = configuration.applied(to: loader) }
        loader.limits = limits
        return loader
    }

    /// A validator with the built-in rules and the configuration's session size limit and
    /// vocabulary. Rule settings never apply here: this is the validator a plan is made behind,
    /// and a configuration must not turn a safety rule off on the way to a patient.
    public func planValidator() -> Validator {
        guard let configuration = configuration?.configuration else { return Validator() }
        return configuration.applied(to: Validator())
    }

    // MARK: Exporters

    /// What `--format NAME` finds.
    public enum ExporterLookup: Sendable {
        /// A built-in exporter.
        case builtIn(any Exporter)
        /// An exporter plugin, not yet asked to describe itself (`loadExporter`).
        case plugin(DiscoveredPlugin)
        /// The repository's exporter of that name links out of it: not run (RG008).
        case refused(RefusedPlugin)
        /// The repository's exporter of that name, kept from running by `--repository-plugins`
        /// (its absolute path).
        case withheld(String)
        /// No exporter of that name: what there is, and where plugins were looked for.
        case unknown(UnknownExporter)
    }

    /// The exporter answering to `--format name`: a built-in, else the first plugin of the name.
    public func exporter(named name: String) -> ExporterLookup {
        if let builtIn = builtInExporters.exporter(name) { return .builtIn(builtIn) }
        let exporters = discovery.restricted(to: [.exporter], rulePacks: false)
        if let plugin = exporters.exporter(name) { return .plugin(plugin) }
        let executable = PluginKind.exporter.executableName(name)
        if let refused = exporters.refused.first(where: { Paths.name(of: $0.refusal.path) == executable }) { return .refused(refused) }
        if let withheld = exporters.withheld.first(where: { Paths.name(of: $0.path) == executable }) { return .withheld(withheld.path) }
        return .unknown(
            UnknownExporter(
                name: name, formats: exporterNames, searchPath: searchPath, root: root, currentDirectory: currentDirectory,
                bundledDirectory: arguments.bundledPluginDirectory, fileSystem: arguments.fileSystem))
    }

    /// Every format `--format` takes here: the built-in exporters and the exporter plugins found.
    public var exporterNames: [String] {
        Array(Set(builtInExporters.identifiers + discovery.plugins(.exporter).map(\.name))).sorted()
    }

    /// The exporter plugin, once it has described itself in a contract this Regimen speaks.
    public func loadExporter(_ plugin: DiscoveredPlugin) -> Result<ExternalExporter, PluginFailure> {
        ExternalExporter.load(plugin, runner: pluginSettings.runner)
    }

    /// `path` as shown: relative to the current directory when inside it.
    public func shown(_ path: String) -> String { pluginSettings.shown(path) }
}
