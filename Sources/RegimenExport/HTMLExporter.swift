import Foundation
import Mustache
import RegimenCompile
import RegimenFormat

/// A printable HTML handout: one self-contained file from a Mustache template.
///
/// The built-in template is `Templates/handout.mustache`; `--template` replaces it. Every value
/// a template can show is escaped (over Unicode scalars, see `escape(_:)`), templates that could
/// write text unescaped are refused, and the page must carry the Content-Security-Policy that
/// allows no script. docs/handouts.md documents the view model a template sees.
public struct HTMLExporter: Exporter {
    public init() {}
    public let identifier = "html"
    public let fileExtension = "html"
    public let mediaType = "text/html; charset=utf-8"
    public let summary = "a printable, self-contained HTML handout for the patient"

    /// The policy every handout declares: no script, no network, images only as data: URIs.
    public static let contentSecurityPolicy =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    /// The name the escaping content type is registered under; every template starts with it.
    static let contentTypeName = "REGIMEN_HTML"
    /// Put before every template, on its first line so that line numbers stay the template's own.
    static let pragma = "{{% CONTENT_TYPE: \(contentTypeName)}}"

    public func export(_ plan: Plan, options: ExportOptions) throws(ExportError) -> Data {
        let source = Self.templateSource(options)
        // Size and depth first: 1,000 nested sections must not reach the parser.
        try TemplateBounds.check(source.text, name: source.name)
        let template = try Self.parse(source.text, name: source.name)
        let model = try HandoutModel(plan: plan, options: options).object
        let budget = TemplateBounds.Budget(limit: TemplateBounds.maxOutputBytes)
        let html = template.render(TemplateBounds.charged(model, template: source.text, budget: budget))
        guard !budget.exceeded, html.utf8.count <= TemplateBounds.maxOutputBytes else {
            throw ExportError(
                "\(source.name) renders a handout larger than \(TemplateBounds.maxOutputBytes) bytes (64 MiB), so rendering was stopped",
                help: "sections nested over lists multiply; nest fewer of them (docs/limits.md)")
        }
        // What the browser will read is checked, not only the template's text: the policy is the
        // page's last line of defence, and a template without it is refused.
        if let finding = RenderedHTMLCheck.check(html) {
            if finding.message.hasPrefix("no active Content-Security-Policy") {
                throw ExportError(
                    "\(source.name) does not declare the handout's Content-Security-Policy in <head>",
                    help: "the rendered handout has \(finding.message); put <meta http-equiv=\"Content-Security-Policy\" "
                        + "content=\"{{contentSecurityPolicy}}\"> first in <head>, outside any comment (docs/handouts.md)")
            }
            throw ExportError(
                "the handout rendered from \(source.name) has \(finding.message) at \(finding.line):\(finding.column) of the output"
                    + Self.templatePlace(of: finding, in: html, template: source.text),
                help: "handouts may not run script; nothing was written (docs/handouts.md)")
        }
        return Data(html.utf8)
    }

    /// What a template sees for `plan`: dictionaries, arrays, strings, booleans, and `NSNull` for
    /// an absent value. docs/handouts.md documents every key.
    public func viewModel(for plan: Plan, options: ExportOptions = ExportOptions()) throws(ExportError) -> [String: Any] {
        try HandoutModel(plan: plan, options: options).object
    }

    /// `text` escaped for HTML text and quoted attribute values. It works on Unicode scalars, not
    /// Characters, so that a quote followed by a combining mark (one Character) is still escaped.
    public static func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        escaped.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped.append(contentsOf: "&amp;".unicodeScalars)
            case "<": escaped.append(contentsOf: "&lt;".unicodeScalars)
            case ">": escaped.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": escaped.append(contentsOf: "&quot;".unicodeScalars)
            case "'": escaped.append(contentsOf: "&#39;".unicodeScalars)
            case "`": escaped.append(contentsOf: "&#96;".unicodeScalars)
            case "\u{0}": escaped.append("\u{FFFD}")
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    // MARK: Templates

