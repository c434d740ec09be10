import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bounds on one plugin run.
public struct ProcessLimits: Sendable, Hashable {
    /// Seconds the plugin may take, from start to exit, before it is stopped.
    public var timeout: Double = 10
    /// The most it may write on standard output; more stops it.
    public var maxOutputBytes: Int = 32 * 1024 * 1024
    /// How much of its standard error is kept (the rest is read and dropped).
    public var maxErrorBytes: Int = 64 * 1024
    /// The most a plugin may write when its output is JSON that Regimen decodes (a rule plugin's
    /// findings): far less than a document, so that decoding stays within a small memory bound.
    public var maxAnswerBytes: Int = 4 * 1024 * 1024

    /// The defaults: 10 seconds, 32 MiB of output (4 MiB for a rule plugin's answer), 64 KiB of
    /// standard error kept.
    public init() {}

    /// The defaults.
    public static let `default` = ProcessLimits()
}

/// How one plugin run ended, with what it wrote.
public struct ProcessOutcome: Sendable {
    /// How the run ended.
    public enum Ending: Sendable, Equatable {
        /// It exited by itself with this status.
        case exited(Int32)
        /// A signal it did not handle ended it (a crash: SIGSEGV, SIGABRT…).
        case signalled(Int32)
        /// It ran past the timeout and was stopped.
        case timedOut
        /// It wrote more than the output limit and was stopped.
        case outputTooLarge
        /// It could not be started at all (the reason).
        case couldNotStart(String)
    }

    /// How it ended.
    public var ending: Ending
    /// Its standard output (complete only when it exited by itself).
    public var output: Data
    /// The start of its standard error.
    public var errorOutput: Data
    /// Whether standard error was longer than what is kept.
    public var errorTruncated: Bool
    /// Seconds from start to end.
    public var seconds: Double

    /// The last lines of standard error, trimmed, for messages: at most `lines` lines and
    /// 600 characters.
    public func errorTail(lines: Int = 6) -> String? {
        let text = String(decoding: errorOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        var tail = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
        if tail.count > 600 { tail = "…" + tail.suffix(600) }
        return tail
    }
}

/// Runs an executable as a child process, never through a shell: the request goes to its
/// standard input, standard output and standard error are read at the same time (so neither
/// pipe can fill and stall it), and the run is bounded in time and in output. A plugin that
/// overruns is sent SIGTERM, then SIGKILL, with any processes it started (it runs in a process
/// group of its own).
public struct ProcessRunner: Sendable {
    /// The bounds on each run.
    public var limits: ProcessLimits
    /// The whole environment the child sees (nothing else is inherited).
    public var environment: [String: String]
    /// The child's working directory; the parent's when nil.
    public var workingDirectory: String?

    /// A runner with `limits`, giving children exactly `environment`.
    public init(limits: ProcessLimits = .default, environment: [String: String], workingDirectory: String? = nil) {
        self.limits = limits
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The environment plugins run in, made from the parent's: `PATH`, `HOME` and `TMPDIR`
    /// are passed on (so that `#!/usr/bin/env python3` works), and `SOURCE_DATE_EPOCH` when set
    /// (a time to stamp instead of the clock); everything else is fixed, so that
    /// a plugin's output does not depend on who runs it (UTF-8, UTC, no colour, Python's hash
    /// seed), and no secrets in the parent's environment reach it.
    public static func pluginEnvironment(from parent: [String: String]) -> [String: String] {
        var environment: [String: String] = [
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1",
            "PYTHONHASHSEED": "0", "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1",
            "REGIMEN_CONTRACT": String(PluginContract.version),
            "PATH": parent["PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/bin:/usr/bin:/bin",
        ]
        // SOURCE_DATE_EPOCH: a time an exporter may stamp instead of the clock (reproducible builds).
        for name in ["HOME", "TMPDIR", "SOURCE_DATE_EPOCH"] {
            if let value = parent[name], !value.isEmpty { environment[name] = value }
        }
        return environment
    }

    /// Runs `executable` (an absolute path) with `arguments`, writing `input` to its standard
    /// input, and returns how it ended. Never throws and never waits longer than the timeout
    /// (plus a moment to stop the child).
    public func run(_ executable: String, arguments: [String] = [], input: Data = Data()) -> ProcessOutcome {
        _ = Self.crashSignalsRestored
        let started = DispatchTime.now().uptimeNanoseconds
        let timeout = max(0.001, limits.timeout)
        let deadline = started &+ UInt64(min(timeout, 86_400) * 1_000_000_000)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }

        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds &- started) / 1_000_000_000 }

