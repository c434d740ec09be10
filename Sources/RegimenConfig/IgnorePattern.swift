/// One `ignore:` pattern: a path relative to the configuration's directory, in which `*` matches
/// any characters but `/`, `?` one character but `/`, and `**` as a whole part of the path any
/// number of directories (none included). Every other character stands for itself.
///
/// A pattern matches a path when it matches the whole path or one of the directories the path
/// is in: `drafts` and `drafts/**` both skip everything under `drafts/`. Patterns are anchored at
/// the configuration's directory: `*.draft.yaml` matches only there, `**/*.draft.yaml` anywhere.
public struct IgnorePattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let parts: [Substring]

    /// A pattern from `text`; nil when it is empty, absolute, or climbs out with `..`.
    public init?(_ text: String) {
        var trimmed = Substring(text)
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: true)
        guard !text.hasPrefix("/"), !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else { return nil }
        self.pattern = text
        self.parts = parts
    }

    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) or a directory above it matches.
    public func matches(_ path: String) -> Bool {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        // A match of the pattern against a leading run of the path's components is a directory
        // the path is in (or the path itself).
        return (1...max(1, components.count)).contains { Self.match(parts[...], components[..<$0]) }
    }

    /// Matches pattern parts against path components, `**` spanning any number of them.
    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            // Try every number of components for `**` to stand for, fewest first.
            return (path.startIndex...path.endIndex).contains { match(rest, path[$0...]) }
        }
        guard let component = path.first, matchComponent(Array(first.unicodeScalars), Array(component.unicodeScalars)) else {
            return false
        }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// Matches one path component against a pattern part of literal characters, `*` and `?`.
    /// The usual two-pointer wildcard match: linear in practice, never exponential.
    private static func matchComponent(_ pattern: [Unicode.Scalar], _ text: [Unicode.Scalar]) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t], pattern[p] != "*" {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
