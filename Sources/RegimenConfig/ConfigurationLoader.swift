import Foundation
import RegimenDiagnostics
import RegimenFormat
import RegimenLoad
import RegimenValidate
import RegimenVocabulary

/// Finds and reads `.regimen.yml` files. Every problem in a file is reported (RG501, or the
/// YAML codes for a file that is not well-formed YAML), and what can be read still applies.
public struct ConfigurationLoader: Sendable {
    /// Where files come from.
    public var fileSystem: any FileSystem
    /// The rules that `rules:` may name.
    public var registry: RuleRegistry
    /// The repository root that library paths must stay inside; found from each file when nil
    /// (the nearest directory above it that holds `.git`, else its own directory).
    public var root: String?

    /// A loader of configuration files from `fileSystem`, checking rule names against `registry`.
    public init(fileSystem: any FileSystem = DiskFileSystem(), registry: RuleRegistry = .builtIn, root: String? = nil) {
        self.fileSystem = fileSystem
        self.registry = registry
        self.root = root
    }

    /// A configuration file, read.
    public struct Loaded: Sendable {
        /// What could be read (as much as could be, when there were problems).
        public var configuration: Configuration
        /// Problems in the file.
        public var diagnostics: [Diagnostic]
        /// The text, for excerpts.
        public var source: SourceFile?
        /// The text of the vocabulary files it names, for excerpts.
        public var vocabularySources: [SourceFile] = []
        /// Why the file could not be read at all (a usage problem, not a finding), if it could not.
        public var inputError: String?
        /// The names `rules:` gives that no rule in the registry has (each reported as RG501), as
        /// written. A command that reads the configuration without the plugins' rules registered
        /// can tell from this whether they might be plugin rules, and read it again with them.
        public var unknownRules: [String] = []
    }

    /// The nearest `.regimen.yml` in the directory of `path` (or `path` itself, when it is a
    /// directory) or any directory above it, up to the filesystem root; absolute, or nil.
    public func discover(for path: String) -> String? {
        let absolute = Paths.join(fileSystem.currentDirectory, path)
        return discover(inDirectory: fileSystem.kind(of: absolute) == .directory ? absolute : Paths.directory(of: absolute))
    }

    /// The nearest `.regimen.yml` in the directory `directory` (absolute) or any directory
    /// above it; absolute, or nil.
    public func discover(inDirectory directory: String) -> String? {
        var directory = directory
        while true {
            let candidate = directory == "/" ? "/" + Configuration.fileName : directory + "/" + Configuration.fileName
            // A link is found whatever it leads to, so that one leading out is reported, not passed over.
            if let kind = fileSystem.kind(of: candidate), kind == .file || fileSystem.isSymlink(candidate) { return candidate }
            if directory == "/" { return nil }
            directory = Paths.directory(of: directory)
        }
    }

    /// The configuration files (absolute) that apply to `paths`, each once, in the order met:
    /// the nearest `.regimen.yml` of each path and, when `walker` is given, of each directory
    /// under a directory among them that holds YAML files (`regimen validate DIR` reads each
    /// file under its own).
    public func files(for paths: [String], walker: Loader? = nil) -> [String] {
        var files: [String] = []
        var directories = Set<String>()
        for path in paths {
            let absolute = Paths.join(fileSystem.currentDirectory, path)
            // Files in one directory share a configuration: look once per directory.
            var found = [absolute]
            if let walker, fileSystem.kind(of: absolute) == .directory {
                found += walker.yamlFiles(under: absolute).map(Paths.directory(of:))
            }
            for directory in found where directories.insert(directory).inserted {
                if let file = discover(for: directory), !files.contains(file) { files.append(file) }
            }
        }
        return files
    }

