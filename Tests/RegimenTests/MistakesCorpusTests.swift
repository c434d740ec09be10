import Foundation
import RegimenDiagnostics
import RegimenValidate
import Testing

/// The mistakes corpus (docs/examples/mistakes) is the specification of what Regimen says
/// about the slips clinicians make first: each file is a realistic programme with one typical
/// mistake, and its findings (code, line:column, message, help, notes) are golden. The first
/// line of each file says where the mistake is (`# mistake (line 35): …`), and every finding
/// must be at one of those lines: the line the user must change, never a follow-on elsewhere.
@Suite struct MistakesCorpusTests {
    static let directory = "docs/examples/mistakes"

    static let files: [String] = {
        let url = Harness.repositoryRoot.appendingPathComponent(directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("\(directory)/\(name)"), encoding: .utf8)
    }

    static func findings(_ name: String) throws -> [Diagnostic] {
        Harness.validate(try text(name), path: "\(directory)/\(name)").diagnostics
    }

    /// A finding as the golden file shows it.
    static func shown(_ d: Diagnostic) -> String {
        var lines = ["\(d.code) \(d.range.start.line):\(d.range.start.column) \(d.severity): \(d.message)"]
        if let help = d.help { lines.append("  help: \(help)") }
        for note in d.notes {
            lines.append("  note: \(note.message)" + (note.range.map { " (\($0.start.line):\($0.start.column))" } ?? ""))
        }
        if let fix = d.fix { lines.append("  fix: \(fix.title)") }
        return lines.joined(separator: "\n")
    }

    /// The lines the header names: `line 35`, `lines 32 and 33`, `lines 37-39`.
    /// A range (a value written over several lines) needs a finding somewhere in it; named
    /// lines need one each.
    static func declaredLines(_ text: String) -> (lines: Set<Int>, isRange: Bool)? {
        guard let header = text.split(separator: "\n").first,
            let match = header.firstMatch(of: #/^[#] mistake \(lines? ([0-9]+)(?:(-| and )([0-9]+))?\): /#)
        else { return nil }
        let first = Int(match.1) ?? 0
        guard let second = match.3.flatMap({ Int($0) }) else { return ([first], false) }
        return match.2 == "-" ? (Set(first...max(first, second)), true) : ([first, second], false)
    }

    @Test func theCorpusHoldsAtLeastFortyFiles() {
        #expect(Self.files.count >= 40, "docs/examples/mistakes holds \(Self.files.count) files")
    }

    /// The exact findings of each file, against its golden (RECORD=1 rewrites them).
    @Test(arguments: files)
    func findingsMatchTheGolden(_ name: String) throws {
        let actual = try Self.findings(name).map(Self.shown).joined(separator: "\n") + "\n"
        let golden = Harness.repositoryRoot.appendingPathComponent(
            "Tests/RegimenTests/Fixtures/golden/mistakes/\(name.replacingOccurrences(of: ".yaml", with: ".txt"))")
        if ProcessInfo.processInfo.environment["RECORD"] != nil {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "\(name): re-record with RECORD=1 swift test --filter MistakesCorpusTests if the change is intended")
    }

    /// One mistake, one finding: each finding is at a line the header names, and each named
    /// line has one.
    @Test(arguments: files)
    func findingsAreAtTheLineToChange(_ name: String) throws {
        let (declared, isRange) = try #require(
            Self.declaredLines(try Self.text(name)), "\(name): the first line must say `# mistake (line N): …`")
        let lines = try Self.findings(name).map(\.range.start.line)
        #expect(!lines.isEmpty, "\(name): the mistake is not reported")
        #expect(Set(lines).isSubset(of: declared), "\(name): findings at lines \(lines), the mistake is at \(declared.sorted())")
        #expect(isRange || declared.isSubset(of: Set(lines)), "\(name): no finding at \(declared.subtracting(lines).sorted())")
    }

