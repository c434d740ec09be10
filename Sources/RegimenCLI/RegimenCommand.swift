import ArgumentParser
import Foundation

/// `regimen`: write, check and share exercise programmes.
public struct RegimenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "regimen",
        abstract: "Check exercise programmes written in YAML, and explain what is wrong.",
        discussion: ExitStatus.helpText,
        version: RegimenVersion.current,
        subcommands: [
            ValidateCommand.self, CompileCommand.self, ExportCommand.self, ImportCommand.self, ExplainCommand.self,
            PluginsCommand.self, SchemaCommand.self,
        ])

    public init() {}

    /// Runs the command line `arguments` (without the program name) on `console`, and returns
    /// the exit code. Usage errors exit 2, not ArgumentParser's 64, as documented.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        Console.$current.withValue(console) {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
                return ExitStatus.clean.rawValue
            } catch let exit as ExitCode {
                return exit.rawValue
            } catch {
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                if code == .success {
                    console.out(message + "\n")
                    return ExitStatus.clean.rawValue
                }
                console.err(message + "\n")
                return ExitStatus.usage.rawValue
            }
        }
    }

    /// The process entry point.
    public static func main() {
        let status = run(Array(CommandLine.arguments.dropFirst()), console: .standard())
        Foundation.exit(status)
    }
}

/// The version printed by `--version`.
public enum RegimenVersion {
    /// This build's version.
    public static let current = "0.1.0"
}
