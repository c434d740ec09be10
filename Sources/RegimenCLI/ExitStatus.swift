import ArgumentParser

/// The exit codes, documented in `regimen --help` and the README.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// No findings at or above the fail level.
    case clean = 0
    /// Findings: errors (or warnings under `--strict`).
    case findings = 1
    /// A usage error, or input that could not be read at all.
    case usage = 2
    /// A plugin failed (crashed, timed out, or answered nonsense).
    case plugin = 3
    /// A bug in Regimen itself: a short report asking the user to file it (EX_SOFTWARE).
    case internalError = 70

    /// The help text's table.
    static let helpText = """
        EXIT CODES:
          0  clean: no findings at or above the fail level
          1  findings: errors, or warnings under --strict
          2  usage error, or input that could not be read
          3  a plugin failed
          70 internal error (a bug in Regimen: please report it)
        """

    var exitCode: ExitCode { ExitCode(rawValue) }
}
