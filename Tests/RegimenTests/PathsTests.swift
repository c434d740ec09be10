import RegimenLoad
import Testing

/// `Paths.normalise` skips the work for paths that are already normal; it must give what the
/// component-by-component algorithm gives for every path.
@Suite struct PathsTests {
    /// The algorithm, component by component, on the bytes (a path is bytes to the file
    /// system: `/` followed by a combining accent is still a separator).
    static func slow(_ path: String) -> String {
        let absolute = path.utf8.first == UInt8(ascii: "/")
        var parts: [String] = []
        for part in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            let part = String(decoding: part, as: UTF8.self)
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
        // "\u{301}" (a combining accent) makes `/\u{301}` one character: normalise works on bytes.
        let pieces = ["", "/", "a", ".", "..", "...", ".a", "a.", "ab", "é", "/./", "//", "\u{301}"]
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

    /// `Paths.name` is the last component, on the bytes as `normalise` splits them.
    @Test func nameIsTheLastComponent() {
        for path in ["", "/", "//", "a", "/a", "a/", "/a/b.yaml", "a//b//", "/x/é/\u{301}y", "..", "/a/.."] {
            let expected = path.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) } ?? path
            #expect(Paths.name(of: path) == expected, "\(path)")
        }
    }
}
