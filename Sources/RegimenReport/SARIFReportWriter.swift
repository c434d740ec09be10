import Crypto
import Foundation
import RegimenDiagnostics
import RegimenValidate

/// SARIF 2.1.0 (OASIS), as GitHub code scanning and SARIF viewers read it.
///
/// One run; the driver lists the rules that fired (with their documentation links), each result
/// points at them by `ruleIndex`. Files are URIs relative to `%SRCROOT%`, the repository root
/// (a file outside it too, with `..`), and `originalUriBaseIds` describes that base without
/// giving its absolute path: a report holds no path of the machine it was made on, and code
/// scanning resolves the URIs against the repository it belongs to. Each result has a
/// `partialFingerprints` entry (`fingerprintKey`) that survives edits elsewhere in the file.
/// Columns count Unicode scalars (`columnKind: unicodeCodePoints`), and an end column is the
/// column just past the span, as SARIF defines it. Keys are sorted and nothing depends on the
/// time, so the same run gives the same bytes.
public struct SARIFReportWriter: ReportWriter {
    /// The schema the document names (the OASIS schema, with its errata).
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The base id files are relative to.
    public static let sourceRoot = "%SRCROOT%"
    /// The key of Regimen's entry in a result's `partialFingerprints`: a hierarchical name with a
    /// version, as SARIF asks, so that a change of recipe is a new key rather than new values.
    /// (`primaryLocationLineHash` is GitHub's own recipe, which its upload action fills in.)
    public static let fingerprintKey = "regimenFindingHash/v1"
    /// GitHub shows at most this many characters of a rule's short and full descriptions.
    static let descriptionLimit = 1024
    /// Longer regions get no snippet (a hostile file can hold a line of megabytes).
    static let snippetLimit = 1000

    /// A writer.
    public init() {}

    public var format: ReportFormat { .sarif }
    public var fileExtension: String { "sarif" }
    public var mediaType: String { "application/sarif+json" }

