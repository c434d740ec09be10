import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenPlugins
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a process with a deadline: past it, the process is killed (SIGKILL, by its own pid) and
/// the run is marked as timed out, so a hang fails a test instead of stalling the suite.
/// Standard output and error go to files, so a large or chatty output never blocks the child.
enum Bounded {
    struct Result {
        var status: Int32
        var out: String
        var err: String
        var seconds: Double
        var timedOut: Bool
    }

    /// The deadline for one run of the binary. Every hostile file takes well under two seconds
    /// with a debug build (HostileCorpusTests prints the slowest); this is generous on purpose,
    /// for loaded CI machines: it is there to catch hangs, not to time anything.
    static let timeout: Double = 120

    static func run(
        _ arguments: [String], in directory: URL, executable: URL = BinaryTests.binary, environment: [String: String] = [:],
        timeout: Double = Bounded.timeout
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-bounded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        let start = Date()
        try process.run()
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        let seconds = Date().timeIntervalSince(start)
        return Result(
            status: process.terminationStatus,
            out: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            err: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "", seconds: seconds, timedOut: timedOut)
    }
}

/// The hostile corpus (Tests/Hostile), through the real binary: each file's findings, places and
/// exit codes as `expectations.tsv` says, within a deadline that kills a hang.
@Suite struct HostileCorpusTests {
    static let corpus = Harness.repositoryRoot.appendingPathComponent("Tests/Hostile")

    struct Row: CustomTestStringConvertible, Sendable {
        var file: String
        var arguments: [String]
        var validate: Int32
        var compile: Int32?
        /// "RG004@1:11" (code and place) or "RG004" (the code, anywhere).
        var findings: [String]
        var message: String
        var what: String
        var testDescription: String { arguments.isEmpty ? file : "\(file) \(arguments.joined(separator: " "))" }
        var codes: Set<String> { Set(findings.map { String($0.prefix { $0 != "@" }) }) }
    }