    /// The configuration that applies to the file at `path`, found as `regimen validate` finds
    /// it: the file at `explicitPath` (`--config PATH`) when given, else the nearest
    /// `.regimen.yml` above `path` (see `discover(for:)`); nil when there is none. An explicit
    /// path that names no file is `Loaded.inputError`, as with `load(_:)`.
    public func configuration(for path: String, explicitPath: String? = nil) -> Loaded? {
        if let explicitPath { return load(explicitPath) }
        return discover(for: path).map(load)
    }

    /// Reads the configuration file at `path` (absolute, or relative to the current directory).
    public func load(_ path: String) -> Loaded {
        let absolute = Paths.join(fileSystem.currentDirectory, path)
        let shown = absolute == fileSystem.currentDirectory ? "." : Paths.relative(absolute, to: fileSystem.currentDirectory)
        let empty = Configuration(directory: Paths.directory(of: absolute), path: shown)
        // A `.regimen.yml` that links out of its repository is not opened: a finding says where it leads.
        let boundary = RepositoryBoundary.enclosing(absolute, root: root, fileSystem: fileSystem)
        if case .outside(let refusal) = boundary.check(absolute) {
            return Loaded(configuration: empty, diagnostics: [RepositoryBoundary.diagnostic(refusal, shownPath: shown, shown: self.shown)])
        }
        switch fileSystem.kind(of: absolute) {
        case .file: break
        case .directory:
            return Loaded(configuration: empty, diagnostics: [], inputError: "\(path): is a directory, not a configuration file")
        case nil: return Loaded(configuration: empty, diagnostics: [], inputError: "\(path): no such configuration file")
        }
        let bytes: [UInt8]
        do {
            bytes = try boundary.read(absolute, limit: Limits.default.maxFileBytes)
        } catch .outside(let refusal) {
            let diagnostic = RepositoryBoundary.diagnostic(refusal, shownPath: shown, shown: self.shown)
            return Loaded(configuration: empty, diagnostics: [diagnostic])
        } catch {
            return Loaded(configuration: empty, diagnostics: [], inputError: "\(shown): cannot be read")
        }
        return decode(bytes, path: shown, absolutePath: absolute)
    }

    /// Reads configuration text, shown as `path`, of a file at `absolutePath`.
    public func decode(_ bytes: [UInt8], path: String, absolutePath: String) -> Loaded {
        var collector = DiagnosticCollector()
        let parsed = YAMLParser().parse(bytes, path: path, diagnostics: &collector)
        let directory = Paths.directory(of: absolutePath)
        var reader = ConfigurationReader(
            path: path, directory: directory, root: repositoryRoot(for: directory), fileSystem: fileSystem, registry: registry)
        // The parser words an empty file for programmes; say it for a configuration.
        let diagnostics = collector.diagnostics.map { diagnostic in
            guard diagnostic.code == LoadCode.empty else { return diagnostic }
            return reader.diagnostic(
                "configuration is empty", at: diagnostic.range, help: "start it with `regimen-config: \(Configuration.version)`")
        }
        var configuration = Configuration(directory: directory, path: path)
        if let root = parsed.root { reader.read(root, into: &configuration) }
        return Loaded(
            configuration: configuration, diagnostics: diagnostics + reader.diagnostics + reader.vocabularyDiagnostics,
            source: parsed.source, vocabularySources: reader.vocabularySources, unknownRules: reader.unknownRules)
    }

    /// `absolute` as shown: relative to the current directory when inside it.
    func shown(_ absolute: String) -> String {
        absolute == fileSystem.currentDirectory ? "." : Paths.relative(absolute, to: fileSystem.currentDirectory)
    }

    /// The repository root for a configuration in `directory`.
    func repositoryRoot(for directory: String) -> String {
        if let root { return Paths.join(fileSystem.currentDirectory, root) }
        return RepositoryBoundary.repositoryRoot(from: directory, fileSystem: fileSystem)
    }
}

