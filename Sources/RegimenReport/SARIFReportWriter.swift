import Foundation
import RegimenDiagnostics
import RegimenValidate

/// SARIF 2.1.0 (OASIS), as GitHub code scanning and SARIF viewers read it.
///
/// One run; the driver lists the rules that fired (with their documentation links), each result
/// points at them by `ruleIndex`. Files are URIs relative to `%SRCROOT%`, the repository root,
/// which `originalUriBaseIds` resolves. Columns count Unicode scalars (`columnKind:
/// unicodeCodePoints`), and an end column is the column just past the span, as SARIF defines it.
/// Keys are sorted and nothing depends on the time, so the same run gives the same bytes.
public struct SARIFReportWriter: ReportWriter {
    /// The schema the document names (the OASIS schema, with its errata).
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The base id files are relative to.
    public static let sourceRoot = "%SRCROOT%"
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
            let path = input.location(of: shown)
            let index = indexed ? artifactIndex[shown] : nil
            if let relative = path.relative {
                return SARIF.ArtifactLocation(uri: ReportPath.percentEncoded(relative), uriBaseId: Self.sourceRoot, index: index)
            }
            return SARIF.ArtifactLocation(uri: ReportPath.fileURI(path.absolute), uriBaseId: nil, index: index)
        }
        func physicalLocation(_ range: SourceRange) -> SARIF.PhysicalLocation {
            SARIF.PhysicalLocation(artifactLocation: artifactLocation(range.file), region: region(range, sources: input.sources))
        }

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
            return SARIF.Result(
                ruleId: diagnostic.code, ruleIndex: ruleIndex[diagnostic.code] ?? 0, level: diagnostic.severity.rawValue,
                message: SARIF.Message(text: text),
                locations: [SARIF.Location(id: nil, physicalLocation: physicalLocation(diagnostic.range), message: nil)],
                relatedLocations: related.isEmpty ? nil : related)
        }

        let root = input.repositoryRoot ?? input.workingDirectory
        let driver = SARIF.Driver(
            name: "regimen", version: input.toolVersion,
            semanticVersion: Self.isSemanticVersion(input.toolVersion) ? input.toolVersion : nil,
            informationUri: Reports.projectURL, rules: rules)
        let notifications = input.inputErrors.map { SARIF.Notification(level: "error", message: SARIF.Message(text: $0)) }
        let run = SARIF.Run(
            tool: SARIF.Tool(driver: driver),
            invocations: [
                SARIF.Invocation(
                    executionSuccessful: input.inputErrors.isEmpty,
                    toolExecutionNotifications: notifications.isEmpty ? nil : notifications)
            ],
            originalUriBaseIds: [
                Self.sourceRoot: SARIF.ArtifactLocation(
                    uri: ReportPath.fileURI(ReportPath.normalise(root), directory: true), uriBaseId: nil, index: nil)
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
        var uri: String
        var uriBaseId: String?
        var index: Int?
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
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
