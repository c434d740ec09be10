import Foundation
import RegimenCompile

/// A plain-text handout: UTF-8, wrapped at 72 columns, red flags first.
public struct TextExporter: Exporter {
    public init() {}
    public let identifier = "text"
    public let fileExtension = "txt"
    public let mediaType = "text/plain; charset=utf-8"
    public let summary = "a plain-text handout for the patient, wrapped at 72 columns"

    public func export(_ plan: Plan, options: ExportOptions) throws(ExportError) -> Data {
        throw ExportError("the text handout is not written yet")
    }
}
