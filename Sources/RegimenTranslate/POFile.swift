import RegimenDiagnostics

/// One entry of a gettext PO file: a text in the source language (`msgid`), its translation
/// (`msgstr`), the stable path it belongs to (`msgctxt`), and the comments and flags
/// translators' tools keep with it.
public struct POEntry: Sendable, Hashable {
    /// `# ` lines: the translator's own comments, kept as written.
    public var translatorComments: [String] = []
    /// `#.` lines: comments for the translator written by the tool (what the text is for).
    public var extractedComments: [String] = []
    /// `#:` references, such as `programme.yaml:12`, one token each.
    public var references: [String] = []
    /// `#,` flags, such as `fuzzy`, in order.
    public var flags: [String] = []
    /// `#| msgctxt`: the context before the last merge, when it changed.
    public var previousContext: String?
    /// `#| msgid`: the source text the translation was made for, when it has changed since.
    public var previousID: String?
    /// `msgctxt`: for Regimen, the stable path of the text in its YAML file.
    public var context: String?
    /// `msgid`: the source text; empty for the header.
    public var id: String
    /// `msgid_plural`, for the plural entries other tools write (Regimen's texts have none).
    public var idPlural: String?
    /// `msgstr`, or `msgstr[0]`, `msgstr[1]`… for a plural entry; an empty string is untranslated.
    public var strings: [String]
    /// Whether the entry is obsolete (`#~`): kept for the translator, never used.
    public var isObsolete: Bool = false
    /// Where the entry starts (its first line, comments included).
    public var position: SourcePosition = .start
    /// Where its `#,` line with the `fuzzy` flag is, when it has one.
    public var fuzzyPosition: SourcePosition?
    /// Where its `msgctxt` keyword is, when it has one.
    public var contextPosition: SourcePosition?
    /// Where its `msgid` keyword is.
    public var idPosition: SourcePosition = .start
    /// Where its (first) `msgstr` keyword is.
    public var stringPosition: SourcePosition = .start

    /// An entry for `id` in `context`, translated as `translation` (empty: not yet).
    public init(context: String?, id: String, translation: String = "") {
        self.context = context
        self.id = id
        self.strings = [translation]
    }

    /// The translation (`msgstr`, or `msgstr[0]`); empty when untranslated.
    public var translation: String {
        get { strings.first ?? "" }
        set {
            if strings.isEmpty { strings = [newValue] } else { strings[0] = newValue }
        }
    }

    /// Whether this is the header entry (no context, empty `msgid`).
    public var isHeader: Bool { context == nil && id.isEmpty && !isObsolete }

    /// Whether the entry is marked `fuzzy`: a guess the translator has not confirmed.
    public var isFuzzy: Bool {
        get { flags.contains("fuzzy") }
        set {
            if newValue, !isFuzzy { flags.insert("fuzzy", at: 0) }
            if !newValue { flags.removeAll { $0 == "fuzzy" } }
        }
    }

    /// Whether every form of the translation is filled in.
    public var isTranslated: Bool { !strings.isEmpty && strings.allSatisfy { !$0.isEmpty } }
}

/// A gettext PO (or POT) file: the header entry first when there is one, then the entries in
/// the order written, obsolete ones included.
public struct POFile: Sendable, Hashable {
    /// Every entry, the header included, in the order written.
    public var entries: [POEntry]

    /// A file of `entries`.
    public init(entries: [POEntry] = []) {
        self.entries = entries
    }

    /// The header entry (`msgid ""`), when there is one.
    public var header: POEntry? { entries.first(where: \.isHeader) }

    /// The header's fields (`Language: es`…), in order; a line without a colon is skipped.
    public var headerFields: [(name: String, value: String)] {
        guard let header else { return [] }
        return header.translation.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let name = line[..<colon].trimmingCharacters(in: " \t")
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            return (String(name), String(value))
        }
    }

    /// The value of the header field `name` (compared without regard to case).
    public func headerField(_ name: String) -> String? {
        headerFields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The entries that are texts (not the header), obsolete ones included.
    public var messages: [POEntry] { entries.filter { !$0.isHeader } }

    /// The live (not obsolete) entries with a context, by context; the first wins.
    public var byContext: [String: POEntry] {
        var found: [String: POEntry] = [:]
        for entry in entries where !entry.isObsolete && !entry.isHeader {
            guard let context = entry.context, found[context] == nil else { continue }
            found[context] = entry
        }
        return found
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var slice = self
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return slice
    }
}
