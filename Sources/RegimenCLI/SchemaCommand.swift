import ArgumentParser

/// `regimen schema` (being written: see the CI and editors issue).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print a JSON Schema of the programme format.", shouldDisplay: false)

    func run() throws {
        Console.current.err("error: the schema is not available yet\n")
        throw ExitStatus.usage.exitCode
    }
}
