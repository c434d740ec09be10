import Foundation
import RegimenCompile
import RegimenExport
import Testing

/// Headless Chromium and poppler-utils, found on PATH. Browser tests are skipped without them,
/// except under CI, where they fail: CI installs both (.ci/run) and must run these tests.
enum Browser {
    static func which(_ names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    static let chromium = which(["chromium", "chromium-browser", "google-chrome"])
    static let pdftotext = which(["pdftotext"])
    static let pdfinfo = which(["pdfinfo"])
    static let timeout = which(["timeout"])
    static var installed: Bool { chromium != nil && pdftotext != nil && pdfinfo != nil && timeout != nil }
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }
    static let missing =
        "headless Chromium or poppler-utils (pdftotext, pdfinfo) is not installed: skipping the browser tests (CI installs them)"

    /// Fails the test when the tools are missing (the test only runs then under CI).
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try #require(installed, "CI must run the browser tests, but \(missing)", sourceLocation: sourceLocation)
    }

    /// Runs `executable` with `arguments`, killed after `seconds`; standard output goes to a file
    /// (a pipe could be held open by Chromium's helper processes), which is returned.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL, seconds: Int = 60) throws -> (
        status: Int32, out: String
    ) {
        let output = directory.appendingPathComponent("out-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: timeout ?? "/usr/bin/timeout")
        process.arguments = ["--kill-after=5", String(seconds), executable] + arguments
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    /// Chromium's common flags, with a fresh profile in `directory`.
    static func chromiumArguments(_ directory: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--user-data-dir=\(directory.appendingPathComponent("profile-\(UUID().uuidString)").path)",
        ]
    }

    /// Prints `html` to a PDF in `directory` and returns its path.
    static func printToPDF(_ html: URL, in directory: URL) throws -> URL {
        let pdf = directory.appendingPathComponent(html.deletingPathExtension().lastPathComponent + ".pdf")
        let result = try run(
            chromium ?? "chromium",
            chromiumArguments(directory) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString],
            in: directory)
        #expect(FileManager.default.fileExists(atPath: pdf.path), "chromium wrote no PDF (exit \(result.status))")
        return pdf
    }

    /// The DOM after the page has loaded (and any script it allowed has run).
    static func dumpDOM(_ html: URL, in directory: URL) throws -> String {
        try run(
            chromium ?? "chromium", chromiumArguments(directory) + ["--virtual-time-budget=3000", "--dump-dom", html.absoluteString],
            in: directory
        ).out
    }

    /// Each page's text (pdftotext's content-stream order), whitespace folded to single spaces.
    static func pages(_ pdf: URL, in directory: URL) throws -> [String] {
        let count = try info(pdf, in: directory).pages
        return try (1...max(count, 1)).map { page in
            let text = try run(pdftotext ?? "pdftotext", ["-raw", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"], in: directory).out
            return fold(text)
        }
    }

    /// The page count and every page's size in points.
    static func info(_ pdf: URL, in directory: URL) throws -> (pages: Int, sizes: [(Double, Double)]) {
        let summary = try run(pdfinfo ?? "pdfinfo", [pdf.path], in: directory).out
        let pages = summary.firstMatch(of: /Pages:\s+(\d+)/).flatMap { Int($0.1) } ?? 0
        let all = try run(pdfinfo ?? "pdfinfo", ["-f", "1", "-l", "\(max(pages, 1))", pdf.path], in: directory).out
        let sizes = all.matches(of: /Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/).compactMap { match in
            Double(match.1).flatMap { width in Double(match.2).map { (width, $0) } }
        }
        return (pages, sizes)
    }

    static func fold(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// The handout in a real browser: printed to PDF and read back, and a hostile programme loaded.
@Suite(.serialized, .enabled(if: Browser.installed || Browser.inCI, Comment(rawValue: Browser.missing)))
struct BrowserTests {
    static let programme = CompileTests.programme
    static let patient = CompileTests.patient

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The sample handout for the sample patient, on `paper`, as a PDF.
    static func samplePDF(paper: String, in directory: URL) throws -> URL {
        let html = directory.appendingPathComponent("sciatica-\(paper).html")
        let result = try BinaryTests.run(["export", programme, "--patient", patient, "--format", "html", "--paper", paper, "-o", html.path])
        #expect(result.status == 0, "\(result.err)")
        return try Browser.printToPDF(html, in: directory)
    }

    static func plan() throws -> Plan {
        let compiled = try BinaryTests.run(["compile", programme, "--patient", patient])
        return try Plan.decode(Data(compiled.out.utf8))
    }

    @Test(arguments: [("a4", 594.96, 841.92), ("letter", 612.0, 792.0)])
    func theSampleHandoutPrintsOnItsPaper(_ paper: String, _ width: Double, _ height: Double) throws {
        try Browser.require()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let pdf = try Self.samplePDF(paper: paper, in: directory)
        let info = try Browser.info(pdf, in: directory)
        #expect(info.pages >= 4, "\(paper): \(info.pages) pages")
        #expect(info.sizes.count == info.pages)
        for (index, size) in info.sizes.enumerated() {
            #expect(abs(size.0 - width) < 1.5 && abs(size.1 - height) < 1.5, "\(paper) page \(index + 1) is \(size.0) x \(size.1) pts")
        }

        let pages = try Browser.pages(pdf, in: directory)
        let text = pages.joined(separator: " ")
        let plan = try Self.plan()
        // The red flags are all on page 1.
        for flag in plan.redFlags {
            #expect(pages.first?.contains(Browser.fold(flag)) == true, "red flag not on page 1: \(flag)")
        }
        // Every exercise's name, and every dose as the schedule words it.
        let handout = Handout(plan)
        for phase in handout.phases {
            for row in phase.rows {
                #expect(text.contains(Browser.fold(row.name)), "\(paper): no \(row.name)")
                for dose in row.doses {
                    #expect(text.contains(Browser.fold(dose.text)), "\(paper): \(phase.name) \(row.name): no \"\(dose.text)\"")
                }
            }
        }
        #expect(text.contains("Your exercise log"))
        #expect(text.contains("Page 1 of \(info.pages)"))
        // No card is split: on every page, each exercise's first step appears as often as its last.
        // (Steps that are part of another exercise's steps are not told apart, so are not used.)
        let allSteps = plan.exercises.map { ($0.key, $0.value.steps.map(Browser.fold)) }
        func distinctive(_ step: String, of id: String) -> Bool {
            !allSteps.contains { other in other.0 != id && other.1.contains { $0.contains(step) } }
        }
        var checked = 0
        for (id, exercise) in plan.exercises where exercise.steps.count >= 2 {
            let first = Browser.fold(exercise.steps[0])
            let last = Browser.fold(exercise.steps[exercise.steps.count - 1])
            guard distinctive(first, of: id), distinctive(last, of: id) else { continue }
            checked += 1
            for (index, page) in pages.enumerated() {
                #expect(
                    page.components(separatedBy: first).count == page.components(separatedBy: last).count,
                    "\(paper): the card for \(id) is split at page \(index + 1)")
            }
        }
        #expect(checked >= plan.phases.flatMap(\.items).count / 2, "too few cards checked for splits: \(checked)")
    }

    /// Every sample programme, whole, prints on at most 8 pages of A4 and of US Letter, each of
    /// its phases alone (`--phase`, a review visit's sheet) on at most 4, and no exercise card is
    /// split across pages (docs/handouts.md records the counts).
    @Test(arguments: ["a4", "letter"])
    func everySampleHandoutKeepsToItsPageBudget(_ paper: String) throws {
        try Browser.require()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let programmes = try FileManager.default.contentsOfDirectory(atPath: Harness.repositoryRoot.appendingPathComponent("programmes").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(programmes.count >= 7)
        var phasesPrinted = 0
        for name in programmes {
            let compiled = try BinaryTests.run(["compile", "programmes/\(name)"])
            let plan = try Plan.decode(Data(compiled.out.utf8))
            try Self.expectPrinted(name, paper: paper, within: 8, plan: plan, in: directory)
            for phase in plan.phases {
                try Self.expectPrinted(name, paper: paper, within: 4, plan: plan.selecting(.phase(phase.id)), phase: phase.id, in: directory)
                phasesPrinted += 1
            }
        }
        #expect(phasesPrinted >= 21)
    }

    /// Prints the handout of `name` (of one phase when given) and expects at most `budget` pages
    /// with no card split across two: on every page, each card's first step appears as often as
    /// its last.
    static func expectPrinted(
        _ name: String, paper: String, within budget: Int, plan: Plan, phase: String? = nil, in directory: URL
    ) throws {
        let label = "\(name)\(phase.map { " --phase \($0)" } ?? "") on \(paper)"
        let html = directory.appendingPathComponent(name.replacingOccurrences(of: ".yaml", with: "\(phase.map { "-\($0)" } ?? "")-\(paper).html"))
        let result = try BinaryTests.run(
            ["export", "programmes/\(name)", "--format", "html", "--paper", paper, "-o", html.path] + (phase.map { ["--phase", $0] } ?? []))
        #expect(result.status == 0, "\(label): \(result.err)")
        let pdf = try Browser.printToPDF(html, in: directory)
        let pages = try Browser.pages(pdf, in: directory)
        #expect(pages.count <= budget, "\(label): \(pages.count) pages")
        let handout = Handout(plan)
        let steps = handout.cards.map { ($0.number, $0.steps.map(Browser.fold)) }
        func distinctive(_ step: String, of number: Int) -> Bool {
            step.count > 20 && !steps.contains { other in other.0 != number && other.1.contains { $0.contains(step) } }
        }
        var checked = 0
        for card in handout.cards where card.steps.count >= 2 {
            let first = Browser.fold(card.steps[0])
            let last = Browser.fold(card.steps[card.steps.count - 1])
            guard distinctive(first, of: card.number), distinctive(last, of: card.number) else { continue }
            checked += 1
            for (index, page) in pages.enumerated() {
                #expect(
                    page.components(separatedBy: first).count == page.components(separatedBy: last).count,
                    "\(label): card \(card.number) is split at page \(index + 1)")
            }
        }
        #expect(checked >= handout.cards.count / 2, "\(label): only \(checked) of \(handout.cards.count) cards checked for splits")
    }

    static let hostileProgramme = """
        regimen: 1
        id: hostile
        title: "<script>document.documentElement.setAttribute('data-pwned', 'title')</script>"
        red-flags:
          - "<img src=x onerror=\\"document.documentElement.setAttribute('data-pwned', 'img')\\">"
        exercises:
          chin-tuck:
            name: "\\"><svg onload=\\"document.documentElement.setAttribute('data-pwned', 'svg')\\">"
            steps:
              - "<a href=\\"javascript:document.documentElement.setAttribute('data-pwned', 'link')\\">tap here</a>"
              - "<script>document.documentElement.setAttribute('data-pwned', 'step')</script>"
        phases:
          - id: start
            weeks: 1-2
            items:
              - use: chin-tuck
                dose: { reps: 10, hold: 5s }

        """

    /// The marker the hostile markup would set if any of it ran.
    static let marker = "data-pwned="

    @Test func aHostileProgrammeShowsItsMarkupAsTextAndRunsNothing() throws {
        try Browser.require()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = try CLITests.repository(["hostile.yaml": Self.hostileProgramme])
        defer { try? FileManager.default.removeItem(at: root) }
        let html = directory.appendingPathComponent("hostile.html")
        let result = try BinaryTests.run(["export", "hostile.yaml", "--format", "html", "-o", html.path], in: root)
        #expect(result.status == 0, "\(result.err)")

        // The method works: the same markup, unescaped and without the policy, does run.
        let control = directory.appendingPathComponent("control.html")
        try Data(
            "<!DOCTYPE html><html><body><script>document.documentElement.setAttribute('data-pwned', 'control')</script></body></html>".utf8
        )
        .write(to: control)
        #expect(
            try Browser.dumpDOM(control, in: directory).contains("\(Self.marker)\"control\""),
            "chromium ran no script: the check proves nothing")

        let dom = try Browser.dumpDOM(html, in: directory)
        #expect(dom.contains("</html>"), "chromium dumped no DOM")
        #expect(!dom.contains(Self.marker), "hostile markup ran")
        #expect(!dom.contains("<svg") && !dom.contains("<img src=\"x\"") && !dom.contains("<a href=\"javascript:"))
        #expect(!dom.contains("<script"))
        // The markup is there, as text.
        #expect(dom.contains("&lt;script&gt;document.documentElement.setAttribute('data-pwned', 'title')&lt;/script&gt;"))
        #expect(dom.contains("&lt;img src=x onerror=\"document.documentElement.setAttribute('data-pwned', 'img')\"&gt;"))
        #expect(dom.contains("\"&gt;&lt;svg onload=\"document.documentElement.setAttribute('data-pwned', 'svg')\"&gt;"))
        #expect(dom.contains("&lt;a href=\"javascript:document.documentElement.setAttribute('data-pwned', 'link')\"&gt;tap here&lt;/a&gt;"))
        // And readable as text in print.
        let pages = try Browser.pages(try Browser.printToPDF(html, in: directory), in: directory)
        #expect(pages.joined(separator: " ").contains("<script>document.documentElement.setAttribute('data-pwned', 'step')</script>"))
    }
}
