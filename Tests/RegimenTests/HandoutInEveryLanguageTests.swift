import Foundation
import RegimenCompile
@testable import RegimenExport
import Testing

/// A handout exported in each shipped language has no British English fixed wording left, in
/// its HTML (text and screen-reader labels) and its text, and says its language and direction.
/// The programme's own texts stay as written until the clinic translates them, so the plan here
/// has them replaced by neutral marks ("Ω12"): what is left is Regimen's.
@Suite struct HandoutInEveryLanguageTests {
    static let translated = ["es", "fr", "de", "pl", "ar"]

    /// The keys of a plan whose values are the programme's, the library's or the vocabulary's
    /// own text.
    static let textKeys: Set<String> = [
        "adherence", "advanceWhen", "adverseEvents", "advice", "alt", "credit", "cues", "education", "equipment", "goal", "label",
        "message", "mistakes", "motivation", "name", "notes", "patientLabel", "position", "purpose", "redFlags", "references",
        "startingLevel", "steps", "summary", "supervision", "tailoring", "title", "why", "contact",
    ]

    /// The sciatica plan for a patient (start date, precautions, restrictions, progressions),
    /// with every text neutral, for a patient who reads `language`.
    static func plan(_ language: String?) throws -> Plan {
        let url = Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/sciatica.left-sciatica.plan.json")
        var counter = 0
        func neutral(_ value: Any, key: String?) -> Any {
            switch value {
            case let object as [String: Any]:
                return object.reduce(into: [String: Any]()) { $0[$1.key] = neutral($1.value, key: $1.key) }
            case let array as [Any]:
                return array.map { neutral($0, key: key) }
            case is String where key.map(textKeys.contains) ?? false:
                counter += 1
                return "Ω\(counter)"
            default:
                return value
            }
        }
        let json = neutral(try JSONSerialization.jsonObject(with: Data(contentsOf: url)), key: nil)
        var plan = try Plan.decode(JSONSerialization.data(withJSONObject: json))
        plan.patient?.language = language
        // As a plan made before plans said their language: the patient's is asked for.
        plan.language = nil
        return plan
    }

    /// What a reader sees or hears of a page: its text and its labels, without the style sheet.
    static func visible(_ html: String) -> String {
        let page = html.replacing(/(?s)<style>.*?<\/style>/, with: "")
        let labels = page.matches(of: /aria-label="([^"]*)"/).map { String($0.1) }
        let text = page.replacing(/<[^>]*>/, with: " ")
        return ([text] + labels).joined(separator: "\n")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The British English catalogue's wording, cut at its placeholders: the pieces with a word
    /// of three letters or more that `language`'s catalogue does not use itself ("Phase" is
    /// French and German too).
    static func englishPieces(notIn language: String) throws -> [String] {
        let english = try #require(MessageCatalogue.shipped["en-GB"])
        let other = try #require(MessageCatalogue.shipped[language])
        func pieces(_ catalogue: MessageCatalogue) -> Set<String> {
            var found = Set<String>()
            for text in catalogue.messages.values.flatMap(\.texts) {
                for piece in text.split(separator: /\{[A-Za-z0-9]+\}/) {
                    let trimmed = piece.trimmingCharacters(in: CharacterSet(charactersIn: " .,:;()?!«»"))
                    if trimmed.contains(/\p{L}{3,}/) { found.insert(trimmed) }
                }
            }
            return found
        }
        return pieces(english).subtracting(pieces(other)).subtracting(["Regimen"]).sorted()
    }

    static func leftovers(_ text: String, language: String) throws -> [String] {
        try englishPieces(notIn: language).filter { piece in
            let escaped = NSRegularExpression.escapedPattern(for: piece)
            return text.range(of: "(?<![\\p{L}])\(escaped)(?![\\p{L}])", options: .regularExpression) != nil
        }
    }

    static func html(_ plan: Plan) throws -> String {
        try HTMLHandoutTests.html(plan)
    }

