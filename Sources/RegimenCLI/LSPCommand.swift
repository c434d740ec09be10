import ArgumentParser
import Foundation
import LanguageServerProtocol
import RegimenLanguageServer
import RegimenWorkspace

/// `regimen lsp`: the language server, over standard input and output.
struct LSPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP over standard input and output) for editors.",
        discussion: """
            Editors start it and talk to it; it is not for running by hand. It checks each open \
            programme, library file and .regimen.yml as `regimen validate` does, as you type, and \
            offers completion, hover, go to definition and quick fixes. docs/editors.md shows how \
            to set it up in VS Code, Neovim and Helix.

            Exits 0 after the editor's `shutdown` and `exit`, 1 when the editor goes away without them.

            EXAMPLES:
              regimen lsp
                the command an editor runs (docs/editors.md has each editor's settings)
              regimen lsp --repository-plugins packs
                for a repository you do not trust: no code from its plugins/ runs
            """)

    @OptionGroup(title: "Plugins") var plugins: PluginOptions

    func run() throws {
        // A client that goes away makes a write fail (EPIPE) instead of ending the process mid-message.
        signal(SIGPIPE, SIG_IGN)
        var arguments = Workspace.Arguments(inputs: [], pluginPaths: plugins.pluginPaths, environment: Console.current.environment)
        arguments.pluginLimits.timeout = plugins.pluginTimeout
        arguments.repositoryPlugins = plugins.repositoryMode
        let output = FileHandle.standardOutput
        let status = LanguageServer.serve(
            input: FileDescriptorSource(descriptor: STDIN_FILENO), version: RegimenVersion.current, arguments: arguments
        ) { data in
            try? output.write(contentsOf: data)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
