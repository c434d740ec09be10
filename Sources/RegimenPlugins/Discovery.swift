import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// A directory searched for plugins, and why it is searched.
public struct PluginDirectory: Sendable, Hashable {
    /// Why a directory is searched; also the order directories are searched in.
    public enum Origin: String, Sendable, Hashable, Comparable {
        /// `plugins/` at the root of the repository holding the programmes.
        case repository
        /// `--plugin-path DIR`.
        case option
        /// `plugin-paths` in the repository's `.regimen.yml`: the repository's own, like `plugins/`.
        case configuration
        /// `REGIMEN_PLUGIN_PATH`.
        case environment
        /// The plugins installed with Regimen: `share/regimen/plugins` beside the executable's
        /// `bin/` (`BundledPlugins`).
        case bundled
        /// `PATH` (executables only, no rule packs).
        case path

        private var rank: Int {
            switch self {
            case .repository: 0
            case .option: 1
            case .configuration: 2
            case .environment: 3
            case .bundled: 4
            case .path: 5
            }
        }

        public static func < (lhs: Origin, rhs: Origin) -> Bool { lhs.rank < rhs.rank }

        /// How `regimen plugins list` names it, in its FROM column.
        public var label: String {
            switch self {
            case .repository: "repository"
            case .option: "--plugin-path"
            case .configuration: "plugin-paths"
            case .environment: "REGIMEN_PLUGIN_PATH"
            case .bundled: "bundled"
            case .path: "PATH"
            }
        }

        /// Why the directory is searched, in words, for messages.
        public var explanation: String {
            switch self {
            case .repository: "the repository's own plugins"
            case .option: "--plugin-path"
            case .configuration: "plugin-paths in .regimen.yml"
            case .environment: "REGIMEN_PLUGIN_PATH"
            case .bundled: "the plugins bundled with an installed Regimen"
            case .path: "PATH"
            }
        }

        /// Whether the directory is the repository's own (so untrusted on a stranger's pull
        /// request), rather than one the person running Regimen named.
        public var isRepository: Bool { self == .repository || self == .configuration }
    }

    /// The absolute path.
    public var path: String
    /// Why it is searched.
    public var origin: Origin

    /// A directory at `path`, searched because of `origin`.
    public init(path: String, origin: Origin) {
        self.path = path
        self.origin = origin
    }
}

/// Where plugins are looked for, in order; the first plugin found of each kind and name wins.
public struct PluginSearchPath: Sendable, Hashable {
    /// The directories, in search order, each once.
    public private(set) var directories: [PluginDirectory] = []

    /// What may be used from the repository's own directories (`.repository`, `.configuration`).
    public var repositoryPlugins: RepositoryPlugins = .run

    /// An empty search path.
    public init() {}

    /// The search path for programmes under `repositoryRoots`: each root's `plugins/`, then
    /// `pluginPaths` (`--plugin-path`), then `configuredPaths` (`plugin-paths`), then
    /// `REGIMEN_PLUGIN_PATH` from `environment` (colon-separated; empty entries are skipped),
    /// then `bundledDirectory` (the plugins installed with Regimen), then `PATH`. Relative paths
    /// are taken from `currentDirectory`.
    public init(
        repositoryRoots: [String], pluginPaths: [String], configuredPaths: [String] = [], environment: [String: String],
        currentDirectory: String, repositoryPlugins: RepositoryPlugins = .run, bundledDirectory: String? = nil
    ) {
        self.repositoryPlugins = repositoryPlugins
        for root in repositoryRoots { add(Paths.join(Paths.join(currentDirectory, root), "plugins"), .repository) }
        for path in pluginPaths { add(Paths.join(currentDirectory, path), .option) }
        for path in configuredPaths { add(Paths.join(currentDirectory, path), .configuration) }
        addEntries(of: "REGIMEN_PLUGIN_PATH", in: environment, currentDirectory: currentDirectory, as: .environment)
        if let bundledDirectory { add(Paths.join(currentDirectory, bundledDirectory), .bundled) }
        addEntries(of: "PATH", in: environment, currentDirectory: currentDirectory, as: .path)
    }

    private mutating func addEntries(
        of variable: String, in environment: [String: String], currentDirectory: String, as origin: PluginDirectory.Origin
    ) {
        for entry in (environment[variable] ?? "").split(separator: ":", omittingEmptySubsequences: true) {
            add(Paths.join(currentDirectory, String(entry)), origin)
        }
    }

