import Foundation
import RegimenCompile
import RegimenExport
import Testing

/// The HTML handout without a browser: escaping, the policy, self-containment, templates.
@Suite struct HTMLHandoutTests {
    /// The sciatica plan, compiled for the sample patient or without one (the golden files).
    static func plan(patient: Bool = true) throws -> Plan {
        let name = patient ? "sciatica.left-sciatica.plan.json" : "sciatica.plan.json"
        return try Plan.decode(
            Data(contentsOf: Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/\(name)")))
    }

    /// Options that read the plan's images from the repository (the golden plans name them
    /// relative to its root).
    static func options(template: String? = nil, templatePath: String? = nil, paper: Paper? = nil) -> ExportOptions {
        ExportOptions(template: template, templatePath: templatePath, planDirectory: Harness.repositoryRoot.path, paper: paper)
    }

    static func html(_ plan: Plan, options: ExportOptions = options()) throws -> String {
        String(decoding: try HTMLExporter().export(plan, options: options), as: UTF8.self)
    }

    /// The error exporting `plan` with `options` gives.
    static func error(_ plan: Plan, options: ExportOptions) throws -> ExportError {
        do {
            _ = try HTMLExporter().export(plan, options: options)
        } catch {
            return error
        }
        Issue.record("expected an export error")
        return ExportError("")
    }

    /// A plan whose every kind of text tries to break out of the page.
    static func hostile() throws -> Plan {
        var plan = try plan()
        plan.programme.title = "<script>document.title='PWNED'</script>"
        plan.programme.summary = "\"><svg onload=alert(1)>"
        plan.redFlags.insert("<img src=x onerror=alert(1)>", at: 0)
        plan.programme.clinician?.contact = "<a href=\"javascript:alert(1)\">call</a>"
        if var bridge = plan.exercises["bridge"] {
            bridge.name = "Bridge <script>alert('name')</script>"
            bridge.steps = ["<img src=x onerror=alert(1)>", "\"><svg onload=alert(2)>", "[tap](javascript:alert(3))"]
            bridge.images = try [
                Self.image("data:image/png;base64,iVBORw0KGgo=", alt: "\"\u{301} onmouseover=alert(4) x=\"", credit: "'><b>")
            ]
            plan.exercises["bridge"] = bridge
        }
        return plan
    }

    /// A plan image (the plan's types have no public initialisers: they are read from JSON).
    static func image(_ src: String, alt: String, credit: String?) throws -> Plan.ImageInfo {
        var json = ["src": src, "alt": alt]
        json["credit"] = credit
        return try JSONDecoder().decode(Plan.ImageInfo.self, from: JSONSerialization.data(withJSONObject: json))
    }

    @Test func theHandoutDeclaresAStrictPolicyAndRunsNoScript() throws {
        let html = try Self.html(Self.plan())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\" dir=\"ltr\">"))
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;\">"
            ))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://") && !html.contains("https://"), "a handout loads nothing")
        for source in html.matches(of: /src="([^"]*)"/) {
            #expect(source.1.hasPrefix("data:image/"), "only data: images: \(source.1)")
        }
    }

    @Test func theHandoutHasTheRedFlagsFirstAndEveryPart() throws {
        let plan = try Self.plan()
        let html = try Self.html(plan)
        let redFlags = try #require(html.range(of: "class=\"red-flags\""))
        let firstPhase = try #require(html.range(of: "Phase 1: Settle the pain"))
        #expect(redFlags.lowerBound < firstPhase.lowerBound)
        #expect(html.contains("Go to A&amp;E or call 999 straight away."))
        #expect(html.contains("<dt>Start date</dt><dd>Monday 7 December 2026</dd>"))
        #expect(html.contains("<dt>Side</dt><dd>Left</dd>"))
        #expect(html.contains("<caption>Phase 1: Settle the pain</caption>"))
        // Each exercise's card once, and the two versions only offered.
        let cards = html.components(separatedBy: "<article class=\"card\"").count - 1
        let distinct: Set<String> = Set(plan.phases.flatMap { phase in phase.items.map(\.exercise) })
        #expect(cards == distinct.count + 2)
        // The doses are PlainLanguage's words, week by week where they change.
        let first = try #require(plan.phases.first?.items.first)
        #expect(html.contains(HTMLExporter.escape(PlainLanguage.dose(first.dose, sessions: plan.phases.first?.sessions))))
        #expect(html.contains("NICE NG59"))
        // Without a patient: lines to write the name and the start date on.
        let blank = try Self.html(Self.plan(patient: false))
        #expect(blank.contains("<dt>Start date</dt><dd><span class=\"write-in\"></span></dd>"))
        // No language asked for: the words are British English, and the page says so.
        #expect(blank.contains("<html lang=\"en-GB\" dir=\"ltr\">"))
    }

    @Test func programmeTextIsAlwaysEscaped() throws {
        let html = try Self.html(Self.hostile())
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(html.contains("<h1>&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;</h1>"))
        #expect(html.contains("<li>&lt;img src=x onerror=alert(1)&gt;</li>"))
        #expect(html.contains("&quot;&gt;&lt;svg onload=alert(2)&gt;"))
        #expect(html.contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;call&lt;/a&gt;"))
    }

    /// A quote followed by a combining mark is one Character; escaping by Characters would let it
    /// close the attribute. Escaping by Unicode scalars does not.
    @Test func aQuoteWithACombiningMarkCannotCloseAnAttribute() throws {
        let hostile = "\"\u{301} onmouseover=alert(1) x=\""
        let quoteWithMark: Character = "\"\u{301}"
        #expect(hostile.first == quoteWithMark, "the quote and the mark are one Character")
        #expect(HTMLExporter.escape(hostile) == "&quot;\u{301} onmouseover=alert(1) x=&quot;")
        #expect(HTMLExporter.escape("<a href='x'>&`") == "&lt;a href=&#39;x&#39;&gt;&amp;&#96;")

        let html = try Self.html(Self.hostile())
        #expect(html.contains("alt=\"&quot;\u{301} onmouseover=alert(4) x=&quot;\""))
        // And through a replacement template, which gets the same escaping.
        var plan = try Self.plan()
        plan.programme.title = hostile
        let template = Self.page("<p title=\"{{title}}\">{{title}}</p>")
        let custom = try Self.html(plan, options: Self.options(template: template, templatePath: "t.mustache"))
        #expect(custom.contains("<p title=\"&quot;\u{301} onmouseover=alert(1) x=&quot;\">"))
        #expect(!custom.contains(String(quoteWithMark)))
    }

    /// A minimal page around `body`, with the required policy.
    static func page(_ body: String) -> String {
        """
        <!DOCTYPE html><html lang="{{lang}}"><head>
        <meta http-equiv="Content-Security-Policy" content="{{contentSecurityPolicy}}">
        <title>{{title}}</title></head><body>\(body)</body></html>
        """
    }

    @Test func aClinicTemplateReplacesTheLook() throws {
        let template = Self.page("{{#phases}}<h2>{{name}}</h2>{{#rows}}<p>{{name}}: {{#doses}}{{text}}{{/doses}}</p>{{/rows}}{{/phases}}")
        let html = try Self.html(Self.plan(), options: Self.options(template: template, templatePath: "clinic.mustache"))
        #expect(html.contains("<h2>Phase 1: Settle the pain</h2><p>Lying on your elbows: "))
        #expect(!html.contains("red-flags"))
    }

    @Test(arguments: [
        ("<p>{{{title}}}</p>", "clinic.mustache:3:41: `{{{name}}}` writes text unescaped"),
        ("<p>{{&title}}</p>", "clinic.mustache:3:41: `{{&name}}` writes text unescaped"),
        ("{{=<% %>=}}<p><%{title}%></p>", "clinic.mustache:3:38: `{{=…=}}` changes the delimiters"),
        ("{{% CONTENT_TYPE: TEXT}}", "clinic.mustache:3:38: `{{% …}}` pragmas would change how text is escaped"),
        ("{{> header}}", "clinic.mustache:3:38: partials (`{{>name}}`) are not available"),
        ("<SCRIPT>alert(1)</SCRIPT>", "clinic.mustache:3:38: handout templates may not contain scripts"),
        ("<img alt={{title}}>", "clinic.mustache:3:46: an attribute's value is not quoted"),
        ("{{#phases}}<p>{{title}}</p>", "clinic.mustache:3:79: a section is opened but never closed"),
        ("{{#phases}}{{/cards}}", "clinic.mustache:3:52: a section is closed with a name that does not match its opening tag"),
    ])
    func unsafeOrBrokenTemplatesAreRefused(_ body: String, _ expected: String) throws {
        let error = try Self.error(Self.plan(), options: Self.options(template: Self.page(body), templatePath: "clinic.mustache"))
        #expect(error.message.hasPrefix(expected), "\(error.message)")
    }

    @Test func errorsOnTheFirstLineHaveTheTemplatesOwnColumn() throws {
        let error = try Self.error(Self.plan(), options: Self.options(template: "<p>{{#title}}</p>", templatePath: "t.mustache"))
        #expect(error.message == "t.mustache:1:18: a section is opened but never closed")
        #expect(error.help == "the line reads: <p>{{#title}}</p>")
    }

    @Test func aTemplateWithoutThePolicyIsRefused() throws {
        let template = "<!DOCTYPE html><html><head><title>{{title}}</title></head><body>{{title}}</body></html>"
        let error = try Self.error(Self.plan(), options: Self.options(template: template, templatePath: "bare.mustache"))
        #expect(error.message == "bare.mustache does not declare the handout's Content-Security-Policy in <head>")
    }

    @Test func theBuiltInTemplatePassesItsOwnChecks() throws {
        let url = Harness.repositoryRoot.appendingPathComponent("Sources/RegimenExport/Templates/handout.mustache")
        let template = try String(contentsOf: url, encoding: .utf8)
        let viaOption = try Self.html(Self.plan(), options: Self.options(template: template, templatePath: "handout.mustache"))
        #expect(viaOption == (try Self.html(Self.plan())))
    }

    @Test func imagesAreEmbeddedOrLeftOut() throws {
        var plan = try Self.plan()
        for id in plan.exercises.keys { plan.exercises[id]?.images = [] }
        guard var bridge = plan.exercises["bridge"] else { throw ExportError("no bridge") }
        bridge.images = try [
            Self.image("../images/bridge.jpg", alt: "Hips lifted in line with the knees", credit: "Clinic photo"),
            Self.image("data:image/png;base64,iVBORw0KGgo=", alt: "Embedded", credit: nil),
            Self.image("data:text/html;base64,PHNjcmlwdD4=", alt: "Not an image", credit: nil),
            Self.image("data:image/png,<svg onload=x>", alt: "Not base64", credit: nil),
        ]
        plan.exercises["bridge"] = bridge
        let read = ExportOptions(
            planDirectory: "/clinic/out", readFile: { $0 == "/clinic/images/bridge.jpg" ? Data([0xFF, 0xD8, 0xFF]) : nil })
        let html = try Self.html(plan, options: read)
        #expect(
            html.contains(
                "<img src=\"data:image/jpeg;base64,/9j/\" alt=\"Hips lifted in line with the knees\"><figcaption>Clinic photo</figcaption>")
        )
        #expect(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"Embedded\">"))
        #expect(!html.contains("Not an image") && !html.contains("Not base64"))

        // An embedded image is checked by its bytes, like a file: "PNG" is not a PNG image.
        var notPNG = plan
        notPNG.exercises["bridge"]?.images = try [Self.image("data:image/png;base64,UE5H", alt: "Not a PNG inside", credit: nil)]
        let refused = try Self.error(notPNG, options: read)
        #expect(refused.code == "RG213" && refused.message.contains("does not hold a PNG image"), "\(refused)")
        // Nor is a JPEG named `.jpg` in a plan that holds something else.
        let fake = ExportOptions(planDirectory: "/clinic/out", readFile: { _ in Data("<script>".utf8) })
        #expect(try Self.error(plan, options: fake).message.contains("does not hold a JPEG image"))

        let missing = try Self.error(plan, options: ExportOptions(planDirectory: "/clinic/out", readFile: { _ in nil }))
        #expect(missing.message == "image `../images/bridge.jpg` cannot be read (looked for /clinic/images/bridge.jpg)")
        bridge.images = try [Self.image("https://example.org/bridge.png", alt: "Remote", credit: nil)]
        plan.exercises["bridge"] = bridge
        #expect(
            try Self.error(plan, options: read).message
                == "image `https://example.org/bridge.png` is a URL; a handout embeds its images and loads nothing")
        bridge.images = try [Self.image("bridge.tiff", alt: "Tiff", credit: nil)]
        plan.exercises["bridge"] = bridge
        #expect(
            try Self.error(plan, options: read).message == "image `bridge.tiff` is not a JPEG, PNG, GIF or WebP file (by its extension)")
    }

    @Test func thePaperFollowsTheLanguageRegionUnlessChosen() throws {
        #expect(Paper.usual(forLanguage: "en-GB") == .a4)
        #expect(Paper.usual(forLanguage: "en-US") == .letter)
        #expect(Paper.usual(forLanguage: "es-Latn-MX") == .letter)
        #expect(Paper.usual(forLanguage: "fr-CA") == .letter)
        #expect(Paper.usual(forLanguage: "fr") == .a4)
        #expect(Paper.usual(forLanguage: nil) == .a4)
        var plan = try Self.plan()
        #expect(try Self.html(plan).contains("size: A4;"))
        plan.patient?.language = "en-US"
        // As a plan made before plans said their language: the patient's is asked for.
        plan.language = nil
        #expect(try Self.html(plan).contains("size: letter;"))
        #expect(try Self.html(plan, options: Self.options(paper: .a4)).contains("size: A4;"))
        // A malformed tag from a hand-edited plan does not reach the page: the words fall back.
        plan.patient?.language = "en\" onload=\"x"
        // As a plan made before plans said their language: the patient's is asked for.
        plan.language = nil
        #expect(try Self.html(plan).contains("<html lang=\"en-GB\" dir=\"ltr\">"))
    }

    @Test func theCommandLineWritesTheHandout() throws {
        let inside = try BinaryTests.run(
            ["export", "sciatica-muscle-imbalance.yaml", "--format", "html", "--paper", "letter"],
            in: Harness.repositoryRoot.appendingPathComponent("programmes"))
        #expect(inside.status == 0, "\(inside.err)")
        #expect(inside.out.contains("size: letter;"))
        #expect(inside.out.contains("<img src=\"data:image/"), "images are found from any directory and embedded")
        #expect(!inside.out.contains("src=\"programmes/"))

        let paper = try BinaryTests.run(["export", CompileTests.programme, "--format", "html", "--paper", "a5"])
        #expect(paper.status == 2)
        #expect(paper.err.contains("--paper must be a4 or letter, not `a5`"))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-template-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let template = directory.appendingPathComponent("clinic.mustache")
        try Data("<h1>{{{title}}}</h1>\n".utf8).write(to: template)
        let refused = try BinaryTests.run(["export", CompileTests.programme, "--format", "html", "--template", template.path])
        #expect(refused.status == 2)
        #expect(refused.err.contains("error: html export failed: \(template.path):1:5: `{{{name}}}` writes text unescaped"))
    }

    // MARK: docs/handouts.md

    static func handoutsDoc() throws -> String {
        try String(contentsOf: Harness.repositoryRoot.appendingPathComponent("docs/handouts.md"), encoding: .utf8)
    }

    /// Every key the view model has, with its path ("phases.cards.name").
    static func keys(_ value: Any, path: String = "") -> Set<String> {
        var found = Set<String>()
        if let object = value as? [String: Any] {
            for (key, child) in object {
                let name = path.isEmpty ? key : "\(path).\(key)"
                found.insert(name)
                found.formUnion(keys(child, path: name))
            }
        } else if let array = value as? [Any] {
            for element in array { found.formUnion(keys(element, path: path)) }
        }
        return found
    }

    /// The keys the reference lists: the first column of the tables under "## The view model".
    @Test func theDocumentedKeysAreTheKeysTheTemplateGets() throws {
        let text = try Self.handoutsDoc()
        let section = try #require(
            text.components(separatedBy: "## The view model").dropFirst().first?.components(separatedBy: "\n## ").first)
        var documented = Set<String>()
        for line in section.split(separator: "\n") where line.hasPrefix("| `") {
            if let match = line.firstMatch(of: /^\| `([A-Za-z.]+)`/) { documented.insert(String(match.1)) }
        }
        var plan = try Self.plan()
        plan.exercises["bridge"]?.images = try [Self.image("data:image/png;base64,iVBORw0KGgo=", alt: "A bridge", credit: "Clinic")]
        // `usedCards` and `offeredCards` are `cards` split in two: their keys are documented once.
        let provided = Set(
            Self.keys(try HTMLExporter().viewModel(for: plan, options: Self.options())).map { key in
                for list in ["usedCards.", "offeredCards."] where key.hasPrefix(list) { return "cards." + key.dropFirst(list.count) }
                return key
            })
        #expect(documented.subtracting(provided).sorted() == [], "documented but not provided")
        #expect(provided.subtracting(documented).sorted() == [], "provided but not documented")
    }

    /// The example template in docs/handouts.md renders, and shows what the docs say it shows.
    @Test func theDocumentedExampleTemplateWorks() throws {
        let text = try Self.handoutsDoc()
        let block = try #require(text.components(separatedBy: "```mustache\n").dropFirst().first?.components(separatedBy: "\n```").first)
        let html = try Self.html(Self.plan(), options: Self.options(template: block, templatePath: "docs/handouts.md"))
        #expect(html.contains("<h1>Easing sciatica - stretches and core control</h1>"))
        #expect(html.contains("Sciatica in both legs at once. Get help the same day."))
        #expect(html.contains("<h3>1. Lying on your elbows</h3>"))
        #expect(html.contains("<th scope=\"row\">Card 1: Lying on your elbows</th>"))
        #expect(html.contains("<caption>Phase 1: Settle the pain</caption>"))
    }
}
