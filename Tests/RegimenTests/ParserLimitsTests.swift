import Dispatch
import RegimenDiagnostics
import RegimenLoad
import Synchronization
import Testing

/// libyaml keeps its nesting limit in a C global: it is set once, to the ceiling of `max-depth`,
/// and each parse's own limit is enforced by the tree builder, so that parses on several threads
/// with different limits each get their own answer.
@Suite struct ParserLimitsTests {
    /// `depth` nested flow lists: libyaml's scanner looks ahead through these.
    static func nested(_ depth: Int) -> [UInt8] {
        Array(("key: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n").utf8)
    }

    static func limitFindings(_ bytes: [UInt8], maxDepth: Int) -> [String] {
        var limits = Limits.default
        limits.maxDepth = maxDepth
        var diagnostics = DiagnosticCollector()
        _ = YAMLParser(limits: limits).parse(bytes, path: "nested.yaml", diagnostics: &diagnostics)
        return diagnostics.diagnostics.filter { $0.code == "RG004" }.map(\.message)
    }

    @Test func parsesWithDifferentLimitsOnManyThreadsEachGetTheirOwn() {
        let deep = Self.nested(100)
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            // Even runs allow 200 levels, odd ones 64: the same file passes or fails by its own limit.
            let allowed = index % 2 == 0 ? 200 : 64
            let found = Self.limitFindings(deep, maxDepth: allowed)
            let right = allowed == 200 ? found.isEmpty : found == ["lists and mappings are nested more than 64 deep"]
            if !right { wrong.withLock { $0 += 1 } }
        }
        #expect(wrong.withLock { $0 } == 0)
    }

    @Test func nestingBeyondTheCeilingIsTheLimitNotACrash() throws {
        // Deeper than libyaml's own ceiling, with the highest limit allowed: still a finding.
        let ceiling = try #require(Limits.ceiling("max-depth"))
        let found = Self.limitFindings(Self.nested(ceiling + 50), maxDepth: ceiling)
        #expect(found == ["lists and mappings are nested more than \(ceiling) deep"])
        #expect(Self.limitFindings(Self.nested(ceiling - 2), maxDepth: ceiling).isEmpty)
    }
}
