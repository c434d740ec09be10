import RegimenDiagnostics
import RegimenValidate

/// GitHub Actions workflow commands, one line per finding, which GitHub shows as annotations on
/// the lines of the pull request:
///
/// ```text
/// ::error file=programmes/knee.yaml,line=31,col=42,endLine=31,endColumn=43,title=RG104 invalid-quantity::cannot read `5` as a time%0Ahelp: …
/// ```
///
/// Errors are `::error`, warnings `::warning`, notes `::notice`. Paths are relative to the
/// repository root (the workspace GitHub checks out). Columns count Unicode scalars and the end
/// column is the one just past the span; a span over several lines gives lines only, since
/// GitHub takes columns only on a single line. Values are escaped as GitHub's toolkit escapes them
/// (`escapeData`, `escapeProperty` in @actions/core), after hidden characters from input other
/// than line breaks are shown as `Visible` shows them (the annotations and the log are read by
/// people); line breaks are GitHub's `%0A`, so every output line is exactly one command.
public struct GitHubReportWriter: ReportWriter {
    /// A writer.
    public init() {}

    public var format: ReportFormat { .github }
    public var fileExtension: String { "txt" }
    public var mediaType: String { "text/plain; charset=utf-8" }

    public func render(_ input: ReportInput) -> String {
        var out = ""
        for problem in input.inputErrors {
            out +=
                "::error title=\(Self.escapedProperty("regimen"))::\(Self.escapedData(Visible.escaped(problem, keepingLineBreaks: true)))\n"
        }
        for diagnostic in input.diagnostics {
            out += Self.command(diagnostic, input: input) + "\n"
        }
        return out
    }

    /// The workflow command for `diagnostic`.
    static func command(_ diagnostic: Diagnostic, input: ReportInput) -> String {
        let range = diagnostic.range
        var properties: [(String, String)] = [("file", input.location(of: range.file).display), ("line", String(range.start.line))]
        if range.start.line == range.end.line {
            properties.append(("col", String(range.start.column)))
            if range.end.column > range.start.column {
                properties += [("endLine", String(range.end.line)), ("endColumn", String(range.end.column))]
            }
        } else {
            properties.append(("endLine", String(range.end.line)))
        }
        let title = input.descriptor(diagnostic.code).map { "\($0.code) \($0.name)" } ?? diagnostic.code
        properties.append(("title", title))

        // Hidden characters from input are shown as escapes; line breaks stay, since GitHub's own
        // escape (`%0A`) already keeps them inside the one command.
        func shown(_ text: String) -> String { Visible.escaped(text, keepingLineBreaks: true) }
        var message = shown(diagnostic.message)
        if let help = diagnostic.help { message += "\nhelp: \(shown(help))" }
        for note in diagnostic.notes {
            message += "\nnote: \(shown(note.message))"
            if let place = note.range {
                message += " (\(shown(input.location(of: place.file).display)):\(place.start.line):\(place.start.column))"
            }
        }
        let command =
            switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
        let list = properties.map { "\($0.0)=\(escapedProperty(Visible.escaped($0.1, keepingLineBreaks: true)))" }.joined(separator: ",")
        return "::\(command) \(list)::\(escapedData(message))"
    }

    /// A command's message, escaped: `%`, CR and LF.
    public static func escapedData(_ text: String) -> String {
        escaped(text, property: false)
    }

    /// A property value, escaped: as a message, and `:` and `,` as well.
    public static func escapedProperty(_ text: String) -> String {
        escaped(text, property: true)
    }

    /// Scalar by scalar, so that a CR LF pair (one Character) is escaped as two.
    private static func escaped(_ text: String, property: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out.append(contentsOf: "%25".unicodeScalars)
            case "\r": out.append(contentsOf: "%0D".unicodeScalars)
            case "\n": out.append(contentsOf: "%0A".unicodeScalars)
            case ":" where property: out.append(contentsOf: "%3A".unicodeScalars)
            case "," where property: out.append(contentsOf: "%2C".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
