import RegimenLoad
import Testing

/// `Paths.normalise` skips the work for paths that are already normal; it must give what the
/// component-by-component algorithm gives for every path.
@Suite struct PathsTests {
    /// The algorithm, component by component (what `normalise` did before its fast path).
    static func slow(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append(part) }
            default: parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    @Test func normaliseAgreesWithTheSlowAlgorithm() {
        let pieces = ["", "/", "a", ".", "..", "...", ".a", "a.", "ab", "é", "/./", "//"]
        var checked = 0
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in ["", "/", "x"] {
                        let path = a + "/" + b + c + d
                        #expect(Paths.normalise(path) == Self.slow(path), "\(path)")
                        #expect(Paths.normalise(a + b + c) == Self.slow(a + b + c), "\(a + b + c)")
                        checked += 2
                    }
                }
            }
        }
        #expect(checked > 10_000)
        for path in ["/", ".", "a", "/a/b", "a/b/c.yaml", "/x/../y", "a/./b", "a//b", "a/", "", "..", "../a"] {
            #expect(Paths.normalise(path) == Self.slow(path), "\(path)")
        }
    }
}
