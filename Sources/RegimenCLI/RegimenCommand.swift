import ArgumentParser
import Foundation
import RegimenDiagnostics
import RegimenLoad

/// `regimen`: write, check and share exercise programmes.
public struct RegimenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "regimen",
        abstract: "Write, check, compile and export exercise programmes and patient handouts.",
        discussion: """
            Regimen reads exercise programmes written as YAML, and the exercise library they \
            draw on; it says precisely what is wrong in them, and turns them into plans and \
            handouts for patients.

            WRITING PROGRAMMES:
              init         start a clinic's repository, with the library and CI files
              library      list, search and show the exercises of the library
              import       convert another exercise data set into library files
              preview      a live page of a programme's findings and handout, as you edit
              lsp          the language server: completion and inline errors in editors

            CHECKING THEM:
              validate     report every problem in programmes and library files (and in CI)
              explain      what a finding's code means, with examples

            MAKING PLANS AND HANDOUTS:
              compile      a programme, for a patient, as a portable JSON plan
              export       a handout (html, text), the plan (json), or a plugin's format
              translate    keep the translations of programme and library texts up to date

            EXTENDING REGIMEN:
              plugins      list and check exporter and rule plugins, and rule packs
              schema       the JSON Schema of the programme format, for editors
              vocabulary   the conditions and movements that screening understands

            EXAMPLES:
              regimen init my-clinic
                a repository with a first programme, the library and CI files
              regimen validate programmes/
                what is wrong, where, and how to fix it
              regimen compile programmes/neck-pain.yaml --patient patient.yaml -o plan.json
                the plan, screened against the patient's conditions
              regimen export --format html programmes/neck-pain.yaml -o handout.html
                the patient's printable handout

            `regimen help COMMAND` shows a command's options, with more examples.

            \(ExitStatus.helpText)
            """,
        version: RegimenVersion.current,
        subcommands: [
            InitCommand.self,
            ValidateCommand.self, CompileCommand.self, ExportCommand.self, ImportCommand.self, ExplainCommand.self,
            PluginsCommand.self, SchemaCommand.self, VocabularyCommand.self, TranslateCommand.self,
            LibraryCommand.self, PreviewCommand.self, LSPCommand.self,
        ])

    public init() {}

    /// Runs the command line `arguments` (without the program name) on `console`, and returns
    /// the exit code. Usage errors exit 2, not ArgumentParser's 64, as documented. Any other
    /// error a command throws is a bug: a short report on standard error (with the SHA-256 of
    /// each input file, never its content) and exit 70.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        Console.$current.withValue(console) {
            let command: any ParsableCommand
            do {
                command = try parseAsRoot(arguments)
            } catch {
                // A misspelt command: said as such, with the closest name (ArgumentParser
                // would only call the words unexpected). `--help` is left to ArgumentParser.
                if exitCode(for: error) != .success, let unknown = unknownCommand(in: arguments) {
                    console.err(unknown)
                    return ExitStatus.usage.rawValue
                }
                return argumentParserStatus(error, console: console)
            }
            do {
                // Hidden hooks, for tests of the reports: a command that reads files crashes, or
                // fails as a bug would (after parsing, so that --help still works).
                if command is NamesInputFiles, let crash = console.environment[CrashReport.testHook] {
                    CrashReport.crashForTest(crash)
                }
                if command is NamesInputFiles, console.environment[InternalError.testHook] == "1" {
                    throw InternalError.requestedByTest
                }
                var command = command
                try command.run()
                return ExitStatus.clean.rawValue
            } catch let exit as ExitCode {
                return exit.rawValue
            } catch let error where isArgumentParserError(error) {
                // `--help` and `help` run ArgumentParser's own command, which throws its own errors.
                return argumentParserStatus(error, console: console)
            } catch {
                let inputs = (command as? NamesInputFiles)?.inputFiles ?? []
                console.err(InternalError.report(error, command: commandPath(to: type(of: command)), inputs: inputs))
                return ExitStatus.internalError.rawValue
            }
        }
    }

    /// The words that name `command` under `regimen` ("plugins list"), or nil when it is not one
    /// of its subcommands.
    static func commandPath(to command: any ParsableCommand.Type, under parent: any ParsableCommand.Type = RegimenCommand.self)
        -> String?
    {
        for subcommand in parent.configuration.subcommands {
            // As ArgumentParser names it: `List` is `list`.
            let name = subcommand._commandName
            if subcommand == command { return name }
            if let rest = commandPath(to: command, under: subcommand) { return name + " " + rest }
        }
        return nil
    }

    /// The message for a command line whose first word that is not an option names none of the
    /// subcommands of the command before it (`regimen valdate x.yaml`, `regimen plugins lst`):
    /// the word is an unknown command, with the closest subcommand's name when one is close
    /// enough to be a slip. Nil when the words name commands as far as they go (the error is
    /// then another, ArgumentParser's to describe). Only for a command line that does not
    /// parse: the default subcommands (`library list`, `vocabulary list`) take no arguments,
    /// so a word in their place is always a command that does not exist.
    static func unknownCommand(in arguments: [String]) -> String? {
        var command: any ParsableCommand.Type = RegimenCommand.self
        var path: [String] = []
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            guard let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) else {
                let names = subcommands.map { $0._commandName }
                let suggestion = Suggestions.closest(to: word, in: names)
                let above = path.map { $0 + " " }.joined()
                var message = "error: unknown command `\(above)\(Visible.escaped(word))`"
                if let suggestion { message += "; did you mean `\(above)\(suggestion)`?" }
                message += "\nhelp: `regimen \(above)--help` lists the commands\n"
                return message
            }
            command = next
            path.append(word)
        }
        return nil
    }

    /// Whether `error` is ArgumentParser's (`ValidationError`, `CleanExit`, or one of its own
    /// internal types), as opposed to a bug.
    static func isArgumentParserError(_ error: any Error) -> Bool {
        error is ValidationError || error is CleanExit || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    /// The exit status and message for an error of ArgumentParser's (a usage error, `--help`).
    private static func argumentParserStatus(_ error: any Error, console: Console) -> Int32 {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            console.out(message + "\n")
            return ExitStatus.clean.rawValue
        }
        console.err(message + "\n")
        return ExitStatus.usage.rawValue
    }

    /// The process entry point. A crash from here on is a short report and exit 70 too (see
    /// `CrashReport`).
    public static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        CrashReport.install(command: CrashReport.command(in: arguments))
        let status = run(arguments, console: .standard())
        Foundation.exit(status)
    }
}

