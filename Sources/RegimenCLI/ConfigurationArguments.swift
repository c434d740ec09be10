import ArgumentParser
import Foundation
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate

/// `--config PATH` and `--limit NAME=VALUE`: their help and their checks, the same for every
/// command that takes them (`validate`, `compile`, `export`).
enum ConfigurationArguments {
    /// The help of `--config PATH`.
    static var configHelp: ArgumentHelp {
        ArgumentHelp("Use this configuration instead of the nearest .regimen.yml.", valueName: "path")
    }

    /// The help of `--limit NAME=VALUE`, naming every limit with its default.
    static var limitHelp: ArgumentHelp {
        ArgumentHelp(
            "Raise or lower a limit, as NAME=VALUE (repeatable).",
            discussion: "Names: "
                + Limits.names.map { "\($0.name) (\($0.summary), default \(Limits.default[keyPath: $0.keyPath]))" }.joined(separator: "; ")
                + ".",
            valueName: "name=value")
    }

    /// The `--limit NAME=VALUE` settings, checked: by name, the last of a name winning. A usage
    /// error names the setting, the limits and what a value is.
    static func limitOverrides(_ settings: [String]) throws -> [String: Int] {
        var checked = Limits.default
        var overrides: [String: Int] = [:]
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            // Above the ceiling is said as such; any other mistake gets the general message.
            if parts.count == 2, let value = Int(parts[1]), let ceiling = Limits.ceiling(parts[0]), value > ceiling,
                let problem = Limits.problem(setting: parts[0], to: value)
            {
                throw ValidationError("`--limit \(setting)`: \(problem) (docs/limits.md lists each limit's ceiling)")
            }
            guard parts.count == 2, let value = Int(parts[1]), checked.set(parts[0], to: value) else {
                throw ValidationError(
                    "`--limit \(setting)`: expected NAME=VALUE with NAME one of \(Limits.names.map(\.name).joined(separator: ", ")) and VALUE a positive whole number"
                )
            }
            overrides[parts[0]] = value
        }
        return overrides
    }

    /// `limits` with the command line's `overrides` set, which win over the configuration's.
    static func applying(_ overrides: [String: Int], to limits: Limits) -> Limits {
        var limits = limits
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            _ = limits.set(name, to: value)
        }
        return limits
    }
}

/// The configuration a programme is compiled under (`regimen compile`, and `regimen export` of a
/// programme): found as `regimen validate` finds it, read and checked as it reads it.
///
/// Only the settings that say how files are read are applied: `limits`, `library-paths`, and
/// the threshold of a warning (`session-size-limit`). Rule settings (`rules:`) never are: a
/// plan is made only when no rule finds an error, and a configuration must not be able to turn
/// a safety rule such as RG301 off, or an error into a warning, on the way to a patient.
struct ProgrammeConfiguration {
    /// What was read (as much as could be, when the file has mistakes).
    var configuration: Configuration
    /// The file's own findings (RG501, or the YAML codes), reported with the programme's.
    var diagnostics: [Diagnostic]
    /// The file's text, for excerpts.
    var source: SourceFile?
    /// The text of the vocabulary files it names, for excerpts.
    var vocabularySources: [SourceFile] = []

    /// Whether the file has a mistake that fails the command, as it fails `regimen validate`.
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The configuration for `programme`: the file at `explicitPath` when given, else the
    /// nearest `.regimen.yml` above it; nil when there is none. Throws a usage error (exit 2),
    /// after printing why, when the file cannot be read at all (a `--config` that names nothing).
    ///
    /// `rules:` is checked against the built-in rules and, only when it names another, against
    /// the rule plugins and rule packs `regimen validate` would register too (found through
    /// `plugins` and the configuration's `plugin-paths`), so that a rule pack's code is not
    /// reported as unknown here while `validate` accepts it. Their rules are not run.
    static func load(for programme: String, explicitPath: String?, root: String?, plugins: PluginOptions?) throws -> Self? {
        guard var loaded = ConfigurationLoader(root: root).configuration(for: programme, explicitPath: explicitPath) else { return nil }
        if let problem = loaded.inputError {
            Console.current.err("error: \(Visible.escaped(problem))\n")
            throw ExitStatus.usage.exitCode
        }
        if !loaded.unknownRules.isEmpty, var options = plugins ?? (try? PluginOptions.parse([])) {
            options.configuredPaths += loaded.configuration.pluginPaths
            let registry = options.rulePlugins(for: [programme], root: root).registry(adding: .builtIn)
            if let again = ConfigurationLoader(registry: registry, root: root).configuration(for: programme, explicitPath: explicitPath),
                again.inputError == nil
            {
                loaded = again
            }
        }
        return ProgrammeConfiguration(
            configuration: loaded.configuration, diagnostics: loaded.diagnostics, source: loaded.source,
            vocabularySources: loaded.vocabularySources)
    }

    /// `loader` with the configuration's limits and library paths.
    func applied(to loader: Loader) -> Loader {
        configuration.applied(to: loader)
    }

    /// `validator` with the configuration's session size limit (a warning's threshold) and its
    /// vocabulary, and nothing else: no rule is turned off and no severity changed (`Configuration.adjusted` is
    /// never called for a plan).
    func applied(to validator: Validator) -> Validator {
        configuration.applied(to: validator)
    }
}
