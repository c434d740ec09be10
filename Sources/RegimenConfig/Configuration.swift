import RegimenDiagnostics
import RegimenLoad
import RegimenFormat
import RegimenValidate

/// A repository's `.regimen.yml`, read: which rules apply and how seriously, the limits and
/// thresholds, where library files and plugins are, and which files a directory walk skips.
///
/// Paths are absolute, resolved against the configuration file's directory. Settings it does not
/// make are nil or empty, so that `applied(to:)` changes only what it names.
public struct Configuration: Sendable {
    /// The file name looked for in each directory from a validated file up to the root.
    public static let fileName = ".regimen.yml"
    /// The configuration format version this Regimen reads (`regimen-config: 1`).
    public static let version = 1

    /// The file, as shown; nil for the configuration in force when there is no file.
    public var path: String?
    /// The directory the file is in (absolute): `ignore:` patterns and paths are relative to it.
    public var directory: String
    /// Rule settings by rule code (`RG209`), whatever the file called the rule by.
    public var rules: [String: RuleSetting] = [:]
    /// Where plugins are (absolute), for the plugin host.
    public var pluginPaths: [String] = []
    /// Directories (absolute) searched for a `library:` entry that is not found beside its programme.
    public var libraryPaths: [String] = []
    /// Files a directory walk skips.
    public var ignore: [IgnorePattern] = []
    /// The session size above which RG209 warns.
    public var sessionSizeLimit: Int?
    /// Limits by their `--limit` name (`max-depth`), already checked with `Limits.set`.
    public var limits: [String: Int] = [:]
    /// The vocabulary files it names (absolute), in the order written.
    public var vocabularyFiles: [String] = []
    /// The built-in vocabulary with those files' entries added; nil when it names none.
    public var vocabulary: Vocabulary?
    /// The patient profile (absolute) that previews screen against (`preview: { patient: … }`):
    /// `regimen preview` and the language server use it when no `--patient` is given.
    public var previewPatient: String?

    /// A configuration that changes nothing, for files in `directory`.
    public init(directory: String, path: String? = nil) {
        self.directory = directory
        self.path = path
    }

    /// What a `rules:` entry says about a rule.
    public enum RuleSetting: String, Sendable, Hashable, CaseIterable {
        /// Its findings are dropped.
        case off
        /// Its findings are errors.
        case error
        /// Its findings are warnings.
        case warning
        /// Its findings are notes.
        case note

        /// The severity findings get, or nil when they are dropped.
        public var severity: Severity? {
            switch self {
            case .off: nil
            case .error: .error
            case .warning: .warning
            case .note: .note
            }
        }
    }
}

extension Configuration {
    /// `loader` with this configuration's limits and library paths.
    public func applied(to loader: Loader) -> Loader {
        var loader = loader
        for (name, value) in limits.sorted(by: { $0.key < $1.key }) {
            _ = loader.limits.set(name, to: value)
        }
        loader.librarySearchPaths += libraryPaths
        return loader
    }

    /// `validator` with this configuration's session size limit. Rules that are `off` still run,
    /// so that a suppression of one of them is not reported as unused; `adjusted(_:)` drops
    /// their findings.
    public func applied(to validator: Validator) -> Validator {
        var validator = validator
        if let sessionSizeLimit { validator.options.sessionSizeLimit = sessionSizeLimit }
        if let vocabulary { validator.vocabulary = vocabulary }
        return validator
    }

    /// `pipeline` with both of its stages configured.
    public func applied(to pipeline: ValidationPipeline) -> ValidationPipeline {
        var configured = pipeline
        configured.loader = applied(to: pipeline.loader)
        configured.validator = applied(to: pipeline.validator)
        return configured
    }

    /// `diagnostics` with the findings of rules that are `off` removed and the severities the
    /// configuration sets, in the same order.
    public func adjusted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !rules.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let setting = rules[diagnostic.code.uppercased()] else { return diagnostic }
            guard let severity = setting.severity else { return nil }
            var changed = diagnostic
            changed.severity = severity
            return changed
        }
    }

    /// Whether a file found by walking a directory should be skipped: its path relative to the
    /// configuration's directory (or one of that path's directories) matches an `ignore:` pattern,
    /// or it is in one of the plugin paths (which hold plugins, not programmes). `path` is
    /// absolute; other files outside the configuration's directory are never ignored.
    public func ignores(_ path: String) -> Bool {
        if pluginPaths.contains(where: { Paths.isInside(path, $0) }) { return true }
        guard !ignore.isEmpty, Paths.isInside(path, directory), path != directory else { return false }
        let relative = Paths.relative(path, to: directory)
        return ignore.contains { $0.matches(relative) }
    }
}
