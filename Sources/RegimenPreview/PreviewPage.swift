import Foundation
import RegimenDiagnostics
import RegimenExport

/// The preview page and the fragments the page's script swaps in. Every piece of text that came
/// from a file is escaped twice over: hidden characters as `Visible` shows them (so that a bidi
/// control cannot reorder a line), then for HTML.
public struct PreviewPage: Sendable {
    /// What to show.
    public var snapshot: PreviewSnapshot

    /// The page for `snapshot`.
    public init(snapshot: PreviewSnapshot) {
        self.snapshot = snapshot
    }

    /// The Content-Security-Policy the page must be served with.
    public var contentSecurityPolicy: String { PageAssets.contentSecurityPolicy(handoutStyle: snapshot.handout?.style) }

    /// Identifies the handout's style sheet, so that the script reloads the page (and its policy)
    /// when the style sheet changes (a profile whose paper size differs).
    var styleIdentity: String { snapshot.handout.map { PageAssets.hashSource($0.style) } ?? "none" }

    /// The whole page.
    public var html: String {
        let handout =
            snapshot.handout.map { "<template shadowrootmode=\"open\">\($0.markup)</template>" }
            ?? "<p>No handout yet: fix the errors above and save.</p>"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>Preview: \(Self.text(Self.name(of: snapshot.programme)))</title>
            <style>\(PageAssets.style)</style>
            </head>
            <body data-generation="\(snapshot.generation)" data-handout-generation="\(snapshot.handoutGeneration)" data-style="\(Self.text(styleIdentity))">
            <div id="rp-bar"><span>Regimen preview</span><span class="rp-file">\(Self.text(snapshot.programme))</span><span id="rp-status">\(Self.text(snapshot.status))</span></div>
            <section class="rp-panel" aria-labelledby="rp-findings-heading"><h2 id="rp-findings-heading">Findings</h2><div id="rp-findings" aria-live="polite">\(findings)</div></section>
            <section class="rp-panel" aria-labelledby="rp-handout-heading"><h2 id="rp-handout-heading">Handout</h2>
            <div id="rp-stale" role="status"\(snapshot.stale ? "" : " hidden")>Out of date: this is the last handout that could be made; the programme as saved has errors.</div>
            <div id="rp-handout"\(snapshot.stale ? " class=\"rp-stale-handout\"" : "")>\(handout)</div></section>
            <section class="rp-panel" aria-labelledby="rp-sources-heading"><h2 id="rp-sources-heading">Source</h2><div id="rp-sources">\(sources)</div></section>
            <script>\(PageAssets.script)</script>
            </body>
            </html>

            """
    }

    /// `/updates`: the fragments of the current snapshot, for the script.
    public var updateJSON: Data {
        let update: [String: Any] = [
            "generation": snapshot.generation, "handoutGeneration": snapshot.handoutGeneration, "stale": snapshot.stale,
            "status": snapshot.status, "style": styleIdentity, "findings": findings, "sources": sources,
            "handout": snapshot.handout.map { $0.markup as Any } ?? NSNull(),
        ]
        return (try? JSONSerialization.data(withJSONObject: update, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    // MARK: Fragments

    /// The findings, each linked to its line in the source listing.
    var findings: String {
        let render = snapshot.render
        guard !render.findings.isEmpty || !render.problems.isEmpty else {
            return "<p class=\"rp-ok\">No problems found.</p>"
        }
        var out = "<ul class=\"rp-findings\">"
        for problem in render.problems {
            out +=
                "<li class=\"rp-finding rp-error\"><span class=\"rp-sev\">error</span> <span class=\"rp-msg\">\(Self.text(problem))</span></li>"
        }
        for diagnostic in render.findings {
            out += "<li class=\"rp-finding rp-\(diagnostic.severity.rawValue)\" data-code=\"\(Self.text(diagnostic.code))\">"
            out += "<span class=\"rp-sev\">\(diagnostic.severity.rawValue)</span> "
            out += "<code class=\"rp-code\">\(Self.text(diagnostic.code))</code> "
            out += "<span class=\"rp-msg\">\(Self.text(diagnostic.message))</span> "
            out += location(diagnostic.range)
            if let excerpt = excerpt(diagnostic.range) { out += "<pre class=\"rp-excerpt\">\(excerpt)</pre>" }
            if let help = diagnostic.help { out += "<p class=\"rp-help\">help: \(Self.text(help))</p>" }
            for note in diagnostic.notes {
                out += "<p class=\"rp-note\">note: \(Self.text(note.message))\(note.range.map { " " + location($0) } ?? "")</p>"
            }
            out += "</li>"
        }
        return out + "</ul>"
    }

    /// Every file listed, one anchor per line (`f0-L12`: file 0, line 12); lines with a finding
    /// are marked.
    var sources: String {
        let render = snapshot.render
        var hits: [String: Set<Int>] = [:]
        for diagnostic in render.findings { hits[diagnostic.range.file, default: []].insert(diagnostic.range.start.line) }
        var out = ""
        for (index, file) in render.sources.enumerated() {
            out += "<div class=\"rp-source\" id=\"f\(index)\"><h3>\(Self.text(file.path))</h3><pre class=\"rp-listing\">"
            let marked = hits[file.path] ?? []
            for number in 1...max(file.lineCount, 1) {
                let anchor = "f\(index)-L\(number)"
                let hit = marked.contains(number) ? " rp-hit" : ""
                out += "<span class=\"rp-line\(hit)\" id=\"\(anchor)\"><a class=\"rp-ln\" href=\"#\(anchor)\">\(number)</a>"
                out += Self.text(file.line(number) ?? "") + "\n</span>"
            }
            out += "</pre></div>"
        }
        return out
    }

    /// `file:line:column`, linked to the line when the file is listed.
    func location(_ range: SourceRange) -> String {
        let shown = Self.text(range.description)
        guard let index = snapshot.render.sources.firstIndex(where: { $0.path == range.file }) else {
            return "<span class=\"rp-loc\">\(shown)</span>"
        }
        return "<a class=\"rp-loc\" href=\"#f\(index)-L\(max(range.start.line, 1))\">\(shown)</a>"
    }

    /// The line a finding is on, when its file is listed.
    func excerpt(_ range: SourceRange) -> String? {
        guard let file = snapshot.render.sources.first(where: { $0.path == range.file }), let line = file.line(range.start.line) else {
            return nil
        }
        return Self.text(line)
    }

    /// `text` from a file, made safe to put in the page: hidden characters shown, then escaped.
    static func text(_ text: String) -> String {
        HTMLExporter.escape(Visible.escaped(text))
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
