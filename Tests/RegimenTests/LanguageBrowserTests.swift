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
        // Regimen's Arabic headings sit against the right margin: the page runs right to left.
        // The kicker, "برنامج تمارينك المنزلية", starts (on the right) at the right margin
        // (pdftotext's boxes hold a right-to-left word's letters in the order they are drawn).
        let kicker = try #require(page.words.first { $0.0 == "برنامج" || String($0.0.reversed()) == "برنامج" })
        #expect(kicker.2 > page.width * 0.9, "the kicker ends at \(kicker.2) of \(page.width) points")
        // A text left in English (the title, until the clinic translates it) runs left to right
        // on its own line, so its words and its punctuation stay in an English reader's order.
        let start = try #require(page.words.first { $0.0 == "Easing" })
        let end = try #require(page.words.first { $0.0 == "control" })
        #expect(start.1 < end.1, "the English title's words are out of order")
        #expect(start.1 < page.width * 0.15, "an English text starts at the left margin, not at \(start.1)")
        #expect(page.text.contains("Go to A&E or call 999 straight away."), "an English red flag's full stop is not at its end")
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
