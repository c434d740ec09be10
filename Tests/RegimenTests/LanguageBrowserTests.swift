import Foundation
import RegimenCompile
import RegimenExport
import Testing

/// The Arabic and Polish handouts in a real browser: printed to PDF by headless Chromium and
/// read back with pdftotext, so that the fonts really cover the scripts (a missing glyph is no
/// text) and the Arabic page really runs right to left.
@Suite(.serialized, .enabled(if: Browser.installed || Browser.inCI, Comment(rawValue: Browser.missing)))
struct LanguageBrowserTests {
    /// The sciatica handout for a patient who reads `language`, printed; its first page's words
    /// with where they are, and the page's width.
    static func printed(_ language: String, in directory: URL) throws -> (text: String, words: [(String, Double, Double)], width: Double) {
        var plan = try HTMLHandoutTests.plan()
        plan.patient?.language = language
        // As a plan made before plans said their language: the patient's is asked for.
        plan.language = nil
        let html = directory.appendingPathComponent("handout-\(language).html")
        try Data(try HTMLExporter().export(plan, options: HTMLHandoutTests.options())).write(to: html)
        let pdf = try Browser.printToPDF(html, in: directory)
        let text = try Browser.pages(pdf, in: directory).joined(separator: " ")
        let boxes = try Browser.run(Browser.pdftotext ?? "pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf.path, "-"], in: directory).out
        let width = boxes.firstMatch(of: /<page width="([\d.]+)"/).flatMap { Double($0.1) } ?? 0
        let words = boxes.matches(of: /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/).compactMap {
            match -> (String, Double, Double)? in
            guard let low = Double(match.1), let high = Double(match.2) else { return nil }
            return (String(match.3), low, high)
        }
        // pdftotext marks right-to-left runs with embedding controls; the words are what matter.
        let bare = String(String.UnicodeScalarView(text.unicodeScalars.filter { !(0x202A...0x202E).contains($0.value) }))
        return (bare, words, width)
    }

    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-languages-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func theArabicHandoutPrintsRightToLeft() throws {
        try Browser.require()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try Self.printed("ar", in: directory)
        for word in ["توقف", "واطلب", "المساعدة", "برنامجك", "ديسمبر", "الصفحة"] {
            #expect(page.text.contains(word), "\(word) is not in the printed text")
        }
        // The title (English until translated) sits against the right margin, as a right-to-left
        // page lays out every block.
        let title = try #require(page.words.first { $0.0 == "control" })
        #expect(title.2 > page.width * 0.85, "the title ends at \(title.2) of \(page.width) points")
        let start = try #require(page.words.first { $0.0 == "Easing" })
        #expect(start.1 > page.width * 0.2, "the title starts at \(start.1) of \(page.width) points")
    }

    @Test func thePolishHandoutKeepsItsLetters() throws {
        try Browser.require()
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = try Self.printed("pl", in: directory)
        #expect(page.text.contains("Przerwij ćwiczenia i szukaj pomocy, jeśli zauważysz którykolwiek z tych objawów"))
        #expect(page.text.contains("TWÓJ PROGRAM ĆWICZEŃ W DOMU"))
        #expect(page.text.contains("(7 grudnia 2026 – 31 stycznia 2027)"))
        #expect(page.text.contains("Strona 1 z "))
        let start = try #require(page.words.first { $0.0 == "Easing" })
        #expect(start.1 < page.width * 0.15, "a left-to-right title starts at the left margin, not at \(start.1)")
    }
}
