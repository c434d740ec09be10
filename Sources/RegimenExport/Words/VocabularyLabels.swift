import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad

/// The vocabulary's patient labels in one language: the words that complete "Avoid …" or
/// "… if this applies to you: …" on a handout in that language. The English labels are the
/// vocabulary's own (`vocabulary/*.yaml`); each other shipped language has a file
/// `Words/Vocabulary/LANG.yaml` with a label for every condition and movement the vocabulary
/// knows (VocabularyLabelsTests checks that none is missing), compiled in by `make embedded`.
///
/// A label a repository's own vocabulary adds has no translation: the handout then says it in
/// English, and `HandoutLanguage.untranslatedLabels(for:)` lists it so the export can say so.
public struct VocabularyLabels: Sendable, Equatable {
    /// The language tag of the labels, such as `es`.
    public var language: String
    /// Condition labels by canonical id.
    public var conditions: [String: String]
    /// Movement labels by canonical id.
    public var movements: [String: String]

    /// The label of `id`, if this language has one.
    public func label(_ id: String, _ kind: TermKind) -> String? {
        (kind == .condition ? conditions : movements)[id]
    }

    /// A problem in a labels file, with where it is.
    public typealias Problem = WordsFileProblem

    /// Reads a labels file: `regimen-vocabulary-labels: 1`, `language`, then `conditions` and
    /// `movements` as maps from id to label. Every problem is reported, none stops the rest.
    public static func parse(_ text: String, path: String) -> (labels: VocabularyLabels?, problems: [Problem]) {
        var file = WordsFile(text, path: path, shape: "a labels file is a mapping with `language`, `conditions` and `movements`")
        guard let root = file.root, let top = file.top else { return (nil, file.problems) }
        func problem(_ node: YAMLNode, _ message: String) { file.problem(node, message) }
        var language: String?
        var version = false
        var tables: [String: [String: String]] = [:]
        for pair in top {
            guard let key = pair.key.scalar else { continue }
            switch key {
            case "regimen-vocabulary-labels": version = pair.value.scalar == "1"
            case "language": language = pair.value.scalar
            case "conditions", "movements":
                guard case .mapping(let entries) = pair.value.content else {
                    problem(pair.value, "`\(key)` is a mapping from id to label")
                    continue
                }
                var table: [String: String] = [:]
                for entry in entries {
                    guard let id = entry.key.scalar, let text = entry.value.scalar else {
                        problem(entry.value, "a label is a text")
                        continue
                    }
                    let label = PlainLanguage.clean(text)
                    if label.isEmpty { problem(entry.value, "the label of `\(id)` is empty") }
                    if table[id] != nil { problem(entry.key, "`\(id)` has two labels") }
                    table[id] = label
                }
                tables[key] = table
            default:
                problem(pair.key, "unknown key `\(key)`")
            }
        }
        if !version { problem(root, "the file does not say `regimen-vocabulary-labels: 1`") }
        guard let language, !language.isEmpty else {
            problem(root, "the file does not say its `language`")
            return (nil, file.problems)
        }
        return (VocabularyLabels(language: language, conditions: tables["conditions"] ?? [:], movements: tables["movements"] ?? [:]), file.problems)
    }

    /// The labels shipped in the binary, by language tag; read once.
    public static let shipped: [String: VocabularyLabels] = {
        var all: [String: VocabularyLabels] = [:]
        for (tag, text) in EmbeddedCatalogues.vocabulary {
            if let labels = parse(text, path: "Vocabulary/\(tag).yaml").labels { all[tag] = labels }
        }
        return all
    }()
}
