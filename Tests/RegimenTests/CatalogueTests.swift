import Foundation
@testable import RegimenExport
import Testing

/// Every shipped catalogue reads without a problem and is complete: every message of the
/// British English reference, every plural category its language's CLDR rules use, and the
/// same placeholders. A missing message is a failure here, never an English fallback on paper.
@Suite struct CatalogueTests {
    static let directory = "Sources/RegimenExport/Words/Catalogues"
    static let shipped = ["en-GB", "en-US", "es", "fr", "de", "pl", "ar"]

    static func read(_ tag: String) throws -> (catalogue: MessageCatalogue?, problems: [MessageCatalogue.Problem]) {
        let path = "\(directory)/\(tag).yaml"
        let text = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        return MessageCatalogue.parse(text, path: path)
    }

    /// Messages whose placeholders are parts a language picks from, not all of which it needs:
    /// a date range may say the first date whole, or its day and month, or its day.
    static let optionalPlaceholders: [String: Set<String>] = [
        "dates.sameMonth": ["first", "last", "firstDay", "firstDayMonth", "firstFull", "lastDay", "lastDayMonth", "year"],
        "dates.otherMonth": ["first", "last", "firstDay", "firstDayMonth", "firstFull", "lastDay", "lastDayMonth", "year"],
        "dates.otherYear": ["first", "last", "firstDay", "firstDayMonth", "firstFull", "lastDay", "lastDayMonth", "year"],
    ]

    @Test func everyLanguageIsShipped() {
        #expect(Set(MessageCatalogue.shipped.keys) == Set(Self.shipped))
        #expect(MessageCatalogue.shipped["ar"]?.direction == "rtl")
        #expect(Self.shipped.filter { $0 != "ar" }.allSatisfy { MessageCatalogue.shipped[$0]?.direction == "ltr" })
    }

    @Test(arguments: shipped)
    func theCatalogueIsComplete(_ tag: String) throws {
        let (read, problems) = try Self.read(tag)
        #expect(problems.map(\.description) == [])
        let catalogue = try #require(read)
        let reference = try #require(try Self.read(MessageCatalogue.reference).catalogue)
        #expect(catalogue.language == tag, "the file \(tag).yaml says `language: \(catalogue.language)`")
        #expect(!catalogue.name.isEmpty)
        let categories = Set(try #require(PluralRules.categories(for: tag), "no plural rules for \(tag)"))

        #expect(Set(reference.messages.keys).subtracting(catalogue.messages.keys).sorted() == [], "missing in \(tag)")
        #expect(Set(catalogue.messages.keys).subtracting(reference.messages.keys).sorted() == [], "unknown in \(tag)")
        for (key, english) in reference.messages {
            guard let message = catalogue.messages[key] else { continue }
            let wanted = Set(english.texts.flatMap(CatalogueMessage.placeholders))
            switch (english, message) {
            case (.text, .text(let text)):
                let used = Set(CatalogueMessage.placeholders(in: text))
                if let optional = Self.optionalPlaceholders[key] {
                    #expect(used.isSubset(of: optional), "\(tag) \(key): unknown placeholders \(used.subtracting(optional).sorted())")
                } else {
                    #expect(used == wanted, "\(tag) \(key): placeholders \(used.sorted()), en-GB has \(wanted.sorted())")
                }
            case (.plural, .plural(let forms, let exact)):
                #expect(
                    Set(forms.keys) == categories,
                    "\(tag) \(key): forms \(forms.keys.map(\.rawValue).sorted()), \(tag) needs \(categories.map(\.rawValue).sorted())")
                // A form may leave the number out ("ثانيتين", two seconds), never add a placeholder.
                var union = Set<String>()
                for text in Array(forms.values) + Array(exact.values) {
                    let used = Set(CatalogueMessage.placeholders(in: text))
                    #expect(used.isSubset(of: wanted), "\(tag) \(key): unknown placeholders in \"\(text)\"")
                    union.formUnion(used)
                }
                #expect(union == wanted, "\(tag) \(key): placeholders \(union.sorted()), en-GB has \(wanted.sorted())")
                if let other = forms[.other] {
                    #expect(other.contains("{count}") || !wanted.contains("count"), "\(tag) \(key): `other` must show the number")
                }
            default:
                Issue.record("\(tag) \(key): a plural message in one catalogue must be one in the other")
            }
            for text in message.texts {
                #expect(text == text.trimmingCharacters(in: .newlines), "\(tag) \(key)")
                #expect(!text.contains("{{") && !text.contains("}}"), "\(tag) \(key)")
            }
        }
        // The page number's words sit in a CSS string, where HTML escaping does not apply.
        for key in ["html.pageBefore", "html.pageOf", "html.pageAfter"] {
            let text = try #require(catalogue.messages[key]?.texts.first)
            #expect(!text.contains(where: { "\"'\\&<>`".contains($0) }), "\(tag) \(key)")
        }
        for key in ["html.easier", "html.harder"] {
            #expect(catalogue.messages[key]?.texts.first?.components(separatedBy: "{link}").count == 2, "\(tag) \(key): one {link}")
        }
    }

