import Foundation
import Testing

@testable import RegimenExport

/// Issue 17, item 4: what a handout template renders is read as a browser reads it, and refused
/// when it could run script, whatever the template's text looked like.
@Suite struct RenderedHTMLTests {
    static let head = """
        <!DOCTYPE html><html lang="{{lang}}"><head>
        <meta http-equiv="Content-Security-Policy" content="{{contentSecurityPolicy}}">
        <title>{{title}}</title></head><body>

        """

    /// A template that passes today's checks on its text, and what the rendered page has.
    struct Bypass: CustomTestStringConvertible, Sendable {
        var name: String
        var template: String
        var expected: String
        var testDescription: String { name }
    }

    static let bypasses: [Bypass] = [
        Bypass(
            name: "a script put together across a Mustache comment",
            template: head + "<p>Hello</p>\n<scr{{! hidden }}ipt>alert(1)</script>\n",
            expected: "has a script element (`<script>`) at 5:1 of the output (the template's line 5)"),
        Bypass(
            name: "a script put together across an empty section",
            template: head + "<p>Hello</p>\n<scr{{#nothing}}{{/nothing}}ipt>alert(1)</script>\n",
            expected: "has a script element (`<script>`) at 5:1 of the output (the template's line 5)"),
        Bypass(
            name: "a script in SVG, in capitals", template: head + "<svg><SCR{{^title}}{{/title}}IPT>alert(1)</script></svg>\n",
            expected: "has a script element (`<script>`) at 4:6 of the output (the template's line 4)"),
        Bypass(
            name: "an event handler", template: head + "<p>Hello</p>\n<img src=\"photo.png\" alt=\"\" onerror=\"alert(1)\">\n",
            expected: "has an event-handler attribute (`onerror` on `<img>`) at 5:29 of the output (the template's line 5)"),
        Bypass(
            name: "a javascript: URL hidden by entities and a tab",
            template: head + "<a href=\" jav&#x09;ascript&colon;alert(1)\">the exercises</a>\n",
            expected: "has a `javascript:` URL in `href` on `<a>` at 4:4 of the output"),
        Bypass(
            name: "a javascript: URL in SVG", template: head + "<svg><a xlink:href=\"JavaScript:alert(1)\"><text>x</text></a></svg>\n",
            expected: "has a `javascript:` URL in `xlink:href` on `<a>` at 4:9 of the output"),
        Bypass(
            name: "a data: HTML document",
            template: head + "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>\n",
            expected: "has a `data:text/html` URL in `href` on `<a>` at 4:4 of the output"),
    ]

    /// Exports the sample programme with `template` to `out.html`, where an earlier handout is.
    static func export(_ template: String) throws -> (run: BoundsTests.Run, root: URL) {
        let root = try CLITests.repository(["t.mustache": template, "out.html": "earlier handout\n"])
        let programme = Harness.repositoryRoot.appendingPathComponent(CompileTests.programme).path
        let run = try BoundsTests.run(
            ["export", programme, "--format", "html", "--template", "t.mustache", "--root", Harness.repositoryRoot.path, "-o", "out.html"],
            in: root)
        return (run, root)
    }

    @Test(arguments: bypasses)
    func eachBypassIsRefusedAndNothingIsWritten(_ bypass: Bypass) throws {
        let (run, root) = try Self.export(bypass.template + "</body></html>\n")
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(run.status == 2, "\(run.err)")
        #expect(run.err.contains("error: html export failed: the handout rendered from t.mustache \(bypass.expected)"), "\(run.err)")
        #expect(run.err.contains("help: handouts may not run script; nothing was written"))
        let kept = try String(contentsOf: root.appendingPathComponent("out.html"), encoding: .utf8)
        #expect(kept == "earlier handout\n")
    }

