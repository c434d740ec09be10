import RegimenDiagnostics
import RegimenValidate

/// JUnit XML, as GitLab, Jenkins and most CI systems read test reports.
///
/// One `<testsuite name="regimen">`, one `<testcase name="validate">` per file checked (its
/// `classname` is the path relative to the repository root). Each finding that fails
/// the run (`ReportInput.failLevel`: errors by default, warnings too under `--strict`) is a
/// `<failure type="RG104">` in its file's test case; findings below the fail level are listed
/// in the test case's `<system-out>`, so a file with only warnings passes unless warnings fail
/// the run. Paths that could not be read are `<error>`s of one more test case, `read inputs`.
/// The suite's `failures` counts failed test cases (files), not findings.
///
/// The document is valid against the JUnit XSD of Jenkins' xUnit plugin (`junit-10.xsd`), which
/// has no `file` attribute on a test case, so there is none: GitLab, which reads one when it is
/// there, takes the path from `classname` and from each failure's `path:line:column`.
public struct JUnitReportWriter: ReportWriter {
    /// A writer.
    public init() {}

    public var format: ReportFormat { .junit }
    public var fileExtension: String { "xml" }
    public var mediaType: String { "application/xml" }

    public func render(_ input: ReportInput) -> String {
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in input.diagnostics { byFile[diagnostic.range.file, default: []].append(diagnostic) }
        let checked = Set(input.files)
        let files = input.files + Set(byFile.keys).subtracting(checked).sorted()

        var cases: [String] = []
        var failed = 0
        for file in files {
            let path = Visible.escaped(input.location(of: file).display)
            let findings = byFile[file] ?? []
            let failing = findings.filter { input.failLevel.fails($0.severity) }
            let passing = findings.filter { !input.failLevel.fails($0.severity) }
            if !failing.isEmpty { failed += 1 }
            var body = ""
            for diagnostic in failing {
                body += Self.element(
                    "failure", ["message": Visible.escaped(diagnostic.message), "type": Visible.escaped(diagnostic.code)],
                    text: Self.text(diagnostic, input: input))
            }
            if !passing.isEmpty {
                body += Self.element("system-out", [:], text: passing.map { Self.text($0, input: input) }.joined(separator: "\n"))
            }
            let attributes = Self.attributes(["classname": path, "name": "validate"])
            cases.append(body.isEmpty ? "    <testcase\(attributes)/>\n" : "    <testcase\(attributes)>\n\(body)    </testcase>\n")
        }
        if !input.inputErrors.isEmpty {
            let errors = input.inputErrors.map {
                Self.element("error", ["message": Visible.escaped($0), "type": "input"], text: Visible.escaped($0))
            }
            cases.append(
                "    <testcase\(Self.attributes(["classname": "regimen", "name": "read inputs"]))>\n\(errors.joined())    </testcase>\n")
        }
        let errorCases = input.inputErrors.isEmpty ? 0 : 1
        let counts = "tests=\"\(cases.count)\" failures=\"\(failed)\" errors=\"\(errorCases)\""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="regimen" \(counts)>
              <testsuite name="regimen" \(counts) skipped="0">
            \(cases.joined())  </testsuite>
            </testsuites>

            """
    }

    /// A finding as plain text: `path:line:column: severity[CODE]: message`, then its help,
    /// notes and documentation link, one to a line.
    static func text(_ diagnostic: Diagnostic, input: ReportInput) -> String {
        func place(_ range: SourceRange) -> String {
            "\(input.location(of: range.file).display):\(range.start.line):\(range.start.column)"
        }
        // Each piece from input on one line, hidden characters shown (`Visible`).
        let v = Visible.escaped as (String) -> String
        var out = "\(v(place(diagnostic.range))): \(diagnostic.severity.rawValue)[\(v(diagnostic.code))]: \(v(diagnostic.message))\n"
        if let help = diagnostic.help { out += "help: \(v(help))\n" }
        for note in diagnostic.notes {
            out += "note: \(v(note.message))" + (note.range.map { " (\(v(place($0))))" } ?? "") + "\n"
        }
        if let descriptor = input.descriptor(diagnostic.code) {
            out +=
                "rule: \(descriptor.code) \(descriptor.name), \(Reports.documentationURL(descriptor, base: input.rulesDocumentationURL))\n"
        }
        return out
    }

    /// ` name="value"…`, escaped, in the order given.
    static func attributes(_ pairs: KeyValuePairs<String, String>) -> String {
        pairs.map { " \($0.key)=\"\(escaped($0.value, attribute: true))\"" }.joined()
    }

    /// An element inside a test case, on a line of its own.
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String) -> String {
        "      <\(name)\(Self.attributes(attributes))>\(escaped(text, attribute: false))</\(name)>\n"
    }

    /// `text` escaped for XML 1.0 character data, or for an attribute value (where line breaks
    /// and tabs are written as references so that parsers keep them). Characters XML 1.0 does
    /// not allow at all (most C0 controls, U+FFFE, U+FFFF) are shown as `Visible` shows them,
    /// `\u{1B}`, never dropped; so are the other hidden characters, and a line a CI runner would
    /// read as a workflow command is defused with character references. GitLab's attachment tag
    /// (`[[ATTACHMENT|path]]`) is broken up, so that a finding cannot make GitLab show a file
    /// from the job's artifacts.
    public static func escaped(_ text: String, attribute: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            case "\r": out.append(contentsOf: "&#13;".unicodeScalars)
            case "\n": out.append(contentsOf: (attribute ? "&#10;" : "\n").unicodeScalars)
            case "\t": out.append(contentsOf: (attribute ? "&#9;" : "\t").unicodeScalars)
            case "\u{FFFE}", "\u{FFFF}": out.append(contentsOf: Visible.escape(scalar).unicodeScalars)
            case _ where Visible.isHidden(scalar): out.append(contentsOf: Visible.escape(scalar).unicodeScalars)
            default: out.append(scalar)
            }
        }
        // A character reference would be read back as `[`: the escape is visible text.
        return Visible.commandsDefused(String(out), colon: "&#58;", hash: "&#35;")
            .replacingOccurrences(of: "[[ATTACHMENT|", with: #"[\u{5B}ATTACHMENT|"#)
    }
}
