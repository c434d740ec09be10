/// Where a file is, for a report: relative to the repository root when it is inside it (what
/// GitHub, GitLab and SARIF consumers expect), absolute otherwise.
struct ReportPath: Hashable, Sendable {
    /// The path as the run showed it.
    var shown: String
    /// The absolute, normalised path.
    var absolute: String
    /// The path relative to the root, with forward slashes, when the file is inside the root.
    var relative: String?

    /// `shown`, resolved against `workingDirectory`, then made relative to `root`.
    init(shown: String, root: String, workingDirectory: String) {
        self.shown = shown
        let absolute = Self.normalise(shown.hasPrefix("/") ? shown : workingDirectory + "/" + shown)
        self.absolute = absolute
        let base = Self.normalise(root.hasPrefix("/") ? root : workingDirectory + "/" + root)
        if absolute == base {
            relative = nil
        } else if base == "/" {
            relative = String(absolute.dropFirst())
        } else if absolute.hasPrefix(base + "/") {
            relative = String(absolute.dropFirst(base.count + 1))
        } else {
            relative = nil
        }
    }

    /// The path to show in a report: relative to the root when it can be.
    var display: String { relative ?? absolute }

    /// `path` without `.` and `..` components or repeated slashes (an absolute path stays absolute).
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` with every byte outside RFC 3986's unreserved characters (and `/`) percent-encoded.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// A `file://` URI for an absolute path; a directory's ends in `/`.
    static func fileURI(_ absolute: String, directory: Bool = false) -> String {
        let path = normalise(absolute)
        return "file://" + percentEncoded(path) + (directory && path != "/" ? "/" : "")
    }
}