    public func render(_ input: ReportInput) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log(input)), let text = String(data: data, encoding: .utf8) else { return "{}\n" }
        // Printable wherever it is shown: hidden characters JSON allows raw become `\uXXXX`.
        return Visible.jsonSafe(text) + "\n"
    }

    /// The SARIF document of `input`.
    func log(_ input: ReportInput) -> SARIF.Log {
        // Artifacts: every file checked, in the order checked, then any other file a finding names.
        var artifactPaths: [ReportPath] = []
        var artifactIndex: [String: Int] = [:]
        func addArtifact(_ shown: String) {
            guard artifactIndex[shown] == nil else { return }
            artifactIndex[shown] = artifactPaths.count
            artifactPaths.append(input.location(of: shown))
        }
        let checked = Set(input.files)
        input.files.forEach(addArtifact)
        let named = input.diagnostics.flatMap { [$0.range.file] + $0.notes.compactMap(\.range?.file) }
        Set(named).subtracting(checked).sorted().forEach(addArtifact)

        let codes = Set(input.diagnostics.map(\.code)).sorted()
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let rules = codes.map { rule($0, input: input) }

        // A result's location names its artifact by index too; an artifact's own location does not.
        func artifactLocation(_ shown: String, indexed: Bool = true) -> SARIF.ArtifactLocation {
            SARIF.ArtifactLocation(
                uri: ReportPath.percentEncoded(input.location(of: shown).fromRoot), uriBaseId: Self.sourceRoot,
                index: indexed ? artifactIndex[shown] : nil)
        }
        func physicalLocation(_ range: SourceRange) -> SARIF.PhysicalLocation {
            SARIF.PhysicalLocation(artifactLocation: artifactLocation(range.file), region: region(range, sources: input.sources))
        }

        var occurrences: [String: Int] = [:]
        let results = input.diagnostics.map { diagnostic in
            var text = Self.escaped(diagnostic.message)
            if let help = diagnostic.help { text += "\nhelp: " + Self.escaped(help) }
            var related: [SARIF.Location] = []
            for note in diagnostic.notes {
                if let range = note.range {
                    related.append(
                        SARIF.Location(
                            id: related.count + 1, physicalLocation: physicalLocation(range), message: SARIF.Message(text: note.message)))
                    text += "\nnote: [\(Self.escaped(note.message))](\(related.count))"
                } else {
                    text += "\nnote: " + Self.escaped(note.message)
                }
            }
            let identity = Self.identity(diagnostic, input: input)
            occurrences[identity, default: 0] += 1
            return SARIF.Result(
                ruleId: diagnostic.code, ruleIndex: ruleIndex[diagnostic.code] ?? 0, level: diagnostic.severity.rawValue,
                message: SARIF.Message(text: text),
                locations: [SARIF.Location(id: nil, physicalLocation: physicalLocation(diagnostic.range), message: nil)],
                relatedLocations: related.isEmpty ? nil : related,
                partialFingerprints: [Self.fingerprintKey: "\(identity):\(occurrences[identity] ?? 1)"])
        }

        let driver = SARIF.Driver(
            name: "regimen", version: input.toolVersion,
            semanticVersion: Self.isSemanticVersion(input.toolVersion) ? input.toolVersion : nil,
            informationUri: Reports.projectURL, rules: rules)
        let notifications = input.inputErrors.map {
            SARIF.Notification(level: "error", message: SARIF.Message(text: Self.withoutRoot($0, input: input)))
        }
        let run = SARIF.Run(
            tool: SARIF.Tool(driver: driver),
            invocations: [
                SARIF.Invocation(
                    executionSuccessful: input.inputErrors.isEmpty,
                    toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
            ],
            originalUriBaseIds: [
                Self.sourceRoot: SARIF.ArtifactLocation(
                    uri: nil, uriBaseId: nil, index: nil,
                    description: SARIF.Message(
                        text: input.repositoryRoot == nil
                            ? "The directory regimen ran in (no repository root was found)."
                            : "The root of the repository checked (`--root`, or the directory holding `.git`)."))
            ],
            artifacts: artifactPaths.map { path in
                SARIF.Artifact(
                    location: artifactLocation(path.shown, indexed: false),
                    roles: checked.contains(path.shown) ? ["analysisTarget"] : nil)
            },
            results: results,
            columnKind: "unicodeCodePoints")
        return SARIF.Log(schema: Self.schemaURI, version: "2.1.0", runs: [run])
    }

    /// What identifies a finding across runs, as a hex digest: its rule, its file (relative to
    /// the root) and the text of the line it starts on with its spaces evened out, never its line
    /// number, so that an edit elsewhere in the file keeps it. A finding about the whole file
    /// (an empty span at its start) takes no line text. The writer adds which occurrence of the
    /// same identity in the run it is (`:1`, `:2`, in presentation order): two findings of one
    /// rule on two identical lines stay apart.
    static func identity(_ diagnostic: Diagnostic, input: ReportInput) -> String {
        let range = diagnostic.range
        var line = ""
        if range != .wholeFile(range.file), let text = input.sources[range.file]?.line(range.start.line) {
            line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let key = [diagnostic.code, input.location(of: range.file).fromRoot, line].joined(separator: "\u{0}")
        return SHA256.hash(data: Array(key.utf8)).prefix(16).map { byte in
            (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
    }

    /// `text` with the repository root's absolute path taken off the paths in it: a path that
    /// could not be read is named as given, which may have been absolute.
    static func withoutRoot(_ text: String, input: ReportInput) -> String {
        let root = input.location(of: input.repositoryRoot ?? input.workingDirectory).absolute
        guard root != "/" else { return text }
        return text.replacingOccurrences(of: root + "/", with: "")
    }

    /// The metadata of the rule with `code`; a code the registry does not know (a plugin's) gets
    /// its id and a short description only.
    func rule(_ code: String, input: ReportInput) -> SARIF.ReportingDescriptor {
        guard let d = input.descriptor(code) else {
            return SARIF.ReportingDescriptor(
                id: code, name: nil, shortDescription: SARIF.Message(text: code), fullDescription: nil, help: nil, helpUri: nil,
                defaultConfiguration: nil)
        }
        let summary = d.summary.prefix(1).uppercased() + d.summary.dropFirst() + "."
        let firstParagraph = d.explanation.components(separatedBy: "\n\n").first ?? d.explanation
        let link = Reports.documentationURL(d, base: input.rulesDocumentationURL)
        return SARIF.ReportingDescriptor(
            id: d.code, name: d.name,
            shortDescription: SARIF.Message(text: Self.limited(summary)),
            fullDescription: SARIF.Message(text: Self.limited(firstParagraph)),
            help: SARIF.Message(text: "\(summary)\n\n\(d.explanation)\n\nExamples and more: \(link)"),
            helpUri: link,
            defaultConfiguration: SARIF.Configuration(level: d.severity.rawValue))
    }

    /// The region of `range`, with the text it covers when that is known and short.
    func region(_ range: SourceRange, sources: SourceMap) -> SARIF.Region {
        let empty = range.end == range.start
        return SARIF.Region(
            startLine: range.start.line, startColumn: range.start.column,
            endLine: empty ? nil : range.end.line, endColumn: empty ? nil : range.end.column,
            snippet: empty ? nil : Self.snippet(range, sources: sources).map(SARIF.Message.init(text:)))
    }

    /// The text from `range.start` up to `range.end`, lines joined with LF.
    static func snippet(_ range: SourceRange, sources: SourceMap) -> String? {
        guard let file = sources[range.file], range.end.line - range.start.line < 50 else { return nil }
        var out = String.UnicodeScalarView()
        var count = 0
        for lineNumber in range.start.line...range.end.line {
            guard let line = file.line(lineNumber) else { return nil }
            let scalars = Array(line.unicodeScalars)
            let from = lineNumber == range.start.line ? range.start.column - 1 : 0
            let to = lineNumber == range.end.line ? range.end.column - 1 : scalars.count
            guard from >= 0, from <= to, to <= scalars.count else { return nil }
            if lineNumber > range.start.line { out.append("\n") }
            out.append(contentsOf: scalars[from..<to])
            count += to - from + 1
            if count > snippetLimit { return nil }
        }
        return out.isEmpty ? nil : String(out)
    }

    /// `text` with its brackets escaped, so that no consumer reads them as an embedded link.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }

    /// `text` cut to GitHub's limit for descriptions, at a word, with an ellipsis.
    static func limited(_ text: String) -> String {
        guard text.count > descriptionLimit else { return text }
        let cut = text.prefix(descriptionLimit - 1)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word + "…"
    }

    /// Whether `version` is a SemVer 2.0 version such as `1.2.3` or `1.2.3-beta.1+build`.
    static func isSemanticVersion(_ version: String) -> Bool {
        version.wholeMatch(of: /(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?/) != nil
    }
}

/// The parts of SARIF 2.1.0 that Regimen writes. Optional properties that are nil are left out.
enum SARIF {
    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var originalUriBaseIds: [String: ArtifactLocation]
        var artifacts: [Artifact]
        var results: [Result]
        var columnKind: String
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String?
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String?
        var shortDescription: Message?
        var fullDescription: Message?
        var help: Message?
        var helpUri: String?
        var defaultConfiguration: Configuration?
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct Message: Encodable {
        var text: String
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
    }

    struct Artifact: Encodable {
        var location: ArtifactLocation
        var roles: [String]?
    }

    struct ArtifactLocation: Encodable {
        var uri: String?
        var uriBaseId: String?
        var index: Int?
        var description: Message? = nil
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int?
        var endColumn: Int?
        var snippet: Message?
    }
}