        do {
            // A child starts with the spawning thread's signal mask: start it with none blocked,
            // whatever this thread blocks, so that the plugin behaves as it would from a shell.
            var none = sigset_t()
            sigemptyset(&none)
            var previous = sigset_t()
            pthread_sigmask(SIG_SETMASK, &none, &previous)
            defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
            try process.run()
        } catch {
            return ProcessOutcome(
                ending: .couldNotStart(Self.reason(error)), output: Data(), errorOutput: Data(), errorTruncated: false, seconds: seconds())
        }
        let pid = process.processIdentifier

        var streams = Streams(
            input: input, inputHandle: stdin.fileHandleForWriting, outputFD: stdout.fileHandleForReading.fileDescriptor,
            errorFD: stderr.fileHandleForReading.fileDescriptor, limits: limits)
        var ending = Self.withoutBrokenPipeSignals { streams.pump(until: deadline) }
        streams.closeInput()

        if ending == nil {
            // Both outputs are closed; wait for the exit itself, within the same deadline.
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= deadline || exited.wait(timeout: DispatchTime(uptimeNanoseconds: deadline)) == .timedOut {
                ending = .timedOut
            }
        }
        if let stopped = ending {
            Self.stop(pid: pid, exited: exited)
            try? stdout.fileHandleForReading.close()
            try? stderr.fileHandleForReading.close()
            return ProcessOutcome(
                ending: stopped, output: streams.output, errorOutput: streams.errorOutput, errorTruncated: streams.errorTruncated,
                seconds: seconds())
        }
        try? stdout.fileHandleForReading.close()
        try? stderr.fileHandleForReading.close()
        let status = process.terminationStatus
        let end: ProcessOutcome.Ending = process.terminationReason == .uncaughtSignal ? .signalled(status) : .exited(status)
        return ProcessOutcome(
            ending: end, output: streams.output, errorOutput: streams.errorOutput, errorTruncated: streams.errorTruncated,
            seconds: seconds())
    }

    /// SIGTERM to the child's process group, a moment to finish, then SIGKILL; waits until it
    /// has exited so that no zombie is left.
    private static func stop(pid: Int32, exited: DispatchSemaphore) {
        guard pid > 0 else { return }
        // Foundation's Process starts the child in a process group of its own (its pid), so the
        // group holds whatever the plugin started too.
        kill(-pid, SIGTERM)
        kill(pid, SIGTERM)
        if exited.wait(timeout: .now() + .milliseconds(300)) == .success {
            kill(-pid, SIGKILL)  // anything the plugin left running in its group
            return
        }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        _ = exited.wait(timeout: .now() + .seconds(5))
    }

    /// Runs `body` with SIGPIPE blocked on this thread, so that a write to a plugin that has
    /// stopped reading is an error (EPIPE), not a signal that ends Regimen; a SIGPIPE raised
    /// meanwhile is discarded. Only this thread, only for this while: the plugin itself (already
    /// started) keeps the default disposition.
    private static func withoutBrokenPipeSignals<T>(_ body: () -> T) -> T {
        var pipe = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipe, &previous)
        defer {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var now = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipe, nil, &now)
            }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        return body()
    }

    /// Children inherit ignored signals. A crash signal that Regimen was started with ignored
    /// (some supervisors and test harnesses do that) is given back its default action before the
    /// first plugin starts, so that a plugin that crashes is seen to crash.
    private static let crashSignalsRestored: Bool = {
        for crash in [SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGPIPE] {
            // Only an ignored signal is changed: a handler (the crash report's, installed with
            // its flags) is left exactly as it is.
            var current = sigaction()
            guard sigaction(crash, nil, &current) == 0 else { continue }
            #if canImport(Darwin)
                let handler = unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self)
            #else
                let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
            #endif
            if handler == unsafeBitCast(SIG_IGN, to: Int.self) { signal(crash, SIG_DFL) }
        }
        return true
    }()

    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code))).lowercased()
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        switch nsError.code {
        case CocoaError.fileNoSuchFile.rawValue, CocoaError.fileReadNoSuchFile.rawValue: return "no such file"
        case CocoaError.fileReadNoPermission.rawValue, CocoaError.fileWriteNoPermission.rawValue: return "permission denied"
        default: return "it could not be started (\(nsError.localizedDescription))"
        }
    }

    /// "SIGSEGV", "SIGABRT", or "signal N".
    public static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP", SIGABRT: "SIGABRT",
            SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM",
            SIGTERM: "SIGTERM", SIGXCPU: "SIGXCPU", SIGXFSZ: "SIGXFSZ", SIGSYS: "SIGSYS",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}

