import ArgumentParser
import Dispatch
import Foundation
import RegimenDiagnostics
import RegimenPreview

/// `regimen preview FILE [--patient P] [--port N] [--phase ID]`
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve a live page of a programme's findings and handout that follows every save.",
        discussion: """
            Prints the page's address (http://127.0.0.1:PORT/) on the first line of standard \
            output, then serves it until Ctrl-C. The page shows `regimen validate`'s findings for \
            the programme, and the errors that keep a handout from being made, each linked to its \
            line in the source shown below; then the handout `regimen export --format html` would \
            write. When the programme, a library file it includes, the profile or .regimen.yml is \
            saved, the page updates by itself; while the programme has errors, the last handout \
            stays, marked out of date.

            The server listens on 127.0.0.1 only, answers only GET requests for its own page \
            (never a file by its path), and only when the Host header names it (docs/preview.md).

            EXAMPLES:
              regimen preview programmes/neck-pain.yaml
                then open the address it prints in a browser
              regimen preview programmes/neck-pain.yaml --patient patient.yaml --phase ease
                screened against a patient, with one phase's handout
              regimen preview programmes/neck-pain.yaml --port 0
                on any free port

            \(ExitStatus.helpText)
            """)

    @Argument(help: "The programme file.")
    var programme: String

    @Option(
        help: ArgumentHelp(
            "Screen against this patient profile, and make the handout for them.",
            discussion: "Defaults to the profile .regimen.yml names for previews (`preview: { patient: … }`), if any.",
            valueName: "profile"))
    var patient: String?

    @Option(help: ArgumentHelp("Listen on this port of 127.0.0.1; 0 takes a free one.", valueName: "n"))
    var port: Int = Int(PreviewServer.defaultPort)

    @Option(help: ArgumentHelp("Show only this phase (its id) in the handout.", valueName: "id"))
    var phase: String?

    @Option(help: ArgumentHelp("The repository root that library files must stay inside.", valueName: "dir"))
    var root: String?

    @Option(help: ConfigurationArguments.configHelp)
    var config: String?

    @Option(name: .customLong("limit"), help: ConfigurationArguments.limitHelp)
    var limitSettings: [String] = []

    @OptionGroup(title: "Plugins") var plugins: PluginOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port takes a number from 0 to 65535, not \(port)") }
        _ = try ConfigurationArguments.limitOverrides(limitSettings)
    }

    func run() throws {
        let console = Console.current
        // First of all, so that a Ctrl-C while the programme is first read still stops it cleanly.
        let stop = StopRequest()
        let sources = stop.installHandlers()
        defer { for source in sources { source.cancel() } }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: programme, isDirectory: &isDirectory), !isDirectory.boolValue else {
            console.err("error: \(Visible.escaped(programme)): no such programme file\n")
            throw ExitStatus.usage.exitCode
        }
        // The workspace is worked out again at every render; this one checks the options once.
        let workspace = try plugins.workspace(
            inputs: [programme], root: root, config: config, limitSettings: limitSettings, rulePlugins: .never)
        try workspace.reportInputErrors()
        let server = PreviewServer(
            request: PreviewRequest(programme: programme, patient: patient, phase: phase, arguments: workspace.arguments),
            port: UInt16(port))
        let outcome = Self.serve(server, console: console, stop: stop)
        if let error = outcome {
            console.err("error: \(error.description)\n")
            throw ExitStatus.usage.exitCode
        }
    }

    /// Runs `server` until `stop` is requested (SIGINT or SIGTERM), then lets it stop
    /// listening; its error, if it could not start.
    static func serve(_ server: PreviewServer, console: Console, stop: StopRequest) -> PreviewServerError? {
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        let task = Task {
            do throws(PreviewServerError) {
                try await server.run { address in console.out(address + "\n") }
            } catch {
                outcome.set(error)
            }
            finished.signal()
        }
        stop.attach(task)
        finished.wait()
        return outcome.error
    }

    /// The server's error, handed from its task to the waiting thread.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: PreviewServerError?
        var error: PreviewServerError? { lock.withLock { stored } }
        func set(_ error: PreviewServerError) { lock.withLock { stored = error } }
    }
}

extension PreviewCommand: NamesInputFiles {
    var inputFiles: [String] { [programme, patient, config].compactMap { $0 } }
}
