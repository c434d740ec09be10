import ArgumentParser
import RegimenFormat

/// `regimen schema [-o FILE]`
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema of the programme format, for editors.",
        discussion: """
            The schema (JSON Schema draft 07) describes programmes, library files and patient \
            profiles, and is generated from the definitions the loader reads with. Editors that \
            use yaml-language-server (VS Code's YAML extension, Neovim's yamlls) read it for \
            completion, descriptions on hover and inline errors; docs/editors.md shows how. A \
            copy is kept in docs/programme.schema.json.

            The schema catches unknown and missing keys and values of the wrong type as you \
            type; `regimen validate` checks everything else.

            EXAMPLES:
              regimen schema -o programme.schema.json
                the file .vscode/settings.json points yaml-language-server at
              regimen schema
                the schema on standard output

            \(ExitStatus.helpText)
            """)

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write the schema here (atomically) instead of to standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        try emit(JSONSchemaGenerator().encoded(), to: output)
    }
}
