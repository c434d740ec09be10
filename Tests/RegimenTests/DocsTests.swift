import Foundation
import RegimenCLI
import RegimenFormat
import RegimenLoad
import RegimenValidate
import Testing

/// Docs that cannot go stale: their examples run, and generated pages match their source.
@Suite struct DocsTests {
    static func read(_ path: String) throws -> String {
        try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    struct Example: CustomTestStringConvertible, Sendable {
        let document: String
        let line: Int
        let expectation: String
        let path: String
        let text: String
        var testDescription: String { "\(document):\(line) (\(path), expect \(expectation))" }
    }

    /// The docs whose YAML examples are run.
    static let documentsWithExamples = ["docs/format.md", "docs/library.md"]

    /// Every ```yaml block in those docs, with the `<!-- expect: … -->` line before it.
    static let formatExamples: [Example] = documentsWithExamples.flatMap(examples(in:))

    static func examples(in document: String) -> [Example] {
        guard let text = try? read(document) else { return [] }
        let lines = text.components(separatedBy: "\n")
        var examples: [Example] = []
        var index = 0
        while index < lines.count {
            if lines[index].trimmingCharacters(in: .whitespaces) == "```yaml" {
                let expectation = index > 0 ? lines[index - 1] : ""
                var body: [String] = []
                var end = index + 1
                while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces) != "```" {
                    body.append(lines[end])
                    end += 1
                }
                var path = "example-\(index + 1).yaml"
                if let first = body.first, first.hasPrefix("# file: ") {
                    path = String(first.dropFirst("# file: ".count)).trimmingCharacters(in: .whitespaces)
                }
                examples.append(
                    Example(
                        document: document, line: index + 1, expectation: expectation, path: path, text: body.joined(separator: "\n") + "\n"
                    ))
                index = end
            }
            index += 1
        }
        return examples
    }

    @Test func formatReferenceHasExamples() {
        #expect(Self.formatExamples.count >= 5, "docs/format.md should show complete examples")
    }

    @Test(arguments: formatExamples)
    func formatExampleBehavesAsTheTextSays(_ example: Example) throws {
        let match = try #require(
            example.expectation.wholeMatch(of: /<!-- expect: ([A-Za-z0-9, ]+) -->/),
            "the line before the block must be <!-- expect: clean --> or <!-- expect: RG104 -->")
        let expected = String(match.1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var files: [String: String] = [:]
        for other in Self.formatExamples where other.document == example.document && other.path != example.path {
            files[other.path] = other.text
        }
        let report = Harness.validate(example.text, path: example.path, files: files)
        let codes = Set(report.diagnostics.map(\.code))
        if expected == ["clean"] {
            #expect(report.diagnostics.isEmpty, "expected no findings, got \(Harness.summary(report))")
        } else {
            #expect(codes == Set(expected), "expected \(expected), got \(Harness.summary(report))")
        }
    }

    /// Every key the loader knows is in the reference.
    @Test func formatReferenceNamesEveryKey() throws {
        let text = try Self.read("docs/format.md")
        for (name, spec) in FormatSpec.objects {
            for key in spec.keys {
                #expect(text.contains("`\(key.name)`"), "docs/format.md does not mention `\(key.name)` (\(name))")
            }
        }
    }

    @Test func rulesReferenceIsCurrent() throws {
        let text = try Self.read("docs/rules.md")
        #expect(text == RuleDocumentation.markdown(RuleRegistry.builtIn), "run `make docs` to regenerate docs/rules.md")
    }

    @Test func limitsReferenceMatchesTheDefaults() throws {
        let text = try Self.read("docs/limits.md")
        for limit in Limits.names {
            #expect(text.contains("| `\(limit.name)` | \(Limits.default[keyPath: limit.keyPath])"), "docs/limits.md: \(limit.name)")
        }
    }

    @Test func cliReferenceShowsRealOutput() throws {
        let text = try Self.read("docs/cli.md")
        let block = try #require(text.firstMatch(of: /```text\n((?s).*?)```/)).1
        let diagnostic = block.components(separatedBy: "\n\n")[0]
        let output = try BinaryTests.run(["validate", "docs/examples/common-mistakes.yaml"]).out
        #expect(output.contains(diagnostic), "docs/cli.md shows output the binary no longer prints")
        for status in ExitStatus.allCases {
            #expect(text.contains("| \(status.rawValue) |"))
        }
    }

    /// Each `$ regimen …` session in the README shows output the binary really prints: every
    /// shown paragraph (other than `…`) appears in the real output.
    @Test func readmeTourShowsRealOutput() throws {
        #expect(try Self.checkSessions(in: "README.md") >= 3)
    }

    /// docs/mistakes.md shows a dozen files of the mistakes corpus, each with what Regimen
    /// really prints for it.
    @Test func mistakesReferenceShowsRealOutput() throws {
        #expect(try Self.checkSessions(in: "docs/mistakes.md") >= 12)
    }

    /// So do the sessions of docs/cli.md (`regimen export … --phase`, and its mistakes).
    @Test func cliReferenceSessionsShowRealOutput() throws {
        #expect(try Self.checkSessions(in: "docs/cli.md") >= 2)
    }

    /// Runs each ```console session of `document` (`$ regimen ARGUMENTS`, then what it prints)
    /// and expects every shown paragraph, other than `…`, in the real output; returns how many
    /// sessions there are. A session that shows no output is followed by a ```text block of
    /// what it prints on standard error.
    static func checkSessions(in document: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let text = try Self.read(document)
        let sessions = text.matches(of: /```console\n\$ regimen ([^\n]*)\n((?s).*?)```/)
        for session in sessions {
            let arguments = session.1.split(separator: " ").map(String.init)
            let run = try BinaryTests.run(arguments)
            var output = run.out
            var shown = String(session.2)
            if shown.isEmpty {
                let rest = text[session.range.upperBound...]
                let block = try #require(
                    rest.firstMatch(of: /```text\n((?s).*?)```/), "\(document): `regimen \(session.1)` shows no output",
                    sourceLocation: sourceLocation)
                shown = String(block.1)
                output = run.err
            }
            for paragraph in shown.components(separatedBy: "\n\n") {
                for chunk in paragraph.components(separatedBy: "…\n") {
                    let trimmed = chunk.trimmingCharacters(in: .newlines)
                    guard !trimmed.isEmpty, trimmed != "…" else { continue }
                    #expect(
                        output.contains(trimmed), "\(document) shows output `regimen \(session.1)` does not print:\n\(trimmed)",
                        sourceLocation: sourceLocation)
                }
            }
        }
        return sessions.count
    }

    @Test func readmeNamesTheTwoCommandsAndTheMakefileHasThem() throws {
        let readme = try Self.read("README.md")
        let makefile = try Self.read("Makefile")
        #expect(readme.contains("make demo"))
        #expect(readme.contains("make test"))
        for target in ["build", "test", "demo", "validate", "format"] {
            #expect(makefile.contains("\n\(target):"), "Makefile lacks `\(target)`")
        }
        let ci = try Self.read(".ci/run")
        #expect(ci.contains("make test"))
    }
}
