import Foundation
import RegimenCompile
import RegimenFormat
@testable import RegimenExport
import RegimenTranslate
import Testing

/// The translated sample (issue "Handouts in the patient's language"): the sciatica programme
/// and the library files it uses are translated into Spanish beside their YAML, and the handout
/// for a patient whose record says `language: es-ES` has no English on it: none of Regimen's
/// own words, none of the programme's or the library's texts, none of the vocabulary's labels.
/// What stays as written is what is not the clinic's to translate: the references' titles.
@Suite(.serialized) struct SpanishSampleTests {
    static let programme = "programmes/sciatica-muscle-imbalance.yaml"
    static let patient = "docs/examples/patients/left-sciatica-es.yaml"
    static let translations = [
        "programmes/sciatica-muscle-imbalance.es.po", "programmes/library/lumbar.es.po", "programmes/library/hip.es.po",
    ]

    /// The Spanish handout in `format`, exported by the binary with `--strict-language`.
    static func export(_ format: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-es-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("handout.\(format)")
        let result = try BinaryTests.run([
            "export", programme, "--patient", patient, "--strict-language", "--format", format, "-o", output.path,
        ])
        #expect(result.status == 0, "\(result.err)")
        // Regimen has Spanish words: no warning that the handout fell back to English.
        #expect(!result.err.contains("not available in"), "\(result.err)")
        #expect(!result.err.contains("untranslated"), "\(result.err)")
        return try String(contentsOf: output, encoding: .utf8)
    }

    /// The English source texts of every translated entry (the ones whose Spanish differs).
    static func englishTexts() throws -> [String] {
        var texts: [String] = []
        for path in translations {
            let bytes = try [UInt8](Data(contentsOf: Harness.repositoryRoot.appendingPathComponent(path)))
            let result = POParser().parse(bytes: bytes, path: path)
            #expect(result.diagnostics.isEmpty, "\(path): \(result.diagnostics.map(\.message))")
            for entry in result.file.entries where !entry.id.isEmpty && !entry.isObsolete {
                let translation = entry.strings.first ?? ""
                #expect(!translation.isEmpty, "\(path): \(entry.context ?? "") is not translated")
                #expect(!entry.flags.contains("fuzzy"), "\(path): \(entry.context ?? "") is fuzzy")
                // A name said the same in both languages ("Bird dog" kept beside its Spanish) is
                // no leftover; a text of one or two words may well be.
                if translation != entry.id, entry.id.split(separator: " ").count > 2 { texts.append(entry.id) }
            }
        }
        return texts
    }

    /// What a reader sees of `text`, on one line, whitespace folded.
    static func folded(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The Spanish of every entry, to tell an English word from a Spanish one spelt the same
    /// ("Note cómo…", notice how…).
    static func spanishTexts() throws -> String {
        try translations.map { path in
            let bytes = try [UInt8](Data(contentsOf: Harness.repositoryRoot.appendingPathComponent(path)))
            return POParser().parse(bytes: bytes, path: path).file.entries.compactMap(\.strings.first).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    @Test(arguments: ["text", "html"])
    func theSpanishHandoutHasNoEnglishFixedWording(_ format: String) throws {
        let exported = try Self.export(format)
        var seen = Self.folded(format == "html" ? HandoutInEveryLanguageTests.visible(exported) : exported)
        // The references are citations, printed as published: not Regimen's words, nor the clinic's.
        let programme = try String(contentsOf: Harness.repositoryRoot.appendingPathComponent(Self.programme), encoding: .utf8)
        for line in programme.split(separator: "\n") where line.hasPrefix("  - \"") && line.hasSuffix("\"") {
            seen = seen.replacingOccurrences(of: Self.folded(String(line.dropFirst(5).dropLast())), with: "")
        }
        let spanish = try Self.spanishTexts()
        let leftovers = try HandoutInEveryLanguageTests.leftovers(seen, language: "es").filter { piece in
            spanish.range(of: "(?<![\\p{L}])\(NSRegularExpression.escapedPattern(for: piece))(?![\\p{L}])", options: .regularExpression) == nil
        }
        #expect(leftovers.isEmpty, "Regimen's English words on the Spanish handout: \(leftovers)")
        if format == "html" {
            #expect(exported.contains("<html lang=\"es\" dir=\"ltr\">"))
        }
    }

    @Test(arguments: ["text", "html"])
    func theProgrammesAndTheLibrarysTextsAreInSpanish(_ format: String) throws {
        let exported = try Self.export(format)
        let seen = Self.folded(format == "html" ? HandoutInEveryLanguageTests.visible(exported) : exported)
        let english = try Self.englishTexts()
        #expect(english.count > 300)
        let left = english.filter { seen.contains(Self.folded($0)) }
        #expect(left.isEmpty, "English texts on the Spanish handout: \(left.prefix(5))")
        // Spot checks a reader would make: the red-flag box, a step, the restriction.
        #expect(seen.contains("Vaya a urgencias (A&E) o llame al 999 de inmediato."))
        #expect(seen.contains("doblar la parte baja de la espalda hacia delante"))
    }

    @Test func theVocabularysEnglishLabelsAreNotOnIt() throws {
        let exported = Self.folded(try Self.export("text"))
        let data = try Data(contentsOf: Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/sciatica.left-sciatica.plan.json"))
        let plan = try Plan.decode(data)
        let labels = (plan.vocabulary?.conditions ?? []) + (plan.vocabulary?.movements ?? [])
        let left = labels.map(\.patientLabel).filter { $0.contains(" ") && exported.contains($0) }
        #expect(left.isEmpty, "English labels on the Spanish handout: \(left)")
    }

    /// The plan says which language its texts are in: all in Spanish, none left in English.
    @Test func thePlanRecordsItsLanguage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regimen-es-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("plan.json")
        let result = try BinaryTests.run(["compile", Self.programme, "--patient", Self.patient, "--strict-language", "-o", output.path])
        #expect(result.status == 0, "\(result.err)")
        let plan = try Plan.decode(Data(contentsOf: output))
        #expect(plan.language?.requested == "es-ES")
        #expect(plan.language?.used == "es")
        #expect(plan.language?.source == "en-GB")
        #expect(plan.language?.untranslated == [])
        #expect(plan.inputs.files.filter { $0.role == .translation }.map(\.path).sorted() == Self.translations.sorted())
    }
}