    /// The escaping `{{name}}` uses in every handout template.
    struct EscapingContentType: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLExporter.escape(text) }
    }

    /// Registers the content type once, before the first template is parsed.
    private static let registration: Void = {
        MustacheContentTypes.register(EscapingContentType(), named: contentTypeName)
    }()

    /// The template's text and the name messages give it.
    static func templateSource(_ options: ExportOptions) -> (text: String, name: String) {
        if let text = options.template { return (text, options.templatePath ?? "the template") }
        return (EmbeddedTemplates.handout, "the built-in template")
    }

    /// Tags a handout template may not use: each could write programme text unescaped, switch the
    /// escaping off, or hide such a tag behind other delimiters.
    static let refusedTags: [(Unicode.Scalar, String)] = [
        ("{", "`{{{name}}}` writes text unescaped; use `{{name}}`, which escapes it"),
        ("&", "`{{&name}}` writes text unescaped; use `{{name}}`, which escapes it"),
        ("%", "`{{% …}}` pragmas would change how text is escaped; remove it"),
        ("=", "`{{=…=}}` changes the delimiters, which handout templates may not do; keep `{{ }}`"),
        (">", "partials (`{{>name}}`) are not available; put the whole handout in one template"),
        ("<", "parent templates (`{{<name}}`) are not available; put the whole handout in one template"),
    ]

    /// Parses `text` with the escaping content type, after refusing tags that could bypass it.
    static func parse(_ text: String, name: String) throws(ExportError) -> MustacheTemplate {
        try check(text, name: name)
        _ = registration
        do {
            return try MustacheTemplate(string: pragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let context = error.context
            // The pragma shares the first line: take it out of the column and the quoted line.
            let column = context.lineNumber == 1 ? max(1, context.columnNumber - pragma.count) : context.columnNumber
            let line =
                context.lineNumber == 1 && context.line.hasPrefix(pragma) ? String(context.line.dropFirst(pragma.count)) : context.line
            throw ExportError(
                "\(name):\(context.lineNumber):\(column): \(describe(error.error))",
                help: "the line reads: \(line.trimmingCharacters(in: .whitespaces))")
        } catch {
            throw ExportError("\(name): not a Mustache template (\(describe(error)))")
        }
    }

    /// Refuses the tags in `refusedTags`, any `<script`, and unquoted attribute values, with the
    /// line and column.
    static func check(_ text: String, name: String) throws(ExportError) {
        let scalars = Array(text.unicodeScalars)
        var line = 1
        var column = 1
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "{", index + 2 < scalars.count, scalars[index + 1] == "{",
                let refused = refusedTags.first(where: { $0.0 == scalars[index + 2] })
            {
                throw ExportError(
                    "\(name):\(line):\(column): \(refused.1)", help: "programme text must always be escaped (docs/handouts.md)")
            }
            // An unquoted attribute value (`title={{name}}`) ends at the first space, so escaped
            // text could still add attributes of its own (`x onfocus=…`).
            if scalar == "=", index + 2 < scalars.count, scalars[index + 1] == "{", scalars[index + 2] == "{" {
                throw ExportError(
                    "\(name):\(line):\(column): an attribute's value is not quoted",
                    help: "quote attribute values in the template: write `title=\"{{name}}\"`")
            }
            if scalar == "<", index + 7 <= scalars.count,
                String(String.UnicodeScalarView(scalars[(index + 1)..<(index + 7)])).lowercased() == "script"
            {
                throw ExportError(
                    "\(name):\(line):\(column): handout templates may not contain scripts",
                    help: "the handout's Content-Security-Policy allows no script; remove the <script> element")
            }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: "a section is closed with a name that does not match its opening tag"
        case MustacheTemplate.Error.unfinishedName: "a tag is not finished, or its name has characters a name cannot have"
        case MustacheTemplate.Error.expectedSectionEnd: "a section is opened but never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: "a set-delimiter tag is malformed"
        case MustacheTemplate.Error.invalidConfigVariableSyntax, MustacheTemplate.Error.unrecognisedConfigVariable:
            "a pragma is malformed or unknown"
        case MustacheTemplate.Error.transformAppliedToInheritanceSection, MustacheTemplate.Error.illegalTokenInsideInheritSection,
            MustacheTemplate.Error.textInsideInheritSection:
            "template inheritance is used wrongly"
        default: "the template ends in the middle of a tag"
        }
    }

    /// " (the template's line L)" when the rendered line the finding is on is one template line,
    /// as it is or with its tags rendering nothing (`<scr{{! x }}ipt>`); empty when no single
    /// line matches (a line made from values, or from several template lines).
    static func templatePlace(of finding: RenderedHTMLCheck.Finding, in html: String, template: String) -> String {
        let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
        guard finding.line <= lines.count else { return "" }
        let rendered = lines[finding.line - 1].trimmingCharacters(in: .whitespaces)
        guard !rendered.isEmpty else { return "" }
        let templateLines = template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for candidate in [{ (line: String) in line }, { (line: String) in line.replacing(/\{\{[^}]*\}\}/, with: "") }] {
            let matches = templateLines.indices.filter { candidate(templateLines[$0]).trimmingCharacters(in: .whitespaces) == rendered }
            if matches.count == 1 { return " (the template's line \(matches[0] + 1))" }
        }
        return ""
    }
}