/// The keys of `.regimen.yml`, for messages, suggestions and the docs test.
public enum ConfigurationKeys {
    /// Each key with what it holds, in the order the docs list them.
    public static let all: [(name: String, summary: String)] = [
        ("regimen-config", "the configuration format's version: 1"),
        ("rules", "rules by code or name, each `off`, `error`, `warning` or `note`"),
        ("plugin-paths", "plugin files or directories, relative to this file"),
        ("library-paths", "directories searched for library files that are not beside the programme, relative to this file"),
        ("ignore", "patterns of files that directory walks skip, relative to this file"),
        ("session-size-limit", "the number of exercises in one session above which RG209 warns"),
        ("limits", "limits by name (see docs/limits.md)"),
        ("vocabulary", "the clinic's vocabulary files (conditions, movements, synonyms), relative to this file (see docs/vocabulary.md)"),
        ("preview", "settings for previews and editors: `patient`, a patient profile to screen against, relative to this file"),
    ]

    /// The key names.
    public static var names: [String] { all.map(\.name) }
}

/// Typed reads of a configuration's YAML, worded as the programme loader words them.
struct ConfigurationReader {
    let path: String
    let directory: String
    let root: String
    let fileSystem: any FileSystem
    let registry: RuleRegistry
    var diagnostics: [Diagnostic] = []
    /// The names `rules:` gives that the registry has no rule for.
    var unknownRules: [String] = []
    /// Findings in the vocabulary files `vocabulary:` names.
    var vocabularyDiagnostics: [Diagnostic] = []
    /// The text of the vocabulary files, for excerpts.
    var vocabularySources: [SourceFile] = []

    static let code = LoadStageRule.invalidConfiguration.descriptor.code

    func diagnostic(_ message: String, at range: SourceRange, help: String?, notes: [Diagnostic.Note] = []) -> Diagnostic {
        Diagnostic(
            code: Self.code, severity: .error, message: message, range: range, help: help, notes: notes,
            origin: LoadStageRule.invalidConfiguration.descriptor.name)
    }

    mutating func report(_ message: String, at range: SourceRange, help: String? = nil, notes: [Diagnostic.Note] = [], fix: Fix? = nil) {
        var found = diagnostic(message, at: range, help: help, notes: notes)
        found.fix = fix
        diagnostics.append(found)
    }

    /// A range covering the first line of `node` only.
    static func head(of node: YAMLNode) -> SourceRange {
        var range = node.range
        if range.end.line != range.start.line {
            range.end = SourcePosition(line: range.start.line, column: range.start.column + 1)
        }
        return range
    }

    // MARK: The file

    mutating func read(_ root: YAMLNode, into configuration: inout Configuration) {
        guard
            let pairs = mapping(root, what: "the configuration", help: "write it as `key: value` lines, starting with `regimen-config: 1`")
        else { return }
        var values: [String: YAMLPair] = [:]
        for pair in pairs {
            guard let name = key(pair.key) else { continue }
            guard ConfigurationKeys.names.contains(name) else {
                let suggestion = Suggestions.closest(to: name, in: ConfigurationKeys.names)
                report(
                    "unknown key `\(name)` in the configuration", at: pair.key.range,
                    help: suggestion.map { "did you mean `\($0)`?" }
                        ?? "the configuration takes: " + ConfigurationKeys.names.map { "`\($0)`" }.joined(separator: ", "),
                    fix: suggestion.map { Fix.replacement(pair.key.range, with: $0) })
                continue
            }
            values[name] = pair
        }
        guard let versionPair = values["regimen-config"] else {
            report(
                "missing required key `regimen-config` in the configuration", at: Self.head(of: root),
                help: "add `regimen-config: \(Configuration.version)` (the configuration format's version)")
            return readSettings(values, into: &configuration)
        }
        guard let version = integer(versionPair.value, what: "a configuration version") else {
            return readSettings(values, into: &configuration)
        }
        guard version.value == Configuration.version else {
            // A later format may mean other things by the same keys: read none of them.
            report(
                "configuration version \(version.value) is not supported", at: version.range,
                help: "this Regimen reads `regimen-config: \(Configuration.version)`; write that, or update Regimen")
            return
        }
        readSettings(values, into: &configuration)
    }

