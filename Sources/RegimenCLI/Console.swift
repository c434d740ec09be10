import Foundation

/// Where commands write. The real process writes to its standard streams; tests capture.
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

    /// Writes `text` to standard output.
    public func out(_ text: String) {
        if capture {
            lock.withLock { capturedOut += text }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// Writes `text` to standard error.
    public func err(_ text: String) {
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
