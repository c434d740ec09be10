import RegimenDiagnostics

/// Makes templates (`NAME.pot`) and keeps translations (`NAME.LANG.po`) up to date with the
/// texts of a YAML file, the way msgmerge does: existing translations kept, a translation
/// whose source text changed marked fuzzy with the text it was made for (`#| msgid`), and
/// translations of texts that are gone kept as obsolete (`#~`) at the end.
public struct Extractor: Sendable {
    /// An extractor.
    public init() {}

    /// A header entry for a file of `yamlName`'s texts, in `language` (nil for a template).
    public func header(for yamlName: String, project: String, language: String?) -> POEntry {
        // Empty where only the translator's tool can know (dates, who): msgfmt accepts them so,
        // and the file stays the same from one run to the next.
        var fields = ["Project-Id-Version: \(project)", "PO-Revision-Date: ", "Last-Translator: ", "Language-Team: "]
        fields.append("Language: \(language.map(LanguageTag.normalised) ?? "")")
        fields += [
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
        ]
        if let language { fields.append("Plural-Forms: \(LanguageTag.pluralForms(language))") }
        fields.append("X-Generator: Regimen")
        var entry = POEntry(context: nil, id: "", translation: fields.map { $0 + "\n" }.joined())
        entry.translatorComments =
            language == nil
            ? ["Texts of \(yamlName), to translate (regimen translate extract)."]
            : ["Translation of \(yamlName) (regimen translate extract)."]
        return entry
    }

    /// The entry of one text, referring to `yamlName` at the text's line.
    public func entry(for text: TranslatableText, yamlName: String) -> POEntry {
        var entry = POEntry(context: text.path, id: text.text.value)
        entry.references = ["\(yamlName):\(text.text.range.start.line)"]
        if text.kind.isSafety {
            entry.extractedComments = ["Safety text (\(text.kind.rawValue)): the patient must understand it exactly."]
        }
        return entry
    }

    /// The template of `texts`.
    public func template(_ texts: [TranslatableText], yamlName: String, project: String) -> POFile {
        POFile(entries: [header(for: yamlName, project: project, language: nil)] + texts.map { entry(for: $0, yamlName: yamlName) })
    }

    /// `existing` (or, when nil, a new file in `language`) brought up to date with `texts`.
    public func merge(_ existing: POFile?, texts: [TranslatableText], yamlName: String, project: String, language: String?) -> POFile {
        guard let existing else {
            var file = template(texts, yamlName: yamlName, project: project)
            file.entries[0] = header(for: yamlName, project: project, language: language)
            return file
        }
        var live: [String: Int] = [:]
        var obsolete: [String: Int] = [:]
        for (index, entry) in existing.entries.enumerated() where !entry.isHeader {
            guard let context = entry.context else { continue }
            if entry.isObsolete {
                if obsolete[context] == nil { obsolete[context] = index }
            } else if live[context] == nil {
                live[context] = index
            }
        }
        var used = Set<Int>()
        var entries: [POEntry] = [existing.header ?? header(for: yamlName, project: project, language: language)]
        if let headerIndex = existing.entries.firstIndex(where: \.isHeader) { used.insert(headerIndex) }
        for text in texts {
            var fresh = entry(for: text, yamlName: yamlName)
            guard let index = live[text.path] ?? obsolete[text.path] else {
                entries.append(fresh)
                continue
            }
            used.insert(index)
            let old = existing.entries[index]
            fresh.translatorComments = old.translatorComments
            fresh.flags = old.flags
            fresh.strings = old.strings
            fresh.previousContext = old.previousContext
            fresh.previousID = old.previousID
            if old.id != text.text.value, old.isTranslated {
                // As msgmerge: the translation is kept as a guess, with the text it was made for.
                fresh.isFuzzy = true
                if fresh.previousID == nil { fresh.previousID = old.id }
            } else if old.id == text.text.value, fresh.previousID == old.id {
                fresh.previousID = nil
            }
            if !fresh.isTranslated {
                fresh.isFuzzy = false
                fresh.previousID = nil
            }
            entries.append(fresh)
        }
        // What is gone: kept, obsolete, after the live entries (msgmerge drops their references).
        for (index, old) in existing.entries.enumerated() where !used.contains(index) && !old.isHeader {
            var kept = old
            kept.isObsolete = true
            kept.references = []
            entries.append(kept)
        }
        return POFile(entries: entries)
    }
}
