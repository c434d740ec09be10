import Foundation
import RegimenCLI
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing is lost: an export killed part-way, or a write the disk refuses, leaves the earlier
/// output as it was, and temporary files are not left to pile up.
@Suite(.serialized) struct NothingLostTests {
    static let earlier = Data("<!DOCTYPE html><title>the earlier handout</title>\n".utf8)

    /// A repository with a large programme: 40 cards, each embedding a 300 KB picture, so the
    /// handout is about 16 MB and writing it takes long enough to be killed in the middle.
    static func largeProgrammeRepository() throws -> URL {
        var lines = ["regimen: 1", "id: large", "title: A large programme", "red-flags: [Sudden severe headache]", "exercises:"]
        for e in 0..<40 {
            lines += [
                "  ex-\(e):", "    name: Exercise \(e)", "    images:", "      - { path: images/photo.png, alt: Photo \(e) }", "    steps:",
            ]
            lines += (0..<6).map { "      - Step \($0) of exercise \(e), done slowly and with care" }
        }
        lines.append("phases:")
        for p in 0..<4 {
            lines += ["  - id: phase-\(p)", "    weeks: \(p + 1)", "    items:"]
            lines += (0..<10).flatMap { ["      - use: ex-\(p * 10 + $0)", "        dose: { sets: 3, reps: 10, hold: 5s }"] }
        }
        let root = try CLITests.repository(["large.yaml": lines.joined(separator: "\n") + "\n", "out/.keep": ""])
        var generator = SplitMix64(seed: 42)
        // A PNG signature, then noise: images are checked by content.
        let noise = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("images"), withIntermediateDirectories: true)
        try photo.write(to: root.appendingPathComponent("images/photo.png"))
        return root
    }

    /// The temporary files a write of `name` in `directory` has left.
    static func leftovers(of name: String, in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { AtomicFile.isTemporary($0, of: name) }
            .sorted()
    }

    /// Sets the modification time of `path` to `seconds` ago.
    static func age(_ path: String, by seconds: Int) {
        var times = [timeval(tv_sec: time(nil) - seconds, tv_usec: 0), timeval(tv_sec: time(nil) - seconds, tv_usec: 0)]
        _ = utimes(path, &times)
    }

    /// Starts `regimen export large.yaml --format html -o out/out.html`, kills it with SIGKILL
    /// after `delay` seconds (or, with nil, as soon as a temporary file not in `earlier` appears),
    /// and returns whether it had finished by itself first.
    static func exportAndKill(in root: URL, after delay: Double?, earlier: Set<String> = []) throws -> Bool {
        let process = Process()
        process.executableURL = BinaryTests.binary
        process.arguments = ["export", "large.yaml", "--format", "html", "-o", "out/out.html"]
        process.currentDirectoryURL = root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if let delay {
            Thread.sleep(forTimeInterval: delay)
        } else {
            let out = root.appendingPathComponent("out")
            let deadline = Date().addingTimeInterval(Bounded.timeout)
            while process.isRunning, Set(leftovers(of: "out.html", in: out)).subtracting(earlier).isEmpty, Date() < deadline {
                usleep(500)
            }
        }
        let finished = !process.isRunning
        kill(process.processIdentifier, SIGKILL)
        if done.wait(timeout: .now() + Bounded.timeout) == .timedOut { Issue.record("the export did not end after SIGKILL") }
        return finished && process.terminationReason == .exit
    }

    @Test func aKilledExportLeavesTheEarlierHandoutIntact() throws {
        let root = try Self.largeProgrammeRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let target = out.appendingPathComponent("out.html")

        // The whole handout, and how long it takes.
        let complete = try Bounded.run(["export", "large.yaml", "--format", "html", "-o", "out/complete.html"], in: root)
        #expect(complete.status == 0, "\(complete.err)")
        let whole = try Data(contentsOf: out.appendingPathComponent("complete.html"))
        #expect(whole.count > 10_000_000, "the handout is large: \(whole.count) bytes")
        try FileManager.default.removeItem(at: out.appendingPathComponent("complete.html"))

        // Killed at points through the run, and three times as soon as the temporary file appears.
        let delays: [Double?] = [0.02, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97].map { $0 * complete.seconds } + [nil, nil, nil]
        var killedMidWrite = 0
        var finishedFirst = 0
        var seen = Set<String>()
        for delay in delays {
            try Self.earlier.write(to: target)
            let finished = try Self.exportAndKill(in: root, after: delay, earlier: seen)
            if finished { finishedFirst += 1 }
            let now = try Data(contentsOf: target)
            // Before the rename the earlier file is untouched; after it, the new one is whole.
            #expect(
                now == Self.earlier || now == whole,
                "after a kill at \(delay.map { "\($0) s" } ?? "the temporary file"): \(now.count) bytes")
            // A leftover is aged past the minute, so that the next run that gets as far as writing
            // removes it: at most one is ever there.
            let left = Self.leftovers(of: "out.html", in: out)
            #expect(left.count <= 1, "\(left)")
            for name in left where !seen.contains(name) {
                seen.insert(name)
                killedMidWrite += 1
                // A leftover is readable by its owner only: it may hold a patient's handout.
                let mode = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.posixPermissions]
                #expect((mode as? NSNumber)?.intValue == 0o600)
                Self.age(out.appendingPathComponent(name).path, by: 3_600)
            }
        }
        print(
            "killed export: \(delays.count) kills over a \(String(format: "%.2f", complete.seconds)) s export; \(killedMidWrite) left a temporary file; \(finishedFirst) finished first"
        )
        // SIGKILL cannot be caught, so a kill between creating the temporary file and renaming it
        // leaves it; killing as soon as it appears shows that it does.
        #expect(killedMidWrite >= 3, "kills as the temporary file appears leave it; \(killedMidWrite) did")

        // The remedy: the next write removes temporary files of this target over a minute old.
        let rerun = try Bounded.run(["export", "large.yaml", "--format", "html", "-o", "out/out.html"], in: root)
        #expect(rerun.status == 0, "\(rerun.err)")
        #expect(try Data(contentsOf: target) == whole)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".keep", "out.html"])
    }

    /// Only this target's temporary files are removed, only once over a minute old, and never
    /// through a link.
    @Test func onlyStaleTemporaryFilesOfTheSameTargetAreRemoved() throws {
        let root = try CLITests.repository(["p.yaml": HostileInputTests.valid, "out/.keep": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("out")
        let elsewhere = root.appendingPathComponent("precious.txt")
        try Data("precious\n".utf8).write(to: elsewhere)
        let files: [(name: String, age: Int)] = [
            (".handout.html.regimen-AbC123", 120),  // stale: removed
            (".handout.html.regimen-x0Y9zZ", 3_600),  // stale: removed
            (".handout.html.regimen-Fresh1", 5),  // another run may be writing it: kept
            (".other.html.regimen-AbC123", 3_600),  // another target's: kept
            (".handout.html.regimen-toolong", 3_600),  // not mkstemp's pattern: kept
            ("handout.html.regimen-AbC123", 3_600),  // not hidden: kept
        ]
        for file in files {
            try Data("partial".utf8).write(to: out.appendingPathComponent(file.name))
            Self.age(out.appendingPathComponent(file.name).path, by: file.age)
        }
        // A stale-looking link is not followed or removed.
        try FileManager.default.createSymbolicLink(
            atPath: out.appendingPathComponent(".handout.html.regimen-Link12").path, withDestinationPath: elsewhere.path)

        let result = try Bounded.run(["export", "p.yaml", "--format", "html", "-o", "out/handout.html"], in: root)
        #expect(result.status == 0, "\(result.err)")
        let remaining = Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
        #expect(!remaining.contains(".handout.html.regimen-AbC123") && !remaining.contains(".handout.html.regimen-x0Y9zZ"))
        for kept in [
            ".handout.html.regimen-Fresh1", ".other.html.regimen-AbC123", ".handout.html.regimen-toolong", "handout.html.regimen-AbC123",
            ".handout.html.regimen-Link12", "handout.html",
        ] {
            #expect(remaining.contains(kept), "\(kept) was removed")
        }
        #expect(try String(contentsOf: elsewhere, encoding: .utf8) == "precious\n")
        #expect(AtomicFile.isTemporary(".handout.html.regimen-AbC123", of: "handout.html"))
        #expect(!AtomicFile.isTemporary(".handout.html.regimen-AbC12", of: "handout.html"))
        #expect(!AtomicFile.isTemporary(".handout.html.regimen-AbC12-", of: "handout.html"))
    }

    /// Runs an export of `p.yaml` to `output` in `root` through `/bin/sh -c PREFIX; exec regimen …`.
    static func exportThroughShell(_ prefix: String, output: String, in root: URL) throws -> Bounded.Result {
        try Bounded.run(
            ["-c", "\(prefix); exec \"$0\" \"$@\"", BinaryTests.binary.path, "export", "p.yaml", "--format", "html", "-o", output],
            in: root, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// The disk refuses the write part-way. A file size limit (`ulimit -f`, with SIGXFSZ ignored so
    /// the write fails with EFBIG instead of killing the process) works for every user, root
    /// included: chmod does not stop root, so a read-only directory is tried only when it works.
    @Test func aWriteTheDiskRefusesLeavesTheEarlierFileAndNoTemporary() throws {
        let root = try CLITests.repository(["p.yaml": HostileInputTests.valid, "out/.keep": ""])
        defer {
            chmod(root.appendingPathComponent("out").path, 0o755)
            try? FileManager.default.removeItem(at: root)
        }
        let out = root.appendingPathComponent("out")
        let target = out.appendingPathComponent("handout.html")
        try Self.earlier.write(to: target)

        // 1. The file grows past the process's file size limit (one block: 512 bytes in dash).
        let tooLarge = try Self.exportThroughShell("ulimit -f 1; trap '' XFSZ", output: "out/handout.html", in: root)
        #expect(tooLarge.status == 2, "\(tooLarge.err)")
        #expect(tooLarge.err.contains("error: cannot write `out/handout.html`: File too large"), "\(tooLarge.err)")
        #expect(try Data(contentsOf: target) == Self.earlier)
        #expect(Self.leftovers(of: "handout.html", in: out) == [])

        // 2. A read-only directory, where it stops this user (not root, who writes anyway).
        chmod(out.path, 0o555)
        let probe = out.appendingPathComponent("probe")
        if FileManager.default.createFile(atPath: probe.path, contents: Data()) {
            try? FileManager.default.removeItem(at: probe)
            print("running as root (or with CAP_DAC_OVERRIDE): a read-only directory does not stop writes, so that case is skipped")
        } else {
            let readOnly = try Bounded.run(["export", "p.yaml", "--format", "html", "-o", "out/handout.html"], in: root)
            #expect(readOnly.status == 2)
            #expect(readOnly.err.contains("/out`: Permission denied"), "\(readOnly.err)")
            #expect(try Data(contentsOf: target) == Self.earlier)
            #expect(Self.leftovers(of: "handout.html", in: out) == [])
        }
        chmod(out.path, 0o755)

        // 3. A directory where no file can be made, whoever asks: /proc.
        let proc = try Bounded.run(["export", "p.yaml", "--format", "html", "-o", "/proc/self/handout.html"], in: root)
        #expect(proc.status == 2)
        #expect(proc.err.contains("error: cannot write in `/proc/self`"), "\(proc.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".keep", "handout.html"])
    }

    /// Outputs that cannot be written at all are clear errors (exit 2), for export as for compile
    /// (CompileTests.outputsThatCannotBeWrittenAreClearErrors).
    @Test func outputsThatAreNotFilesAreClearErrors() throws {
        let root = try CLITests.repository(["p.yaml": HostileInputTests.valid, "out/.keep": "", "a-file": "x\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let cases: [(output: String, message: String)] = [
            ("out", "error: `out` is a directory; name a file to write"),
            ("no/such/handout.html", "/no/such` does not exist; create it first"),
            ("a-file/handout.html", "/a-file` is a file, not a directory; name a file inside a directory"),
        ]
        for (output, message) in cases {
            let result = try Bounded.run(["export", "p.yaml", "--format", "html", "-o", output], in: root)
            #expect(result.status == 2, "\(output): exit \(result.status)")
            #expect(result.err.contains(message), "\(output): \(result.err)")
        }
        #expect(try String(contentsOf: root.appendingPathComponent("a-file"), encoding: .utf8) == "x\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path) == [".keep"])
    }

    /// `-o` naming a symbolic link replaces the link with an ordinary file (0644, as a new file
    /// gets), and never writes through it: the file the link led to is left as it was. An
    /// existing regular file keeps its own permissions.
    @Test func anOutputThatIsASymbolicLinkIsReplacedByAFileWithAFilesPermissions() throws {
        let root = try CLITests.repository(["p.yaml": HostileInputTests.valid, "out/.keep": ""])
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-link-target-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try Data("the file the link leads to\n".utf8).write(to: elsewhere)
        chmod(elsewhere.path, 0o600)
        let link = root.appendingPathComponent("out/handout.html")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: elsewhere.path)
        let result = try Bounded.run(["export", "p.yaml", "--format", "html", "-o", "out/handout.html"], in: root)
        #expect(result.status == 0, "\(result.err)")
        var info = stat()
        #expect(lstat(link.path, &info) == 0)
        #expect(info.st_mode & S_IFMT == S_IFREG, "the link was replaced by a file")
        #expect(info.st_mode & 0o7777 == 0o644, "mode \(String(info.st_mode & 0o7777, radix: 8))")
        #expect(try String(contentsOf: elsewhere, encoding: .utf8) == "the file the link leads to\n")

        // A regular file that is there keeps its permissions.
        chmod(link.path, 0o640)
        let again = try Bounded.run(["export", "p.yaml", "--format", "html", "-o", "out/handout.html"], in: root)
        #expect(again.status == 0, "\(again.err)")
        #expect(lstat(link.path, &info) == 0 && info.st_mode & 0o7777 == 0o640)
    }
}
