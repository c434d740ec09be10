import Foundation
import RegimenDiagnostics
import Testing

/// Hostile text through every output, by the real binary on temporary repositories: terminal
/// escapes (ESC [ 31 m, ESC ] 0 ; title BEL), a carriage return, a right-to-left override, a
/// zero-width space, and a line break followed by a GitHub workflow command (`::error …`) and a
/// legacy one (`##[error]`), in keys, values, ids, file names, plugin messages and plugin
/// standard error. Nothing may reach a person raw, no text line may be a workflow command, and
/// the machine formats must still parse and hold the original text.
@Suite struct EscapingTests {
    /// The payload as YAML double-quoted escapes.
    static let yamlPayload = #"\e[31m\e]0;title\a\r\u202E\u200B\n::error file=x::owned\n##[error]legacy"#
    /// The same text, decoded.
    static let payload = "\u{1B}[31m\u{1B}]0;title\u{07}\r\u{202E}\u{200B}\n::error file=x::owned\n##[error]legacy"
    /// The same text as a Python literal (for the scripts that parse the machine formats).
    static let pythonPayload = #""\x1b[31m\x1b]0;title\x07\r\u202e\u200b\n::error file=x::owned\n##[error]legacy""#
    /// A file name that carries it (no `/`; a NUL cannot be in a name).
    static let hostileName = "n\u{1B}[31m\u{202E}\u{07}\n::error file=x::owned\n##[error]legacy.yaml"

    /// A programme with the payload in a text value (RG107) and in a key (RG102), a look-alike
    /// letter in an id (RG105), and a raw zero-width space before a finding on the same line.
    static let programme = """
        regimen: 1
        id: neck-basics
        title: "Neck\(yamlPayload)"
        red-flags: [Sudden\u{200B} headache, "call\\e"]
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
                "dosage\(yamlPayload)": 1
              - use: chin-tu\u{441}k
                dose: { reps: 10, hold: 5s }

        """

    /// A repository holding the programme, and a file with the hostile name (with a finding of
    /// its own, so that its path is shown).
    static func repository() throws -> URL {
        try CLITests.repository([
            "p.yaml": programme, hostileName: CLITests.clean.replacingOccurrences(of: "hold: 5s", with: "hold: 5"),
        ])
    }

    /// The hidden characters that must never reach a person raw (line feed and tab may).
    static func rawHidden(_ text: String) -> [String] {
        var found = Set<String>()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let hidden =
                (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
                || [0x061C, 0x200E, 0x200F, 0xFEFF, 0x2028, 0x2029].contains(v)
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || (0x200B...0x200D).contains(v)
                || (0x2060...0x2064).contains(v)
            if hidden { found.insert(String(v, radix: 16)) }
        }
        return found.sorted()
    }

