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
        self.root = base
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

    /// The path relative to the root even when the file is outside it (`../other/p.yaml`), with
    /// forward slashes: for reports that must hold no absolute path (SARIF).
    var fromRoot: String { relative ?? Self.relativeReference(absolute, from: root) }

    /// The absolute, normalised root the path is relative to.
    private var root: String

    /// `absolute` as a path relative to the directory `base` (both absolute and normalised):
    /// `..` for each component of `base` past the common prefix, then the rest of `absolute`.
    static func relativeReference(_ absolute: String, from base: String) -> String {
        let target = absolute.split(separator: "/")
        let from = base.split(separator: "/")
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

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
}
