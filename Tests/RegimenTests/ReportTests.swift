import Foundation
import RegimenCLI
import RegimenDiagnostics
import RegimenLoad
import RegimenReport
import RegimenValidate
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The official schemas in ../shared/data/schemas, checked with python's `jsonschema` (the
/// validator class the schema's `$schema` names) and, for YAML documents, PyYAML. Skipped when
/// ../shared is not beside the checkout, except under CI, where the tests fail instead.
enum ReportSchemas {
    static let directory = Harness.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data/schemas")
    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("sarif-2.1.0.json").path) }
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }
    static let missing = "../shared/data/schemas is not beside this checkout: skipping the schema checks (CI must run them)"

    /// Fails the test when the schemas are missing (the test only runs then under CI).
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(available, "CI must check reports against the official schemas, but \(missing)", sourceLocation: sourceLocation)
    }

    static let script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("python's jsonschema is missing: pip install jsonschema (.ci/run installs it)")
            sys.exit(3)
        schema = json.load(open(sys.argv[1], encoding="utf-8"))
        validator = jsonschema.validators.validator_for(schema)
        validator.check_schema(schema)
        text = open(sys.argv[2], encoding="utf-8").read()
        if sys.argv[3] == "yaml":
            try:
                import yaml
            except ImportError:
                print("python's PyYAML is missing: pip install pyyaml (CI must install it)")
                sys.exit(3)
            document = yaml.safe_load(text)
            # PyYAML reads YAML 1.1, where a bare `on` is true; GitHub reads the key as "on".
            if isinstance(document, dict) and True in document:
                document["on"] = document.pop(True)
        else:
            document = json.loads(text)
        print("validator:", validator.__name__)
        checker = getattr(validator, "FORMAT_CHECKER", None)
        errors = sorted(validator(schema, format_checker=checker).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        for e in errors[:10]:
            print("/".join(str(p) for p in e.absolute_path) or "(root)", e.message[:300])
        sys.exit(1 if errors else 0)
        """

    /// Checks `document` (JSON or YAML text) against the schema file `schema`: the validator's
    /// class name, and its complaints (empty when the document is valid).
    static func check(_ document: String, yaml: Bool = false, against schema: String) throws -> (validator: String, problems: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-report-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(yaml ? "document.yaml" : "document.json")
        try Data(document.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", script, Self.directory.appendingPathComponent(schema).path, file.path, yaml ? "yaml" : "json",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var validator = ""
        if let index = lines.firstIndex(where: { $0.hasPrefix("validator: ") }) {
            validator = String(lines.remove(at: index).dropFirst("validator: ".count))
        }
        let problems = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationStatus != 0 && problems.isEmpty { return (validator, "validator exited \(process.terminationStatus)") }
        return (validator, process.terminationStatus == 0 ? "" : problems)
    }

    /// Expects `document` to be valid against `schema`, checked by the validator of draft 7
    /// (what all three schemas name).
    static func expectValid(
        _ document: String, yaml: Bool = false, against schema: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try check(document, yaml: yaml, against: schema)
        #expect(result.problems.isEmpty, "not valid against \(schema):\n\(result.problems)", sourceLocation: sourceLocation)
        #expect(result.validator == "Draft7Validator", "\(schema) was checked by \(result.validator)", sourceLocation: sourceLocation)
    }
}

/// An XML document as `XMLParser` (libxml2) reads it: proof that it is well formed, and its
/// elements with their attributes and text, for checks.
final class ParsedXML: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
    }

    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: String?

    init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        if !parser.parse() {
            error = parser.parserError.map { "\($0)" } ?? "not well-formed (line \(parser.lineNumber))"
        }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String]
    ) {
        open.append(elements.count)
        elements.append(Element(name: elementName, attributes: attributeDict, text: ""))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let index = open.last { elements[index].text += string }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        error = "\(parseError)"
    }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }
}

/// The JUnit XSD that Jenkins' xUnit plugin checks reports against (Fixtures/xunit, see its
/// README), applied with python's `xmlschema`. Skipped when xmlschema is not installed, except
/// under CI, where the tests fail instead.
enum XUnitSchema {
    static let path = Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/xunit/junit-10.xsd").path
    static let missing =
        "python's xmlschema is missing: skipping the checks against Jenkins' xUnit XSD (pip install xmlschema; .ci/run installs it)"

    static let installed: Bool = (try? Python.run("import xmlschema", input: ""))?.status == 0

    /// What the XSD finds wrong with `xml`, one problem to a line; empty when it is valid.
    static func problems(_ xml: String) throws -> String {
        let script = """
            import sys, xmlschema
            schema = xmlschema.XMLSchema(sys.argv[1])
            for error in list(schema.iter_errors(sys.stdin.read()))[:10]:
                print(error.path, error.reason)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let input = Pipe()
        let out = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = out
        try process.run()
        input.fileHandleForWriting.write(Data(xml.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 { return "xmlschema exited \(process.terminationStatus): \(text)" }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Suite struct ReportTests {
    static let example = "docs/examples/common-mistakes.yaml"

    /// docs/examples/common-mistakes.yaml validated in-process as if the repository were at
    /// /repo, so that paths in the reports are the same on every machine.
    static func commonMistakes(failLevel: FailLevel = .error, edit: (String) -> String = { $0 }) throws -> ReportInput {
        let text = edit(try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(example), encoding: .utf8))
        let report = Harness.validate(text, path: example)
        return ReportInput(
            diagnostics: report.diagnostics, files: report.load.fileOrder, sources: report.sources, registry: .builtIn,
            repositoryRoot: "/repo", workingDirectory: "/repo", toolVersion: "0.1.0", failLevel: failLevel)
    }

    /// A report of hand-made findings in `files` (shown paths relative to /repo).
    static func input(
        _ diagnostics: [Diagnostic], files: [String], sources: [String: String] = [:], failLevel: FailLevel = .error,
        workingDirectory: String = "/repo", inputErrors: [String] = []
    ) -> ReportInput {
        var map = SourceMap()
        for (path, text) in sources { map.add(SourceFile(path: path, text: text)) }
        return ReportInput(
            diagnostics: diagnostics, files: files, sources: map, repositoryRoot: "/repo", workingDirectory: workingDirectory,
            toolVersion: "0.1.0", failLevel: failLevel, inputErrors: inputErrors)
    }

    static func range(_ file: String, _ line: Int, _ column: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(file: file, start: SourcePosition(line: line, column: column), end: SourcePosition(line: endLine, column: endColumn))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: - Every format

    @Test(arguments: ReportFormat.allCases)
    func everyFormatIsDeterministicAndEndsWithANewline(_ format: ReportFormat) throws {
        let input = try Self.commonMistakes()
        let first = Reports.render(format, input)
        #expect(first == Reports.render(format, input))
        #expect(first.hasSuffix("\n"))
        #expect(format.writer.format == format)
    }

    @Test func theTextReportIsWhatTheCommandPrints() throws {
        let golden = try String(
            contentsOf: Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/common-mistakes.txt"),
            encoding: .utf8)
        #expect(Reports.render(.text, try Self.commonMistakes()) == golden)
    }

    @Test func theJSONReportIsTheJSONReport() throws {
        let input = try Self.commonMistakes()
        let decoded = try JSONDecoder().decode(JSONReport.self, from: Data(Reports.render(.json, input).utf8))
        #expect(decoded == JSONReport(diagnostics: input.diagnostics, files: 1))
    }

    @Test(arguments: [
        (FailLevel.error, [false, false, true]), (.warning, [false, true, true]), (.note, [true, true, true]),
        (.never, [false, false, false]),
    ])
    func failLevels(_ level: FailLevel, _ expected: [Bool]) {
        #expect([Severity.note, .warning, .error].map(level.fails) == expected)
    }

    /// Rule links land on the anchors of docs/rules.md, as `regimen explain --markdown` writes it
    /// (DocsTests checks that the page is current).
    @Test func ruleLinksPointAtSectionsOfTheRulesPage() {
        let rules = RuleDocumentation.markdown(RuleRegistry.builtIn)
        for rule in RuleRegistry.builtIn.rules {
            let d = rule.descriptor
            let anchor = Reports.anchor(code: d.code, name: d.name)
            #expect(rules.contains("](#\(anchor))"), "docs/rules.md does not link #\(anchor)")
            #expect(rules.contains("\n## \(d.code) \(d.name)\n"), "docs/rules.md has no section for \(d.code)")
            #expect(Reports.documentationURL(d) == Reports.rulesDocumentationURL + "#" + anchor)
        }
        #expect(Reports.rulesDocumentationURL.hasSuffix("/docs/rules.md"))
    }

    // MARK: - SARIF

    @Test func sarifMatchesTheGoldenFile() throws {
        try CompileTests.golden("common-mistakes.sarif", Reports.render(.sarif, try Self.commonMistakes()))
    }

    @Test(.enabled(if: ReportSchemas.available || ReportSchemas.inCI, Comment(rawValue: ReportSchemas.missing)))
    func sarifIsValidAgainstTheOfficialSchema() throws {
        try ReportSchemas.require()
        try ReportSchemas.expectValid(Reports.render(.sarif, try Self.commonMistakes()), against: "sarif-2.1.0.json")
        let odd = Self.input(
            [
                Diagnostic(
                    code: "RG999", severity: .note, message: "a plugin's [finding]", range: Self.range("../outside/x y.yaml", 2, 1, 4, 1),
                    notes: [Diagnostic.Note("no place")], origin: "plugin"),
                Diagnostic(code: "RG209", severity: .warning, message: "long", range: .wholeFile("p.yaml")),
            ],
            files: ["p.yaml"], inputErrors: ["missing.yaml: no such file"])
        try ReportSchemas.expectValid(Reports.render(.sarif, odd), against: "sarif-2.1.0.json")
        // The check bites: a document that breaks the schema is refused.
        let broken = Reports.render(.sarif, try Self.commonMistakes()).replacingOccurrences(
            of: "\"startLine\" : 21", with: "\"startLine\" : 0")
        #expect(broken.contains("\"startLine\" : 0"))
        #expect(!(try ReportSchemas.check(broken, against: "sarif-2.1.0.json").problems.isEmpty))
    }

    @Test func sarifHasWhatCodeScanningNeeds() throws {
        let input = try Self.commonMistakes()
        let log = try Self.json(Reports.render(.sarif, input))
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let run = try #require(runs.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        // The root is described, never given: a report names no path of the machine it was made on.
        let base = try #require((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])
        #expect(base["uri"] == nil)
        #expect(((base["description"] as? [String: Any])?["text"] as? String)?.hasPrefix("The root of the repository checked") == true)
        #expect(!Reports.render(.sarif, input).contains("/repo"))
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "regimen")
        #expect(driver["version"] as? String == "0.1.0")
        #expect(driver["semanticVersion"] as? String == "0.1.0")
        #expect(driver["informationUri"] as? String == Reports.projectURL)

        // Rules: only those that fired, in code order; results point at them.
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let fired = Set(input.diagnostics.map(\.code)).sorted()
        #expect(rules.compactMap { $0["id"] as? String } == fired)
        for rule in rules {
            let id = try #require(rule["id"] as? String)
            let descriptor = try #require(RuleRegistry.builtIn.rule(id)?.descriptor)
            #expect(rule["name"] as? String == descriptor.name)
            #expect(rule["helpUri"] as? String == Reports.documentationURL(descriptor))
            #expect(((rule["shortDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["fullDescription"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(((rule["help"] as? [String: Any])?["text"] as? String)?.contains(descriptor.explanation) == true)
        }
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == input.diagnostics.count)
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect(result["level"] as? String == "error")
            let fingerprint = try #require((result["partialFingerprints"] as? [String: String])?[SARIFReportWriter.fingerprintKey])
            #expect(fingerprint.wholeMatch(of: /[0-9a-f]{32}:[1-9][0-9]*/) != nil, "\(fingerprint)")
        }
        #expect(Set(results.compactMap { ($0["partialFingerprints"] as? [String: String])?.values.first }).count == results.count)

        // RG105 at 21:11, `strenght`: the region, its snippet, the help in the message.
        let kind = try #require(results.first { $0["ruleId"] as? String == "RG105" })
        let location = try #require((kind["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "docs/examples/common-mistakes.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        #expect(artifact["index"] as? Int == 0)
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 21 && region["startColumn"] as? Int == 11)
        #expect(region["endLine"] as? Int == 21 && region["endColumn"] as? Int == 19)
        #expect((region["snippet"] as? [String: Any])?["text"] as? String == "strenght")
        let message = try #require((kind["message"] as? [String: Any])?["text"] as? String)
        #expect(message.hasPrefix("`strenght` is not a kind of exercise\nhelp: did you mean `strength`?"))

        // RG207's note is a related location, linked from the message.
        let steps = try #require(results.first { $0["ruleId"] as? String == "RG207" })
        let related = try #require(steps["relatedLocations"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect(related.first?["id"] as? Int == 1)
        #expect((related.first?["message"] as? [String: Any])?["text"] as? String == "`sit-to-stand` is defined here")
        let note = try #require(related.first?["physicalLocation"] as? [String: Any])
        #expect((note["region"] as? [String: Any])?["startLine"] as? Int == 19)
        #expect(
            ((steps["message"] as? [String: Any])?["text"] as? String)?.hasSuffix("\nnote: [`sit-to-stand` is defined here](1)") == true)

        let artifacts = try #require(run["artifacts"] as? [[String: Any]])
        #expect(artifacts.count == 1)
        #expect((artifacts.first?["location"] as? [String: Any])?["uri"] as? String == "docs/examples/common-mistakes.yaml")
        #expect(artifacts.first?["roles"] as? [String] == ["analysisTarget"])
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }

    @Test func sarifPathsAreRelativeToTheRootAndPercentEncoded() throws {
        let files = ["../programmes/knee & hip #1 ü.yaml", "../programmes/back.yaml"]
        let input = Self.input(
            [
                Diagnostic(code: "RG102", severity: .error, message: "x", range: Self.range(files[0], 1, 1, 1, 2)),
                Diagnostic(code: "RG102", severity: .error, message: "y", range: Self.range("/elsewhere/a b.yaml", 1, 1, 1, 2)),
            ],
            files: files, workingDirectory: "/repo/docs")
        let text = Reports.render(.sarif, input)
        let log = try Self.json(text)
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let artifacts = try #require(run["artifacts"] as? [[String: Any]]).compactMap { $0["location"] as? [String: Any] }
        // A file outside the root is relative to it too, with `..`: no absolute path, no file:// URI.
        #expect(
            artifacts.map { $0["uri"] as? String } == [
                "programmes/knee%20%26%20hip%20%231%20%C3%BC.yaml", "programmes/back.yaml", "../elsewhere/a%20b.yaml",
            ])
        #expect(artifacts.map { $0["uriBaseId"] as? String } == ["%SRCROOT%", "%SRCROOT%", "%SRCROOT%"])
        #expect(!text.contains("/repo/docs"), "paths are relative to the root, not to the working directory")
        #expect(!text.contains("file:") && !text.contains(#""/elsewhere"#))
        // The working directory stands in for a root that is not known.
        var rootless = input
        rootless.repositoryRoot = nil
        let rootlessText = Reports.render(.sarif, rootless)
        let base = try #require(
            ((try Self.json(rootlessText)["runs"] as? [[String: Any]])?.first?["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"]
                as? [String: Any])
        #expect(((base["description"] as? [String: Any])?["text"] as? String)?.hasPrefix("The directory regimen ran in") == true)
        #expect(rootlessText.contains(#""uri" : "../programmes/knee%20%26%20hip%20%231%20%C3%BC.yaml""#))
        #expect(!rootlessText.contains("/repo"))
    }

    @Test func sarifLevelsUnknownRulesAndUnreadablePaths() throws {
        let input = Self.input(
            [
                Diagnostic(code: "RG209", severity: .warning, message: "a [long] session", range: .wholeFile("p.yaml")),
                Diagnostic(code: "XX001", severity: .note, message: "a plugin's finding", range: Self.range("p.yaml", 2, 3, 4, 1)),
            ],
            files: ["p.yaml"], sources: ["p.yaml": "regimen: 1\n  abc\ndefg\nh\n"], inputErrors: ["missing.yaml: no such file"])
        let run = try #require((try Self.json(Reports.render(.sarif, input))["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["warning", "note"])
        #expect((results[0]["message"] as? [String: Any])?["text"] as? String == "a \\[long\\] session")
        // A whole-file finding is a point: no end, no snippet.
        let whole = try #require(
            ((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect(whole.keys.sorted() == ["startColumn", "startLine"])
        let spanning = try #require(
            ((results[1]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any])
        #expect((spanning["snippet"] as? [String: Any])?["text"] as? String == "abc\ndefg\n")
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { $0["driver"] as? [String: Any] }?["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == ["RG209", "XX001"])
        #expect(rules[1]["helpUri"] == nil)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notice = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect((notice["message"] as? [String: Any])?["text"] as? String == "missing.yaml: no such file")
    }

    /// The fingerprints of the findings of `input`, in order.
    static func fingerprints(_ input: ReportInput) throws -> [String] {
        let run = try #require((try Self.json(Reports.render(.sarif, input))["runs"] as? [[String: Any]])?.first)
        return try #require(run["results"] as? [[String: Any]]).map {
            ($0["partialFingerprints"] as? [String: String])?[SARIFReportWriter.fingerprintKey] ?? ""
        }
    }

    /// Code scanning tracks a finding from run to run by its fingerprint: an edit elsewhere in
    /// the file (lines added above, a line indented differently) keeps it; an edit of the line
    /// the finding is on gives that finding, and only that one, a new fingerprint.
    @Test func sarifFingerprintsSurviveEditsElsewhereInTheFile() throws {
        let original = try Self.commonMistakes()
        let before = try Self.fingerprints(original)
        #expect(before.count == original.diagnostics.count && before.count >= 5)

        let shifted = try Self.commonMistakes { text in
            // Three lines at the top, and one in the middle (after the exercises).
            "# Reviewed by the clinic, 2027.\n#\n# See the notes at the end.\n"
                + text.replacingOccurrences(of: "\nphases:\n", with: "\n# The phases, as agreed.\nphases:\n")
        }
        #expect(shifted.diagnostics.map(\.code) == original.diagnostics.map(\.code))
        #expect(
            zip(shifted.diagnostics, original.diagnostics).allSatisfy { $0.range.start.line > $1.range.start.line },
            "every finding moved down")
        #expect(try Self.fingerprints(shifted) == before)

        // `strenght` on its line, spaced out differently: the same line to the fingerprint.
        let respaced = try Self.commonMistakes { $0.replacingOccurrences(of: "kind: strenght", with: "kind:   strenght  ") }
        #expect(try Self.fingerprints(respaced) == before)

        // The line of the RG105 finding is edited: its fingerprint changes, no other does.
        let edited = try Self.commonMistakes { $0.replacingOccurrences(of: "kind: strenght", with: "kind: strenghth") }
        let after = try Self.fingerprints(edited)
        let kind = try #require(original.diagnostics.firstIndex { $0.code == "RG105" })
        #expect(edited.diagnostics.map(\.code) == original.diagnostics.map(\.code))
        #expect(after[kind] != before[kind])
        #expect(after.indices.filter { $0 != kind }.allSatisfy { after[$0] == before[$0] })
    }

    /// Two findings of one rule on identical lines of a file stay apart, by their occurrence;
    /// another file or another rule gives another fingerprint.
    @Test func sarifFingerprintsTellIdenticalLinesApart() throws {
        let text = "regimen: 1\n  reps: 5\n  reps: 5\n"
        let findings = [
            Diagnostic(code: "RG104", severity: .error, message: "x", range: Self.range("a.yaml", 2, 9, 2, 10)),
            Diagnostic(code: "RG104", severity: .error, message: "x", range: Self.range("a.yaml", 3, 9, 3, 10)),
            Diagnostic(code: "RG104", severity: .error, message: "x", range: Self.range("b.yaml", 2, 9, 2, 10)),
            Diagnostic(code: "RG203", severity: .warning, message: "x", range: Self.range("a.yaml", 2, 9, 2, 10)),
            Diagnostic(code: "RG209", severity: .warning, message: "x", range: .wholeFile("a.yaml")),
        ]
        let prints = try Self.fingerprints(
            Self.input(findings, files: ["a.yaml", "b.yaml"], sources: ["a.yaml": text, "b.yaml": text]))
        let hashes = prints.map { $0.split(separator: ":").first.map(String.init) ?? "" }
        #expect(hashes[0] == hashes[1] && prints[0].hasSuffix(":1") && prints[1].hasSuffix(":2"))
        #expect(Set(prints).count == prints.count)
        #expect(Set(hashes).count == 4)
        // A finding about the whole file does not depend on its first line.
        let edited = try Self.fingerprints(
            Self.input(
                findings, files: ["a.yaml", "b.yaml"], sources: ["a.yaml": "regimen:   1 # v2\n" + text.dropFirst(11), "b.yaml": text]))
        #expect(edited[4] == prints[4] && edited[0] == prints[0])
    }

    /// What `regimen validate --format sarif` writes, given absolute paths inside the repository
    /// it runs in and a path that cannot be read: no absolute path anywhere, no file:// URI.
    @Test func sarifFromTheCommandHoldsNoAbsolutePath() throws {
        let root = try CLITests.repository(["programmes/p.yaml": "regimen: 1\nid: p\ntitle: P\nphases: nope\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("programmes/p.yaml").path
        let missing = root.appendingPathComponent("programmes/missing.yaml").path
        let result = try BinaryTests.run(["validate", file, missing, "--format", "sarif"], in: root)
        #expect(result.status == 2, "\(result.err)")
        #expect(result.out.contains("\"uri\" : \"programmes/p.yaml\""), "\(result.out)")
        #expect(result.out.contains("programmes/missing.yaml"))
        #expect(!result.out.contains(root.path) && !result.out.contains("file:"), "\(result.out)")
    }

    // MARK: - JUnit

    @Test func junitMatchesTheGoldenFileAndIsWellFormed() throws {
        let xml = Reports.render(.junit, try Self.commonMistakes())
        try CompileTests.golden("common-mistakes.junit.xml", xml)
        let parsed = ParsedXML(xml)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        let suite = try #require(parsed.named("testsuite").first)
        #expect(parsed.named("testsuite").count == 1)
        #expect(suite.attributes["name"] == "regimen")
        #expect(suite.attributes["tests"] == "1" && suite.attributes["failures"] == "1" && suite.attributes["errors"] == "0")
        let testcase = try #require(parsed.named("testcase").first)
        #expect(testcase.attributes["classname"] == "docs/examples/common-mistakes.yaml")
        #expect(testcase.attributes["name"] == "validate")
        let failures = parsed.named("failure")
        #expect(failures.map { $0.attributes["type"] ?? "" } == ["RG105", "RG104", "RG207", "RG102", "RG204", "RG201", "RG104"])
        #expect(failures[1].attributes["message"] == "cannot read `5` as a time")
        #expect(
            failures[1].text.hasPrefix(
                "docs/examples/common-mistakes.yaml:31:42: error[RG104]: cannot read `5` as a time\nhelp: add a unit"))
        #expect(failures[2].text.contains("note: `sit-to-stand` is defined here (docs/examples/common-mistakes.yaml:19:3)"))
        #expect(failures[1].text.contains("rule: RG104 invalid-quantity, \(Reports.rulesDocumentationURL)#rg104-invalid-quantity"))
        // The beginning docs/ci.md shows is the report's, after its XML declaration.
        let docs = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let shown = try #require(docs.firstMatch(of: /```xml\n((?:(?s).*?))```/), "docs/ci.md shows no JUnit report").1
        #expect(xml.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + shown), "docs/ci.md shows:\n\(shown)")
    }

    @Test func junitEscapesMarkupAndControlCharacters() throws {
        let file = "odd <&\"'>\u{1}.yaml"
        let message = "a <b> & \"c\" 'd'\u{7} ]]> \u{FFFE}\r\nnext\tline"
        let input = Self.input(
            [
                Diagnostic(
                    code: "RG104", severity: .error, message: message, range: Self.range(file, 2, 3, 2, 4), help: "use <kg> & \u{1B}[0m")
            ],
            files: [file])
        let xml = Reports.render(.junit, input)
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "no raw control characters")
        let parsed = ParsedXML(xml)
        #expect(parsed.error == nil, "\(parsed.error ?? "")\n\(xml)")
        let testcase = try #require(parsed.named("testcase").first)
        // Hidden characters are shown as escapes, never dropped (docs/cli.md).
        #expect(testcase.attributes["classname"] == #"odd <&"'>\u{1}.yaml"#)
        let failure = try #require(parsed.named("failure").first)
        #expect(failure.attributes["message"] == #"a <b> & "c" 'd'\u{7} ]]> \u{FFFE}\u{D}\u{A}next"# + "\tline")
        #expect(
            failure.text.hasPrefix(#"odd <&"'>\u{1}.yaml:2:3: error[RG104]: a <b> & "c" 'd'\u{7} ]]> \u{FFFE}\u{D}\u{A}next"# + "\tline\n"))
        #expect(failure.text.contains(#"help: use <kg> & \u{1B}[0m"#))
        // python's parser agrees.
        let said = try Python.run("import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.buffer.read()); print('ok')", input: xml)
            .out
        #expect(said == "ok\n", "\(said)")
    }

    @Test(arguments: [(FailLevel.error, "0"), (.warning, "1"), (.never, "0")])
    func junitWarningsFailOnlyWhenTheyFailTheRun(_ level: FailLevel, _ failures: String) throws {
        let input = Self.input(
            [Diagnostic(code: "RG209", severity: .warning, message: "too many exercises", range: Self.range("a.yaml", 3, 5, 3, 9))],
            files: ["a.yaml", "b.yaml"], failLevel: level)
        let parsed = ParsedXML(Reports.render(.junit, input))
        #expect(parsed.error == nil)
        let suite = try #require(parsed.named("testsuite").first)
        #expect(suite.attributes["tests"] == "2")
        #expect(suite.attributes["failures"] == failures)
        #expect(parsed.named("failure").count == Int(failures))
        if failures == "0" {
            #expect(parsed.named("system-out").first?.text.hasPrefix("a.yaml:3:5: warning[RG209]: too many exercises\n") == true)
        } else {
            #expect(parsed.named("failure").first?.attributes["type"] == "RG209")
            #expect(parsed.named("system-out").isEmpty)
        }
    }

    @Test func junitCleanFilesPassAndUnreadablePathsAreErrors() throws {
        let xml = Reports.render(.junit, Self.input([], files: ["a.yaml", "b.yaml"], inputErrors: ["gone.yaml: no such file"]))
        let parsed = ParsedXML(xml)
        #expect(parsed.error == nil)
        let suite = try #require(parsed.named("testsuite").first)
        #expect(suite.attributes["tests"] == "3" && suite.attributes["failures"] == "0" && suite.attributes["errors"] == "1")
        #expect(xml.contains("<testcase classname=\"a.yaml\" name=\"validate\"/>"))
        #expect(parsed.named("error").first?.attributes["message"] == "gone.yaml: no such file")
    }

    /// Every shape of report Regimen writes is valid against Jenkins' xUnit XSD: failures,
    /// findings below the fail level in `<system-out>`, clean files, unreadable paths, and text
    /// that needs escaping.
    @Test(.enabled(if: XUnitSchema.installed || ReportSchemas.inCI, Comment(rawValue: XUnitSchema.missing)))
    func junitIsValidAgainstJenkinsXUnitSchema() throws {
        try #require(XUnitSchema.installed, "CI must check JUnit against the xUnit XSD, but \(XUnitSchema.missing)")
        let odd = "odd <&\"'>\u{1}.yaml"
        let reports = [
            Reports.render(.junit, try Self.commonMistakes()),
            Reports.render(.junit, try Self.commonMistakes(failLevel: .never)),
            Reports.render(.junit, Self.input([], files: ["a.yaml", "b.yaml"], inputErrors: ["gone.yaml: no such file"])),
            Reports.render(
                .junit,
                Self.input(
                    [
                        Diagnostic(
                            code: "RG104", severity: .error, message: "a <b> & \u{7} ]]> \u{FFFE}\r\nnext\tline",
                            range: Self.range(odd, 2, 3, 2, 4), help: "use <kg> & \u{1B}[0m"),
                        Diagnostic(code: "RG209", severity: .warning, message: "long", range: .wholeFile(odd)),
                    ],
                    files: [odd])),
        ]
        for xml in reports {
            let problems = try XUnitSchema.problems(xml)
            #expect(problems.isEmpty, "not valid against junit-10.xsd:\n\(problems)\n\(xml.prefix(600))")
        }
        // The check bites: a `file` attribute on a test case, which the XSD has not, is refused.
        let withFile = reports[0].replacingOccurrences(of: #"name="validate">"#, with: #"name="validate" file="x.yaml">"#)
        #expect(withFile != reports[0])
        #expect(try XUnitSchema.problems(withFile).contains("'file' attribute not allowed"))
    }

    /// What GitLab's JUnit parser reads from a test case: the file as `classname`, `name`, the
    /// failure text beginning with `path:line:column`, and the `<system-out>` it shows beside a
    /// failure. Its attachment tag, `[[ATTACHMENT|path]]` in `<system-out>`, would show a file
    /// of the job's artifacts: text from input never forms one.
    @Test func junitGivesGitLabThePathAndCannotAttachFiles() throws {
        let input = Self.input(
            [
                Diagnostic(
                    code: "RG102", severity: .error, message: "unknown key `[[ATTACHMENT|secret.png]]`",
                    range: Self.range("programmes/a.yaml", 4, 3, 4, 9)),
                Diagnostic(
                    code: "RG209", severity: .warning, message: "see [[ATTACHMENT|../x.png]]",
                    range: Self.range("programmes/a.yaml", 1, 1, 1, 2)),
            ],
            files: ["programmes/a.yaml"])
        let xml = Reports.render(.junit, input)
        let parsed = ParsedXML(xml)
        #expect(parsed.error == nil)
        let testcase = try #require(parsed.named("testcase").first)
        #expect(testcase.attributes == ["classname": "programmes/a.yaml", "name": "validate"])
        let failure = try #require(parsed.named("failure").first)
        #expect(failure.text.hasPrefix("programmes/a.yaml:4:3: error[RG102]: "))
        let out = try #require(parsed.named("system-out").first)
        #expect(out.text.hasPrefix("programmes/a.yaml:1:1: warning[RG209]: see "))
        // GitLab's pattern, on the text as an XML parser gives it back.
        let attachment = /\[\[ATTACHMENT\|[^\[\]|]+?\]\]/
        for element in parsed.elements {
            #expect(element.text.firstMatch(of: attachment) == nil, "\(element.name): \(element.text)")
            #expect(element.attributes.values.allSatisfy { $0.firstMatch(of: attachment) == nil })
        }
        #expect(out.text.contains(#"see [\u{5B}ATTACHMENT|../x.png]]"#), "shown, not dropped: \(out.text)")
    }

    // MARK: - GitHub Actions

    @Test func githubMatchesTheGoldenFile() throws {
        let text = Reports.render(.github, try Self.commonMistakes())
        try CompileTests.golden("common-mistakes.github.txt", text)
        #expect(text.split(separator: "\n").allSatisfy { $0.hasPrefix("::error file=docs/examples/common-mistakes.yaml,line=") })
        // The example docs/ci.md shows is a line of this report.
        let docs = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let shown = try #require(docs.split(separator: "\n").first { $0.hasPrefix("::error ") })
        #expect(text.contains(shown + "\n"), "docs/ci.md shows a line the report does not have: \(shown)")
    }

    @Test(arguments: [
        ("plain", "plain", "plain"),
        ("a,b:c", "a%2Cb%3Ac", "a,b:c"),
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("%0A is not a break", "%250A is not a break", "%250A is not a break"),
        ("one\ntwo\r\nthree\rfour", "one%0Atwo%0D%0Athree%0Dfour", "one%0Atwo%0D%0Athree%0Dfour"),
        ("::error::", "%3A%3Aerror%3A%3A", "::error::"),
    ])
    func githubEscaping(_ raw: String, _ property: String, _ data: String) {
        #expect(GitHubReportWriter.escapedProperty(raw) == property)
        #expect(GitHubReportWriter.escapedData(raw) == data)
    }

    @Test func githubCommandsCarryTheirPlaceTitleAndEscapedText() {
        let input = Self.input(
            [
                Diagnostic(
                    code: "RG104", severity: .error, message: "cannot read `5,5` as a load: 100%",
                    range: Self.range("a, b: c.yaml", 3, 7, 3, 10),
                    help: "use `5.5 kg`\nor `5 kg`", notes: [Diagnostic.Note("defined here", at: Self.range("lib.yaml", 9, 2, 9, 4))]),
                Diagnostic(code: "RG209", severity: .warning, message: "long", range: Self.range("a.yaml", 2, 3, 5, 1)),
                Diagnostic(code: "XX001", severity: .note, message: "a note", range: .wholeFile("a.yaml")),
            ],
            files: ["a, b: c.yaml", "a.yaml"], inputErrors: ["gone.yaml: no such file"])
        let lines = Reports.render(.github, input).split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "::error title=regimen::gone.yaml: no such file",
                "::error file=a%2C b%3A c.yaml,line=3,col=7,endLine=3,endColumn=10,title=RG104 invalid-quantity::cannot read `5,5` as a load: 100%25%0Ahelp: use `5.5 kg`%0Aor `5 kg`%0Anote: defined here (lib.yaml:9:2)",
                "::warning file=a.yaml,line=2,endLine=5,title=RG209 session-too-long::long",
                "::notice file=a.yaml,line=1,col=1,title=XX001::a note",
            ])
    }

    // MARK: - CI configuration in the repository and the docs

    /// The fenced blocks of docs/ci.md whose first line is `# file: PATH`, by that path.
    static func ciSnippets() throws -> [(path: String, text: String)] {
        let docs = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        return docs.matches(of: /```yaml\n# file: ([^\n]+)\n((?s).*?)```/).map { (String($0.1), "# file: \($0.1)\n" + $0.2) }
    }

    static var pyyamlInstalled: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import yaml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static var yamlSchemaChecksCanRun: Bool { (ReportSchemas.available && pyyamlInstalled) || ReportSchemas.inCI }

    @Test(.enabled(if: yamlSchemaChecksCanRun, "../shared/data/schemas or python's PyYAML is missing: skipping (CI must run this)"))
    func preCommitHooksAreValidAgainstTheOfficialSchema() throws {
        try ReportSchemas.require()
        try #require(Self.pyyamlInstalled, "python's PyYAML is missing: pip install pyyaml (CI must install it)")
        let hooks = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        try ReportSchemas.expectValid(hooks, yaml: true, against: "pre-commit-hooks.json")
        #expect(!(try ReportSchemas.check("- id: x\n  entry: y\n", yaml: true, against: "pre-commit-hooks.json").problems.isEmpty))
    }

    @Test(.enabled(if: yamlSchemaChecksCanRun, "../shared/data/schemas or python's PyYAML is missing: skipping (CI must run this)"))
    func theGitHubWorkflowInTheDocsIsValidAgainstTheOfficialSchema() throws {
        try ReportSchemas.require()
        try #require(Self.pyyamlInstalled, "python's PyYAML is missing: pip install pyyaml (CI must install it)")
        let workflows = try Self.ciSnippets().filter { $0.path.hasPrefix(".github/workflows/") }
        #expect(workflows.count == 1)
        for workflow in workflows {
            #expect(workflow.text.contains("github/codeql-action/upload-sarif@"))
            #expect(workflow.text.contains("--format github"))
            try ReportSchemas.expectValid(workflow.text, yaml: true, against: "github-workflow.json")
        }
        #expect(
            !(try ReportSchemas.check("on: push\njobs: {build: {steps: []}}\n", yaml: true, against: "github-workflow.json").problems
                .isEmpty))
    }

    /// The hook manifest says what docs/ci.md says, and its patterns pick the right files.
    @Test func preCommitHookRunsRegimenValidateOnYAMLFiles() throws {
        let text = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(text.contains("- id: regimen-validate\n"))
        #expect(text.contains("- id: regimen-validate-system\n"))
        #expect(text.contains("\n  entry: regimen validate\n"))
        // One hook builds Regimen itself; the other runs an installed one.
        #expect(text.contains("\n  language: swift\n"))
        #expect(text.contains("\n  language: system\n"))
        let files = try Regex(String(try #require(text.firstMatch(of: /\n  files: ([^\n]+)\n/)).1))
        let exclude = try Regex(String(try #require(text.firstMatch(of: /\n  exclude: ([^\n]+)\n/)).1))
        for (path, picked) in [
            ("programmes/knee.yaml", true), ("programmes/library/knee.yml", true), ("docs/plan.schema.json", false),
            (".github/workflows/regimen.yml", false), (".gitlab-ci.yml", false), (".pre-commit-config.yaml", false),
            (".pre-commit-hooks.yaml", false), (".regimen.yml", false),
        ] {
            let included = try files.firstMatch(in: path) != nil
            let excluded = try exclude.firstMatch(in: path) != nil
            let matches = included && !excluded
            #expect(matches == picked, "\(path)")
        }
    }

    /// Every format, output and fail level the docs use exists.
    @Test func theDocsUseRealFormatsAndFailLevels() throws {
        let docs = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        let formats = Set(ReportFormat.allCases.map(\.rawValue))
        let used = docs.matches(of: /--format ([a-z]+)|--output ([a-z]+)=/).map { String($0.1 ?? $0.2 ?? "") }
        #expect(!used.isEmpty)
        for format in used { #expect(formats.contains(format), "docs/ci.md uses an unknown format \(format)") }
        for level in FailLevel.allCases {
            #expect(docs.contains("`\(level.rawValue)`"), "docs/ci.md does not explain --fail-on \(level.rawValue)")
        }
        for format in ReportFormat.allCases {
            #expect(docs.contains("| `\(format.rawValue)` |"), "docs/ci.md does not list \(format.rawValue)")
        }
        let snippets = try Self.ciSnippets().map(\.path)
        #expect(snippets.contains(".gitlab-ci.yml") && snippets.contains(".pre-commit-config.yaml"))
    }
}