/// The version printed by `--version`.
public enum RegimenVersion {
    /// This build's version.
    public static let current = "0.1.0"
}

/// A command that reads files named on its command line: an internal error report gives their
/// SHA-256 digests, so a maintainer can ask for (or recognise) the file without the report
/// holding any of it.
protocol NamesInputFiles {
    /// The files and directories named as inputs, as written.
    var inputFiles: [String] { get }
}

extension ValidateCommand: NamesInputFiles {
    var inputFiles: [String] { paths + [patient, config, baseline].compactMap { $0 } }
}

extension CompileCommand: NamesInputFiles {
    var inputFiles: [String] { [input.programme, input.patient, input.config].compactMap { $0 } }
}

extension ExportCommand: NamesInputFiles {
    var inputFiles: [String] { [input.programme, input.patient, input.config, template].compactMap { $0 } }
}

extension ImportCommand: NamesInputFiles {
    var inputFiles: [String] { [path] }
}

/// A bug in Regimen: an error no command expects to throw.
enum InternalError: Error {
    /// Thrown when `REGIMEN_TEST_INTERNAL_ERROR=1` is set, so that tests can see the report.
    case requestedByTest

    /// The environment variable that makes every command fail as a bug would (for tests; not
    /// documented to users).
    static let testHook = "REGIMEN_TEST_INTERNAL_ERROR"

