import Foundation
import RegimenDiagnostics
import RegimenLoad

/// One message of a catalogue: a text with named placeholders (`{time}`), or plural forms by
/// CLDR category, chosen by the number in `{count}`, with optional forms for exact numbers
/// (`=2: twice`) that win over the category.
public enum CatalogueMessage: Sendable, Equatable {
    /// A text with placeholders.
    case text(String)
    /// Forms by category, and by exact number (`"2"` for `=2`).
    case plural(forms: [PluralCategory: String], exact: [String: String])

    /// Every text of the message: the text, or each form.
    public var texts: [String] {
        switch self {
        case .text(let text): [text]
        case .plural(let forms, let exact): forms.sorted { $0.key < $1.key }.map(\.value) + exact.sorted { $0.key < $1.key }.map(\.value)
        }
    }

    /// The names of the placeholders in `text`, in order: `{time}` is `time`.
    public static func placeholders(in text: String) -> [String] {
        text.matches(of: /\{([A-Za-z][A-Za-z0-9]*)\}/).map { String($0.1) }
    }
}

/// Regimen's own words in one language: every fixed word of the handouts, by key, read from
/// `Catalogues/LANG.yaml` (compiled in as `EmbeddedCatalogues.swift` by `make embedded`).
///
/// The format is YAML, like everything else a clinic writes for Regimen: a translator can read
/// and edit it in any text editor, comments carry the context, and a message's plural forms sit
/// under their CLDR category names (`one`, `few`, `many`, `other`), so that a Polish or Arabic
/// translator writes exactly the forms the language has. gettext PO was the other candidate
/// (the clinic's own texts use it), but its plural forms are numbered by a C expression that
/// cannot tell 1.5 from 1 the way CLDR does, and it has no named placeholders, which a
/// sentence whose word order changes needs. docs/languages.md describes the format.
public struct MessageCatalogue: Sendable {
    /// The BCP 47 tag the catalogue is for ("en-GB", "pl").
    public let language: String
    /// The language's name in English, for messages to the clinician ("Polish").
    public let name: String
    /// `ltr`, or `rtl` for a right-to-left script.
    public let direction: String
    /// The messages, by key.
    public let messages: [String: CatalogueMessage]

    /// A problem in a catalogue file, with where it is.
    public typealias Problem = WordsFileProblem

    /// The catalogue written in `text` (the file at `path`, for messages), with the problems
    /// found; nil when the file cannot be read as a catalogue at all.
    public static func parse(_ text: String, path: String) -> (catalogue: MessageCatalogue?, problems: [Problem]) {
        var file = WordsFile(text, path: path, shape: "a catalogue is a mapping with `language`, `name`, `direction` and `messages`")
        guard let root = file.root, let top = file.top else { return (nil, file.problems) }
        func problem(_ node: YAMLNode, _ message: String) { file.problem(node, message) }
        var language: String?
        var name = ""
        var direction = "ltr"
        var messages: [String: CatalogueMessage] = [:]
        for pair in top {
            guard let key = pair.key.scalar else { continue }
            switch key {
            case "language": language = pair.value.scalar
            case "name": name = pair.value.scalar ?? ""
            case "direction":
                direction = pair.value.scalar ?? ""
                if direction != "ltr" && direction != "rtl" { problem(pair.value, "`direction` is `ltr` or `rtl`") }
            case "messages":
                guard case .mapping(let entries) = pair.value.content else {
                    problem(pair.value, "`messages` is a mapping from keys to texts")
                    continue
                }
                for entry in entries {
                    guard let id = entry.key.scalar else { continue }
                    switch entry.value.content {
                    case .scalar(let text, _):
                        messages[id] = .text(text)
                    case .mapping(let forms):
                        var byCategory: [PluralCategory: String] = [:]
                        var exact: [String: String] = [:]
                        for form in forms {
                            guard let label = form.key.scalar, let text = form.value.scalar else {
                                problem(form.value, "a plural form of `\(id)` is a text")
                                continue
                            }
                            if let category = PluralCategory(rawValue: label) {
                                byCategory[category] = text
                            } else if label.hasPrefix("="), let number = Int(label.dropFirst()), number >= 0 {
                                exact[String(number)] = text
                            } else {
                                problem(
                                    form.key,
                                    "`\(label)` is not a plural category (zero, one, two, few, many, other) or an exact number (=2)")
                            }
                        }
                        messages[id] = .plural(forms: byCategory, exact: exact)
                    case .sequence:
                        problem(entry.value, "`\(id)` is a text, or a mapping of plural forms")
                    }
                }
            default:
                problem(pair.key, "unknown key `\(key)`")
            }
        }
        guard let language else {
            problem(root, "the catalogue does not say its `language`")
            return (nil, file.problems)
        }
        return (MessageCatalogue(language: language, name: name, direction: direction, messages: messages), file.problems)
    }

    /// The catalogues shipped in the binary, by tag; read once.
    public static let shipped: [String: MessageCatalogue] = {
        var catalogues: [String: MessageCatalogue] = [:]
        for (tag, text) in EmbeddedCatalogues.files {
            // A shipped catalogue always reads (CatalogueTests): a broken one is left out, and
            // the handout falls back along the chain, rather than stopping an export.
            if let catalogue = parse(text, path: "Catalogues/\(tag).yaml").catalogue { catalogues[tag] = catalogue }
        }
        return catalogues
    }()

    /// The reference catalogue, British English: the one the others are checked against.
    public static let reference = "en-GB"
}