    static func parseManifest() throws -> [Row] {
        let text = try String(contentsOf: corpus.appendingPathComponent("expectations.tsv"), encoding: .utf8)
        var rows: [Row] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("file\t") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 7, let validate = Int32(columns[2]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "bad manifest line: \(line)"])
            }
            rows.append(
                Row(
                    file: columns[0], arguments: columns[1].split(separator: " ").map(String.init), validate: validate,
                    compile: Int32(columns[3]), findings: columns[4].split(separator: " ").map(String.init), message: columns[5],
                    what: columns[6]))
        }
        return rows
    }

    static let rows: [Row] = (try? parseManifest()) ?? []

    /// The base programme, which the generated files grow from.
    static var clean: String {
        (try? String(contentsOf: corpus.appendingPathComponent("clean.yaml"), encoding: .utf8)) ?? HostileInputTests.valid
    }

    /// A temporary repository holding the corpus, the links and directory it names, and
    /// `generated` (a file made only for the rows that need it; never committed).
    static func repository(generating generated: String?) throws -> (base: URL, repo: URL) {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("regimen-hostile-\(UUID().uuidString)")
        let repo = base.appendingPathComponent("repo")
        try fm.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: corpus.path) where name.hasSuffix(".yaml") {
            try fm.copyItem(at: corpus.appendingPathComponent(name), to: repo.appendingPathComponent(name))
        }
        // A library outside the repository, and a link to it from inside.
        try Data("regimen-library: 1\nexercises: {}\n".utf8).write(to: base.appendingPathComponent("outside.yaml"))
        try fm.createSymbolicLink(
            atPath: repo.appendingPathComponent("linked-out.yaml").path,
            withDestinationPath: base.appendingPathComponent("outside.yaml").path)
        // Two links to each other.
        try fm.createSymbolicLink(atPath: repo.appendingPathComponent("loop-a.yaml").path, withDestinationPath: "loop-b.yaml")
        try fm.createSymbolicLink(atPath: repo.appendingPathComponent("loop-b.yaml").path, withDestinationPath: "loop-a.yaml")
        // A directory named like a file, holding no YAML.
        try fm.createDirectory(at: repo.appendingPathComponent("lib-dir.yaml"), withIntermediateDirectories: true)
        try Data("not YAML\n".utf8).write(to: repo.appendingPathComponent("lib-dir.yaml/README.txt"))
        // A named pipe with no writer: reading it must not wait for one.
        _ = mkfifo(repo.appendingPathComponent("pipe.yaml").path, 0o644)
        if let generated { try generate(generated, in: repo) }
        return (base, repo)
    }

    /// Writes the generated file `name` into `directory`, streaming the big ones.
    static func generate(_ name: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(name)
        switch name {
        case "huge-100mb.yaml":
            // 100 MiB of a block scalar, written a megabyte at a time.
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.write(contentsOf: Data("regimen: 1\nnotes: |\n".utf8))
            let line = "  all work and no play makes a long file\n"
            let megabyte = Data(String(repeating: line, count: (1 << 20) / line.utf8.count).utf8)
            for _ in 0..<100 { try handle.write(contentsOf: megabyte) }
        case "one-line-10mb.yaml":
            try Data((clean + "notes: " + String(repeating: "x", count: 10_000_000) + "\n").utf8).write(to: url)
        case "too-many-exercises.yaml":
            let extra = (0..<5_000).map { "  ex-\($0):\n    name: Exercise \($0)\n    steps: [Do it]\n" }.joined()
            try Data(clean.replacingOccurrences(of: "exercises:\n", with: "exercises:\n" + extra).utf8).write(to: url)
        default:
            break
        }
    }

    static let generatedNames: Set<String> = ["huge-100mb.yaml", "one-line-10mb.yaml", "too-many-exercises.yaml"]

    /// The slowest run seen, for the bound in `Bounded.timeout`.
    static let slowest = Slowest()

    final class Slowest: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (Double, String) = (0, "")
        func note(_ seconds: Double, _ what: String) {
            lock.withLock {
                if seconds > value.0 { value = (seconds, what) }
            }
            print(
                "hostile corpus: \(what) took \(String(format: "%.2f", seconds)) s (slowest so far \(String(format: "%.2f", lock.withLock { value.0 })) s)"
            )
        }
    }

    @Test func theManifestCoversEveryFileInTheCorpus() throws {
        let rows = try Self.parseManifest()
        #expect(rows.count >= 40)
        let listed = Set(rows.map(\.file))
        let committed = Set(try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".yaml") })
        #expect(committed.subtracting(listed).sorted() == [], "files in Tests/Hostile without a row in expectations.tsv")
        let madeByTheTest = Self.generatedNames.union(["loop-a.yaml", "lib-dir.yaml", "pipe.yaml", "/dev/zero"])
        #expect(listed.subtracting(committed).subtracting(madeByTheTest).sorted() == [], "rows naming no file")
        // The big files are generated, never committed.
        for name in Self.generatedNames { #expect(!committed.contains(name)) }
        let largest =
            try committed.map {
                try FileManager.default.attributesOfItem(atPath: Self.corpus.appendingPathComponent($0).path)[.size] as? Int ?? 0
            }.max() ?? 0
        #expect(largest < 64 * 1024, "the committed corpus is small files only")
    }

    @Test(arguments: rows)
    func theBinaryReportsEachHostileFile(_ row: Row) throws {
        let (base, repo) = try Self.repository(generating: Self.generatedNames.contains(row.file) ? row.file : nil)
        defer { try? FileManager.default.removeItem(at: base) }

        let validate = try Bounded.run(["validate", "--format", "json"] + row.arguments + [row.file], in: repo)
        Self.slowest.note(validate.seconds, "validate \(row.testDescription)")
        #expect(!validate.timedOut, "validate \(row.file) was killed after \(Bounded.timeout) s: a hang")
        #expect(validate.status == row.validate, "validate \(row.file): exit \(validate.status)\n\(validate.err)")
        #expect(!validate.err.contains("Fatal error") && !validate.err.contains("Backtrace"), "validate \(row.file) trapped")
        if !row.message.isEmpty {
            let shown = validate.out + validate.err
            #expect(shown.contains(row.message) || shown.contains(jsonEscaped(row.message)), "validate \(row.file): no \"\(row.message)\"")
        }
        let report = try JSONDecoder().decode(JSONReport.self, from: Data(validate.out.utf8))
        let found = report.diagnostics.map { "\($0.code)@\($0.line):\($0.column)" }
        #expect(Set(report.diagnostics.map(\.code)) == row.codes, "validate \(row.file): found \(found)")
        for expected in row.findings where expected.contains("@") {
            #expect(found.contains(expected), "validate \(row.file): expected \(expected), found \(found)")
        }

        guard let compileStatus = row.compile else { return }
        let compile = try Bounded.run(["compile", row.file], in: repo)
        Self.slowest.note(compile.seconds, "compile \(row.testDescription)")
        #expect(!compile.timedOut, "compile \(row.file) was killed after \(Bounded.timeout) s: a hang")
        #expect(compile.status == compileStatus, "compile \(row.file): exit \(compile.status)\n\(compile.err)")
        #expect(!compile.err.contains("Fatal error") && !compile.err.contains("Backtrace"), "compile \(row.file) trapped")
        for code in row.codes { #expect(compile.err.contains("[\(code)]"), "compile \(row.file): no \(code) in\n\(compile.err)") }
        if compileStatus != 0 { #expect(compile.out.isEmpty, "compile \(row.file) printed a plan despite errors") }
    }

    private func jsonEscaped(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data()
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// The loader reads at most limit + 1 bytes: a FIFO fed 100 MB by a writer that counts what
    /// it got rid of. The reader closes after the limit, the writer's next write fails, and what
    /// was accepted is the limit plus at most the pipe's buffer.
    @Test func readingStopsAtTheSizeLimit() throws {
        let fm = FileManager.default
        let directory = fm.temporaryDirectory.appendingPathComponent("regimen-fifo-\(UUID().uuidString)")
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("endless.yaml")
        try #require(mkfifo(fifo.path, 0o600) == 0, "mkfifo failed")
        let limit = 100_000

        // The writer: a thread of this process, writing 64 KiB at a time until 100 MB or a broken pipe.
        let accepted = Counter()
        let writerDone = DispatchSemaphore(value: 0)
        let path = fifo.path
        let writer = Thread {
            defer { writerDone.signal() }
            // SIGPIPE is blocked on this thread only, so the write after the reader has gone fails
            // with EPIPE instead of ending the test process; the pending signal is then discarded.
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            defer {
                var pending = sigset_t()
                sigpending(&pending)
                if sigismember(&pending, SIGPIPE) == 1 {
                    var now = timespec(tv_sec: 0, tv_nsec: 0)
                    _ = sigtimedwait(&pipeSignal, nil, &now)
                }
            }
            // Opening blocks until the binary opens the FIFO to read it.
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { return }
            defer { close(fd) }
            let chunk = [UInt8](repeating: 0x78, count: 65_536)
            while accepted.value < 100 * 1024 * 1024 {
                let written = chunk.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written <= 0 { return }
                accepted.add(written)
            }
        }
        writer.start()
        let result = try Bounded.run(["validate", "--limit", "max-file-bytes=\(limit)", "endless.yaml"], in: directory)
        // If the binary never opened the FIFO, free the writer (opening for reading ends its wait).
        if writerDone.wait(timeout: .now() + 10) == .timedOut {
            let unblock = open(path, O_RDONLY | O_NONBLOCK)
            if unblock >= 0 { close(unblock) }
            writerDone.wait()
        }
        #expect(!result.timedOut)
        #expect(result.status == 1, "\(result.out)\(result.err)")
        #expect(result.out.contains("error[RG004]") && result.out.contains("over the limit of \(limit)"), "\(result.out)")
        // Pipe buffers are 64 KiB by default and at most 1 MiB.
        #expect(accepted.value >= limit + 1)
        #expect(accepted.value <= limit + 1 + (1 << 20), "the binary read \(accepted.value) bytes of a FIFO with a limit of \(limit)")
        print("FIFO: the writer got rid of \(accepted.value) bytes with max-file-bytes=\(limit)")
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func add(_ n: Int) { lock.withLock { count += n } }
    }

    /// The deadline works: a process that would run for a minute is killed, and the run says so.
    @Test func theDeadlineKillsAHang() throws {
        let result = try Bounded.run(
            ["60"], in: FileManager.default.temporaryDirectory, executable: URL(fileURLWithPath: "/bin/sleep"), timeout: 1)
        #expect(result.timedOut)
        #expect(result.seconds < 30)
        #expect(result.status != 0)
    }

    /// A flat list of 200,000 values (600 KB, within every limit) parses in a fraction of a
    /// second: the tree builder appends in place (`switch consume top` in `TreeBuilder.add`).
    /// Before that fix every append copied the array, and 100,000 values took 134 s.
    @Test func aWideListParsesWithoutAHang() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-wide-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(("regimen: 1\nnotes: [" + Array(repeating: "1", count: 200_000).joined(separator: ", ") + "]\n").utf8)
            .write(to: directory.appendingPathComponent("wide.yaml"))
        let result = try Bounded.run(["validate", "wide.yaml"], in: directory, timeout: 60)
        #expect(!result.timedOut, "validating a 200,000-value list was killed after 60 s")
        #expect(result.status == 1)
    }

    /// `.regimen.yml` takes the new limits by name, like `--limit`, and the command line wins.
    @Test func theConfigurationTakesTheCollectionLimits() throws {
        let (base, repo) = try Self.repository(generating: nil)
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("regimen-config: 1\nlimits:\n  max-phases: 101\n  max-items: 10\n".utf8)
            .write(to: repo.appendingPathComponent(".regimen.yml"))
        let phases = try Bounded.run(["validate", "too-many-phases.yaml"], in: repo)
        #expect(phases.status == 0, "\(phases.out)\(phases.err)")
        let items = try Bounded.run(["validate", "too-many-items.yaml"], in: repo)
        #expect(items.status == 1)
        #expect(items.out.contains("phase has more than 10 items"), "\(items.out)")
        #expect(items.out.contains("--> too-many-items.yaml:33:9"), "the 11th item: \(items.out)")
        let overridden = try Bounded.run(["validate", "--limit", "max-items=201", "too-many-items.yaml"], in: repo)
        #expect(!overridden.out.contains("RG004"), "\(overridden.out)")
        // A name that is not a limit is refused, with the names that are.
        let unknown = try Bounded.run(["validate", "--limit", "max-item=5", "clean.yaml"], in: repo)
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("max-exercises, max-phases, max-items"), "\(unknown.err)")
    }

    /// The message says what the limit is and how to raise it.
    @Test func collectionLimitsSayHowToRaiseThem() throws {
        let (base, repo) = try Self.repository(generating: nil)
        defer { try? FileManager.default.removeItem(at: base) }
        let result = try Bounded.run(["validate", "--limit", "max-phases=3", "too-many-phases.yaml"], in: repo)
        #expect(result.status == 1)
        #expect(result.out.contains("error[RG004]: programme has more than 3 phases"))
        #expect(result.out.contains("--> too-many-phases.yaml:25:5"), "the 4th phase: \(result.out)")
        #expect(result.out.contains("help: split the programme, or raise the limit with `--limit max-phases=N` (see docs/limits.md)"))
        // The file is not checked further: one finding, not one per phase.
        #expect(result.out.hasSuffix("checked 1 file: 1 error\n"), "\(result.out)")
    }

    /// docs/limits.md's plugin table shows ProcessLimits' defaults (the loader's table is
    /// checked by DocsTests).
    @Test func thePluginBoundsAreDocumented() throws {
        let text = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/limits.md"), encoding: .utf8)
        let limits = ProcessLimits.default
        #expect(text.contains("| time | \(Int(limits.timeout)) seconds"))
        #expect(text.contains("| standard output | \(limits.maxOutputBytes) bytes"))
        #expect(text.contains("| standard error | \(limits.maxErrorBytes) bytes"))
        #expect(text.contains("| a rule pack file | \(RulePack.maxFileBytes) bytes (1 MiB), and \(RulePack.maxEntries) entries"))
        for limit in Limits.names { #expect(text.contains("`\(limit.name)`")) }
    }
}