    /// A catalogue with mistakes says where each one is.
    @Test func mistakesAreReportedWithTheirPlace() {
        let text = """
            language: xx
            direction: sideways
            messages:
              a: "A"
              a: "again"
              b:
                one: "{count} b"
                lots: "{count} bs"
              c: [1, 2]
            colour: blue

            """
        let (catalogue, problems) = MessageCatalogue.parse(text, path: "xx.yaml")
        #expect(catalogue?.language == "xx")
        #expect(
            problems.map(\.description) == [
                "xx.yaml:5:3: key `a` appears twice in this mapping",
                "xx.yaml:2:12: `direction` is `ltr` or `rtl`",
                "xx.yaml:8:5: `lots` is not a plural category (zero, one, two, few, many, other) or an exact number (=2)",
                "xx.yaml:9:6: `c` is a text, or a mapping of plural forms",
                "xx.yaml:10:1: unknown key `colour`",
            ])
        #expect(MessageCatalogue.parse("- a list\n", path: "l.yaml").catalogue == nil)
        #expect(
            MessageCatalogue.parse("messages: {}\n", path: "m.yaml").problems.map(\.description) == [
                "m.yaml:1:1: the catalogue does not say its `language`"
            ])
    }

    // MARK: Which catalogue

    @Test(
        arguments: [
            ("es-MX", nil, "es", false), ("es", nil, "es", false), ("en", nil, "en-GB", false), ("en-AU", nil, "en-GB", false),
            ("en-US", nil, "en-US", false), ("EN-us", nil, "en-US", false), ("pl_PL", nil, "pl", false), ("ar-EG", nil, "ar", false),
            ("de-CH-1996", nil, "de", false), ("fr-CA", nil, "fr", false), ("ja", nil, "en-GB", true), ("ja", "fr", "fr", true),
            ("ja", "es-MX", "es", true), ("zh-Hant-TW", nil, "en-GB", true), ("en\" onload=\"x", nil, "en-GB", true),
        ] as [(String, String?, String, Bool)])
    func aTagResolvesAlongTheChain(_ requested: String, _ programme: String?, _ catalogue: String, _ fellBack: Bool) {
        let resolution = HandoutLanguage.resolve(requested, programme: programme)
        #expect(resolution.requested == requested)
        #expect(resolution.catalogue == catalogue)
        #expect(resolution.fellBack == fellBack)
        #expect((resolution.warning != nil) == fellBack)
    }

    @Test func noLanguageIsBritishEnglishWithoutAWarning() {
        #expect(
            HandoutLanguage.resolve(nil)
                == HandoutLanguage.Resolution(requested: nil, catalogue: "en-GB", fellBack: false, wellFormed: true))
        #expect(HandoutLanguage.resolve(nil, programme: "de").catalogue == "de")
    }

    @Test func theWarningSaysWhatTheClinicianNeedsToKnow() {
        #expect(
            HandoutLanguage.resolve("ja").warning
                == "Regimen's words are not available in ja; the handout's fixed wording is in English (en-GB)")
        #expect(
            HandoutLanguage.resolve("ja", programme: "pl").warning
                == "Regimen's words are not available in ja; the handout's fixed wording is in Polish (pl)")
        #expect(
            HandoutLanguage.resolve("en GB").warning
                == "`en GB` is not a language tag (such as `es` or `pt-BR`); the handout's fixed wording is in English (en-GB)")
    }
}
