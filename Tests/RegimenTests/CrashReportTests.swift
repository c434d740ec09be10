import Foundation
import RegimenCLI
import Testing

/// A crash (a Swift trap, a bad memory access, a stack overflow, `abort()`) ends like any other
/// bug: the short report, exit 70, and never the Swift runtime's crash report with its stack
/// trace, nor anything of the inputs. Through the real binary, since the handlers are installed
/// only there; the hidden hook `REGIMEN_TEST_CRASH=trap|segv|stack|abort` makes a command that
/// reads files crash, after its arguments are parsed.
@Suite struct CrashReportTests {
    static let hook = "REGIMEN_TEST_CRASH"

    /// The deliberate crashes: an arithmetic overflow (SIGILL on x86-64, SIGTRAP on arm64),
    /// SIGSEGV, endless recursion (SIGSEGV on a stack with no room left), SIGABRT.
    static let crashes = ["trap", "segv", "stack", "abort"]

    /// The Swift runtime's backtracer, left as the environment has it, turned on, or off: it
    /// installs its handlers as the runtime starts, and Regimen's, installed later, must win.
    static let backtracer: [String?] = [nil, "enable=yes", "enable=no"]

    /// The report for a crash in `regimen COMMAND`: the first lines of the internal error report.
    static func report(in command: String) -> String {
        """
        internal error: Regimen \(RegimenVersion.current) crashed in `regimen \(command)`.
        This is a bug in Regimen, not a problem with your files.
        Please report it at https://github.com/regimen-project/regimen/issues
        with each input file's SHA-256 (`sha256sum FILE` prints it): it identifies the file without revealing what is in it.
        Do not attach files that hold a patient's details.

        """
    }

    /// What the Swift runtime's crash reports (and other tools' stack traces) look like.
    static let stackTraceText = [
        "Thread 0", "Backtrace", "backtrace", "Current stack trace", "#0 ", "Stack dump", "Program crashed", "*** Signal",
        "Registers", "Fatal error", "0x0",
    ]

    @Test(arguments: crashes, backtracer)
    func aCrashIsTheShortReportAndExit70(_ crash: String, _ backtrace: String?) throws {
        let root = try CLITests.repository(["jane-example.yaml": InternalErrorTests.patient, "p.yaml": HostileInputTests.valid])
        defer { try? FileManager.default.removeItem(at: root) }
        var environment = [Self.hook: crash]
        if let backtrace { environment["SWIFT_BACKTRACE"] = backtrace }
        let result = try Bounded.run(
            ["compile", "p.yaml", "--patient", "jane-example.yaml", "-o", "plan.json"], in: root, environment: environment)

        #expect(!result.timedOut)
        #expect(result.status == 70, "\(result.err)")
        #expect(result.err.hasPrefix("internal error: Regimen \(RegimenVersion.current) crashed in `regimen compile`.\n"), "\(result.err)")
        #expect(result.err.contains("This is a bug in Regimen, not a problem with your files."))
        #expect(result.err.contains("Please report it at https://github.com/regimen-project/regimen/issues\n"))
        #expect(result.err.contains("sha256sum"))
        for text in Self.stackTraceText {
            #expect(!result.err.contains(text), "a stack trace: `\(text)` in\n\(result.err)")
        }
        // Nothing of the files: not their content, not their names, not their directory.
        for secret in ["Jane", "1961", "943 476", "jane-example", "p.yaml", "plan.json", root.path, "Neck basics"] {
            #expect(!result.err.contains(secret), "the report shows `\(secret)`")
        }
        // The report and nothing else.
        #expect(result.err == Self.report(in: "compile"))
        #expect(result.out.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("plan.json").path))
    }

    /// The report names the subcommand (only words that name one, never a path), as the internal
    /// error report does, and shares its wording.
    @Test func theReportNamesTheCommandAndSharesTheInternalErrorWording() throws {
        let root = try CLITests.repository(["compile/jane-example.yaml": InternalErrorTests.patient])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try Bounded.run(["validate", "compile"], in: root, environment: [Self.hook: "segv"])
        #expect(result.status == 70, "\(result.err)")
        #expect(result.err == Self.report(in: "validate"))

        let console = Console.capturing(environment: InternalErrorTests.hook)
        #expect(RegimenCommand.run(["validate", root.appendingPathComponent("compile").path], console: console) == 70)
        let internalLines = console.standardError.split(separator: "\n").dropFirst().prefix(2)
        let crashLines = result.err.split(separator: "\n").dropFirst().prefix(2)
        #expect(Array(internalLines) == Array(crashLines))
    }

    /// Help, usage errors and commands that read no files do not crash, hook or not; a value
    /// the hook does not know does nothing; and in-process (no handlers), the hook is ignored.
    @Test func onlyACommandThatReadsFilesCrashes() throws {
        let root = try CLITests.repository(["p.yaml": HostileInputTests.valid])
        defer { try? FileManager.default.removeItem(at: root) }
        let environment = [Self.hook: "segv"]
        #expect(try Bounded.run(["validate", "--help"], in: root, environment: environment).status == 0)
        #expect(try Bounded.run(["help", "compile"], in: root, environment: environment).status == 0)
        #expect(try Bounded.run(["--version"], in: root, environment: environment).status == 0)
        #expect(try Bounded.run(["validate", "--frobnicate"], in: root, environment: environment).status == 2)
        #expect(try Bounded.run(["explain", "RG104"], in: root, environment: environment).status == 0)
        #expect(try Bounded.run(["validate", "p.yaml"], in: root, environment: [Self.hook: "nothing"]).status == 0)

        let console = Console.capturing(environment: environment)
        #expect(RegimenCommand.run(["validate", root.appendingPathComponent("p.yaml").path], console: console) == 0)
    }
}
