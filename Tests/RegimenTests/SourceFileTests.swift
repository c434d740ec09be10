import RegimenDiagnostics
import Testing

/// `SourceFile` splits lines on bytes and searches with memchr; both must agree with the
/// plain definitions.
@Suite struct SourceFileTests {
    @Test(arguments: [
        ("", "regimen-disable", false),
        ("regimen-disable", "regimen-disable", true),
        ("# regimen-disable-next-line RG204: why", "regimen-disable", true),
        ("x: 1\n# regimen-disabl", "regimen-disable", false),
        ("regimen-disablregimen-disable", "regimen-disable", true),
        ("bbbbbbbbbbbbbbbbbbbbbbbbbbbb", "regimen-disable", false),
        ("é regimen-disable é", "regimen-disable", true),
        ("abc", "c", true),
        ("abc", "abcd", false),
    ])
    func containsFindsTheNeedle(_ text: String, _ needle: String, _ expected: Bool) {
        #expect(SourceFile(path: "p.yaml", text: text).contains(needle) == expected)
        #expect(text.contains(needle) == expected)
    }

    @Test func linesSplitAtEveryYAMLBreak() {
        let source = SourceFile(path: "p.yaml", text: "\u{FEFF}a\r\nb\rc\nd\u{85}e\u{2028}f\u{2029}g\n")
        #expect(source.lines == ["a", "b", "c", "d", "e", "f", "g", ""])
        #expect(source.line(0) == nil && source.line(9) == nil && source.line(7) == "g")
        #expect(SourceFile(path: "p.yaml", text: "").lines == [""])
        #expect(SourceFile(path: "p.yaml", text: "a\u{C2}b").lines.count == 1)
    }
}