    /// Where bugs are reported.
    static let issuesURL = "https://github.com/regimen-project/regimen/issues"

    /// The short report for `error`, thrown by `command` run on `inputs`. It names the error's
    /// type (its description could quote a file), and gives each input's SHA-256 and its place
    /// among the inputs, not its path (a path can hold a patient's name).
    static func report(_ error: any Error, command: String?, inputs: [String]) -> String {
        var lines = [
            "internal error: Regimen \(RegimenVersion.current) met an error it did not expect"
                + (command.map { " in `regimen \($0)`" } ?? "") + " (\(String(reflecting: type(of: error)))).",
            "This is a bug in Regimen, not a problem with your files.",
            "Please report it at \(issuesURL)",
            "with the input's SHA-256 below: it identifies the file without revealing what is in it.",
            "Do not attach files that hold a patient's details.",
        ]
        let cwd = FileManager.default.currentDirectoryPath
        for (index, input) in inputs.enumerated() {
            lines.append("  input \(index + 1): " + describe(Paths.join(cwd, input)))
        }
        if inputs.isEmpty { lines.append("  (no input files)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "sha256 3a7b…", "sha256 … over 12 YAML files in a directory", or why there is none.
    static func describe(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "not found" }
        guard isDirectory.boolValue else {
            // Only a regular file: a FIFO or a device such as /dev/zero could be read for ever.
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return "not a regular file" }
            return SHA256Digest.ofFile(path).map { "sha256 \($0)" } ?? "cannot be read"
        }
        // A directory: one digest over its YAML files' digests, in path order.
        let files = Loader().yamlFiles(under: path).sorted()
        var combined = SHA256Digest()
        for file in files {
            combined.update(Array(Paths.relative(file, to: path).utf8) + [0])
            combined.update(Array((SHA256Digest.ofFile(file) ?? "unreadable").utf8) + [10])
        }
        return "sha256 \(combined.finish()) over \(files.count) YAML file\(files.count == 1 ? "" : "s") in a directory"
    }
}

/// SHA-256 (FIPS 180-4), streamed, so an internal error report can identify an input of any size
/// without holding it. (The CLI has no crypto dependency of its own; this is the report's only use.)
struct SHA256Digest {
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    init() {}

    /// The digest of the file at `path`, read a megabyte at a time; nil when it cannot be read.
    static func ofFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var digest = SHA256Digest()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                return nil
            }
            guard let chunk, !chunk.isEmpty else { break }
            digest.update([UInt8](chunk))
        }
        return digest.finish()
    }

    mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            start = take
            guard pending.count == 64 else { return }
            compress(pending[...])
            pending.removeAll(keepingCapacity: true)
        }
        while bytes.count - start >= 64 {
            compress(bytes[start..<(start + 64)])
            start += 64
        }
        pending += bytes[start...]
    }

    /// The digest in lower-case hex.
    mutating func finish() -> String {
        let bits = length &* 8
        var tail = pending + [0x80]
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        var offset = 0
        while offset < tail.count {
            compress(tail[offset..<(offset + 64)])
            offset += 64
        }
        pending = []
        return state.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    private mutating func compress(_ block: ArraySlice<UInt8>) {
        var w = [UInt32](repeating: 0, count: 64)
        let base = block.startIndex
        for i in 0..<16 {
            w[i] =
                UInt32(block[base + 4 * i]) << 24 | UInt32(block[base + 4 * i + 1]) << 16 | UInt32(block[base + 4 * i + 2]) << 8
                | UInt32(block[base + 4 * i + 3])
        }
        for i in 16..<64 {
            let s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >> 3)
            let s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >> 10)
            w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
        }
        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
        for i in 0..<64 {
            let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
            let choice = (e & f) ^ (~e & g)
            let t1 = h &+ s1 &+ choice &+ Self.k[i] &+ w[i]
            let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ majority
            (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        state[5] &+= f
        state[6] &+= g
        state[7] &+= h
    }

    private func rotate(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
