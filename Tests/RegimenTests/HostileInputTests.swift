import Foundation
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import Testing

/// Hostile and accidental input: each gets a diagnostic with the right code and place, never a
/// trap, a hang or unbounded memory.
@Suite struct HostileInputTests {
    static let valid = """
        regimen: 1
        id: neck-basics
        title: Neck basics
        red-flags: [Sudden severe headache]
        exercises:
          chin-tuck:
            name: Chin tuck
            steps: [Draw your chin straight back, Hold, then relax]
        phases:
          - id: start
            weeks: 1-4
            items:
              - use: chin-tuck
                dose: { reps: 10, hold: 5s }

        """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let code: String
        let at: String?
        var files: [String: String] = [:]
        var testDescription: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let billionLaughs: String = {
        var lines = ["regimen: 1", "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static let manyAliases: String = "regimen: 1\nx: &x 1\nlist: [" + Array(repeating: "*x", count: 300).joined(separator: ", ") + "]\n"

    static let cases: [Case] = [
        Case(name: "billion laughs", bytes: text(billionLaughs), code: "RG004", at: nil),
        Case(name: "300 aliases", bytes: text(manyAliases), code: "RG004", at: "3:1032"),
        Case(
            name: "10,000-deep flow nesting",
            bytes: text("regimen: [" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_001) + "\n"),
            code: "RG004", at: "1:11"),
        Case(
            name: "10,000-deep block nesting", bytes: text("regimen: 1\nx:\n" + String(repeating: "- ", count: 10_000) + "x\n"),
            code: "RG004", at: nil),
        Case(
            name: "integer beyond 64 bits",
            bytes: text(valid.replacingOccurrences(of: "reps: 10", with: "reps: 99999999999999999999999999")),
            code: "RG101", at: "14:23"),
        Case(name: "NaN hold", bytes: text(valid.replacingOccurrences(of: "hold: 5s", with: "hold: .nan")), code: "RG104", at: "14:33"),
        Case(
            name: "infinite hold", bytes: text(valid.replacingOccurrences(of: "hold: 5s", with: "hold: .inf s")), code: "RG104", at: "14:33"
        ),
        Case(name: "negative hold", bytes: text(valid.replacingOccurrences(of: "hold: 5s", with: "hold: -5s")), code: "RG104", at: "14:33"),
        Case(
            name: "fractional reps", bytes: text(valid.replacingOccurrences(of: "reps: 10", with: "reps: 2.5")), code: "RG101", at: "14:23"),
        Case(name: "invalid UTF-8", bytes: text("regimen: 1\ntitle: caf") + [0xC3, 0x28] + text("\n"), code: "RG001", at: "2:11"),
        Case(
            name: "UTF-16 with a BOM", bytes: [0xFF, 0xFE] + Array("regimen: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            code: "RG001", at: "1:1"),
        Case(
            name: "UTF-16 without a BOM", bytes: Array("regimen: 1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            code: "RG001", at: "1:2"),
        Case(name: "NUL byte", bytes: text("regimen: 1\ntitle: a") + [0] + text("b\n"), code: "RG001", at: "2:9"),
        Case(name: "UTF-8 BOM keeps columns", bytes: [0xEF, 0xBB, 0xBF] + text("titel: x\n" + valid), code: "RG102", at: "1:1"),
        Case(
            name: "CRLF keeps lines",
            bytes: text(valid.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "title:", with: "titel:")),
            code: "RG102", at: "3:1"),
        Case(
            name: "CR-only line ends",
            bytes: text(valid.replacingOccurrences(of: "\n", with: "\r").replacingOccurrences(of: "title:", with: "titel:")),
            code: "RG102", at: "3:1"),
        Case(name: "tab indentation", bytes: text("regimen: 1\nphases:\n\t- id: a\n"), code: "RG001", at: "3:1"),
        Case(name: "empty file", bytes: [], code: "RG002", at: "1:1"),
        Case(name: "only comments", bytes: text("# nothing here\n# at all\n"), code: "RG002", at: "1:1"),
        Case(name: "only a document marker", bytes: text("---\n"), code: "RG002", at: nil),
        Case(name: "several documents", bytes: text(valid + "---\n" + valid), code: "RG003", at: "15:1"),
        Case(name: "python tag", bytes: text("regimen: 1\nid: !!python/object:os.system x\n"), code: "RG007", at: "2:5"),
        Case(
            name: "custom tag", bytes: text(valid.replacingOccurrences(of: "title: Neck basics", with: "title: !shout Neck basics")),
            code: "RG007", at: "3:8"),
        Case(
            name: "merge key",
            bytes: text(
                valid.replacingOccurrences(of: "dose: { reps: 10, hold: 5s }", with: "dose: { <<: *base }")
                    .replacingOccurrences(of: "red-flags:", with: "base: &base { reps: 3 }\nred-flags:")), code: "RG007", at: "15:17"),
        Case(
            name: "duplicate key",
            bytes: text(valid.replacingOccurrences(of: "title: Neck basics", with: "title: Neck basics\ntitle: Again")),
            code: "RG005", at: "4:1"),
        Case(
            name: "yes as text", bytes: text(valid.replacingOccurrences(of: "title: Neck basics", with: "title: yes")), code: "RG006",
            at: "3:8"),
        Case(
            name: "ten-megabyte file",
            bytes: text("regimen: 1\nnotes: |\n" + String(repeating: "  all work and no play\n", count: 460_000)),
            code: "RG004", at: "1:1"),
        Case(
            name: "one ten-megabyte line", bytes: text("regimen: 1\nnotes: " + String(repeating: "x", count: 10_000_000) + "\n"),
            code: "RG004", at: "1:1"),
        Case(
            name: "include outside the repository",
            bytes: text(valid.replacingOccurrences(of: "red-flags:", with: "library: [../../../etc/passwd]\nred-flags:")),
            code: "RG202", at: "4:11"),
        Case(
            name: "absolute include", bytes: text(valid.replacingOccurrences(of: "red-flags:", with: "library: [/etc/passwd]\nred-flags:")),
            code: "RG202", at: "4:11"),
        Case(
            name: "include of itself",
            bytes: text(valid.replacingOccurrences(of: "red-flags:", with: "library: [programme.yaml]\nred-flags:")),
            code: "RG202", at: "4:11"),
        Case(
            name: "include of a directory named like a file",
            bytes: text(valid.replacingOccurrences(of: "red-flags:", with: "library: [lib.yaml]\nred-flags:")),
            code: "RG202", at: "4:11", files: ["lib.yaml/inner.yaml": "regimen-library: 1\nexercises: {}\n"]),
        Case(
            name: "missing include with a suggestion",
            bytes: text(valid.replacingOccurrences(of: "red-flags:", with: "library: [library/lumbr.yaml]\nred-flags:")),
            code: "RG202", at: "4:11", files: ["library/lumbar.yaml": "regimen-library: 1\nexercises: {}\n"]),
        Case(name: "a list at the top", bytes: text("- regimen: 1\n"), code: "RG101", at: "1:1"),
        Case(name: "a scalar at the top", bytes: text("just words\n"), code: "RG101", at: "1:1"),
        Case(name: "complex key", bytes: text("regimen: 1\n? [a, b]\n: c\n"), code: "RG101", at: "2:3"),
        Case(
            name: "unknown version", bytes: text(valid.replacingOccurrences(of: "regimen: 1", with: "regimen: 2")), code: "RG106",
            at: "1:10"),
        Case(name: "neither programme nor library", bytes: text("name: something\n"), code: "RG103", at: "1:1"),
    ]

    @Test(arguments: cases)
    func reportsWithoutTrapping(_ c: Case) {
        let report = Harness.validate(bytes: c.bytes, files: c.files)
        let matching = report.diagnostics.filter { $0.code == c.code }
        #expect(!matching.isEmpty, "expected \(c.code), got \(Harness.summary(report))")
        if let at = c.at {
            #expect(matching.contains { "\($0.range.start)" == at }, "expected \(c.code) at \(at), got \(Harness.summary(report))")
        }
        // Every finding can be shown: the renderer never traps on odd ranges or text.
        let text = TextRenderer().render(report.diagnostics, sources: report.sources)
        #expect(text.contains("[\(c.code)]"))
    }

    @Test func aBrokenLibraryIsReportedOnceNotAtEveryUse() {
        let programme = Self.valid
            .replacingOccurrences(of: "red-flags:", with: "library: [library/neck.yaml]\nred-flags:")
            .replacingOccurrences(of: "- use: chin-tuck", with: "- use: neck-rotation")
        let report = Harness.validate(programme, files: ["library/neck.yaml": "regimen-library: 1\nexercises: [unclosed\n"])
        #expect(Harness.summary(report) == ["RG001@2:12"], "\(Harness.summary(report))")
        #expect(report.diagnostics.first?.range.file == "library/neck.yaml")
    }

    @Test func limitMessagesSayHowToRaiseThem() {
        let report = Harness.validate(bytes: Self.text(Self.billionLaughs))
        let limit = report.diagnostics.first { $0.code == "RG004" }
        #expect(limit?.message == "file expands to more than 1000000 values")
        #expect(limit?.help?.contains("docs/limits.md") == true)
    }

    @Test func duplicateKeyPointsAtTheFirst() throws {
        let report = Harness.validate(Self.valid.replacingOccurrences(of: "title: Neck basics", with: "title: Neck basics\ntitle: Again"))
        let duplicate = try #require(report.diagnostics.first { $0.code == "RG005" })
        #expect(duplicate.message == "key `title` appears twice in this mapping")
        #expect(duplicate.notes.first?.range?.start == SourcePosition(line: 3, column: 1))
    }

    @Test func excerptsSurviveCRLFAndBOM() {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Self.text(Self.valid.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "hold: 5s", with: "hold: 5"))
        let report = Harness.validate(bytes: bytes)
        let text = TextRenderer().render(report.diagnostics, sources: report.sources)
        #expect(
            text.contains(
                """
                14 |         dose: { reps: 10, hold: 5 }
                   |                                 ^
                """), "\(text)")
    }

    /// Thousands of random corruptions of a valid programme: the pipeline and the renderer must
    /// survive every one (a trap would end the test process).
    @Test func randomCorruptionsNeverTrap() {
        var generator = SplitMix64(seed: 0x5EED)
        let base = Array(Self.valid.utf8)
        let interesting: [UInt8] = Array(":-[]{}&*!|>'\"#%@`\t\n\r ,?0129aZ".utf8) + [0, 0xFF, 0xC3, 0xE2, 0x80]
        for _ in 0..<2_000 {
            var bytes = base
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = interesting[Int(generator.next() % UInt64(interesting.count))]
                case 1: bytes.insert(interesting[Int(generator.next() % UInt64(interesting.count))], at: position)
                default: bytes.remove(at: position)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            let report = Harness.validate(bytes: bytes)
            _ = TextRenderer().render(report.diagnostics, sources: report.sources)
            _ = JSONReport(diagnostics: report.diagnostics, files: 1).encoded()
        }
    }

    @Test func symlinksOutOfTheRepositoryAndLoopsAreRefused() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("regimen-links-\(UUID().uuidString)")
        let repo = base.appendingPathComponent("repo")
        defer { try? fm.removeItem(at: base) }
        try fm.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try "regimen-library: 1\nexercises: {}\n".write(to: base.appendingPathComponent("outside.yaml"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(
            atPath: repo.appendingPathComponent("out.yaml").path, withDestinationPath: base.appendingPathComponent("outside.yaml").path)
        try fm.createSymbolicLink(
            atPath: repo.appendingPathComponent("loop-a.yaml").path, withDestinationPath: repo.appendingPathComponent("loop-b.yaml").path)
        try fm.createSymbolicLink(
            atPath: repo.appendingPathComponent("loop-b.yaml").path, withDestinationPath: repo.appendingPathComponent("loop-a.yaml").path)
        let programme = Self.valid.replacingOccurrences(of: "red-flags:", with: "library: [out.yaml, loop-a.yaml]\nred-flags:")
        try programme.write(to: repo.appendingPathComponent("programme.yaml"), atomically: true, encoding: .utf8)

        let report = ValidationPipeline().run(paths: [repo.appendingPathComponent("programme.yaml").path])
        let messages = report.diagnostics.filter { $0.code == "RG202" }.map(\.message)
        let outside = base.appendingPathComponent("outside.yaml").path
        #expect(
            messages.contains {
                $0.hasPrefix("library path `out.yaml` leads outside the repository through `")
                    && $0.hasSuffix("out.yaml`, a symbolic link to `\(outside)`; it was not read")
            }, "\(messages)")
        #expect(messages.contains("library path `loop-a.yaml` is a symbolic link that leads nowhere (or round in a loop)"), "\(messages)")
        // A directory walk does not follow the loop either, and does not hang.
        let walk = ValidationPipeline().run(paths: [repo.path])
        #expect(walk.fileCount >= 1)
    }

    /// Paths are resolved a directory at a time (`PathFacts`): a linked directory in the middle
    /// of a path must still be seen, whether it leads out of the repository or stays inside.
    @Test func aLinkedDirectoryInsideAPathIsFollowed() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("regimen-dir-links-\(UUID().uuidString)")
        let repo = base.appendingPathComponent("repo")
        defer { try? fm.removeItem(at: base) }
        try fm.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try fm.createDirectory(at: repo.appendingPathComponent("library"), withIntermediateDirectories: true)
        try fm.createDirectory(at: base.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        let library = "regimen-library: 1\nexercises:\n  wall-push:\n    name: Wall push\n    steps: [Push]\n"
        try library.write(to: base.appendingPathComponent("elsewhere/lib.yaml"), atomically: true, encoding: .utf8)
        try library.write(to: repo.appendingPathComponent("library/lib.yaml"), atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(
            atPath: repo.appendingPathComponent("out").path, withDestinationPath: base.appendingPathComponent("elsewhere").path)
        try fm.createSymbolicLink(atPath: repo.appendingPathComponent("shelf").path, withDestinationPath: "library")
        let programme = Self.valid.replacingOccurrences(of: "red-flags:", with: "library: [out/lib.yaml, shelf/lib.yaml]\nred-flags:")
        try programme.write(to: repo.appendingPathComponent("programme.yaml"), atomically: true, encoding: .utf8)

        let report = ValidationPipeline().run(paths: [repo.appendingPathComponent("programme.yaml").path])
        let messages = report.diagnostics.filter { $0.code == "RG202" }.map(\.message)
        let elsewhere = base.appendingPathComponent("elsewhere").path
        #expect(messages.count == 1, "\(messages)")
        #expect(
            messages.first?.hasPrefix("library path `out/lib.yaml` leads outside the repository through `") == true
                && messages.first?.hasSuffix("/out`, a symbolic link to `\(elsewhere)`; it was not read") == true, "\(messages)")
        // The linked directory inside the repository is read like any other: as `library/lib.yaml`
        // (where it leads), once.
        let found = report.load.libraries.map(\.path)
        #expect(found.count == 1 && found[0].hasSuffix("lib.yaml"), "\(found)")
    }
}

/// A small, fast, seedable generator, so that random tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
