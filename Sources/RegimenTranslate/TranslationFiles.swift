import RegimenDiagnostics
import RegimenLoad

/// BCP 47 language tags as translation files use them.
public enum LanguageTag {
    /// The language texts are written in when a file does not say (`language:`).
    public static let defaultSource = "en-GB"

    /// Whether `tag` reads as a language tag (`es`, `es-MX`, `zh-Hant-TW`; `_` accepted as
    /// gettext writes it).
    public static func isValid(_ tag: String) -> Bool {
        tag.wholeMatch(of: /[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*/) != nil
    }

    /// `tag` in its usual form: `-` between subtags, the language in lower case, a region in
    /// upper case (`es_mx` → `es-MX`).
    public static func normalised(_ tag: String) -> String {
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" })
        return parts.enumerated().map { index, part in
            if index == 0 { return part.lowercased() }
            if part.count == 2 { return part.uppercased() }
            if part.count == 4 { return part.prefix(1).uppercased() + part.dropFirst().lowercased() }
            return part.lowercased()
        }.joined(separator: "-")
    }

    /// The languages tried for `tag`, most specific first: `es-MX` → `es-MX`, `es`.
    public static func fallbackChain(_ tag: String) -> [String] {
        var parts = normalised(tag).split(separator: "-").map(String.init)
        var chain: [String] = []
        while !parts.isEmpty {
            chain.append(parts.joined(separator: "-"))
            parts.removeLast()
        }
        return chain
    }

    /// The language subtag of `tag` (`es` for `es-MX`).
    public static func language(of tag: String) -> String {
        normalised(tag).split(separator: "-").first.map(String.init) ?? ""
    }

    /// The `Plural-Forms` header for `tag`, as gettext's documentation gives it; two forms
    /// (`n != 1`) for a language not listed. Regimen's own texts have no plurals; the header
    /// is there for the tools.
    public static func pluralForms(_ tag: String) -> String {
        switch language(of: tag) {
        case "fr", "ln", "oc", "hy": return "nplurals=2; plural=(n > 1);"
        case "pl":
            return "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "ru", "uk", "be", "sr", "hr", "bs":
            return "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
        case "cs", "sk": return "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"
        case "ar":
            return "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
        case "ja", "ko", "zh", "vi", "th", "id", "ms": return "nplurals=1; plural=0;"
        case "ga": return "nplurals=5; plural=(n==1 ? 0 : n==2 ? 1 : n<7 ? 2 : n<11 ? 3 : 4);"
        case "cy": return "nplurals=4; plural=(n==1) ? 0 : (n==2) ? 1 : (n != 8 && n != 11) ? 2 : 3;"
        default: return "nplurals=2; plural=(n != 1);"
        }
    }
}

/// Where the translations of a YAML file live: `NAME.pot` (the template) and `NAME.LANG.po`
/// beside `NAME.yaml`.
public enum TranslationFiles {
    /// The name of `yamlPath` without its directory and its `.yaml` or `.yml`.
    public static func stem(of yamlPath: String) -> String {
        let name = Paths.name(of: yamlPath)
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
        return name
    }

    /// `prefix` joined to `name`: in the same directory as a path that had `prefix` as its own.
    private static func beside(_ yamlPath: String, _ name: String) -> String {
        let directory = Paths.directory(of: yamlPath)
        guard yamlPath.contains("/") else { return name }
        return directory == "/" ? "/" + name : directory + "/" + name
    }

    /// The template beside `yamlPath`: `NAME.pot`.
    public static func templatePath(for yamlPath: String) -> String {
        beside(yamlPath, stem(of: yamlPath) + ".pot")
    }

    /// The translation into `language` beside `yamlPath`: `NAME.LANG.po`.
    public static func translationPath(for yamlPath: String, language: String) -> String {
        beside(yamlPath, stem(of: yamlPath) + "." + LanguageTag.normalised(language) + ".po")
    }

    /// The translations beside `yamlPath` (shown as given; `fileSystem` is asked with the
    /// absolute path), by language, sorted by language. Only plain files count: a link could
    /// lead out of the repository, and its target's lines would be shown in findings.
    public static func translations(besides yamlPath: String, fileSystem: any FileSystem) -> [(language: String, path: String)] {
        let absolute = Paths.join(fileSystem.currentDirectory, yamlPath)
        let prefix = stem(of: yamlPath) + "."
        var found: [(language: String, path: String)] = []
        for entry in fileSystem.entries(of: Paths.directory(of: absolute)) where entry.kind == .file && !entry.isSymlink {
            let name = entry.name
            guard name.hasPrefix(prefix), name.hasSuffix(".po") else { continue }
            let tag = String(name.dropFirst(prefix.count).dropLast(3))
            guard LanguageTag.isValid(tag) else { continue }
            found.append((LanguageTag.normalised(tag), beside(yamlPath, name)))
        }
        return found.sorted { $0.language < $1.language }
    }

    /// The translation into exactly `language` beside `yamlPath`, if there is one (`es-MX`
    /// finds `NAME.es-MX.po` or `NAME.es_MX.po`).
    public static func translation(besides yamlPath: String, language: String, fileSystem: any FileSystem) -> String? {
        let wanted = LanguageTag.normalised(language)
        return translations(besides: yamlPath, fileSystem: fileSystem).first { $0.language == wanted }?.path
    }

    /// Reads and parses the PO file shown as `path`: nil when it cannot be read at all.
    public static func read(_ path: String, fileSystem: any FileSystem, parser: POParser = POParser()) -> (
        result: POParser.Result, source: SourceFile
    )? {
        let absolute = Paths.join(fileSystem.currentDirectory, path)
        guard let bytes = try? fileSystem.read(absolute, limit: parser.limits.maxBytes) else { return nil }
        let result = parser.parse(bytes: bytes, path: path)
        return (result, SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)))
    }
}
