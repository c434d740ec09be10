import Foundation
import RegimenCompile
import RegimenFormat
import RegimenVocabulary
@testable import RegimenExport
import Testing

/// The vocabulary's patient labels in every shipped language but English: each file reads
/// cleanly, names every condition and movement the built-in vocabulary knows and nothing else,
/// and a handout in that language uses them ("Evite …" is followed by Spanish, not English).
@Suite struct VocabularyLabelsTests {
    /// The shipped languages whose labels are not the vocabulary's own English.
    static let translated = MessageCatalogue.shipped.keys.filter { !$0.hasPrefix("en") }.sorted()

    @Test func everyTranslatedLanguageHasLabels() {
        #expect(!Self.translated.isEmpty)
        #expect(Set(VocabularyLabels.shipped.keys) == Set(Self.translated), "a labels file per shipped language but English")
    }

    @Test(arguments: translated)
    func theLabelsFileReadsCleanly(_ language: String) throws {
        let text = try #require(EmbeddedCatalogues.vocabulary.first { $0.tag == language }?.text, "no Vocabulary/\(language).yaml")
        let (labels, problems) = VocabularyLabels.parse(text, path: "Vocabulary/\(language).yaml")
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(labels?.language == language)
    }

    @Test(arguments: translated)
    func everyTermHasALabelAndNoOtherIsNamed(_ language: String) throws {
        let labels = try #require(VocabularyLabels.shipped[language])
        let vocabulary = BuiltInVocabulary.vocabulary
        for (kind, table) in [(TermKind.condition, labels.conditions), (.movement, labels.movements)] {
            let ids = Set(vocabulary.terms(kind).map(\.id))
            let missing = ids.subtracting(table.keys).sorted()
            let extra = Set(table.keys).subtracting(ids).sorted()
            #expect(missing.isEmpty, "\(language): \(kind) labels missing for \(missing.joined(separator: ", "))")
            #expect(extra.isEmpty, "\(language): \(kind) labels for ids the vocabulary does not have: \(extra.joined(separator: ", "))")
            // A label left in English is a translation not done (the same words as the English
            // label, for a phrase of more than one word).
            let english = Dictionary(uniqueKeysWithValues: vocabulary.terms(kind).map { ($0.id, $0.patientLabel) })
            let same = table.filter { id, label in label == english[id] && label.contains(" ") }.keys.sorted()
            #expect(same.isEmpty, "\(language): left in English: \(same.joined(separator: ", "))")
        }
    }

    @Test func aMistakeInALabelsFileIsFoundWhereItIs() {
        let text = """
            regimen-vocabulary-labels: 1
            language: es
            conditions:
              osteoarthritis: ""
            movements: [walking]
            colour: red

            """
        let problems = VocabularyLabels.parse(text, path: "es.yaml").problems.map(\.description)
        #expect(problems.contains("es.yaml:4:19: the label of `osteoarthritis` is empty"), "\(problems)")
        #expect(problems.contains("es.yaml:5:12: `movements` is a mapping from id to label"), "\(problems)")
        #expect(problems.contains("es.yaml:6:1: unknown key `colour`"), "\(problems)")
    }

    /// The sciatica plan for the left-sciatica patient restricts loaded forward bending: in each
    /// language the handout says it with that language's label, never the English one.
    @Test(arguments: translated)
    func aHandoutSaysTheRestrictionInItsLanguage(_ language: String) throws {
        let url = Harness.repositoryRoot.appendingPathComponent("Tests/RegimenTests/Fixtures/golden/sciatica.left-sciatica.plan.json")
        var plan = try Plan.decode(Data(contentsOf: url))
        plan.patient?.language = language
        // As a plan made before plans said their language: the patient's is asked for.
        plan.language = nil
        let movement = try #require(plan.restrictions.first?.movement)
        let label = try #require(VocabularyLabels.shipped[language]?.label(movement, .movement))
        let english = try #require(plan.vocabulary?.term(movement, .movement)?.patientLabel)
        let text = String(decoding: try TextExporter().export(plan, options: ExportOptions()), as: UTF8.self)
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(folded.contains(label), "\(language): the restriction does not use `\(label)`")
        #expect(!folded.contains(english), "\(language): the English label is on the handout")
    }
}
