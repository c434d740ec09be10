import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A crash (a Swift trap: `fatalError`, an arithmetic overflow, an index out of range, a force
/// unwrap of nil; or a crash signal: a bad memory access, a stack overflow, `abort()`) ends like
/// any other bug: a short report on standard error asking for it to be filed, and exit 70. Never
/// the Swift runtime's crash report, with its stack trace and registers.
///
/// A signal handler may do almost nothing safely, so the report is prepared before anything can
/// crash (when the process starts, from the version and the subcommand's name), into memory that
/// is never freed; the handler only writes those bytes and calls `_exit(70)`. It cannot hash the
/// inputs as `InternalError.report` does, so it tells the user how to (`sha256sum`). It names no
/// file, and holds nothing read from one.
///
/// The Swift runtime's backtracer (`SWIFT_BACKTRACE`) installs its handlers as the runtime
/// starts; these are installed later, from `RegimenCommand.main()`, and so replace them.
/// Only the real process installs them: tests that run commands in-process crash as usual.
enum CrashReport {
    /// The signals a crash raises: traps are SIGILL (x86-64) or SIGTRAP (arm64), a bad memory
    /// access or a stack overflow SIGSEGV or SIGBUS, an integer division trap SIGFPE, `abort()`
    /// SIGABRT.
    static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]

    /// The size of the alternate stack the handler runs on, so that a stack overflow (which
    /// leaves no room on the thread's own stack) is reported too. Far more than the handler
    /// needs, and more than the largest signal frame (AVX-512, AMX, SVE state). Only the main
    /// thread has one: a stack overflow on another thread ends with a bare SIGSEGV (no report,
    /// but no stack trace either).
    static let alternateStackSize = 256 * 1024

    /// The environment variable that makes a command crash deliberately, for tests (not
    /// documented to users): `trap` (an arithmetic overflow), `segv` (SIGSEGV), `stack` (endless
    /// recursion), `abort` (`abort()`).
    static let testHook = "REGIMEN_TEST_CRASH"

    /// The report, for a crash in `regimen COMMAND` (nil: before a subcommand was named). Its
    /// first lines are those of `InternalError.report`.
    static func message(command: String?) -> String {
        let lines = [
            "internal error: Regimen \(RegimenVersion.current) crashed" + (command.map { " in `regimen \($0)`" } ?? "") + ".",
            "This is a bug in Regimen, not a problem with your files.",
            "Please report it at \(InternalError.issuesURL)",
            "with each input file's SHA-256 (`sha256sum FILE` prints it): it identifies the file without revealing what is in it.",
            "Do not attach files that hold a patient's details.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The words of the subcommand that `arguments` (without the program name) run, such as
    /// "plugins list": only words that name one of `regimen`'s subcommands, never anything else
    /// from the command line (a path could hold a patient's name). Nil when there is none.
    static func command(in arguments: [String]) -> String? {
        var parent: any ParsableCommand.Type = RegimenCommand.self
        var words: [String] = []
        for argument in arguments {
            let next = parent.configuration.subcommands.first {
                $0._commandName == argument
            }
            guard let next else { break }
            words.append(argument)
            parent = next
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Whether the handlers are installed (in this process, once).
    static var isInstalled: Bool { crashReportBytes != nil }

    /// Prepares the report for `command` and installs the handlers, with an alternate stack for
    /// the calling (main) thread. Once per process: later calls do nothing.
    static func install(command: String?) {
        guard !isInstalled else { return }
        let bytes = Array(message(command: command).utf8)
        // Never freed: the handler may need it at any moment until the process ends.
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        crashReportCount = bytes.count
        crashReportBytes = buffer

        // The alternate stack (never freed either).
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: alternateStackSize, alignment: 16)
        stack.ss_size = alternateStackSize
        stack.ss_flags = 0
        let hasStack = sigaltstack(&stack, nil) == 0

        var action = sigaction()
        #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = reportCrash
        #elseif canImport(Musl)
            action.__sa_handler.sa_handler = reportCrash
        #else
            action.__sigaction_handler.sa_handler = reportCrash
        #endif
        // Back to the default action once it has run (a crash inside the handler then ends the
        // process as a crash would, instead of looping), on the alternate stack, and with the
        // other crash signals held off while it writes.
        // (SA_RESETHAND is 0x80000000: a UInt32 in Glibc and Musl, beside Int32 flags.)
        action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND) | (hasStack ? Int32(truncatingIfNeeded: SA_ONSTACK) : 0)
        sigemptyset(&action.sa_mask)
        for signal in signals { sigaddset(&action.sa_mask, signal) }
        for signal in signals { sigaction(signal, &action, nil) }
    }

    /// For tests: crashes as `kind` says (see `testHook`); does nothing for any other value, or
    /// when the handlers are not installed (a test process running commands in-process).
    static func crashForTest(_ kind: String) {
        guard isInstalled else { return }
        switch kind {
        case "trap":
            // An arithmetic overflow: a trap (SIGILL or SIGTRAP), folded by an optimiser or not.
            let nearlyMax = Int.max - 1
            crashSink = nearlyMax + kind.utf8.count
        case "segv":
            raise(SIGSEGV)
        case "stack":
            crashSink = recurseForever(0)
        case "abort":
            abort()
        default:
            return
        }
    }
}

/// The report's bytes and their count, set once by `CrashReport.install` before any handler is.
/// A pointer and an integer with constant initial values, so statically initialised, and without
/// exclusivity checks: the handler reads them without allocating, locking, initialising or
/// calling into the Swift runtime.
@exclusivity(unchecked) nonisolated(unsafe) private var crashReportBytes: UnsafeMutablePointer<UInt8>? = nil
@exclusivity(unchecked) nonisolated(unsafe) private var crashReportCount: Int = 0

/// The signal handler. Async-signal-safe: `write(2)` of the prepared bytes and `_exit(2)`, and
/// nothing else (no allocation, no locks, no Swift runtime calls).
private func reportCrash(_ signal: Int32) {
    if let bytes = crashReportBytes {
        var written = 0
        var attempts = 0
        while written < crashReportCount, attempts < 64 {
            attempts += 1
            let count = write(2, bytes + written, crashReportCount - written)
            if count > 0 { written += count } else if count == 0 { break }
            // count < 0: interrupted, or standard error is gone; try again a bounded number of times.
        }
    }
    _exit(70)
}

/// Where the test crashes put their results, so that the optimiser keeps the work.
nonisolated(unsafe) private var crashSink = 0
/// The address of a frame of `recurseForever`.
nonisolated(unsafe) private var recursionSink: UnsafeMutableRawPointer? = nil

/// Recurses until the stack overflows. Not optimised (`@_optimize(none)`): an optimiser sees
/// that it never returns and makes it a loop.
@inline(never) @_optimize(none)
private func recurseForever(_ depth: Int) -> Int {
    var frame = (depth, depth, depth, depth, depth, depth, depth, depth)
    return withUnsafeMutableBytes(of: &frame) { bytes in
        recursionSink = bytes.baseAddress
        return recurseForever(depth + 1) &+ Int(bytes[0])
    }
}
