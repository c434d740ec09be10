/// What may be used from the repository's own plugins (its `plugins/` directory and the
/// `plugin-paths` its `.regimen.yml` names): the person running Regimen decides, never the
/// repository (docs/security.md). Rule packs are data; executables are code.
public enum RepositoryPlugins: String, Sendable, CaseIterable {
    /// Executables and rule packs (the default: a clinic's own repository).
    case run
    /// Rule packs only: no code from the repository runs (pull requests from outside).
    case packs
    /// Nothing from the repository's plugins.
    case off

    /// The environment variable that sets it for every command of a CI job.
    public static let environmentVariable = "REGIMEN_REPOSITORY_PLUGINS"

    /// The setting in `environment`: `run` when unset; nil when set to something else.
    public static func from(environment: [String: String]) -> RepositoryPlugins? {
        guard let value = environment[environmentVariable], !value.isEmpty else { return .run }
        return RepositoryPlugins(rawValue: value)
    }

    /// Whether executables found in the repository's directories run.
    public var runsExecutables: Bool { self == .run }
    /// Whether rule packs found in the repository's directories are read.
    public var readsRulePacks: Bool { self != .off }

    /// Why a plugin of the repository was not used, for `regimen plugins list`.
    public var withheldReason: String {
        "not run: --repository-plugins \(rawValue) (or \(Self.environmentVariable)=\(rawValue))"
    }
}