    private mutating func readSettings(_ values: [String: YAMLPair], into configuration: inout Configuration) {
        // In the order written, so that findings come out in file order.
        for (name, pair) in values.sorted(by: { $0.value.key.range.start < $1.value.key.range.start }) {
            let node = pair.value
            switch name {
            case "rules": configuration.rules = rules(node)
            case "plugin-paths":
                // A repository names its own plugins: only inside it, as for its other files.
                configuration.pluginPaths = paths(node, what: "plugin paths").compactMap { path, text in
                    repositoryPath(path, text, what: "plugin path", kind: nil) ? path : nil
                }
            case "library-paths":
                configuration.libraryPaths = paths(node, what: "library paths").compactMap { path, text in
                    repositoryPath(path, text, what: "library path", kind: .directory) ? path : nil
                }
            case "vocabulary":
                let files = paths(node, what: "vocabulary files").filter { path, text in
                    repositoryPath(path, text, what: "vocabulary file", kind: .file)
                }
                var load = VocabularyLoad(vocabulary: .builtIn)
                for (path, text) in files {
                    let shown = Paths.relative(path, to: fileSystem.currentDirectory)
                    let boundary = RepositoryBoundary(root: root, fileSystem: fileSystem)
                    guard let bytes = try? boundary.read(path, limit: Limits.default.maxFileBytes) else {
                        report("vocabulary file `\(text.value)` cannot be read", at: text.range, help: "check the file's permissions")
                        continue
                    }
                    load.add(bytes: bytes, path: shown, source: shown)
                }
                configuration.vocabularyFiles = files.map(\.0)
                configuration.vocabulary = load.vocabulary
                vocabularyDiagnostics += load.diagnostics
                vocabularySources += load.sources
            case "ignore":
                configuration.ignore = textList(node, what: "ignore patterns").compactMap { text in
                    guard let pattern = IgnorePattern(text.value) else {
                        report(
                            "`\(text.value)` is not an ignore pattern", at: text.range,
                            help: "write a path relative to this file, without `..`, such as `drafts/**` or `**/*.draft.yaml`")
                        return nil
                    }
                    return pattern
                }
            case "session-size-limit":
                guard let value = integer(node, what: "a whole number") else { continue }
                guard value.value >= 1 else {
                    report(
                        "`session-size-limit` must be 1 or more", at: value.range,
                        help: "write the largest number of exercises a session should have, such as `8`")
                    continue
                }
                configuration.sessionSizeLimit = value.value
            case "limits":
                configuration.limits = limits(node)
            case "preview":
                configuration.previewPatient = previewPatient(node)
            default:
                continue
            }
        }
    }

    // MARK: Settings

    /// `preview: { patient: path }`: a profile file inside the repository.
    private mutating func previewPatient(_ node: YAMLNode) -> String? {
        guard let pairs = mapping(node, what: "preview settings", help: "write `preview:` with `patient: path/to/profile.yaml` under it")
        else { return nil }
        var patient: String?
        for pair in pairs {
            guard let name = key(pair.key) else { continue }
            guard name == "patient" else {
                report(
                    "unknown key `\(name)` in `preview`", at: pair.key.range,
                    help: Suggestions.closest(to: name, in: ["patient"]).map { "did you mean `\($0)`?" } ?? "`preview` takes: `patient`")
                continue
            }
            guard let (path, text) = paths(pair.value, what: "patient profiles").first else { continue }
            guard repositoryPath(path, text, what: "patient profile", kind: .file, noun: "patient profiles") else { continue }
            patient = path
        }
        return patient
    }