    @Test(arguments: translated)
    func aWholeHandoutHasNoEnglishFixedWordingLeft(_ language: String) throws {
        let plan = try Self.plan(language)
        let html = try Self.html(plan)
        #expect(try Self.leftovers(Self.visible(html), language: language) == [], "HTML")
        #expect(try Self.leftovers(TextExporter.handout(plan), language: language) == [], "text")
        // Regimen's words in this language are there, not only English ones missing.
        let words = Words(catalogue: try #require(MessageCatalogue.shipped[language]))
        #expect(html.contains(HTMLExporter.escape(words.text("html.redFlagsHeading"))))
        #expect(TextExporter.handout(plan).contains(words.text("text.redFlags.heading")))
    }

    /// The check finds English when there is English to find.
    @Test func theCheckSeesEnglishWording() throws {
        let english = try Self.leftovers(Self.visible(Self.html(Self.plan(nil))), language: "es")
        #expect(english.contains("Stop and get help if you notice any of these"))
        #expect(english.contains("Move on to the next phase when"))
        #expect(try Self.leftovers(TextExporter.handout(Self.plan("en-GB")), language: "de").contains("STOP AND GET HELP"))
    }

    @Test(arguments: translated)
    func aSheetForOnePhaseHasNoEnglishFixedWordingLeft(_ language: String) throws {
        let plan = try Self.plan(language)
        for phase in plan.phases {
            let sheet = try plan.selecting(.phase(phase.id))
            #expect(try Self.leftovers(Self.visible(Self.html(sheet)), language: language) == [], "\(phase.id): HTML")
            #expect(try Self.leftovers(TextExporter.handout(sheet), language: language) == [], "\(phase.id): text")
        }
    }

    @Test(arguments: [
        ("es", "es", "ltr"), ("es-MX", "es", "ltr"), ("fr-FR", "fr", "ltr"), ("de", "de", "ltr"), ("pl-PL", "pl", "ltr"),
        ("ar", "ar", "rtl"), ("ar-EG", "ar", "rtl"), ("en-US", "en-US", "ltr"), ("en-AU", "en-GB", "ltr"), ("ja", "en-GB", "ltr"),
    ])
    func thePageSaysItsLanguageAndDirection(_ requested: String, _ lang: String, _ dir: String) throws {
        let plan = try Self.plan(requested)
        let html = try Self.html(plan)
        #expect(html.contains("<html lang=\"\(lang)\" dir=\"\(dir)\">"))
        #expect(Handout(plan).language == lang)
        #expect(try HTMLExporter().viewModel(for: plan, options: HTMLHandoutTests.options())["dir"] as? String == dir)
    }

    /// Dates, numbers and day letters follow the language.
    @Test func datesAndDaysFollowTheLanguage() throws {
        let german = try Self.html(Self.plan("de"))
        #expect(german.contains("Montag, 7. Dezember 2026"))
        #expect(german.contains("4. bis 31. Januar 2027"))
        #expect(german.contains("7. Dez. bis 13. Dez."))
        #expect(german.contains("<span class=\"day day-letter\">D</span>"))
        let polish = TextExporter.handout(try Self.plan("pl"))
        #expect(polish.contains("Początek: poniedziałek, 7 grudnia 2026."))
        let arabic = try Self.html(Self.plan("ar"))
        #expect(arabic.contains("الاثنين، 7 ديسمبر، 2026"))
        #expect(arabic.contains("<span class=\"day day-letter\">ن</span>"))
    }

    /// An American handout says "physical therapist" and "program", never the British words.
    @Test func anAmericanHandoutUsesAmericanWords() throws {
        let plan = try Self.plan("en-US")
        for text in [Self.visible(try Self.html(plan)), TextExporter.handout(plan)] {
            #expect(!text.contains("physiotherapist"))
            #expect(!text.contains("programme"))
            #expect(text.contains("physical therapist"))
        }
    }

    /// The safety sentences a plugin receives are in the handout's language too.
    @Test func thePluginsSafetyWordingIsInTheHandoutsLanguage() throws {
        let safety = HandoutSafety(try Self.plan("fr"))
        #expect(!safety.restrictions.isEmpty)
        #expect(safety.restrictions.allSatisfy { $0.lead.hasPrefix("Évitez") || $0.lead.hasPrefix("Faites attention") })
    }
}
