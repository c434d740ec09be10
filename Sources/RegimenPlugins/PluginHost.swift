import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// How plugins are found and run in one command: from `--plugin-path`, `--plugin-timeout`
/// and the environment.
public struct PluginSettings: Sendable {
    /// `--plugin-path` directories, in order.
    public var pluginPaths: [String]
    /// The bounds on each plugin run.
    public var limits: ProcessLimits
    /// The environment of the command (`REGIMEN_PLUGIN_PATH`, `PATH`, and what plugins inherit).
    public var environment: [String: String]
    /// The working directory, which relative paths are taken from and plugins run in.
    public var currentDirectory: String
    /// The `plugin-paths` of the repository's `.regimen.yml` (absolute): the repository's own.
    public var configuredPaths: [String] = []
    /// What may be used from the repository's own plugins (`--repository-plugins`).
    public var repositoryPlugins: RepositoryPlugins = .run
    /// The plugins installed with Regimen (`BundledPlugins.directory()`), searched after
    /// `REGIMEN_PLUGIN_PATH`; nil to leave them out.
    public var bundledDirectory: String?

    /// Settings with `pluginPaths` and `limits`, in `environment`.
    public init(
        pluginPaths: [String] = [], limits: ProcessLimits = .default, environment: [String: String],
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.pluginPaths = pluginPaths
        self.limits = limits
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// Where to look for the plugins of a command over `inputs` (files or directories): each
    /// input's repository `plugins/` (under `root` when given), then the configured paths.
    public func searchPath(forInputs inputs: [String], root: String? = nil) -> PluginSearchPath {
        var roots: [String] = []
        for input in inputs.prefix(1_000) {
            let found = PluginSearchPath.repositoryRoot(for: input, root: root, currentDirectory: currentDirectory)
            if !roots.contains(found) { roots.append(found) }
        }
        return PluginSearchPath(
            repositoryRoots: roots, pluginPaths: pluginPaths, configuredPaths: configuredPaths, environment: environment,
            currentDirectory: currentDirectory, repositoryPlugins: repositoryPlugins, bundledDirectory: bundledDirectory)
    }

    /// The runner plugins are started with: the plugin environment, in the working directory.
    public var runner: ProcessRunner {
        ProcessRunner(
            limits: limits, environment: ProcessRunner.pluginEnvironment(from: environment), workingDirectory: currentDirectory)
    }

    /// `path` as it is shown: relative to the working directory when inside it.
    public func shown(_ path: String) -> String {
        Paths.relative(path, to: currentDirectory)
    }
}

/// The rules that plugins add to a validation: rule plugins that described themselves in a
/// contract this Regimen speaks, and the good entries of every rule pack; with the problems
/// found on the way (RG401, RG402) and the packs' text for excerpts.
public struct RulePlugins: Sendable {
    /// The rules to register beside the built-in ones.
    public var rules: [any Rule] = []
    /// The rule packs read (first of each name).
    public var packs: [RulePack] = []
    /// Problems with the plugins themselves.
    public var diagnostics: [Diagnostic] = []
    /// The packs' text, for excerpts.
    public var sources = SourceMap()

    /// Nothing.
    public init() {}

    /// Describes every rule plugin and reads every rule pack that `discovery` found.
    public static func load(_ discovery: Discovery, settings: PluginSettings) -> RulePlugins {
        var out = RulePlugins()
        let runner = settings.runner
        for plugin in discovery.plugins(.rule) {
            switch ExternalRule.load(plugin, runner: runner) {
            case .success(let rule): out.rules.append(rule)
            case .failure(let failure):
                var diagnostic = failure.diagnostic(at: .wholeFile(settings.shown(plugin.path)))
                diagnostic.help = "its checks were not made; " + failure.help
                out.diagnostics.append(diagnostic)
            }
        }
        out.diagnostics += discovery.refused.map { $0.diagnostic(shown: settings.shown) }
        var packNames: [String: String] = [:]
        var codes: [String: (pack: String, range: SourceRange)] = [:]
        for file in discovery.rulePacks {
            let shown = settings.shown(file.path)
            let bytes: [UInt8]
            do {
                bytes = try file.read()
            } catch {
                out.diagnostics.append(
                    Diagnostic(
                        code: PluginCode.invalidRulePack, severity: .error, message: "rule pack cannot be read", range: .wholeFile(shown),
                        help: "check the file's permissions", origin: Paths.name(of: shown)))
                continue
            }
            let parsed = RulePack.parse(bytes, path: shown)
            out.sources.add(parsed.source)
            out.diagnostics.append(contentsOf: parsed.diagnostics)
            guard var pack = parsed.pack else { continue }
            // The first pack of a name wins, as the first plugin of a name does.
            if packNames[pack.name.value] != nil { continue }
            packNames[pack.name.value] = shown
            pack.entries = pack.entries.filter { entry in
                if let earlier = codes[entry.code.value] {
                    out.diagnostics.append(
                        Diagnostic(
                            code: PluginCode.invalidRulePack, severity: .error,
                            message: "code `\(entry.code.value)` is already used by rule pack `\(earlier.pack)`", range: entry.code.range,
                            help: "give the packs different code prefixes; this entry is not used",
                            notes: [.init("used here", at: earlier.range)], origin: pack.name.value))
                    return false
                }
                codes[entry.code.value] = (pack.name.value, entry.code.range)
                return true
            }
            out.packs.append(pack)
            out.rules.append(contentsOf: pack.entries.map { RulePackRule(pack: pack, entry: $0) })
        }
        return out
    }

    /// `registry` with these rules added.
    public func registry(adding registry: RuleRegistry) -> RuleRegistry {
        var registry = registry
        for rule in rules where !registry.rules.contains(where: { $0.descriptor.code == rule.descriptor.code }) {
            registry.register(rule)
        }
        return registry
    }

    /// Adds the problems found with plugins, and the packs' text, to `report`.
    public func merge(into report: inout ValidationPipeline.Report) {
        guard !diagnostics.isEmpty || !packs.isEmpty else { return }
        report.sources.merge(sources)
        report.diagnostics = (report.diagnostics + diagnostics).sorted(by: Diagnostic.presentationOrder)
    }
}
