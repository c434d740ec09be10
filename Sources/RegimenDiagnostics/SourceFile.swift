import Foundation

/// The text of one source file, split into lines the way libyaml splits them, so that a
/// diagnostic's line and column always find the right excerpt.
public struct SourceFile: Sendable {
    /// The path as shown to the user.
    public let path: String
    /// The lines, without their line breaks, as Unicode scalars.
    public let lines: [String]

    /// Splits `text` into lines at LF, CR LF, CR, NEL, LS and PS (the breaks YAML 1.1 knows).
    /// A leading byte-order mark is not part of line 1.
    public init(path: String, text: String) {
        self.path = path
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var previousWasCR = false
        for scalar in scalars {
            switch scalar {
            case "\n":
                if !previousWasCR { lines.append(String(current)); current = .init() }
                previousWasCR = false
            case "\r":
                lines.append(String(current)); current = .init()
                previousWasCR = true
            case "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(String(current)); current = .init()
                previousWasCR = false
            default:
                current.append(scalar)
                previousWasCR = false
            }
        }
        lines.append(String(current))
        self.lines = lines
    }

    /// The text of 1-based `line`, or nil past the end.
    public func line(_ line: Int) -> String? {
        guard line >= 1, line <= lines.count else { return nil }
        return lines[line - 1]
    }
}

/// The source files a run has read, by the path they are shown under.
public struct SourceMap: Sendable {
    private var files: [String: SourceFile] = [:]

    /// An empty map.
    public init() {}

    /// Adds (or replaces) `file`.
    public mutating func add(_ file: SourceFile) {
        files[file.path] = file
    }

    /// Adds the files of `other`.
    public mutating func merge(_ other: SourceMap) {
        files.merge(other.files) { _, new in new }
    }

    /// The file shown as `path`.
    public subscript(path: String) -> SourceFile? { files[path] }
}
