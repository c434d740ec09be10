import Foundation
import RegimenCompile

/// A printable HTML handout: one self-contained file from a Mustache template.
public struct HTMLExporter: Exporter {
    public init() {}
    public let identifier = "html"
    public let fileExtension = "html"
    public let mediaType = "text/html; charset=utf-8"
    public let summary = "a printable, self-contained HTML handout for the patient"

    public func export(_ plan: Plan, options: ExportOptions) throws(ExportError) -> Data {
        throw ExportError("the HTML handout is not written yet")
    }
}