    /// Adds `path` unless it is already searched.
    public mutating func add(_ path: String, _ origin: PluginDirectory.Origin) {
        let normalised = Paths.normalise(path)
        guard !directories.contains(where: { $0.path == normalised }), directories.count < 256 else { return }
        directories.append(PluginDirectory(path: normalised, origin: origin))
    }

    /// The repository root for the file or directory at `path` (absolute): `root` when given,
    /// else the nearest directory at or above it that holds `.git`, else its own directory
    /// (the rule the loader follows for library files).
    public static func repositoryRoot(for path: String, root: String?, currentDirectory: String) -> String {
        RepositoryBoundary.repositoryRoot(for: Paths.join(currentDirectory, path), root: root.map { Paths.join(currentDirectory, $0) })
    }
}

/// An executable plugin that was found.
public struct DiscoveredPlugin: Sendable, Hashable {
    /// NAME in `regimen-export-NAME`.
    public var name: String
    /// What it does, by its executable's name.
    public var kind: PluginKind
    /// The absolute path of the executable.
    public var path: String
    /// The directory it was found in.
    public var directory: PluginDirectory

    /// `regimen-export-NAME` or `regimen-rule-NAME`.
    public var executableName: String { kind.executableName(name) }
}

/// A rule pack file that was found.
public struct DiscoveredRulePack: Sendable, Hashable {
    /// The absolute path.
    public var path: String
    /// The directory it was found in (the one holding `rules/`).
    public var directory: PluginDirectory

    /// The pack's bytes, at most `RulePack.maxFileBytes + 1` of them; a pack in the
    /// repository's `plugins/` is read through the repository boundary.
    public func read() throws(RepositoryBoundary.ReadFailure) -> [UInt8] {
        guard let boundary = directory.boundary else {
            do {
                return try DiskFileSystem().read(path, limit: RulePack.maxFileBytes)
            } catch {
                throw .unreadable
            }
        }
        return try boundary.read(path, limit: RulePack.maxFileBytes)
    }
}

/// A plugin or rule pack in the repository's `plugins/` that is a link leading out of the
/// repository (or lies in a linked directory): it is not read, nor run.
public struct RefusedPlugin: Sendable, Hashable {
    /// What was refused, and which link leads where.
    public var refusal: RepositoryBoundary.Refusal
    /// `rule-pack`, or the plugin kind's name.
    public var kind: String

    /// The finding (RG008) for it, with paths shown by `shown`.
    public func diagnostic(shown: (String) -> String) -> Diagnostic {
        RepositoryBoundary.diagnostic(refusal, shownPath: shown(refusal.path), shown: shown)
    }
}

extension PluginDirectory {
    /// The repository boundary for a repository's `plugins/` (the repository root: its
    /// parent) and for a directory its `.regimen.yml` names (the repository that holds it);
    /// nil for directories the user named, which are trusted as named.
    var boundary: RepositoryBoundary? {
        switch origin {
        case .repository: RepositoryBoundary(root: Paths.directory(of: path))
        case .configuration: RepositoryBoundary.enclosing(path + "/.")
        case .option, .environment, .bundled, .path: nil
        }
    }
}

/// What a search found: the plugins that will be used, those hidden behind an earlier one of
/// the same kind and name, and rule packs.
public struct Discovery: Sendable {
    /// The plugins in use, by kind then name.
    public var plugins: [DiscoveredPlugin] = []
    /// Plugins hidden by one found earlier, with the one that hides each.
    public var shadowed: [(plugin: DiscoveredPlugin, by: DiscoveredPlugin)] = []
    /// Rule pack files, in search order (a pack whose name an earlier pack has is hidden
    /// when the packs are read).
    public var rulePacks: [DiscoveredRulePack] = []
    /// Executables and rule packs in the repository's `plugins/` that link out of it: not used.
    public var refused: [RefusedPlugin] = []
    /// The repository's own executables and rule packs that `--repository-plugins` keeps from
    /// being used (absolute paths), with the setting.
    public var withheld: [(path: String, kind: String)] = []
    /// The setting that withheld them.
    public var repositoryPlugins: RepositoryPlugins = .run

    /// The most executables and rule packs one search takes, whatever the directories hold.
    public static let maxPlugins = 256

