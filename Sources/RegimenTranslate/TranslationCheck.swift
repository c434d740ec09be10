import RegimenDiagnostics

/// Compares a PO file with the texts of the YAML file beside it: what is not translated, what
/// was translated from a text that has changed since, what a translator marked fuzzy, what no
/// longer has a text, and translations whose numbers, placeholders, links or markup differ
/// from their source. Every finding points at both files where both have a place.
public struct TranslationCheck: Sendable {
    /// How many paths a finding about missing translations names before "and N more".
    public var pathsShown: Int

    /// A check that names up to `pathsShown` paths in a finding.
    public init(pathsShown: Int = 5) {
        self.pathsShown = pathsShown
    }

    /// The findings about `po` (shown as `poPath`, in `language`), the translation of the
    /// file shown as `sourcePath` whose texts are `texts`.
    public func check(texts: [TranslatableText], sourcePath: String, po: POFile, poPath: String, language: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let entries = po.byContext
        var missing: [TranslatableText] = []
        let paths = Set(texts.map(\.path))
        for text in texts {
            guard let entry = entries[text.path] else {
                missing.append(text)
                continue
            }
            let poRange = { (position: SourcePosition) in SourceRange(file: poPath, start: position, end: position) }
            if entry.isFuzzy {
                out.append(
                    Diagnostic(
                        code: TranslationCode.fuzzy, severity: .warning,
                        message: "the \(language) translation of `\(text.path)` is marked fuzzy, so handouts show this text untranslated",
                        range: poRange(entry.fuzzyPosition ?? entry.position),
                        help: "check the translation in a translator's tool (Poedit, Lokalize), correct it, and remove the fuzzy mark",
                        notes: [.init("the source text is here", at: text.text.range)]))
                continue
            }
            guard entry.isTranslated else {
                missing.append(text)
                continue
            }
            if entry.id != text.text.value {
                out.append(
                    Diagnostic(
                        code: TranslationCode.stale, severity: .warning,
                        message: "this text has changed since it was translated into \(language), so handouts show it untranslated",
                        range: text.text.range,
                        help:
                            "update the translation of `\(text.path)` in `\(poPath)`; `regimen translate extract -l \(language)` marks it fuzzy with the old text beside it",
                        notes: [.init("the translation was made for this text", at: poRange(entry.idPosition))]))
                continue
            }
            let source = Placeholders.tokens(in: text.text.value)
            let translated = Placeholders.tokens(in: entry.translation)
            if source != translated {
                let lost = source.subtracting(translated).sorted()
                let added = translated.subtracting(source).sorted()
                var parts: [String] = []
                if !lost.isEmpty { parts.append("lacks " + lost.map { "`\($0)`" }.joined(separator: ", ")) }
                if !added.isEmpty { parts.append("has " + added.map { "`\($0)`" }.joined(separator: ", ") + " that the source has not") }
                out.append(
                    Diagnostic(
                        code: TranslationCode.placeholders, severity: .warning,
                        message: "the \(language) translation of `\(text.path)` \(parts.joined(separator: " and "))",
                        range: poRange(entry.stringPosition),
                        help: "numbers, scores such as `3/10`, phone numbers, links and markup must be the same in the translation",
                        notes: [.init("the source text is here", at: text.text.range)]))
            }
        }
        if !missing.isEmpty, let first = missing.first {
            let shown = missing.prefix(pathsShown).map { "`\($0.path)`" }.joined(separator: ", ")
            let more = missing.count > pathsShown ? " and \(missing.count - pathsShown) more" : ""
            let safety = missing.filter(\.kind.isSafety).count
            let safetyNote = safety == 0 ? "" : " (\(safety) of them safety text)"
            let verb = missing.count == 1 ? "has" : "have"
            out.append(
                Diagnostic(
                    code: TranslationCode.missing, severity: .warning,
                    message: "\(missing.count) of \(texts.count) texts \(verb) no \(language) translation\(safetyNote): \(shown)\(more)",
                    range: first.text.range,
                    help:
                        "translate \(missing.count == 1 ? "it" : "them") in `\(poPath)`; `regimen translate extract -l \(language) \(sourcePath)` adds entries for new texts",
                    notes: [.init("the translations are in this file", at: SourceRange(file: poPath, start: .start, end: .start))]))
        }
        for entry in po.entries where !entry.isHeader && !entry.isObsolete {
            guard let context = entry.context else {
                out.append(
                    Diagnostic(
                        code: TranslationCode.orphaned, severity: .warning,
                        message: "this translation has no `msgctxt`, so Regimen cannot tell which text it is for",
                        range: SourceRange(file: poPath, start: entry.idPosition, end: entry.idPosition),
                        help: "Regimen's entries name the text's path in `msgctxt`; `regimen translate extract` writes them"))
                continue
            }
            guard !paths.contains(context) else { continue }
            let at = entry.contextPosition ?? entry.idPosition
            out.append(
                Diagnostic(
                    code: TranslationCode.orphaned, severity: .warning,
                    message: "`\(context)` is no longer a text of `\(sourcePath)`, so this translation is not used",
                    range: SourceRange(file: poPath, start: at, end: SourcePosition(line: at.line, column: at.column + 7)),
                    help: "run `regimen translate extract -l \(language) \(sourcePath)` to keep it as obsolete (`#~`), or delete it"))
        }
        return out
    }
}

/// The parts of a text a translation must keep as they are: numbers (with `/`, `.` or `,`
/// inside, so `3/10`, `1.5` and `999`), `{…}` and `%s`-like placeholders, links, and
/// HTML-looking tags.
public enum Placeholders {
    /// The tokens of `text`, as a multiset (each with its count after the first: `3/10#2`).
    public static func tokens(in text: String) -> Set<String> {
        var found: [String] = []
        let patterns: [Regex<Substring>] = [
            /https?:\/\/[^\s)>\]"]+|www\.[^\s)>\]"]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/,
            /\{[^{}\s]{0,40}\}/,
            /%(?:\([A-Za-z_]+\))?[-+#0]*[0-9]*(?:\.[0-9]+)?[sdifuxXeEgGc@]/,
            /<\/?[A-Za-z][A-Za-z0-9]*[^<>]{0,200}>/,
        ]
        var rest = text
        for pattern in patterns {
            for match in rest.matches(of: pattern) { found.append(String(match.output).trimmingTrailingPunctuation()) }
            rest = rest.replacing(pattern, with: " ")
        }
        for match in rest.matches(of: /[0-9]+(?:[\/.,:][0-9]+)*/) {
            // A decimal comma is a decimal point in the translation's language: 1,5 is 1.5.
            found.append(String(match.output).replacingOccurrences(of: ",", with: "."))
        }
        var counts: [String: Int] = [:]
        var out = Set<String>()
        for token in found {
            counts[token, default: 0] += 1
            let count = counts[token] ?? 1
            out.insert(count == 1 ? token : "\(token)#\(count)")
        }
        return out
    }
}

extension String {
    fileprivate func trimmingTrailingPunctuation() -> String {
        var text = self
        while let last = text.last, ".,;:!?".contains(last) { text.removeLast() }
        return text
    }

    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