    private mutating func rules(_ node: YAMLNode) -> [String: Configuration.RuleSetting] {
        guard let pairs = mapping(node, what: "rules", help: "write each rule as `CODE: setting` on its own line, such as `RG209: warning`")
        else { return [:] }
        let known = registry.rules.map(\.descriptor)
        var settings: [String: Configuration.RuleSetting] = [:]
        var firstMention: [String: SourceRange] = [:]
        for pair in pairs {
            guard let name = key(pair.key) else { continue }
            guard let rule = registry.rule(name) else {
                unknownRules.append(name)
                let suggestion = Suggestions.closest(to: name, in: known.map(\.code) + known.map(\.name))
                report(
                    "no rule is called `\(name)`", at: pair.key.range,
                    help: suggestion.map { "did you mean `\($0)`?" } ?? "name a rule by its code or name; `regimen explain` lists them",
                    fix: suggestion.map { Fix.replacement(pair.key.range, with: $0) })
                continue
            }
            let code = rule.descriptor.code
            if let first = firstMention[code] {
                report(
                    "\(code) is set twice", at: pair.key.range, help: "keep one of the settings; the later one is used",
                    notes: [.init("\(code) is first set here", at: first)])
            }
            firstMention[code] = firstMention[code] ?? pair.key.range
            guard let setting = choice(pair.value, what: "rule setting") else { continue }
            settings[code] = setting
        }
        return settings
    }