    /// libyaml's words stay in a note; no finding's main text quotes them.
    @Test(arguments: files)
    func noFindingQuotesTheParser(_ name: String) throws {
        let parserWords = [
            "mapping values are not allowed", "did not find expected", "could not find expected", "while scanning",
            "while parsing", "found character", "found unexpected", "yaml:", "violates indentation",
        ]
        for finding in try Self.findings(name) {
            for words in parserWords {
                #expect(!finding.message.contains(words), "\(name): \(finding.message)")
                #expect(!(finding.help ?? "").contains(words), "\(name): \(finding.help ?? "")")
            }
        }
    }

    /// Each shape of mistake the explainer knows has at least two files, and each of those
    /// files' findings spells out the fix (a help line that says what to write or where to move).
    @Test func everyShapeHasTwoFilesWithTheFixSpeltOut() throws {
        let shapes = [
            "no-use", "indent-less", "indent-more", "colon-in-text", "hash-in-text", "tab", "list-for-value",
            "value-for-list", "dash-space", "colon-space", "flow-bracket", "flow-quote", "reserved-start", "wrong-level",
            "follow-on",
        ]
        for shape in shapes {
            let files = Self.files.filter { $0.dropFirst(3).hasPrefix(shape + "-") }
            #expect(files.count >= 2, "\(shape): \(files.count) files")
            for name in files {
                let findings = try Self.findings(name)
                #expect(findings.allSatisfy { ($0.help ?? "").count > 10 }, "\(name): a finding has no help")
            }
        }
        #expect(Self.files.allSatisfy { name in shapes.contains { name.dropFirst(3).hasPrefix($0 + "-") } })
    }

    /// `text` with `fix` made: its range (1-based lines, columns counted in characters) replaced.
    static func applying(_ fix: Fix, to text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        func offset(_ p: SourcePosition) -> Int {
            lines.prefix(p.line - 1).reduce(0) { $0 + $1.count + 1 } + p.column - 1
        }
        var scalars = Array(text.unicodeScalars)
        let start = offset(fix.range.start)
        let end = min(offset(fix.range.end), scalars.count)
        scalars.replaceSubrange(start..<max(start, end), with: Array(fix.replacement.unicodeScalars))
        return String(String.UnicodeScalarView(scalars))
    }

    /// The quick fix an editor offers (`regimen lsp`) is the fix the help describes: made, it
    /// leaves a file with no errors.
    @Test(arguments: files)
    func theQuickFixMendsTheFile(_ name: String) throws {
        let findings = try Self.findings(name)
        let fixes = findings.compactMap(\.fix)
        guard fixes.count == findings.count, let fix = fixes.first, findings.count == 1 else { return }
        let mended = Self.applying(fix, to: try Self.text(name))
        let after = Harness.validate(mended, path: "\(Self.directory)/\(name)").diagnostics.filter { $0.severity == .error }
        #expect(after.isEmpty, "\(name): after `\(fix.title)`: \(after.map { "\($0.code) \($0.range.start): \($0.message)" })")
    }

    /// A very long line is shown cut in the message and help (the source excerpt shows it), and
    /// the quick fix still makes the whole change.
    @Test(arguments: [
        "title: Knee: " + String(repeating: "stronger ", count: 2000),
        "condition: [" + String(repeating: "knee-osteoarthritis, ", count: 500) + "hip",
        "title: \"" + String(repeating: "Back on your feet ", count: 1000),
    ])
    func aLongLineIsShownCut(_ line: String) throws {
        let text = "regimen: 1\nid: long\n" + line + "\nphases: []\n"
        let finding = try #require(Harness.validate(text).diagnostics.first { $0.code == "RG001" })
        #expect(finding.message.count < 200, "\(finding.message.count)")
        #expect((finding.help ?? "").count < 300, "\(finding.help?.count ?? 0)")
        let fix = try #require(finding.fix)
        #expect(Harness.validate(Self.applying(fix, to: text)).diagnostics.allSatisfy { $0.code != "RG001" })
    }
}
