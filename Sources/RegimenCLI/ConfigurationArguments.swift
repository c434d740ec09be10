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
}
