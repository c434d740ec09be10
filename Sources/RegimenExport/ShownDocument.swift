import Foundation
import RegimenDiagnostics
import RegimenLoad

/// A built-in document as it is handed to a reader (`regimen export`, `regimen preview`), with
/// the hidden characters a plan may carry shown rather than acted on.
public enum ShownDocument {
    /// A built-in handout with hidden characters from the plan (a plan given to `export` is not
    /// checked for RG107) shown as `Visible` shows them: in text every one but line feed and tab;
    /// in JSON as `\uXXXX`; in HTML the control characters (`ControlCharacters`: escapes, bidi
    /// controls), which a page would act on, while zero-width characters and soft hyphens, which
    /// a page may need, stay. A plugin's format is its own.
    public static func shown(_ document: Data, format: String) -> Data {
        let text = String(decoding: document, as: UTF8.self)
        switch format {
        case "text":
            return Data(Visible.lines(text).utf8)
        case "json":
            return Data(Visible.jsonSafe(text).utf8)
        case "html":
            guard text.unicodeScalars.contains(where: { ControlCharacters.isControl($0) && $0 != "\r" }) || text.contains("\r") else {
                return document
            }
            // A template's CR LF line ends stay; a CR on its own would let a terminal overwrite a line.
            let scalars = Array(text.unicodeScalars)
            var out = String.UnicodeScalarView()
            for (index, scalar) in scalars.enumerated() {
                let lineEnd = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
                if ControlCharacters.isControl(scalar), !lineEnd {
                    out.append(contentsOf: Visible.escape(scalar).unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
            return Data(String(out).utf8)
        default:
            return document
        }
    }
}
