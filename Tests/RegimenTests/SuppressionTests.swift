import Foundation
import RegimenCompile
import RegimenConfig
import RegimenDiagnostics
import RegimenLoad
import RegimenValidate
import Testing

/// `# regimen-disable-next-line CODE: reason`: what it suppresses, and what it reports.
@Suite struct SuppressionTests {
    /// A programme whose one item has `dose` (a 10 min hold is RG203), preceded by `before`
    /// (lines, indented as the item's keys).
    static func programme(
        before: String = "", dose: String = "{ sets: 1, hold: 10 min }", title: String = "Getting the knee straight again"
    )
        -> String
    {
        let lines =
            before.isEmpty
            ? "" : before.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
        return """
            regimen: 1
            id: knee-contracture
            title: \(title)
            red-flags:
              - Your calf becomes hot, swollen and painful
            exercises:
              prone-hang:
                name: Knee straightening stretch lying on your front
                steps: [Lie on your front with your feet over the end of the bed, Let your knee straighten]
            phases:
              - id: straighten
                weeks: 1-6
                items:
                  - use: prone-hang

            """ + lines + "        dose: \(dose)\n"
    }

    static func summary(_ report: ValidationPipeline.Report) -> [String] { Harness.summary(report) }

    @Test func theUnsuppressedProgrammeHasTheFinding() {
        #expect(Self.summary(Harness.validate(Self.programme())) == ["RG203@15:32"])
    }

    @Test func aSuppressedFindingDisappears() {
        let report = Harness.validate(Self.programme(before: "    # regimen-disable-next-line RG203: a prolonged low-load stretch"))
        #expect(report.diagnostics.isEmpty, "\(Self.summary(report))")
    }

    @Test func blankLinesAndCommentsBetweenAreSkippedAndCaseDoesNotMatter() {
        let before = """
                # regimen-disable-next-line rg203: a prolonged low-load stretch
                # agreed with the consultant

            """
        let report = Harness.validate(Self.programme(before: before))
        #expect(report.diagnostics.isEmpty, "\(Self.summary(report))")
    }

    @Test func aWrongCodeDoesNotSuppressAndSaysWhatTheLineReports() throws {
        let report = Harness.validate(Self.programme(before: "    # regimen-disable-next-line RG204: a prolonged low-load stretch"))
        #expect(Self.summary(report) == ["RG503@15:37", "RG203@16:32"])
        let unused = try #require(report.diagnostics.first)
        #expect(unused.severity == .warning)
        #expect(unused.message == "suppression of RG204 is unused: line 16 reports no RG204")
        #expect(unused.help == "line 16 reports RG203; did you mean `RG203`?")
    }

    @Test func onlyTheNextLineIsCovered() {
        // The comment is above the `- use:` line; the finding is on the line after it.
        let text = Self.programme().replacingOccurrences(
            of: "      - use: prone-hang\n", with: "      # regimen-disable-next-line RG203: a prolonged stretch\n      - use: prone-hang\n"
        )
        #expect(Self.summary(Harness.validate(text)) == ["RG503@14:35", "RG203@16:32"])
    }

