import Foundation
import RegimenLoad

/// `file:` URIs and the absolute paths they name. Other schemes (an editor's `untitled:`
/// buffers) name no file: the server does not check them.
enum DocumentURI {
    /// The absolute, normalised path a `file:` URI names; nil for other schemes or a URI that
    /// does not decode.
    static func path(_ uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = uri.dropFirst("file://".count)
        // `file://host/path`: only the local host is this machine.
        if !rest.hasPrefix("/") {
            guard let slash = rest.firstIndex(of: "/"), rest[..<slash] == "localhost" else { return nil }
            rest = rest[slash...]
        }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        guard let decoded = String(rest).removingPercentEncoding, !decoded.utf8.contains(0) else { return nil }
        return Paths.normalise(decoded)
    }

    /// The `file:` URI of an absolute path, percent-encoded as editors write them.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]@!$&'()*+,=:")
        return "file://" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)
    }
}
