import Foundation
import RegimenDiagnostics

/// Where commands write. The real process writes to its standard streams; tests capture.
///
/// Text for people goes through `Visible` here, at the boundary (docs/cli.md, "What input can
/// and cannot put on your terminal"): `say` and `err` show control, bidi and invisible
/// characters as escapes and defuse lines a CI runner would read as workflow commands. Only
/// machine formats (JSON, SARIF, JUnit, GitHub commands, a plan, an export) use `out` as they
/// are; their writers escape by their own rules.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private var capturedOut = ""
    private var capturedErr = ""
    private let capture: Bool
    /// Whether standard output is a terminal (colour is used only then, and never with NO_COLOR).
    public let outputIsTerminal: Bool
    /// The environment commands read (NO_COLOR).
    public let environment: [String: String]

    /// A console that writes to the process's streams.
    public static func standard() -> Console {
        Console(capture: false, outputIsTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
    }

    /// A console that keeps what is written, for tests.
    public static func capturing(environment: [String: String] = [:]) -> Console {
        Console(capture: true, outputIsTerminal: false, environment: environment)
    }

    private init(capture: Bool, outputIsTerminal: Bool, environment: [String: String]) {
        self.capture = capture
        self.outputIsTerminal = outputIsTerminal
        self.environment = environment
    }

    /// Writes human text to standard output: every hidden character but line feed and tab as
    /// an escape, and workflow commands defused.
    public func say(_ text: String) {
        out(Visible.lines(text))
    }

    /// Writes a report already rendered through `Visible` (by `TextRenderer`), which may hold
    /// this program's own colour escapes: only workflow commands are defused.
    public func sayRendered(_ text: String) {
        out(Visible.commandsDefused(text))
    }

    /// Writes `text` to standard output as it is: for machine formats, escaped by their writers.
    public func out(_ text: String) {
        if capture {
            lock.withLock { capturedOut += text }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Writes `text` to standard error, which is only ever for people: every hidden character
    /// but line feed and tab as an escape, and workflow commands defused.
    public func err(_ text: String) {
        let text = Visible.lines(text)
        if capture {
            lock.withLock { capturedErr += text }
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// Writes a machine format to standard error as it is (JSON diagnostics, escaped by their
    /// writer).
    public func errData(_ text: String) {
        if capture {
            lock.withLock { capturedErr += text }
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// What was written to standard output (capturing consoles only).
    public var standardOutput: String { lock.withLock { capturedOut } }
    /// What was written to standard error (capturing consoles only).
    public var standardError: String { lock.withLock { capturedErr } }

    /// Whether to colour output: only on a terminal, and never when NO_COLOR is set.
    public var useColour: Bool { outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty }

    /// The console commands write to in the current task.
    @TaskLocal public static var current: Console = .standard()
}