    @Test func aSuppressionWithoutAReasonSuppressesNothingAndIsReported() throws {
        for comment in ["# regimen-disable-next-line RG203", "# regimen-disable-next-line RG203:", "# regimen-disable-next-line RG203:   "]
        {
            let report = Harness.validate(Self.programme(before: "    " + comment))
            #expect(Self.summary(report) == ["RG502@15:9", "RG203@16:32"], "\(comment)")
            let finding = try #require(report.diagnostics.first)
            #expect(finding.severity == .error)
            #expect(finding.message == "suppression of RG203 gives no reason")
            #expect(
                finding.help
                    == "say why after a colon, for whoever reads the programme next: `# regimen-disable-next-line RG203: the reason`")
        }
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        var comment: String
        var column: Int
        var message: String
        var testDescription: String { comment }
    }

    static let malformed: [Malformed] = [
        Malformed(comment: "# regimen-disable-next-line: a prolonged stretch", column: 9, message: "suppression names no rule code"),
        Malformed(
            comment: "# regimen-disable-next-line RG203 RG212: a prolonged stretch", column: 37, message: "`RG203 RG212` is not a rule code"
        ),
        Malformed(
            comment: "# regimen-disable-next-line implausible-dose: a prolonged stretch", column: 37,
            message: "`implausible-dose` is not a rule code"),
        Malformed(
            comment: "# regimen-disable-line RG203: a prolonged stretch", column: 9, message: "`regimen-disable-line` is not a suppression"),
        Malformed(comment: "#regimen-disable RG203: a prolonged stretch", column: 9, message: "`regimen-disable` is not a suppression"),
    ]

    @Test(arguments: malformed)
    func aMalformedSuppressionIsReported(_ malformed: Malformed) throws {
        let report = Harness.validate(Self.programme(before: "    " + malformed.comment))
        #expect(Self.summary(report) == ["RG502@15:\(malformed.column)", "RG203@16:32"])
        #expect(report.diagnostics.first?.message == malformed.message)
    }

    @Test func anUnusedSuppressionIsReportedAtItsCode() throws {
        let report = Harness.validate(
            Self.programme(before: "    # regimen-disable-next-line RG203, RG212: a prolonged low-load stretch"))
        #expect(Self.summary(report) == ["RG503@15:44"])
        let finding = try #require(report.diagnostics.first)
        #expect(finding.range.end == SourcePosition(line: 15, column: 49))
        #expect(finding.message == "suppression of RG212 is unused: line 16 reports no RG212")
        #expect(finding.help == "remove it, or move it to the line before the finding it suppresses")
    }

    @Test func aSuppressionWithNothingAfterItIsUnused() {
        let text = Self.programme(dose: "{ sets: 1, hold: 5 min }") + "# regimen-disable-next-line RG203: nothing follows\n\n"
        let report = Harness.validate(text)
        #expect(Self.summary(report) == ["RG503@16:29"])
        #expect(report.diagnostics.first?.message == "suppression of RG203 has no line to apply to")
    }

    /// Only a line whose first character other than spaces is `#` is a comment.
    @Test func aHashInsideAStringIsNotASuppression() {
        let cases = [
            // On the line before, but inside a quoted string.
            Self.programme(before: "    notes: \"# regimen-disable-next-line RG203: not a comment\""),
            Self.programme(before: "    notes: 'x # regimen-disable-next-line RG203: not a comment'"),
            // A quoted string that runs over lines, whose second line starts with `#`.
            Self.programme(before: "    notes: \"Hold the stretch\n      # regimen-disable-next-line RG203: not a comment\""),
            // A literal block whose last line starts with `#`.
            Self.programme(before: "    notes: |\n      Hold the stretch.\n      # regimen-disable-next-line RG203: not a comment"),
        ]
        for text in cases {
            let report = Harness.validate(text)
            #expect(report.diagnostics.map(\.code) == ["RG203"], "\(Self.summary(report))\n\(text)")
        }
        // A comment after a value is not read either.
        let trailing = Self.programme().replacingOccurrences(
            of: "hold: 10 min }", with: "hold: 10 min } # regimen-disable-next-line RG203: trailing")
        #expect(Harness.validate(trailing).diagnostics.map(\.code) == ["RG203"])
    }

    @Test func aCommentAfterABlockStringIsStillAComment() {
        let before = "    notes: |\n      Hold the stretch.\n    # regimen-disable-next-line RG203: a prolonged low-load stretch"
        let report = Harness.validate(Self.programme(before: before))
        #expect(report.diagnostics.isEmpty, "\(Self.summary(report))")
    }

    @Test func suppressionsWorkInLibraryFiles() {
        let library = """
            regimen-library: 1
            title: Drafts
            exercises:
              # regimen-disable-next-line RG207: steps to be written by the team this week
              prone-hang:
                name: Knee straightening stretch lying on your front

            """
        let withSteps = Harness.validate(library, path: "library/drafts.yaml")
        #expect(withSteps.diagnostics.isEmpty, "\(Self.summary(withSteps))")
        let without = Harness.validate(
            library.replacingOccurrences(of: "  # regimen-disable-next-line RG207: steps to be written by the team this week\n", with: ""),
            path: "library/drafts.yaml")
        #expect(without.diagnostics.map(\.code) == ["RG207"])
    }

    @Test func onlyTheSameFileIsCovered() {
        // A suppression in the programme does not reach a finding in its library file at the same line.
        let library = "regimen-library: 1\ntitle: Drafts\nexercises:\n  stretch: { name: Stretch }\n"
        let programme = """
            regimen: 1
            id: knee
            title: Knee
            # regimen-disable-next-line RG207: not this file's finding
            library: [library/drafts.yaml]
            red-flags: [Your calf becomes hot, swollen and painful]
            phases: []

            """
        let report = Harness.validate(programme, files: ["library/drafts.yaml": library])
        #expect(Set(Self.summary(report)) == ["RG503@4:29", "RG207@4:3"])
    }

    @Test func applyLeavesFindingsAloneWhenThereAreNoSuppressions() {
        let range = SourceRange(file: "p.yaml", start: SourcePosition(line: 2, column: 1), end: SourcePosition(line: 2, column: 3))
        let diagnostics = [Diagnostic(code: "RG203", severity: .error, message: "m", range: range)]
        let source = SourceFile(path: "p.yaml", text: "a: 1\nb: 2\n")
        #expect(Suppressions.apply(to: diagnostics, sources: [source]) == diagnostics)
        let suppressed = SourceFile(path: "p.yaml", text: "# regimen-disable-next-line RG203: fine\nb: 2\n")
        #expect(Suppressions.apply(to: diagnostics, sources: [suppressed]).isEmpty)
        // A suppression in another file covers nothing here, and is unused there.
        let elsewhere = SourceFile(path: "q.yaml", text: "# regimen-disable-next-line RG203: fine\nb: 2\n")
        #expect(Suppressions.apply(to: diagnostics, sources: [source, elsewhere]).map(\.code) == ["RG203", "RG503"])
    }

    /// Many suppressions, many multi-line strings and many findings stay linear: a hostile file
    /// is a list of findings, never a hang.
    @Test func manySuppressionsStayLinear() {
        let count = 5_000
        var lines = ["notes:"]
        for _ in 0..<count {
            lines += ["  - \"a string", "    over two lines\"", "  # regimen-disable-next-line RG203, RG212: x"]
        }
        lines += Array(repeating: "# regimen-disable-next-line RG204: x", count: count) + ["end: 1"]
        let source = SourceFile(path: "p.yaml", text: lines.joined(separator: "\n"))
        let findings = (0..<count - 1).map { index in
            Diagnostic(
                code: "RG203", severity: .error, message: "m",
                range: SourceRange(
                    file: "p.yaml", start: SourcePosition(line: 5 + index * 3, column: 5),
                    end: SourcePosition(line: 5 + index * 3, column: 6)))
        }
        let result = Suppressions.apply(to: findings, sources: [source])
        // Each RG203 finding is suppressed; each RG212 and RG204 is unused, and so is the last
        // RG203, whose next line is the final `end: 1`.
        #expect(result.count == 2 * count + 1)
        #expect(result.allSatisfy { $0.code == "RG503" })
    }

    // MARK: With a configuration

    @Test func aRuleTurnedOffIsStillSuppressedWithoutAnUnusedFinding() {
        let text = Self.programme(before: "    # regimen-disable-next-line RG203: a prolonged low-load stretch")
        let report = Harness.validate(text, files: [".regimen.yml": "regimen-config: 1\nrules:\n  RG203: off\n"])
        #expect(report.diagnostics.isEmpty, "\(Self.summary(report))")
    }

    @Test func unusedSuppressionsCanBeTurnedOff() {
        let text = Self.programme(before: "    # regimen-disable-next-line RG203, RG212: a prolonged low-load stretch")
        let report = Harness.validate(text, files: [".regimen.yml": "regimen-config: 1\nrules:\n  unused-suppression: off\n"])
        #expect(report.diagnostics.isEmpty, "\(Self.summary(report))")
    }

    // MARK: Compile

    /// A justified exception holds for `compile` too: the validator applies suppressions.
    @Test func compileHonoursSuppressions() {
        let text = Self.programme(before: "    # regimen-disable-next-line RG203: a prolonged low-load stretch")
        let fs = MemoryFileSystem(files: ["/repo/.git/HEAD": "", "/repo/p.yaml": text], currentDirectory: "/repo")
        let result = CompilePipeline(loader: Loader(fileSystem: fs, root: "/repo")).run(programme: "p.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.plan != nil)
        let refused = CompilePipeline(
            loader: Loader(fileSystem: MemoryFileSystem(files: ["/repo/.git/HEAD": "", "/repo/p.yaml": Self.programme()]))
        )
        .run(programme: "p.yaml")
        #expect(refused.plan == nil)
    }

    // MARK: Docs

    @Test func theDocsExampleIsClean() throws {
        let text = try ConfigTests.documentation()
        let block = try #require(text.firstMatch(of: /```yaml\n# file: programmes\/knee-contracture\.yaml\n((?s).*?)```/))
        let report = Harness.validate(String(block.1))
        #expect(report.diagnostics.isEmpty, "\(Self.summary(report))")
        #expect(
            Harness.validate(String(block.1).replacingOccurrences(of: "regimen-disable-next-line", with: "unrelated")).diagnostics.map(
                \.code) == ["RG203"])
    }
}