    private mutating func choice(_ node: YAMLNode, what: String) -> Configuration.RuleSetting? {
        guard case .scalar(let value, _) = node.content, !node.isNull else {
            report(
                "expected a \(what), found \(node.kindDescription)", at: node.range,
                help: "write one of: " + Configuration.RuleSetting.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
            return nil
        }
        if let setting = Configuration.RuleSetting(rawValue: value) { return setting }
        let allowed = Configuration.RuleSetting.allCases.map(\.rawValue)
        let suggestion = Suggestions.closest(to: value, in: allowed)
        report(
            "`\(value.prefix(60))` is not a \(what)", at: node.range,
            help: (suggestion.map { "did you mean `\($0)`? " } ?? "") + "use one of: " + allowed.map { "`\($0)`" }.joined(separator: ", "))
        return nil
    }

    private mutating func limits(_ node: YAMLNode) -> [String: Int] {
        guard let pairs = mapping(node, what: "limits", help: "write each limit as `name: value` on its own line, such as `max-depth: 128`")
        else { return [:] }
        let names = Limits.names.map(\.name)
        var values: [String: Int] = [:]
        for pair in pairs {
            guard let name = key(pair.key) else { continue }
            guard names.contains(name) else {
                report(
                    "unknown limit `\(name)`", at: pair.key.range,
                    help: Suggestions.closest(to: name, in: names).map { "did you mean `\($0)`?" }
                        ?? "the limits are: " + names.map { "`\($0)`" }.joined(separator: ", "))
                continue
            }
            guard let value = integer(pair.value, what: "a whole number") else { continue }
            if let problem = Limits.problem(setting: name, to: value.value) {
                report(
                    "`\(value.value)` is not a value for `\(name)`" + (value.value > 0 ? ": \(problem)" : ""), at: value.range,
                    help:
                        "a limit is a whole number from 1 to its ceiling, \(Limits.ceiling(name) ?? 1) for `\(name)` (see docs/limits.md)"
                )
                continue
            }
            values[name] = value.value
        }
        return values
    }

    /// A path named by the configuration: an existing file or directory (`kind`) inside the
    /// repository, which no symbolic link leads out of.
    /// Whether `path` (written as `text`) is a `kind` (nil: a file or a directory) inside the
    /// repository, by its path and through links; a finding says why not.
    private mutating func repositoryPath(_ path: String, _ text: Text, what: String, kind: FileKind?, noun given: String? = nil) -> Bool {
        let kindNoun =
            switch kind {
            case .directory: "library files"
            case .file: "vocabulary files"
            case nil: "plugins"
            }
        let noun = given ?? kindNoun
        guard Paths.isInside(path, root) else {
            report(
                "\(what) `\(text.value)` leads outside the repository", at: text.range,
                help:
                    "\(noun) must be inside `\(Paths.relativePath(from: directory, to: root))`; copy them in, or point `--root` at the repository"
            )
            return false
        }
        guard let found = fileSystem.kind(of: path) else {
            report("\(what) `\(text.value)` does not exist", at: text.range, help: "check the path; it is relative to this file")
            return false
        }
        if let kind, found != kind {
            if found == .file {
                report("\(what) `\(text.value)` is a file", at: text.range, help: "name the directory that holds library files")
            } else {
                report("\(what) `\(text.value)` is a directory", at: text.range, help: "name each \(noun.dropLast())")
            }
            return false
        }
        guard case .outside(let refusal) = RepositoryBoundary(root: root, fileSystem: fileSystem).check(path) else { return true }
        let link = refusal.link.map {
            "`\(Paths.relative($0, to: fileSystem.currentDirectory))`, a symbolic link to `\(refusal.target)`"
        }
        report(
            "\(what) `\(text.value)` leads outside the repository through \(link ?? "a symbolic link"); it was not read",
            at: text.range, help: "copy the \(noun) in instead of linking to them")
        return false
    }

    /// Paths (one, or a list), resolved against the configuration's directory, with how they are written.
    private mutating func paths(_ node: YAMLNode, what: String) -> [(String, Text)] {
        textList(node, what: what).compactMap { text in
            guard !text.value.hasPrefix("/"), !text.value.hasPrefix("~") else {
                report(
                    "path `\(text.value)` is absolute", at: text.range,
                    help: "write it relative to this file, so that the configuration works in every clone of the repository")
                return nil
            }
            return (Paths.join(directory, text.value), text)
        }
    }

    // MARK: Reading nodes

    private mutating func key(_ node: YAMLNode) -> String? {
        guard let name = node.scalar, !name.isEmpty, !node.isNull else {
            report("keys must be plain text", at: node.range, help: "write the key as a word, such as `rules:`")
            return nil
        }
        return name
    }

    private mutating func mapping(_ node: YAMLNode, what: String, help: String) -> [YAMLPair]? {
        guard case .mapping(let pairs) = node.content else {
            report("expected \(what) (a mapping of keys), found \(node.kindDescription)", at: Self.head(of: node), help: help)
            return nil
        }
        return pairs
    }

    /// One text, or a list of them.
    private mutating func textList(_ node: YAMLNode, what: String) -> [Text] {
        let items: [YAMLNode]
        switch node.content {
        case .sequence(let elements): items = elements
        case .scalar: items = node.isNull ? [] : [node]
        case .mapping:
            report(
                "expected a list of \(what), found a mapping", at: Self.head(of: node),
                help: "start each entry on its own line with `- `, or write `[a, b]`")
            return []
        }
        return items.compactMap { item in
            guard case .scalar(let value, _) = item.content, !item.isNull, !value.isEmpty else {
                report("expected text, found \(item.kindDescription)", at: item.range, help: "write one path or pattern per entry")
                return nil
            }
            return Text(value, at: item.range)
        }
    }

    /// A whole number; numbers too large for 64 bits are reported, never trapped on.
    private mutating func integer(_ node: YAMLNode, what: String) -> Located<Int>? {
        guard case .scalar(let raw, _) = node.content, !node.isNull else {
            report("expected \(what), found \(node.kindDescription)", at: node.range)
            return nil
        }
        let value = raw.trimmingCharacters(in: .whitespaces)
        let digits = value.hasPrefix("-") || value.hasPrefix("+") ? value.dropFirst() : Substring(value)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            report(
                "expected \(what), found `\(raw.prefix(60))`", at: node.range,
                help: Double(value) != nil ? "use a whole number, without a decimal point" : "write digits only, such as `3`")
            return nil
        }
        guard let number = Int(value) else {
            report("number `\(raw.prefix(40))\(raw.count > 40 ? "…" : "")` is too large", at: node.range)
            return nil
        }
        return Located(number, at: node.range)
    }
}