/// The three pipes of one run, served from one poll loop: the request is written as the child
/// reads it, and both outputs are drained as they arrive.
private struct Streams {
    let input: Data
    var inputOffset = 0
    var inputHandle: FileHandle?
    let outputFD: Int32
    let errorFD: Int32
    let limits: ProcessLimits
    var outputOpen = true
    var errorOpen = true
    var output = Data()
    var errorOutput = Data()
    var errorTruncated = false
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(input: Data, inputHandle: FileHandle, outputFD: Int32, errorFD: Int32, limits: ProcessLimits) {
        self.input = input
        self.inputHandle = inputHandle
        self.outputFD = outputFD
        self.errorFD = errorFD
        self.limits = limits
        let fd = inputHandle.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        if input.isEmpty { closeInput() }
    }

    mutating func closeInput() {
        guard let handle = inputHandle else { return }
        try? handle.close()
        inputHandle = nil
    }

    /// Serves the pipes until both outputs are closed (nil), or the run must be stopped.
    mutating func pump(until deadline: UInt64) -> ProcessOutcome.Ending? {
        while outputOpen || errorOpen {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return .timedOut }
            let waitMilliseconds = Int32(min(1_000, max(1, (deadline - now) / 1_000_000)))
            var fds: [pollfd] = []
            if let handle = inputHandle { fds.append(pollfd(fd: handle.fileDescriptor, events: Int16(POLLOUT), revents: 0)) }
            if outputOpen { fds.append(pollfd(fd: outputFD, events: Int16(POLLIN), revents: 0)) }
            if errorOpen { fds.append(pollfd(fd: errorFD, events: Int16(POLLIN), revents: 0)) }
            let ready = fds.withUnsafeMutableBufferPointer { buffer in
                poll(buffer.baseAddress, nfds_t(buffer.count), waitMilliseconds)
            }
            if ready < 0 {
                if errno == EINTR { continue }
                return .couldNotStart("its pipes could not be read: \(String(cString: strerror(errno)))")
            }
            for entry in fds where entry.revents != 0 {
                if let handle = inputHandle, entry.fd == handle.fileDescriptor {
                    writeInput(entry.revents)
                } else if entry.fd == outputFD {
                    guard readOutput() else { return .outputTooLarge }
                } else if entry.fd == errorFD {
                    readError()
                }
            }
        }
        return nil
    }

    private mutating func writeInput(_ events: Int16) {
        guard let handle = inputHandle else { return }
        if events & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 && events & Int16(POLLOUT) == 0 {
            closeInput()  // it closed its standard input: it reads no more
            return
        }
        let fd = handle.fileDescriptor
        let remaining = input.count - inputOffset
        let written = input.withUnsafeBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return write(fd, base + inputOffset, min(remaining, 65_536))
        }
        if written > 0 {
            inputOffset += written
            if inputOffset >= input.count { closeInput() }
        } else if written < 0, errno != EAGAIN, errno != EINTR, errno != EWOULDBLOCK {
            closeInput()  // EPIPE: it stopped reading before the end, which is its business
        }
    }

    /// Reads what is ready on standard output; false when the output limit is passed.
    private mutating func readOutput() -> Bool {
        let count = buffer.withUnsafeMutableBytes { read(outputFD, $0.baseAddress, $0.count) }
        if count > 0 {
            output.append(contentsOf: buffer[0..<count])
            return output.count <= limits.maxOutputBytes
        }
        if count == 0 || (errno != EINTR && errno != EAGAIN) { outputOpen = false }
        return true
    }

    private mutating func readError() {
        let count = buffer.withUnsafeMutableBytes { read(errorFD, $0.baseAddress, $0.count) }
        if count > 0 {
            let room = max(0, limits.maxErrorBytes - errorOutput.count)
            if count > room { errorTruncated = true }
            errorOutput.append(contentsOf: buffer[0..<min(count, room)])
        } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
            errorOpen = false
        }
    }
}
