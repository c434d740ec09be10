import RegimenDiagnostics
import RegimenTranslate

/// A rule whose findings the translation check reports (`Validator.translationFindings`):
/// registered for its code, description and examples, it checks nothing itself.
public struct TranslationRule: Rule {
    public let descriptor: RuleDescriptor

    /// A translation rule described by `descriptor`.
    public init(_ descriptor: RuleDescriptor) {
        var descriptor = descriptor
        descriptor.stage = .translation
        self.descriptor = descriptor
    }
}

/// The programme and Spanish translation the RG7xx examples share.
enum TranslationExample {
    /// A small programme, with `↓` where `marking` says (nil: none).
    static func programme(marking: String? = nil) -> String {
        var text = """
            regimen: 1
            id: walking-plan
            title: Walking for back pain
            red-flags:
              - Numbness around your genitals or bottom. Call 999.
            exercises:
              walking:
                name: Walking
                steps: [Walk at a comfortable pace]
            phases:
              - id: start
                weeks: 1-4
                items:
                  - use: walking
                    dose: { duration: 10 min }
            """
        if let marking, let range = text.range(of: marking) { text.insert("↓", at: range.lowerBound) }
        return text
    }

    /// The header of `programme.es.po`.
    static let header = """
        msgid ""
        msgstr ""
        "Language: es\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"

        """

    /// The four entries of a complete translation, keyed by path.
    static let entries: [(path: String, id: String, translation: String)] = [
        ("title", "Walking for back pain", "Caminar para el dolor de espalda"),
        (
            "red-flags[0]", "Numbness around your genitals or bottom. Call 999.",
            "Entumecimiento alrededor de los genitales o las nalgas. Llame al 999."
        ),
        ("exercises.walking.name", "Walking", "Caminar"),
        ("exercises.walking.steps[0]", "Walk at a comfortable pace", "Camine a un ritmo cómodo"),
    ]

    /// A Spanish translation: the complete one, with `replacing` entries written as given
    /// (by path; an empty text leaves the entry out) and `adding` after them.
    static func translation(replacing: [String: String] = [:], adding: String = "") -> [String: String] {
        var text = header
        for entry in entries {
            if let replacement = replacing[entry.path] {
                if !replacement.isEmpty { text += "\n" + replacement + "\n" }
                continue
            }
            text += "\nmsgctxt \"\(entry.path)\"\nmsgid \"\(entry.id)\"\nmsgstr \"\(entry.translation)\"\n"
        }
        if !adding.isEmpty { text += "\n" + adding + "\n" }
        return ["programme.es.po": text]
    }
}
