import Foundation
import RegimenCompile
import RegimenLoad

/// Turns a plan into a document: a handout, a data file, anything. Built-in exporters and
/// plugins go through this same protocol, and are found by `identifier` in an
/// `ExporterRegistry` (`regimen export --format IDENTIFIER`).
public protocol Exporter: Sendable {
    /// The stable name used with `--format`, such as `html`.
    var identifier: String { get }
    /// The extension of the files it writes, without the dot.
    var fileExtension: String { get }
    /// The media type of what it writes, such as `text/html; charset=utf-8`.
    var mediaType: String { get }
    /// One line on what it writes.
    var summary: String { get }
    /// The document for `plan`.
    func export(_ plan: Plan, options: ExportOptions) throws(ExportError) -> Data
}

/// What an exporter may be told besides the plan.
public struct ExportOptions: Sendable {
    /// A replacement template (its text), for exporters that render one (`--template`).
    public var template: String?
    /// Where the template came from, for messages.
    public var templatePath: String?
    /// The directory that relative image paths in the plan are relative to.
    public var planDirectory: String
    /// Reads image files named by relative paths (when `boundary` is nil).
    public var readFile: @Sendable (String) -> Data?
    /// The repository (or directory) the plan's images must be inside: when set, an image path
    /// that leads out of it, by `..` or through a symbolic link, is refused without being read,
    /// and images are read through it rather than with `readFile`.
    public var boundary: RepositoryBoundary?
    /// The paper a printable document is laid out for (`--paper`); nil chooses by the patient's
    /// language region (US Letter in the Americas' Letter countries and the Philippines, else A4).
    public var paper: Paper?

    /// Options with no template, images read from the disk relative to `planDirectory`.
    public init(
        template: String? = nil, templatePath: String? = nil,
        planDirectory: String = FileManager.default.currentDirectoryPath,
        readFile: @escaping @Sendable (String) -> Data? = { FileManager.default.contents(atPath: $0) },
        paper: Paper? = nil, boundary: RepositoryBoundary? = nil
    ) {
        self.boundary = boundary
        self.template = template
        self.templatePath = templatePath
        self.planDirectory = planDirectory
        self.readFile = readFile
        self.paper = paper
    }
}

/// A paper size for printable documents.
public enum Paper: String, Sendable, CaseIterable {
    /// ISO A4, 210 × 297 mm.
    case a4
    /// US Letter, 8.5 × 11 in.
    case letter

    /// Regions (ISO 3166 codes) where US Letter is the usual paper.
    static let letterRegions: Set<String> = ["US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "SV", "NI", "CR", "PA", "DO"]

    /// The usual paper for a BCP 47 language tag such as `en-US` (Letter) or `en-GB` (A4); A4
    /// when the tag names no region.
    public static func usual(forLanguage tag: String?) -> Paper {
        guard let tag else { return .a4 }
        // The region is the first later subtag of two letters or three digits (after any script).
        let subtags = tag.split(separator: "-").dropFirst()
        guard let region = subtags.first(where: { $0.count == 2 || ($0.count == 3 && $0.allSatisfy(\.isNumber)) }) else { return .a4 }
        return letterRegions.contains(region.uppercased()) ? .letter : .a4
    }
}

/// Why an export failed, in the house style (lower-case, no full stop).
public struct ExportError: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// How to fix it, when that can be said.
    public var help: String?
    /// The rule code when the plan itself is at fault in a way a rule names (an image that
    /// leads out of the repository, or is not the picture its extension says: RG213); such an
    /// error is a finding (exit 1), not a usage error.
    public var code: String?

    /// An error saying `message`.
    public init(_ message: String, help: String? = nil, code: String? = nil) {
        self.message = message
        self.help = help
        self.code = code
    }

    public var description: String { message }
}

/// The exporters known to a run, by identifier.
public struct ExporterRegistry: Sendable {
    /// The registered exporters, by identifier order.
    public private(set) var exporters: [any Exporter] = []

    /// An empty registry.
    public init() {}

    /// A registry of `exporters`.
    public init(_ exporters: [any Exporter]) {
        for exporter in exporters { register(exporter) }
    }

    /// Adds `exporter`; one with the same identifier replaces the earlier one.
    public mutating func register(_ exporter: any Exporter) {
        exporters.removeAll { $0.identifier == exporter.identifier }
        exporters.append(exporter)
        exporters.sort { $0.identifier < $1.identifier }
    }

    /// The exporter called `identifier`.
    public func exporter(_ identifier: String) -> (any Exporter)? {
        exporters.first { $0.identifier == identifier }
    }

    /// The identifiers, sorted.
    public var identifiers: [String] { exporters.map(\.identifier) }

    /// The built-in exporters: text, HTML and JSON.
    public static let builtIn = ExporterRegistry([JSONExporter(), TextExporter(), HTMLExporter()])
}

/// The plan itself, as `regimen compile` writes it.
public struct JSONExporter: Exporter {
    public init() {}
    public let identifier = "json"
    public let fileExtension = "json"
    public let mediaType = "application/json"
    public let summary = "the compiled plan (docs/plan.schema.json)"

    public func export(_ plan: Plan, options: ExportOptions) throws(ExportError) -> Data {
        do {
            return try plan.encoded()
        } catch {
            throw ExportError("the plan could not be encoded as JSON")
        }
    }
}
