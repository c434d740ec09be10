import ArgumentParser

/// `regimen plugins list|check` (being written: see the plugins issue).
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "List and check plugins.", shouldDisplay: false)

    func run() throws {
        Console.current.err("error: plugins are not available yet\n")
        throw ExitStatus.usage.exitCode
    }
}