    @Test func aPolicyInsideACommentIsNotAPolicy() throws {
        let template = """
            <!DOCTYPE html><html><head>
            <!-- <meta http-equiv="Content-Security-Policy" content="{{contentSecurityPolicy}}"> -->
            <title>{{title}}</title></head><body><p>{{title}}</p></body></html>

            """
        let (run, root) = try Self.export(template)
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(run.status == 2, "\(run.err)")
        #expect(
            run.err.contains(
                "error: html export failed: t.mustache does not declare the handout's Content-Security-Policy in <head>\nhelp: the rendered handout has no active Content-Security-Policy `<meta>` in `<head>` that forbids scripts; put"
            ), "\(run.err)")
        #expect(try String(contentsOf: root.appendingPathComponent("out.html"), encoding: .utf8) == "earlier handout\n")
    }

    @Test func aPolicyInTheBodyOrOneThatAllowsScriptsIsNotEnough() {
        let inBody =
            "<!DOCTYPE html><html><head><title>x</title></head><body><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></body></html>"
        let allowing =
            "<html><head><meta http-equiv=Content-Security-Policy content=\"default-src 'none'; script-src 'self'\"></head></html>"
        let inTitle = "<html><head><title><meta http-equiv=Content-Security-Policy content=\"default-src 'none'\"></title></head></html>"
        let inTemplate =
            "<html><head><template><meta http-equiv=Content-Security-Policy content=\"default-src 'none'\"></template></head></html>"
        for page in [inBody, allowing, inTitle, inTemplate] {
            #expect(
                RenderedHTMLCheck.check(page)?.message == "no active Content-Security-Policy `<meta>` in `<head>` that forbids scripts",
                "\(page)")
        }
        let unquoted =
            "<html><HEAD><META HTTP-EQUIV=content-security-policy CONTENT=\"script-src 'none'\"></head><body><p>x</p></body></html>"
        #expect(RenderedHTMLCheck.check(unquoted) == nil)
    }

    /// At an integration point (`<foreignObject>`, `<mi>`) a browser reads HTML again, so
    /// `<style>` is raw text there and a `<!--` inside it hides nothing (html5lib finds the
    /// script and the handler in the second and third cases too). The first case is CDATA to a
    /// browser (html5lib finds no script); it is refused all the same, as the page is also read
    /// without foreign content: on that side the check errs towards refusing.
    @Test func scriptsBehindForeignContentAreFoundEitherWay() {
        let policy = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body>"
        let cases = [
            "<svg><foreignObject><![CDATA[><script>alert(1)</script>]]></foreignObject></svg>",
            "<svg><foreignObject><style><!--</style><script>alert(1)</script>--></style></foreignObject></svg>",
            "<math><mi><style><!--</style><img src=x onerror=alert(1)>--></style></mi></math>",
        ]
        for snippet in cases {
            let finding = RenderedHTMLCheck.check(policy + snippet + "</body></html>")
            #expect(
                finding?.message.hasPrefix("a script element") == true || finding?.message.hasPrefix("an event-handler") == true,
                "\(snippet)")
        }
    }

    @Test func theBuiltInTemplateAndHarmlessMarkupPass() throws {
        let run = try BoundsTests.run(
            ["export", CompileTests.programme, "--format", "html"], in: Harness.repositoryRoot)
        #expect(run.status == 0, "\(run.err)")
        let page =
            "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body>"
            + "<p title=\"<script>\">a &lt;script&gt; in text, an onion, <a href=\"https://example.org/?a=1&amp;on=2\">a link</a></p>"
            + "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\"><!-- <script>x</script> --></body></html>"
        #expect(RenderedHTMLCheck.check(page) == nil)
    }

    // MARK: Against a real parser

    /// What Python's `html.parser` (standard library) sees in each snippet: `script` for a
    /// script start tag, `on` for an event-handler attribute, `url` for a `javascript:` URL
    /// (after its entities are decoded and tabs and newlines removed, as browsers do), or
    /// `none`.
    static let python = #"""
        import sys, re
        from html.parser import HTMLParser
        class P(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.seen = []
            def handle_starttag(self, tag, attrs):
                if tag == "script": self.seen.append("script")
                for name, value in attrs:
                    if name.startswith("on"): self.seen.append("on")
                    if name.endswith("href") or name == "src":
                        url = re.sub(r"[\t\n\r]", "", (value or "").strip(" \x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"))
                        if url.lower().startswith("javascript:"): self.seen.append("url")
        for line in sys.stdin.read().split("\n\x1e\n"):
            p = P(); p.feed(line); p.close()
            print(p.seen[0] if p.seen else "none")
        """#

    static let snippets: [String] = [
        "<scr<!-- x -->ipt>alert(1)</script>",  // a comment inside a tag name does not make a script
        "<SCRIPT>alert(1)</SCRIPT>",
        "<svg><script>alert(1)</script></svg>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\"/onload=\"alert(1)\">",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"java&#x09;script&colon;alert(1)\">x</a>",
        "<a href='  javascript:alert(1)'>x</a>",
        "<!-- <script>alert(1)</script> -->",
        "<p title=\"<script>\">x</p>",
        "<a href=\"https://example.org/?javascript:1\">x</a>",
    ]

    @Test func theCheckerAgreesWithPythonsParserOnEachSnippet() throws {
        let result = try Python.run(Self.python, input: Self.snippets.joined(separator: "\n\u{1E}\n"))
        #expect(result.status == 0, "\(result.out)")
        let python = result.out.split(separator: "\n").map(String.init)
        #expect(python.count == Self.snippets.count, "\(result.out)")
        let policy = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body>"
        for (snippet, theirs) in zip(Self.snippets, python) {
            let finding = RenderedHTMLCheck.check(policy + snippet + "</body></html>")?.message ?? ""
            let ours =
                finding.hasPrefix("a script element")
                ? "script"
                : finding.hasPrefix("an event-handler")
                    ? "on" : finding.contains("`javascript:` URL") ? "url" : finding.isEmpty ? "none" : finding
            #expect(ours == theirs, "\(snippet): ours \(ours), html.parser \(theirs)")
        }
    }
}