    /// Lines a GitHub Actions runner would read as a workflow command: `::` after blanks, or
    /// the legacy `##[` anywhere.
    static func commandLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).map(String.init)
            .filter { $0.drop(while: { $0.isWhitespace }).hasPrefix("::") || $0.contains("##[") }
    }

    /// Human text: nothing hidden raw, no workflow command.
    static func expectNeutral(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rawHidden(text).isEmpty, "\(what): raw \(rawHidden(text)) in:\n\(text)", sourceLocation: sourceLocation)
        #expect(commandLines(text).isEmpty, "\(what): workflow commands \(commandLines(text))", sourceLocation: sourceLocation)
    }

    @Test func theTextReportShowsEveryHiddenCharacterAndNoCommand() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", "."], in: root)
        #expect(result.status == 1, "\(result.out)\(result.err)")
        Self.expectNeutral(result.out, "stdout")
        Self.expectNeutral(result.err, "stderr")
        // A line break from input is an escape, so `::` is mid-line; `##[` is defused anywhere.
        let shown = #"\u{1B}[31m\u{1B}]0;title\u{7}\u{D}\u{202E}\u{200B}\u{A}::error file=x::owned\u{A}#\u{23}[error]legacy"#
        // The key, the value and the file name, each on one line with its escapes.
        #expect(result.out.contains("error[RG102]: unknown key `dosage\(shown)`"), "\(result.out)")
        #expect(
            result.out.contains("error[RG107]: text `Neck\(shown)` holds the control character U+001B ESCAPE at character 5 (and 4 more)"),
            "\(result.out)")
        #expect(
            result.out.contains(#"n\u{1B}[31m\u{202E}\u{7}\u{A}::error file=x::owned\u{A}#\u{23}[error]legacy.yaml:14:33"#), "\(result.out)"
        )
        // The look-alike letter is named, and the suggestion keeps every letter.
        #expect(
            result.out.contains(
                "error[RG105]: `chin-tu\u{441}k` is not a valid exercise id: it holds U+0441 CYRILLIC SMALL LETTER ES at character 8"),
            "\(result.out)")
        #expect(result.out.contains("help: use lower-case words joined by hyphens, such as `chin-tuck`"), "\(result.out)")
    }

    /// A raw zero-width space before a finding on the same line: the excerpt shows its escape,
    /// and the caret stays under the value, past the escape.
    @Test func theCaretStaysUnderTheEscapedColumns() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", "p.yaml"], in: root)
        let lines = result.out.components(separatedBy: "\n")
        let excerpt = try #require(lines.firstIndex { $0.hasSuffix(#"red-flags: [Sudden\u{200B} headache, "call\e"]"#) }, "\(result.out)")
        let caretLine = lines[excerpt + 1]
        let value = try #require(lines[excerpt].range(of: #""call\e""#))
        let caret = try #require(caretLine.firstIndex(of: "^"))
        #expect(
            lines[excerpt].distance(from: lines[excerpt].startIndex, to: value.lowerBound)
                == caretLine.distance(from: caretLine.startIndex, to: caret))
        #expect(caretLine.hasSuffix("^^^^^^^^"), "one caret per character of `\"call\\e\"`: \(caretLine)")
    }

    /// JSON and SARIF parse, hold the original text, and print nothing hidden raw.
    @Test(arguments: ["json", "sarif"])
    func jsonFormatsHoldTheOriginalText(_ format: String) throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", ".", "--format", format], in: root)
        #expect(result.status == 1, "\(result.err)")
        Self.expectNeutral(result.out, format)
        let script = """
            import json, sys
            P = \(Self.pythonPayload)
            def strings(v):
                if isinstance(v, str): yield v
                elif isinstance(v, dict):
                    for k, x in v.items(): yield k; yield from strings(x)
                elif isinstance(v, list):
                    for x in v: yield from strings(x)
            # SARIF messages escape brackets (`[` starts a link there).
            # SARIF percent-encodes paths in URIs.
            import urllib.parse
            found = [s.replace("\\[", "[").replace("\\]", "]") for s in strings(json.load(sys.stdin))]
            found += [urllib.parse.unquote(s) for s in found]
            print("key", any(("dosage" + P) in s for s in found))
            print("file", any(\(Self.pythonPayload.replacingOccurrences(of: "\\x1b[31m\\x1b]0;title\\x07\\r\\u202e\\u200b", with: "n\\x1b[31m\\u202e\\x07")) in s for s in found))
            """
        let parsed = try Python.run(script, input: result.out)
        #expect(parsed.status == 0, "\(parsed.out)")
        #expect(parsed.out == "key True\nfile True\n", "\(parsed.out)")
    }

    /// JUnit XML parses (XML 1.0 forbids most C0 controls), shows them as escapes, and defuses
    /// workflow commands with character references.
    @Test func junitIsWellFormedXML() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", ".", "--format", "junit"], in: root)
        #expect(result.status == 1, "\(result.err)")
        Self.expectNeutral(result.out, "junit")
        let script = """
            import sys, xml.etree.ElementTree as ET
            text = sys.stdin.read()
            root = ET.fromstring(text)
            messages = [f.get("message") for f in root.iter("failure")]
            print("parsed", len(messages) >= 4)
            print("escaped", any(m.startswith("unknown key `dosage\\\\u{1B}[31m") for m in messages))
            try:
                from junitparser import JUnitXml
            except ImportError:
                print("python's junitparser is missing: pip install junitparser (.ci/run installs it)")
                sys.exit(0)
            suites = JUnitXml.fromstring(text.encode())
            print("junitparser ok" if sum(1 for _ in suites) >= 1 else "junitparser read no suite")
            """
        let parsed = try Python.run(script, input: result.out)
        #expect(parsed.out == "parsed True\nescaped True\njunitparser ok\n", "\(parsed.out)\n\(result.out)")
    }

    /// `--format github`: one command per finding, every line a command GitHub reads whole, its
    /// properties and data escaped as GitHub's toolkit escapes them.
    @Test func githubCommandsAreEscapedAsGitHubReadsThem() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", ".", "--format", "github"], in: root)
        #expect(result.status == 1, "\(result.err)")
        #expect(Self.rawHidden(result.out).isEmpty, "\(Self.rawHidden(result.out))")
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count >= 5)
        var data: [String] = []
        for line in lines {
            // `::command prop=value,…::data`: properties hold no raw `:` or `,`; data no CR or LF.
            let match = try #require(line.wholeMatch(of: /::(error|warning|notice) ([^:]*)::(.*)/), "not a command: \(line)")
            for property in match.2.split(separator: ",") {
                #expect(property.wholeMatch(of: /[A-Za-z]+=[^,:]*/) != nil, "\(property)")
            }
            data.append(
                String(match.3).replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
                    .replacingOccurrences(of: "%25", with: "%"))
        }
        // Line breaks are GitHub's own `%0A`, decoded above; the rest are escapes.
        let shown = #"\u{1B}[31m\u{1B}]0;title\u{7}\u{D}\u{202E}\u{200B}"# + "\n::error file=x::owned\n##[error]legacy"
        #expect(data.contains { $0.hasPrefix("unknown key `dosage\(shown)` in an item\nhelp: ") }, "\(data)")
        // A path keeps its line breaks, in GitHub's escape, so that the annotation names the file.
        #expect(
            result.out.contains(#"file=n\u{1B}[31m\u{202E}\u{7}%0A%3A%3Aerror file=x%3A%3Aowned%0A##[error]legacy.yaml"#), "\(result.out)")
    }

    /// `compile` prints its findings on standard error, as text or JSON; `export` of the same
    /// programme writes nothing and says why, neutralised too.
    @Test func compileAndExportFindingsAreNeutralised() throws {
        let root = try Self.repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let text = try BinaryTests.run(["compile", "p.yaml"], in: root)
        #expect(text.status == 1)
        Self.expectNeutral(text.err, "compile stderr")
        #expect(text.err.contains(#"unknown key `dosage\u{1B}[31m"#), "\(text.err)")
        let json = try BinaryTests.run(["compile", "p.yaml", "--diagnostics", "json"], in: root)
        #expect(json.status == 1)
        Self.expectNeutral(json.err, "compile JSON")
        let parsed = try Python.run(
            "import json, sys\nP = \(Self.pythonPayload)\nprint(any(('dosage' + P) in d['message'] for d in json.load(sys.stdin)['diagnostics']))",
            input: json.err)
        #expect(parsed.out == "True\n", "\(parsed.out)")
        for format in ["text", "html", "json"] {
            let export = try BinaryTests.run(["export", "p.yaml", "--format", format, "-o", "out.\(format)"], in: root)
            #expect(export.status == 1, "\(format): \(export.err)")
            Self.expectNeutral(export.out + export.err, "export \(format)")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out.\(format)").path))
        }
    }

    /// A plan is not checked for RG107 when it is exported: a plan whose title holds the payload
    /// is exported with the payload shown as escapes in text and HTML, and as `\u` escapes in
    /// JSON that still read back as the original.
    @Test func exportsOfAHostilePlanAreNeutralised() throws {
        let root = try CLITests.repository(["p.yaml": CLITests.clean])
        defer { try? FileManager.default.removeItem(at: root) }
        let compiled = try BinaryTests.run(["compile", "p.yaml", "-o", "plan.json"], in: root)
        #expect(compiled.status == 0, "\(compiled.err)")
        let planURL = root.appendingPathComponent("plan.json")
        var plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: planURL)) as? [String: Any])
        var programme = try #require(plan["programme"] as? [String: Any])
        programme["title"] = "Neck" + Self.payload
        plan["programme"] = programme
        try JSONSerialization.data(withJSONObject: plan).write(to: planURL)

        let text = try BinaryTests.run(["export", "plan.json", "--format", "text"], in: root)
        #expect(text.status == 0, "\(text.err)")
        Self.expectNeutral(text.out, "text handout")
        // The text handout drops controls itself; what is left invisible is shown.
        #expect(text.out.hasPrefix(#"Neck[31m]0;title \u{200B}"#), "\(text.out)")

        let html = try BinaryTests.run(["export", "plan.json", "--format", "html"], in: root)
        #expect(html.status == 0, "\(html.err)")
        let htmlRaw = Self.rawHidden(html.out).filter { $0 != "200b" }
        #expect(htmlRaw.isEmpty, "raw \(htmlRaw) in the HTML")
        // The handout model makes every text plain: the controls are gone, not shown.
        #expect(html.out.contains("<h1>Neck"), "\(html.out.prefix(2000))")

        let json = try BinaryTests.run(["export", "plan.json", "--format", "json"], in: root)
        #expect(json.status == 0, "\(json.err)")
        Self.expectNeutral(json.out, "JSON handout")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.out.utf8))
        #expect(Self.strings(in: decoded).contains("Neck" + Self.payload), "\(json.out.prefix(600))")
        #expect(json.out.contains(#"\u202e"#) && json.out.contains(#"#\u0023[error]"#), "\(json.out.prefix(600))")
    }

    /// Every string in a decoded JSON value.
    static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let object as [String: Any]: object.values.flatMap(strings)
        case let array as [Any]: array.flatMap(strings)
        default: []
        }
    }

    /// A rule plugin's messages and standard error, an exporter plugin's standard error, and
    /// the paths `plugins list` and `plugins check` print.
    @Test func pluginTextIsNeutralised() throws {
        let json =
            #"{"contract":1,"diagnostics":[{"code":"EVIL001","severity":"warning","message":"m \u001b[31m\u001b]0;title\u0007\r\u202e\u200b\n::error file=x::owned\n##[error]legacy","help":"h \u001b[2J","file":"p.yaml","line":3,"column":1}]}"#
        let stderr = #"printf 'oops \033[31m\033]0;title\007\r\342\200\256\342\200\213\n::error file=x::owned\n##[error]legacy\n' >&2"#
        let directory = "plugins\u{1B}[31m\u{202E}\n::error file=x::owned"
        let plugins = try PluginFixture.directory([
            "\(directory)/regimen-rule-evil": PluginFixture.shell(
                "evil", kind: "rule", body: "cat > /dev/null\n\(stderr)\nprintf '%s\\n' '\(json)'"),
            "\(directory)/regimen-rule-crash": PluginFixture.shell("crash", kind: "rule", body: "cat > /dev/null\n\(stderr)\nexit 1"),
            "\(directory)/regimen-export-evil": PluginFixture.shell("evil", kind: "exporter", body: "cat > /dev/null\n\(stderr)\nexit 1"),
        ])
        let root = try CLITests.repository(["p.yaml": CLITests.clean])
        defer {
            try? FileManager.default.removeItem(at: plugins)
            try? FileManager.default.removeItem(at: root)
        }
        let path = plugins.appendingPathComponent(directory).path
        let validate = try BinaryTests.run(["validate", "p.yaml", "--plugin-path", path], in: root)
        #expect(validate.status == 3, "\(validate.out)\(validate.err)")
        Self.expectNeutral(validate.out + validate.err, "validate with plugins")
        #expect(
            validate.out.contains(#"warning[EVIL001]: m \u{1B}[31m\u{1B}]0;title\u{7}\u{D}\u{202E}\u{200B}\u{A}::error"#), "\(validate.out)"
        )
        #expect(validate.out.contains(#"it wrote on standard error: oops \u{1B}[31m"#), "\(validate.out)")
        for format in ["json", "sarif", "junit", "github"] {
            let report = try BinaryTests.run(["validate", "p.yaml", "--plugin-path", path, "--format", format], in: root)
            #expect(Self.rawHidden(report.out + report.err).isEmpty, "\(format): \(Self.rawHidden(report.out))")
        }
        let export = try BinaryTests.run(["export", "p.yaml", "--format", "evil", "--plugin-path", path], in: root)
        #expect(export.status == 3, "\(export.out)\(export.err)")
        Self.expectNeutral(export.out + export.err, "export plugin")
        #expect(export.err.contains(#"oops \u{1B}[31m"#), "\(export.err)")
        for command in [["plugins", "list"], ["plugins", "check"]] {
            let listed = try BinaryTests.run(command + ["--plugin-path", path], in: root)
            Self.expectNeutral(listed.out + listed.err, command.joined(separator: " "))
            #expect(listed.out.contains(#"plugins\u{1B}[31m\u{202E}\u{A}::error file=x::owned/regimen-rule-evil"#), "\(listed.out)")
        }
    }

    /// Words from the command line echoed in messages: `explain`, `vocabulary show`, and a path
    /// that does not exist.
    @Test func commandLineWordsAreNeutralised() throws {
        for arguments in [["explain", Self.payload], ["vocabulary", "show", Self.payload], ["validate", Self.payload + ".yaml"]] {
            let result = try BinaryTests.run(arguments)
            #expect(result.status != 0)
            Self.expectNeutral(result.out + result.err, arguments[0])
            #expect((result.out + result.err).contains(#"\u{1B}[31m"#), "\(arguments[0]): \(result.err)")
        }
    }

    /// The last guard: a message that keeps line breaks on purpose (ArgumentParser's, quoting a
    /// value as given) still cannot start a line with a workflow command, even after blanks
    /// (the runner trims them), nor hold the legacy `##[`.
    @Test func noLineOfHumanTextIsAWorkflowCommand() throws {
        let result = try BinaryTests.run(["validate", "a.yaml", "--format", "x\n  ::error file=x::owned\n##[error]y"])
        #expect(result.status == 2)
        Self.expectNeutral(result.out + result.err, "usage error")
        #expect(result.err.contains("\n  :\\u{3A}error file=x::owned\n#\\u{23}[error]y"), "\(result.err)")
    }

    /// The policy's edges, table-driven: characters beyond U+FFFF (tag characters are Cf), a
    /// command after blanks or a CR, `::` that is not at a line's start.
    @Test func thePolicysEdges() throws {
        #expect(Visible.escaped("a\u{E0041}\u{AD}\tb") == #"a\u{E0041}\u{AD}"# + "\tb")
        #expect(Visible.describe("\u{1B}") == "U+001B ESCAPE" && Visible.describe("\u{9B}") == "U+009B CONTROL SEQUENCE INTRODUCER")
        #expect(
            Visible.commandsDefused(" \t::a::b\nx::y\r::z\n##[w]\nok ##[v]")
                == " \t:\\u{3A}a::b\nx::y\r:\\u{3A}z\n#\\u{23}[w]\nok #\\u{23}[v]")
        // JSON: the escapes are JSON's own, including a surrogate pair, and read back the same.
        let original = "a\u{E0041}\u{85}\u{2028}\u{202E}\u{7F} ##[x]"
        let encoded = String(decoding: try JSONEncoder().encode([original]), as: UTF8.self)
        let safe = Visible.jsonSafe(encoded)
        #expect(safe == #"["a\udb40\udc41\u0085\u2028\u202e\u007f #\u0023[x]"]"#, "\(safe)")
        #expect(try JSONDecoder().decode([String].self, from: Data(safe.utf8)) == [original])
    }

    /// Suggestions for identifiers with a look-alike letter, an accent or an invisible character
    /// keep every letter a reader sees, and the message names the character.
    @Test(arguments: [
        ("chin-tu\u{441}k", "U+0441 CYRILLIC SMALL LETTER ES at character 8", "chin-tuck"),
        ("ch\u{ED}n-tuck", "U+00ED LATIN SMALL LETTER I WITH ACUTE at character 3", "chin-tuck"),
        ("chin\u{200B}-tuck", "U+200B ZERO WIDTH SPACE at character 5", "chin-tuck"),
        ("chin-\u{202E}tuck", "U+202E RIGHT-TO-LEFT OVERRIDE at character 6", "chin-tuck"),
        ("\u{FF43}hin-tuck", "U+FF43 FULLWIDTH LATIN SMALL LETTER C at character 1", "chin-tuck"),
    ])
    func lookAlikeIdentifiersAreNamed(_ id: String, _ named: String, _ suggestion: String) throws {
        let root = try CLITests.repository(["p.yaml": CLITests.clean.replacingOccurrences(of: "- use: chin-tuck", with: "- use: \(id)")])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try BinaryTests.run(["validate", "p.yaml"], in: root)
        #expect(result.status == 1)
        Self.expectNeutral(result.out, id)
        #expect(result.out.contains("is not a valid exercise id: it holds \(named)"), "\(result.out)")
        #expect(result.out.contains("such as `\(suggestion)`"), "\(result.out)")
    }
}
