import ArgumentParser
import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenPlugins
import RegimenWorkspace

extension PluginOptions {
    /// The workspace a command over `inputs` runs in, from its options and the console's
    /// environment: made once per command, by the library (`Workspace`).
    func workspace(
        inputs: [String], root: String?, config: String? = nil, limitSettings: [String] = [], walksDirectories: Bool = false,
        rulePlugins: Workspace.RulePluginLoading
    ) throws -> Workspace {
        var arguments = Workspace.Arguments(
            inputs: inputs, root: root, configurationPath: config, walksDirectories: walksDirectories,
            limitOverrides: try ConfigurationArguments.limitOverrides(limitSettings), pluginPaths: pluginPaths,
            environment: Console.current.environment)
        arguments.pluginLimits.timeout = pluginTimeout
        arguments.repositoryPlugins = repositoryMode
        return Workspace(arguments, rulePlugins: rulePlugins)
    }

    /// The options as if none were given on the command line (`regimen compile` takes none).
    /// A `REGIMEN_REPOSITORY_PLUGINS` that is not a setting fails only the commands that take
    /// `--repository-plugins`; here it means `off`, as `repositoryMode` reads it.
    static var none: PluginOptions {
        get throws {
            if let options = try? PluginOptions.parse([]) { return options }
            return try PluginOptions.parse(["--repository-plugins", RepositoryPlugins.off.rawValue])
        }
    }
}

extension Workspace {
    /// Prints each file that could not be read at all, and exits 2 when there is one.
    func reportInputErrors() throws {
        guard !inputErrors.isEmpty else { return }
        for problem in inputErrors { Console.current.err("error: \(Visible.escaped(problem))\n") }
        throw ExitStatus.usage.exitCode
    }
}