    /// Searches `searchPath` for the plugins of `kinds`, and for rule packs when `rulePacks`.
    /// Executables are regular files (or links to them) that may be executed, named
    /// `regimen-KIND-NAME` with NAME an identifier; rule packs are `*.yaml` and `*.yml` files
    /// in `rules/` in each directory except those from `PATH`.
    public static func scan(_ searchPath: PluginSearchPath, kinds: Set<PluginKind> = Set(PluginKind.allCases), rulePacks: Bool = true)
        -> Discovery
    {
        var discovery = Discovery()
        discovery.repositoryPlugins = searchPath.repositoryPlugins
        var byKey: [String: DiscoveredPlugin] = [:]
        var packPaths = Set<String>()
        for directory in searchPath.directories {
            let boundary = directory.boundary
            /// Whether `path` may be used: a file in the repository's `plugins/` that links out is refused.
            func allowed(_ path: String, kind: String) -> Bool {
                guard let boundary, case .outside(let refusal) = boundary.check(path) else { return true }
                if discovery.refused.count < maxPlugins { discovery.refused.append(RefusedPlugin(refusal: refusal, kind: kind)) }
                return false
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names.sorted() where name.hasPrefix(PluginContract.executablePrefix) {
                guard let (kind, pluginName) = Self.parse(name), kinds.contains(kind) else { continue }
                let path = directory.path + "/" + name
                guard Self.isExecutableFile(path), allowed(path, kind: kind.rawValue) else { continue }
                guard !directory.origin.isRepository || searchPath.repositoryPlugins.runsExecutables else {
                    if discovery.withheld.count < maxPlugins { discovery.withheld.append((path, kind.rawValue)) }
                    continue
                }
                let plugin = DiscoveredPlugin(name: pluginName, kind: kind, path: path, directory: directory)
                let key = plugin.executableName
                if let winner = byKey[key] {
                    if discovery.shadowed.count < maxPlugins { discovery.shadowed.append((plugin, winner)) }
                    continue
                }
                guard byKey.count < maxPlugins else { continue }
                byKey[key] = plugin
            }
            guard rulePacks, directory.origin != .path else { continue }
            let rules = directory.path + "/rules"
            let files = (try? FileManager.default.contentsOfDirectory(atPath: rules)) ?? []
            for file in files.sorted() where (file.hasSuffix(".yaml") || file.hasSuffix(".yml")) && !file.hasPrefix(".") {
                let path = rules + "/" + file
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    discovery.rulePacks.count < maxPlugins, allowed(path, kind: "rule-pack")
                else { continue }
                guard !directory.origin.isRepository || searchPath.repositoryPlugins.readsRulePacks else {
                    if discovery.withheld.count < maxPlugins { discovery.withheld.append((path, "rule-pack")) }
                    continue
                }
                let real =
                    realpath(path, nil).map { pointer in
                        defer { free(pointer) }
                        return String(cString: pointer)
                    } ?? path
                guard packPaths.insert(real).inserted else { continue }
                discovery.rulePacks.append(DiscoveredRulePack(path: path, directory: directory))
            }
        }
        discovery.plugins = byKey.values.sorted { ($0.kind, $0.name) < ($1.kind, $1.name) }
        return discovery
    }

    /// What a search restricted to `kinds` (and to rule packs when `rulePacks`) would have
    /// found: a workspace searches once, and each command takes the part it uses.
    public func restricted(to kinds: Set<PluginKind>, rulePacks: Bool) -> Discovery {
        var out = self
        let kindNames = Set(kinds.map(\.rawValue)).union(rulePacks ? ["rule-pack"] : [])
        out.plugins = plugins.filter { kinds.contains($0.kind) }
        out.shadowed = shadowed.filter { kinds.contains($0.plugin.kind) }
        out.rulePacks = rulePacks ? self.rulePacks : []
        out.refused = refused.filter { kindNames.contains($0.kind) }
        out.withheld = withheld.filter { kindNames.contains($0.kind) }
        return out
    }

    /// The exporter plugin answering to `--format name`.
    public func exporter(_ name: String) -> DiscoveredPlugin? {
        plugins.first { $0.kind == .exporter && $0.name == name }
    }

    /// The plugins of `kind`.
    public func plugins(_ kind: PluginKind) -> [DiscoveredPlugin] {
        plugins.filter { $0.kind == kind }
    }

    /// (kind, NAME) for an executable called `regimen-export-NAME` or `regimen-rule-NAME`.
    static func parse(_ fileName: String) -> (PluginKind, String)? {
        for kind in PluginKind.allCases {
            let prefix = kind.executableName("")
            guard fileName.hasPrefix(prefix) else { continue }
            let name = String(fileName.dropFirst(prefix.count))
            return Identifier.isValid(name) ? (kind, name) : nil
        }
        return nil
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return false }
        return access(path, X_OK) == 0
    }
}
